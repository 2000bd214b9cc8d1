"""Abstracts and repository records: metadata from the page, the abstract kept as text.

Repository pages list their metadata as "Field value" lines (Publication Date, Journal, DOI,
Keywords ...), give a citation block and an author block. Those lines are read for metadata
and kept out of the text; the title and the abstract (structured IMPACT/ABSTRACT parts
included) remain. The title itself is found by pipeline.metadata, like every page's.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.genres.blocks import Block, ParsedPage, numbered
from pipeline.metadata.doi import find_doi
from pipeline.metadata.title_features import prose
from pipeline.sources.fields import parse_loose_date

FIELDS = {
    "journal article type": None, "online publication date": "online_date", "publicly available date": None,
    "publication date": "published", "deposit date": None, "acceptance date": None,
    "journal": "venue", "print issn": None, "electronic issn": None, "publisher": None,
    "peer reviewed": None, "volume": None, "issue": None, "pages": None, "doi": "doi",
    "keywords": "keywords", "public url": None, "publisher url": None, "output type": None,
    "additional information": None, "status": None, "conference name": "venue",
    "book title": "venue", "isbn": None, "issn": None, "files": None, "related outputs": None,
}
_FIELD = re.compile(r"^(?P<name>" + "|".join(sorted((re.escape(f) for f in FIELDS), key=len, reverse=True))
                    + r")(?::|\s)\s*(?P<value>.*)$", re.I)
# "Cluley, Victoria; Radnor, Zoe" — a line of one or more "Family, Given" names
_AUTHOR_LINE = re.compile(r"^[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*"
                          r"(?:; [A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*)*$")
_META_HEADINGS = {"topic area", "session", "paper", "presentation files", "track", "files", "how to cite"}
_HEADINGS = {"abstract", "summary", "citation", "authors", "author", "keywords"} | _META_HEADINGS


def parse(text: str) -> ParsedPage:
    body = Block()
    meta_block = Block(excluded="metadata")
    metadata: dict[str, Any] = {}
    heading: str | None = None
    for number, line in numbered(text):
        stripped = line.strip()
        low = stripped.lower().rstrip(":")
        if low in _HEADINGS:
            heading = low
            target = body if low in ("abstract", "summary") else meta_block
            target.drop(number, line, "heading")
            continue
        field = _FIELD.match(stripped)
        if field and heading not in ("abstract", "summary"):
            _read_field(metadata, field.group("name").lower(), field.group("value").strip())
            meta_block.drop(number, line, "metadata")
            continue
        if stripped and _AUTHOR_LINE.match(stripped) and "authors" not in metadata and heading is None:
            metadata["authors"] = [a.strip() for a in stripped.split(";")]
            metadata["authors_from_line"] = True
            meta_block.drop(number, line, "metadata")
            continue
        if heading in _META_HEADINGS and prose(stripped):
            heading = None  # a session's or track's fields are short lines: a paragraph is the text again
        if heading in ("citation", "authors", "author", "keywords") or heading in _META_HEADINGS:
            if stripped:
                meta_block.drop(number, line, heading)
                if heading in ("authors", "author"):
                    _read_author_block_line(metadata, stripped)
                if heading == "citation" and "doi" not in metadata and find_doi([stripped]):
                    metadata["doi"] = find_doi([stripped])
            if heading == "citation" and stripped:
                heading = "after-citation"  # a citation is one paragraph
            continue
        body.add(number, line)
    if "published" not in metadata and "online_date" in metadata:
        metadata["published"] = metadata["online_date"]
    block_authors = metadata.pop("block_authors", [])
    if "authors" not in metadata and block_authors:
        metadata["authors"] = block_authors
    for key in ("online_date", "authors_from_line"):
        metadata.pop(key, None)
    return ParsedPage([b for b in (body, meta_block) if b.lines], {k: v for k, v in metadata.items() if v})


def _read_field(metadata: dict[str, Any], name: str, value: str) -> None:
    key = FIELDS.get(name)
    if key is None or not value:
        return
    if key in ("published", "online_date"):
        metadata[key] = parse_loose_date(value)
    elif key == "doi":
        metadata["doi"] = find_doi([value])
    elif key == "keywords":
        metadata["keywords"] = [k.strip() for k in value.split(";" if ";" in value else ",") if k.strip()]
    else:
        metadata.setdefault(key, value)


_BLOCK_NAME = re.compile(r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}$")
_AFFILIATION = re.compile(r"^\((?P<name>[^)]{3,200})\)$")


def _read_author_block_line(metadata: dict[str, Any], line: str) -> None:
    """An "Authors" block: "Victoria Cluley" then "(University of Leicester)", repeated."""
    if metadata.get("authors_from_line"):
        return
    affiliation = _AFFILIATION.match(line)
    if affiliation:
        if affiliation.group("name") not in metadata.setdefault("affiliations", []):
            metadata["affiliations"].append(affiliation.group("name"))
    elif _BLOCK_NAME.match(line) and len(metadata.get("block_authors", [])) < 50:
        metadata.setdefault("block_authors", []).append(line)
