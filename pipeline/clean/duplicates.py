"""Finding repeated paragraphs: scrapers often capture a paragraph twice, or a teaser of it."""

from __future__ import annotations

import re

_NON_WORD = re.compile(r"[^a-z0-9]+")
MIN_WORDS = 8  # shorter lines (headings, names) may legitimately repeat


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower().rstrip(". …")).strip()


def repeated_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that repeat an earlier line, or are a truncated teaser of the next one."""
    normed = [_norm(line) for line in lines]
    seen: set[str] = set()
    repeated: set[int] = set()
    for i, key in enumerate(normed):
        if len(key.split()) < MIN_WORDS:
            continue
        if key in seen:
            repeated.add(i)
            continue
        nxt = next((n for n in normed[i + 1:] if n), "")
        if nxt != key and nxt.startswith(key):
            repeated.add(i)  # "... [view full abstract]" teaser of the paragraph that follows
            continue
        seen.add(key)
    return repeated


def _shingles(text: str) -> set[str]:
    words = _norm(text).split()
    return {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}


def contained_lines(lines: list[str], min_words: int = 50, threshold: float = 0.5) -> set[int]:
    """Indexes of long lines whose word triples mostly occur earlier in the same text: a copy
    of the page flattened to lower case without punctuation, run together on one line."""
    seen: set[str] = set()
    contained: set[int] = set()
    for i, line in enumerate(lines):
        shingles = _shingles(line)
        if len(line.split()) >= min_words and shingles and len(shingles & seen) / len(shingles) >= threshold:
            contained.add(i)
            continue
        seen |= shingles
    return contained

