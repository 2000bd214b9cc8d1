"""Dropping repeated paragraphs: scrapers often capture a paragraph twice, or a teaser of it."""

from __future__ import annotations

import re

_NON_WORD = re.compile(r"[^a-z0-9]+")
MIN_WORDS = 8  # shorter lines (headings, names) may legitimately repeat


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def remove_repeated_paragraphs(text: str) -> tuple[str, int]:
    """Keep the first copy of each paragraph line; drop a teaser that the next line continues."""
    lines = text.split("\n")
    normed = [_norm(line.rstrip(". …")) for line in lines]
    seen: set[str] = set()
    kept: list[str] = []
    removed = 0
    for i, line in enumerate(lines):
        key = normed[i]
        long_enough = len(key.split()) >= MIN_WORDS
        if long_enough and key in seen:
            removed += 1
            continue
        nxt = next((n for n in normed[i + 1:] if n), "")
        if long_enough and nxt != key and nxt.startswith(key):
            removed += 1  # a truncated teaser ("... [view full abstract]") of the next paragraph
            continue
        if long_enough:
            seen.add(key)
        kept.append(line)
    return "\n".join(kept), removed
