"""Web of Science exports: plain text ('FN ... / PT J / AU ... / ER / EF', read record by
record with rispy's WoS parser) and the tab-delimited table, whose header holds the same
two-letter tags (rows are mapped through rispy's tag names, so both give the same fields).
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.model import IngestError, RawDocument
from pipeline.sources.records import collect, one_tagged_record, year_month

_WOS_END = re.compile(r"^ER\s*$", re.M)


def wos_fields(r: dict[str, Any]) -> dict[str, Any]:
    """The common fields of a Web of Science record keyed by rispy's WoS names (plain text and
    tab-delimited exports use the same two-letter tags)."""
    keywords = [k for field in ("author_keywords", "keywords_plus") for k in str(r.get(field) or "").split(";")]
    return {
        "id": r.get("accession_number"), "title": r.get("document_title"), "abstract": r.get("abstract"),
        "authors": r.get("author_full_name") or r.get("authors") or r.get("group_authors"),
        "year": r.get("publication_year") or r.get("early_access_year"),
        "date": year_month(r.get("publication_year"), r.get("publication_date")), "doi": r.get("doi") or r.get("book_doi"),
        "venue": r.get("publication_name"), "keywords": [k for k in keywords if k.strip()] or None,
    }


def read_wos_plain(text: str, key: str) -> tuple[list[RawDocument], list[IngestError]]:
    """Web of Science plain text ('FN ... / PT J / AU ... / ER / EF'), record by record."""
    import rispy

    chunks = [c for c in _WOS_END.split(text) if c.strip() and re.search(r"^PT ", c, re.M)]

    def records():
        for number, chunk in enumerate(chunks, start=1):
            where = f"{key}:record {number}"
            lines = chunk.strip("\n").split("\n")
            start = next(i for i, line in enumerate(lines) if line.startswith("PT "))
            try:
                record = one_tagged_record("\n".join(lines[start:]) + "\nER\n", "Web of Science text", "PT",
                                           rispy.WokParser)
            except ValueError as exc:
                yield where, exc
                continue
            yield where, wos_fields(record)

    return collect(records(), key)

def wos_row(values: dict[str, Any]) -> dict[str, Any]:
    """A tab-delimited row (tag -> cell) as the fields of a record."""
    from rispy.config import WOK_TAG_KEY_MAPPING

    named = {WOK_TAG_KEY_MAPPING.get(tag, tag): value for tag, value in values.items() if value}
    for name in ("author_full_name", "authors", "group_authors"):
        if name in named:
            named[name] = named[name].split(";")
    return wos_fields(named)
