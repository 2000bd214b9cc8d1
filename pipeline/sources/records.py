"""One bibliographic record (a dict of fields any export reader picked out) as a RawDocument.

Every reader of a structured export (RIS, WoS, BibTeX, MEDLINE, CSV, CSL-JSON, OpenAlex)
hands its records here, so they all get the same rules: the abstract is the text, a record
without one is still a document whose text is its title, markup (JATS, HTML) is stripped
and placeholders such as Scopus's "[No abstract available]" count as no abstract.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any, Iterable

from pipeline.model import IngestError, RawDocument
from pipeline.sources.fields import optional_text, parse_date, parse_doi, parse_list

# JATS and HTML tags (<jats:p>, <p>, <i>, <sup>) in abstracts and titles.
_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_BLOCK_TAG = re.compile(r"</?(?:jats:)?(?:p|sec|title|br|div|list-item)\b[^<>]*>", re.I)
_PLACEHOLDER = re.compile(r"^\W*(?:no abstract(?: is)? available|abstract not available|"
                          r"no abstract|n/?a|none|null)\W*$", re.I)
# "Family G." names in one string joined by commas (old Scopus, PubMed CSV): "Cluley V., Radnor Z."
_COMMA_JOINED = re.compile(r"^[^,;]+ [A-Z][A-Za-z.-]{0,4}\.?(?:, [^,;]+ [A-Z][A-Za-z.-]{0,4}\.?)+\.?$")
_NAME_ID = re.compile(r"\s*\(\d+\)\s*$")  # Scopus "Author full names": "Cluley, Victoria (57192)"


def plain(value: Any) -> str | None:
    """A field's text without markup, each paragraph on its own line, or None when empty."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = "\n".join(str(v) for v in value if v)
    text = str(value)
    if "<" in text and _TAG.search(text):
        text = _TAG.sub("", _BLOCK_TAG.sub("\n", text))
    text = unescape(text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    text = "\n".join(line for line in lines if line)
    return text or None


def abstract_text(value: Any) -> str | None:
    text = plain(value)
    if text is None or _PLACEHOLDER.match(text):
        return None
    return text


def split_authors(value: Any) -> tuple[str, ...]:
    """Author lists as exports write them: a list, or one string joined by ';', '|', ' and '
    (BibTeX, Rayyan) or ', ' between 'Family G.' names."""
    if isinstance(value, str):
        text = value.strip()
        if ";" in text:
            parts = text.split(";")
        elif "|" in text:
            parts = text.split("|")
        elif re.search(r"\s+and\s+", text):
            parts = re.split(r"\s+and\s+", text)
        elif _COMMA_JOINED.match(text):
            parts = text.split(", ")
            if not parts[0].endswith("."):  # PubMed: "Guo YR, Yan Y." - the list ends in a full stop
                parts[-1] = parts[-1].rstrip(".")
        else:
            parts = [text]
        value = parts
    if not isinstance(value, (list, tuple)):
        return ()
    # dict.fromkeys: IEEE repeats every AU line
    return tuple(dict.fromkeys(parse_list([_NAME_ID.sub("", str(n)) for n in value if n and str(n).strip()])))


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def year_month(year: Any, month: Any) -> str | None:
    """'2005-03' from a year and a month written 'MAR', 'March', 'mar 15' or '3'; the year alone
    when the month is not one."""
    if not year or not str(year).strip()[:4].isdigit():
        return None
    text = str(month or "").strip().lower()
    number = int(text) if text.isdigit() and 1 <= int(text) <= 12 else (
        _MONTHS.index(text[:3]) + 1 if text[:3] in _MONTHS else None)
    return f"{str(year).strip()[:4]}-{number:02d}" if number else str(year).strip()[:4]


def to_document(fields: dict[str, Any], key: str, where: str) -> RawDocument:
    """A RawDocument from a record's fields; ValueError when it has neither title nor abstract."""
    title = plain(fields.get("title"))
    title = " ".join(title.split()) if title else None
    abstract = abstract_text(fields.get("abstract"))
    text = abstract or title
    if not text:
        raise ValueError("has no title and no abstract")
    doi = parse_doi(fields.get("doi"))
    external_id = optional_text(fields.get("id")) or doi or where
    published = parse_date(fields.get("date")) or parse_date(fields.get("year"))
    keywords = fields.get("keywords")
    if isinstance(keywords, str) and ";" not in keywords and "," in keywords:
        keywords = keywords.split(",")  # CSL-JSON and some BibTeX: "co-creation, public value"
    return RawDocument(
        key=f"{key}#{external_id}", source_uri=where, external_id=external_id, text=text,
        title=title, genre="abstract", published=published, authors=split_authors(fields.get("authors")),
        doi=doi, url=optional_text(fields.get("url")), venue=plain(fields.get("venue")),
        keywords=parse_list(keywords), structured=True, screening=fields.get("screening"),
    )


def collect(items: Iterable[tuple[str, dict[str, Any] | Exception]], key: str
            ) -> tuple[list[RawDocument], list[IngestError]]:
    """Documents from (where, fields) pairs; a broken record or a repeated id becomes an error."""
    documents, errors = [], []
    seen: set[str] = set()
    for where, fields in items:
        try:
            if isinstance(fields, Exception):
                raise fields
            document = to_document(fields, key, where)
        except ValueError as exc:
            errors.append(IngestError(where, "read", f"{where.rsplit(':', 1)[-1]} {exc}"))
            continue
        if document.key in seen:
            errors.append(IngestError(where, "read", f"{where.rsplit(':', 1)[-1]} repeats id {document.external_id!r}"))
            continue
        seen.add(document.key)
        documents.append(document)
    return documents, errors


def one_tagged_record(chunk: str, what: str, first_tag: str, implementation: Any = None) -> dict[str, Any]:
    """The one record rispy reads from ``chunk`` (a RIS or Web of Science record cut out of its
    file); a ValueError naming the format when rispy fails on it or reads none or several."""
    import rispy

    try:
        parsed = rispy.loads(chunk, implementation=implementation) if implementation else rispy.loads(chunk)
    except Exception as exc:  # rispy raises several types for malformed tags
        raise ValueError(f"is not valid {what}: {exc}") from exc
    if len(parsed) != 1:
        raise ValueError(f"is not valid {what}: no '{first_tag}' line")
    return parsed[0]
