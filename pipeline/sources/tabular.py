"""Bibliographic tables (CSV/TSV), recognised by their header columns: Scopus (old and new
layouts), Web of Science tab-delimited (two-letter tags), PubMed (new and legacy layouts),
Lens, Dimensions (with or without its "About the data" line above the header), ASReview
labelled data, Rayyan, OpenAlex and plain lower-case column names.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from typing import Any

import pandas as pd

from pipeline.model import IngestError, RawDocument
from pipeline.sources.records import collect
from pipeline.sources.screening import LABEL_COLUMNS, record_decision
from pipeline.sources.wos import wos_row

# Column names by field, in order of preference, across the exports named above.
CSV_COLUMNS = {
    "id": ["EID", "UT", "UT (Unique WOS ID)", "Lens ID", "Publication ID", "PMID", "EntrezUID", "record_id",
           "id", "ID", "Key", "key", "Accession Number", "Covidence #"],
    "title": ["Title", "TI", "title", "display_name", "Article Title", "Document Title", "primary_title"],
    "abstract": ["Abstract", "AB", "abstract", "abstract_text", "Abstract Note"],
    "authors": ["Author full names", "Author Full Names", "Author/s", "Authors", "Author", "AF", "AU", "authors",
                "authorships.author.display_name", "author"],
    "year": ["Year", "PY", "publication_year", "year", "Publication Year", "PubYear", "Published Year"],
    "date": ["publication_date", "date", "Date", "Publication Date", "Publication date", "Date Published"],
    "doi": ["DOI", "DI", "doi"],
    "venue": ["Source title", "Source Title", "SO", "Journal/Book", "primary_location.source.display_name",
              "journal", "Journal", "Publication Title", "venue"],
    "keywords": ["Author Keywords", "DE", "Keywords", "keywords", "Manual Tags", "Index Keywords", "MeSH terms",
                 "MeSH Terms"],
    "url": ["Link", "External URL", "Dimensions URL", "url", "Url", "URL"],
    "notes": ["notes", "Notes", "N1"],  # Rayyan writes its decisions here
}
# The legacy PubMed layout: authors in "Description", citation (with the DOI) in "Details".
_LEGACY_PUBMED = {"Title", "URL", "Description", "Details", "ShortDetails", "EntrezUID"}
# The producer of a table, by a column only its exports have (for reports and benchmarks).
LAYOUTS = (("wos", {"PT", "AU", "TI"}), ("pubmed-legacy", _LEGACY_PUBMED), ("pubmed", {"PMID", "Citation"}),
           ("scopus", {"EID"}), ("lens", {"Lens ID"}), ("dimensions", {"Publication ID"}),
           ("asreview", {"label_included"}), ("asreview", {"included"}), ("rayyan", {"key", "notes"}),
           ("openalex", {"display_name"}))
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _header_line(lines: list[str], sep: str) -> int:
    """The line of the header among the first few: Dimensions may write an 'About the data'
    line above it. The header is the first line naming a title column (with the delimiter
    guessed from the first line, else any other)."""
    titles = set(CSV_COLUMNS["title"])
    for sep in dict.fromkeys((sep, ",", "\t", ";")):
        found = _title_line(lines, sep, titles)
        if found is not None:
            return found
    return 0


def _title_line(lines: list[str], sep: str, titles: set[str]) -> int | None:
    for number, line in enumerate(lines[:5]):
        try:
            cells = next(csv.reader([line], delimiter=sep))
        except (csv.Error, StopIteration):
            continue
        if titles & {c.strip() for c in cells}:
            return number
    return None


def _delimiter(header: str) -> str:
    """Tab, comma or semicolon (Excel in many European locales): the one the header uses most."""
    return max(("\t", ",", ";"), key=header.count)


def read_table(text: str) -> tuple[pd.DataFrame, int]:
    """The table as strings ('' for empty cells) and the number of lines above its header;
    ValueError when unreadable."""
    first_lines = text.split("\n", 5)
    skip = _header_line(first_lines, _delimiter(first_lines[0]))
    sep = _delimiter(first_lines[skip])
    try:
        # index_col=False: legacy PubMed rows end in a trailing comma and WoS rows in a trailing
        # tab, one empty cell more than the header (pandas warns about it; nothing is lost).
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skiprows=skip,
                                index_col=False, quoting=csv.QUOTE_NONE if sep == "\t" else csv.QUOTE_MINIMAL)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ValueError(f"not a readable CSV file: {str(exc).splitlines()[0]}") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame, skip


def layout(columns: set[str]) -> str:
    return next((name for name, needed in LAYOUTS if needed <= columns), "generic")


def _legacy_pubmed(values: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    details, short = values.get("Details", ""), values.get("ShortDetails", "")
    fields["doi"] = details if "doi:" in details else None
    year = _YEAR.search(short) or _YEAR.search(details)
    fields["year"] = year.group(1) if year else None
    fields["venue"] = short[:year.start()].strip(" .") if year and short else None
    fields["authors"] = values.get("Description")
    fields["abstract"] = None  # "Description" holds the authors in this layout
    return fields


def read_csv(text: str, key: str) -> tuple[list[RawDocument], list[IngestError]]:
    frame, skip = read_table(text)
    columns = set(frame.columns)
    found = {field: next((c for c in names if c in columns), None) for field, names in CSV_COLUMNS.items()}
    if found["title"] is None:
        raise ValueError(f"CSV has no title column (looked for {', '.join(CSV_COLUMNS['title'])})")
    legacy = _LEGACY_PUBMED <= columns
    wos = {"PT", "AU", "TI"} <= columns
    labels = [c for c in LABEL_COLUMNS if c in columns]

    def records():
        for number, values in enumerate(frame.to_dict("records"), start=2 + skip):  # after the header
            if not any(str(v).strip() for v in values.values()):
                continue
            if wos:
                fields = wos_row(values)
            else:
                fields = {field: values.get(column) if column else None for field, column in found.items()}
            if legacy:
                fields = _legacy_pubmed(values, fields)
            fields["screening"] = record_decision({c: values.get(c) for c in labels}, fields.pop("notes", None))
            yield f"{key}:line {number}", fields

    return collect(records(), key)

