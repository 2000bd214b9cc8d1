"""Plain-text and Markdown scrapes: the text as it is, the first line as the title."""

from __future__ import annotations

import re

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def first_line_title(text: str, max_chars: int = 160) -> str | None:
    """The first non-empty line; a long first line (a post's opening sentence) is shortened."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            if len(line) <= max_chars:
                return line
            cut = line.rfind(" ", 0, max_chars - 1)
            return line[: cut if cut > 0 else max_chars - 1] + "…"
    return None


def markdown_to_text(text: str) -> str:
    """Keep the words of Markdown, drop its markup (links keep their text)."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)
