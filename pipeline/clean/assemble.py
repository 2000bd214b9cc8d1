"""Turning a parsed page into the cleaned text, its segments and the record of what was removed.

Every raw line ends up either in the cleaned text or in an ExcludedSpan with its reason
(the genre parser's structure lines, page chrome, keyword spam, contact details, separator
rules and encoded data, repeats), so nothing is lost
silently. Blocks become segments separated by a blank line.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.clean.boilerplate import clean_line, is_chrome, is_keyword_spam
from pipeline.clean.contact import not_writing
from pipeline.clean.duplicates import contained_lines, repeated_lines
from pipeline.clean.long_lines import LONG_LINE_CHARS, paragraphs
from pipeline.genres.blocks import Block
from pipeline.model import ExcludedSpan, Segment


# A line this long, left whole after long prose lines are cut into paragraphs, is not prose:
# minified script, an inlined data blob, a base64 image.
MAX_LINE_CHARS = 100_000


def _with_paragraphs(block: Block) -> Block:
    """The block with each long prose line cut into paragraphs (all under the line's number)."""
    if all(len(line) <= LONG_LINE_CHARS for _, line in block.lines):
        return block
    lines = [(number, piece) for number, line in block.lines
             for piece in ([line] if number in block.dropped else paragraphs(line))]
    return replace(block, lines=lines)


def _reason(block: Block, number: int, line: str, repeated: bool) -> str | None:
    if number in block.dropped:
        return block.dropped[number]
    if len(line) > MAX_LINE_CHARS:
        return "overlong-line"
    if is_chrome(line):
        return "boilerplate"
    if is_keyword_spam(line):
        return "keyword-spam"
    not_prose = not_writing(line)
    if not_prose:
        return not_prose
    if repeated:
        return "repeated"
    return None


def assemble(blocks: list[Block]) -> tuple[str, tuple[Segment, ...], tuple[ExcludedSpan, ...],
                                           tuple[tuple[int, int, int], ...]]:
    """(cleaned text, segments, excluded lines, kept lines as (line number, start, end))."""
    blocks = [_with_paragraphs(block) for block in blocks]
    all_lines = [(block, number, line) for block in blocks for number, line in block.lines]
    # Only lines that stay in the text can repeat one another (a chrome line is not "original").
    candidates = [clean_line(line) if not (n in b.dropped or len(line) > MAX_LINE_CHARS or is_chrome(line))
                  else "" for b, n, line in all_lines]
    repeated = repeated_lines(candidates) | contained_lines(candidates)
    excluded: list[ExcludedSpan] = []
    parts: list[str] = []
    segments: list[Segment] = []
    kept_lines: list[tuple[int, int, int]] = []
    offset = 0
    index = 0
    for block in blocks:
        kept: list[tuple[int, str]] = []
        for number, line in block.lines:
            reason = _reason(block, number, line, index in repeated)
            index += 1
            if reason:
                if line.strip():
                    excluded.append(ExcludedSpan(number, line.strip()[:2000], reason))
                continue
            line = clean_line(line).strip()
            if line:
                kept.append((number, line))
            elif kept and kept[-1][1]:
                kept.append((0, ""))
        while kept and not kept[-1][1]:
            kept.pop()
        if not kept:
            continue
        if parts:
            offset += 2  # the blank line between segments
        start = offset
        for number, line in kept:
            if number:
                kept_lines.append((number, offset, offset + len(line)))
            offset += len(line) + 1
        offset -= 1
        block_text = "\n".join(line for _, line in kept)
        segments.append(Segment(start, offset, post_index=block.post_index, author=block.author,
                                replies_to=block.replies_to, section=block.section, excluded=block.excluded))
        parts.append(block_text)
    return "\n\n".join(parts), tuple(segments), tuple(excluded), tuple(kept_lines)
