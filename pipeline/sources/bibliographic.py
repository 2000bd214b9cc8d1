"""Bibliographic exports: RIS (rispy), BibTeX (bibtexparser) and CSV (pandas) from Scopus,
Web of Science and OpenAlex. Each record with an abstract becomes an ``abstract`` document;
a broken record, or one without an abstract, becomes an error naming the record.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any, Iterable

import pandas as pd

from pipeline.model import IngestError, RawDocument
from pipeline.sources.fields import optional_text, parse_date, parse_doi, parse_list

# Column names used by the common exports, by field: Scopus, Web of Science (tab-delimited
# field tags), OpenAlex, and plain lower-case names.
CSV_COLUMNS = {
    "id": ["EID", "UT", "id", "ID", "Accession Number"],
    "title": ["Title", "TI", "title", "display_name", "Article Title"],
    "abstract": ["Abstract", "AB", "abstract", "abstract_text"],
    "authors": ["Authors", "AU", "Author full names", "authors", "authorships.author.display_name"],
    "year": ["Year", "PY", "publication_year", "year", "Publication Year"],
    "date": ["publication_date", "date", "Publication Date"],
    "doi": ["DOI", "DI", "doi"],
    "venue": ["Source title", "SO", "primary_location.source.display_name", "journal", "Source Title"],
    "keywords": ["Author Keywords", "DE", "keywords", "Index Keywords"],
    "url": ["Link", "url", "URL"],
}


def _record(fields: dict[str, Any], key: str, where: str) -> RawDocument:
    abstract = optional_text(fields.get("abstract"))
    if not abstract:
        raise ValueError("has no abstract")
    external_id = optional_text(fields.get("id")) or parse_doi(fields.get("doi")) or where
    authors = fields.get("authors")
    if isinstance(authors, str):
        # BibTeX joins names with " and "; Scopus with ", " between "Family G." names
        authors = re.split(r"\s+and\s+|;\s*", authors)
    published = parse_date(fields.get("date")) or parse_date(fields.get("year"))
    return RawDocument(
        key=f"{key}#{external_id}", source_uri=where, external_id=external_id, text=abstract,
        title=optional_text(fields.get("title")), genre="abstract", published=published,
        authors=parse_list(authors), doi=parse_doi(fields.get("doi")),
        url=optional_text(fields.get("url")), venue=optional_text(fields.get("venue")),
        keywords=parse_list(fields.get("keywords")),
    )


def _collect(items: Iterable[tuple[str, dict[str, Any] | Exception]], key: str
             ) -> tuple[list[RawDocument], list[IngestError]]:
    documents, errors = [], []
    seen: set[str] = set()
    for where, fields in items:
        try:
            if isinstance(fields, Exception):
                raise fields
            document = _record(fields, key, where)
        except ValueError as exc:
            errors.append(IngestError(where, "read", f"{where.rsplit(':', 1)[-1]} {exc}"))
            continue
        if document.key in seen:
            errors.append(IngestError(where, "read", f"{where.rsplit(':', 1)[-1]} repeats id {document.external_id!r}"))
            continue
        seen.add(document.key)
        documents.append(document)
    return documents, errors


def read_ris(text: str, key: str) -> tuple[list[RawDocument], list[IngestError]]:
    """Records are split at their 'ER  -' lines and parsed one by one, so one broken record
    does not take the others with it."""
    import rispy

    chunks = [c for c in re.split(r"^ER  -.*$", text, flags=re.M) if c.strip()]

    def records():
        for number, chunk in enumerate(chunks, start=1):
            where = f"{key}:record {number}"
            try:
                parsed = rispy.loads(chunk.strip() + "\nER  - \n")
            except Exception as exc:  # rispy raises several types for malformed tags
                yield where, ValueError(f"is not valid RIS: {exc}")
                continue
            if len(parsed) != 1:
                yield where, ValueError("is not valid RIS: no 'TY  -' line")
                continue
            r = parsed[0]
            yield where, {
                "id": r.get("id") or r.get("accession_number"),
                "title": r.get("title") or r.get("primary_title"),
                "abstract": r.get("abstract") or r.get("notes_abstract"),
                "authors": r.get("authors") or r.get("first_authors"),
                "year": r.get("year") or r.get("publication_year"), "date": r.get("date"),
                "doi": r.get("doi"), "url": (r.get("urls") or [None])[0],
                "venue": r.get("secondary_title") or r.get("journal_name") or r.get("alternate_title3"),
                "keywords": r.get("keywords"),
            }

    return _collect(records(), key)


def read_bibtex(text: str, key: str) -> tuple[list[RawDocument], list[IngestError]]:
    import bibtexparser

    # bibtexparser logs each failed block itself; the failures are reported as errors here.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text)

    def records():
        for entry in library.entries:
            f = {k.lower(): v.value for k, v in entry.fields_dict.items()}
            yield f"{key}:entry {entry.key}", {
                "id": entry.key, "title": f.get("title"), "abstract": f.get("abstract"),
                "authors": f.get("author"), "year": f.get("year"), "date": f.get("date"),
                "doi": f.get("doi"), "url": f.get("url"), "venue": f.get("journal") or f.get("booktitle"),
                "keywords": f.get("keywords"),
            }
        for block in library.failed_blocks:
            line = getattr(block, "start_line", None)
            yield f"{key}:line {line + 1 if line is not None else '?'}", ValueError("is not valid BibTeX")

    return _collect(records(), key)


def read_csv(text: str, key: str) -> tuple[list[RawDocument], list[IngestError]]:
    sep = "\t" if text.split("\n", 1)[0].count("\t") > text.split("\n", 1)[0].count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ValueError(f"not a readable CSV file: {str(exc).splitlines()[0]}") from exc
    found = {field: next((c for c in names if c in frame.columns), None) for field, names in CSV_COLUMNS.items()}
    for required in ("title", "abstract"):
        if found[required] is None:
            raise ValueError(f"CSV has no {required} column (looked for {', '.join(CSV_COLUMNS[required])})")

    def records():
        for number, values in enumerate(frame.to_dict("records"), start=2):  # line 1 is the header
            fields = {field: values.get(column) if column else None for field, column in found.items()}
            if isinstance(fields.get("authors"), str) and ";" not in fields["authors"] and "|" in fields["authors"]:
                fields["authors"] = fields["authors"].split("|")  # OpenAlex joins names with '|'
            yield f"{key}:line {number}", fields

    return _collect(records(), key)
