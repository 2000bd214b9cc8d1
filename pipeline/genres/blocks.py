"""What a genre parser returns: the page's lines grouped into blocks, plus metadata it found.

A block is a run of raw lines that share attributes (one forum post, one encyclopedia section,
a reference list). Lines a parser consumes as structure (a "Reply by X on ..." header, a
signature, a metadata field) are marked with the reason they leave the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pipeline.clean.boilerplate import is_chrome


@dataclass
class Block:
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, raw text)
    post_index: int | None = None
    author: str | None = None
    replies_to: str | None = None
    published: date | None = None  # a post's own absolute date, when its header shows one
    section: str | None = None
    excluded: str | None = None
    dropped: dict[int, str] = field(default_factory=dict)  # line number -> reason

    def add(self, number: int, line: str) -> None:
        self.lines.append((number, line))

    def drop(self, number: int, line: str, reason: str) -> None:
        self.lines.append((number, line))
        self.dropped[number] = reason

    @property
    def has_text(self) -> bool:
        return any(line.strip() and n not in self.dropped for n, line in self.lines)


@dataclass
class ParsedPage:
    blocks: list[Block]
    metadata: dict[str, Any] = field(default_factory=dict)


def title_above(block: Block) -> str | None:
    """The nearest line above the current end of the block that reads like a title (the
    line a page prints just before its byline or its first post header)."""
    for number, line in reversed(block.lines):
        text = line.strip()
        if text and number not in block.dropped and not is_chrome(text) and len(text.split()) >= 2:
            return text
    return None


def drop_masthead(block: Block, title: str | None) -> set[str]:
    """Mark the lines above a page's title (site name, tagline, menus) as masthead; return
    their texts so that a repeat of them further down (in the footer) can be dropped too."""
    if not title:
        return set()
    masthead: set[str] = set()
    for number, line in block.lines:
        text = line.strip()
        if text == title:
            break
        if text and number not in block.dropped:
            block.dropped[number] = "masthead"
            masthead.add(text)
    return masthead


def numbered(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.split("\n"), start=1))


def single_block(text: str) -> ParsedPage:
    """The parser for genres without structure of their own: the whole page is one block."""
    return ParsedPage([Block(lines=numbered(text))])
