"""Encyclopedia pages: sections from their headings; reference-like sections set apart.

Headings are found by the " edit" link that scraped wiki pages leave after each heading, or
by a short line that names a known closing section ("References", "See also", ...). Passages
keep their section name; Notes, References, Bibliography, See also, External links and
Further reading are kept in the database but excluded from theme modelling.
"""

from __future__ import annotations

import re

from pipeline.genres.blocks import Block, ParsedPage, numbered
from pipeline.sources.fields import parse_loose_date

_EDIT_HEADING = re.compile(r"^(?P<name>\S.{0,80}?)\s+edit$")
REFERENCE_SECTIONS = ("notes", "references", "bibliography", "see also", "external links",
                      "further reading", "sources", "citations", "footnotes", "works cited", "resources")
_TOC_ENTRY = re.compile(r"^\d+(?:\.\d+)*\s+\S")


def _heading(line: str) -> str | None:
    text = line.strip()
    match = _EDIT_HEADING.match(text)
    if match and len(text.split()) <= 9:
        return match.group("name")
    if text.lower() in REFERENCE_SECTIONS:
        return text
    return None


def is_reference_section(name: str) -> bool:
    low = name.lower()
    return any(low == r or low.endswith(" " + r) or low.startswith(r) for r in REFERENCE_SECTIONS)


_LAST_EDITED = re.compile(r"^this page was last (?:edited|modified) on (?P<when>.+)$", re.I)


def parse(text: str) -> ParsedPage:
    blocks = [Block()]
    metadata: dict = {}
    in_contents = False
    for number, line in numbered(text):
        stripped = line.strip()
        if stripped.lower() == "contents" and not metadata.get("seen_heading"):
            in_contents = True  # the table of contents: numbered section names
            blocks[-1].drop(number, line, "navigation")
            continue
        if in_contents:
            if not stripped or _TOC_ENTRY.match(stripped):
                if stripped:
                    blocks[-1].drop(number, line, "navigation")
                continue
            in_contents = False
        edited = _LAST_EDITED.match(stripped)
        if edited:
            metadata["published"] = parse_loose_date(edited.group("when"))
            blocks[-1].drop(number, line, "metadata")
            continue
        name = _heading(line)
        if name is None:
            blocks[-1].add(number, line)
            continue
        metadata["seen_heading"] = True
        block = Block(section=name, excluded="references" if is_reference_section(name) else None)
        block.add(number, name)  # the heading stays, without its " edit" link, as context
        blocks.append(block)
    metadata.pop("seen_heading", None)
    return ParsedPage([b for b in blocks if b.lines], {k: v for k, v in metadata.items() if v})
