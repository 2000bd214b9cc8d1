"""PubMed MEDLINE (``.nbib``, "Send to -> Citation manager"): records of tagged lines.

A tag is up to four letters padded to four characters, then '- ' ('PMID- 30514039',
'TI  - ...', 'FAU - ...'); a value goes on in lines indented by six spaces, and a blank line
(or the next 'PMID-') ends the record. The format is this small; the maintained readers of
it come with large toolkits (Biopython) or have not been updated in years (nbib), so it is
read here.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pipeline.model import IngestError, RawDocument
from pipeline.sources.records import collect

_TAG_LINE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]{0,3}) {0,3}- ?(?P<value>.*)$")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_DP = re.compile(r"^(?P<year>\d{4})(?: (?P<month>[A-Za-z]{3})[a-z]*(?:-[A-Za-z]+)?(?: (?P<day>\d{1,2}))?)?")


def parse_records(text: str) -> list[dict[str, list[str]]]:
    """Each record as tag -> its values in order (continuation lines joined with a space)."""
    records: list[dict[str, list[str]]] = []
    record: dict[str, list[str]] | None = None
    last: str | None = None
    for line in text.split("\n"):
        if not line.strip():
            record, last = None, None
            continue
        match = _TAG_LINE.match(line) if not line.startswith(" ") else None
        if match:
            tag = match.group("tag")
            if tag == "PMID" or record is None:
                record = {}
                records.append(record)
            record.setdefault(tag, []).append(match.group("value").strip())
            last = tag
        elif record is not None and last is not None:
            record[last][-1] = f"{record[last][-1]} {line.strip()}".strip()
    return records


def medline_date(value: str | None) -> date | None:
    """'2018 Nov 25', '2019 Jan-Feb', '2018' as a date (month and day when given)."""
    match = _DP.match(value or "")
    if not match:
        return None
    month = _MONTHS.get((match.group("month") or "").lower(), 1)
    try:
        return date(int(match.group("year")), month, int(match.group("day") or 1))
    except ValueError:
        return date(int(match.group("year")), month, 1)


def _doi(record: dict[str, list[str]]) -> str | None:
    for value in record.get("LID", []) + record.get("AID", []):
        if value.endswith("[doi]"):
            return value[: -len("[doi]")].strip()
    return None


def fields(record: dict[str, list[str]]) -> dict[str, Any]:
    one = {tag: values[0] for tag, values in record.items()}
    return {
        "id": one.get("PMID"), "title": one.get("TI") or one.get("BTI") or one.get("TT"),
        "abstract": "\n".join(record.get("AB", [])) or None,
        "authors": record.get("FAU") or record.get("AU") or record.get("CN"),
        "date": medline_date(one.get("DP")) or medline_date(one.get("DEP")), "doi": _doi(record),
        "venue": one.get("JT") or one.get("TA"), "keywords": record.get("OT") or record.get("MH"),
        "url": f"https://pubmed.ncbi.nlm.nih.gov/{one['PMID']}/" if one.get("PMID") else None,
    }


def read_medline(text: str, key: str) -> tuple[list[RawDocument], list[IngestError]]:
    def records():
        for number, record in enumerate(parse_records(text), start=1):
            where = f"{key}:record {number}"
            if "PMID" not in record and "TI" not in record:
                yield where, ValueError("is not a MEDLINE record: no 'PMID-' or 'TI  -' line")
                continue
            yield where, fields(record)

    return collect(records(), key)
