"""Parsing the metadata fields that every source format shares (dates, author lists, DOIs)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

def parse_date(value: Any) -> date | None:
    """ISO dates and their prefixes: '2021-05-04', '2021-05', '2021', or a date object; RIS
    writes '/' between the parts ('2021/02/01/', '2019///')."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = re.match(r"^(\d{4})(?:[-/](\d{1,2}))?(?:[-/](\d{1,2}))?", text)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "1", match.group(3) or "1"
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_list(value: Any) -> tuple[str, ...]:
    """A list of strings (names, keywords), or one string separated by ";" (bibliographic style)."""
    if value is None:
        return ()
    if isinstance(value, str):
        parts = value.split(";")
    elif isinstance(value, (list, tuple)):
        parts = [str(v) for v in value]
    else:
        return ()
    return tuple(" ".join(p.split()) for p in parts if p and p.strip())


def parse_doi(value: Any) -> str | None:
    """The bare DOI ('10.x/y'), lower-cased, from a DOI, a doi.org URL or None."""
    if not value:
        return None
    from pipeline.metadata.doi import find_doi  # one DOI reader for exports and pages alike

    return find_doi([str(value)])


def optional_text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def parse_loose_date(value: Any) -> date | None:
    """ISO dates, and the forms pages print ('Oct 3, 2021', '3 October 2021', '9 januari 2024'),
    read by the page-metadata date reader so that every parser reads dates one way."""
    iso = parse_date(value)
    if iso or value is None:
        return iso
    from pipeline.metadata.dates import parse_date_text

    found = parse_date_text(str(value))
    return found.value if found else None
