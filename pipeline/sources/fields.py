"""Parsing the metadata fields that every source format shares (dates, author lists, DOIs)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)


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
    match = _DOI.search(str(value))
    return match.group(1).rstrip(".,;").lower() if match else None


def optional_text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH_DAY_YEAR = re.compile(r"\b(?P<month>[A-Za-z]{3,9})\.? (?P<day>\d{1,2}),? (?P<year>\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(?P<day>\d{1,2}) (?P<month>[A-Za-z]{3,9})\.?,? (?P<year>\d{4})\b")


def parse_loose_date(value: Any) -> date | None:
    """ISO dates, and the forms pages print: 'Oct 3, 2021', '3 October 2021', '15 october 2015'."""
    iso = parse_date(value)
    if iso or value is None:
        return iso
    text = str(value)
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        match = pattern.search(text)
        if match and match.group("month")[:3].lower() in _MONTHS:
            try:
                return date(int(match.group("year")), _MONTHS[match.group("month")[:3].lower()],
                            int(match.group("day")))
            except ValueError:
                continue
    return None
