"""Tagged bibliographic exports: RIS (rispy; Scopus, Zotero, EndNote, IEEE, Rayyan) and BibTeX
(bibtexparser v2). Web of Science is read in ``wos``, tables (CSV/TSV) in ``tabular``; they are
re-exported here for older callers. Each record becomes an ``abstract`` document (see
``records``); a broken record becomes an error naming the record, and the others are still read.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Iterator

from pipeline.model import IngestError, RawDocument
from pipeline.sources.latex import unlatex
from pipeline.sources.records import collect, one_tagged_record, year_month
from pipeline.sources.screening import rayyan_decision
from pipeline.sources.tabular import read_csv
from pipeline.sources.wos import read_wos_plain

__all__ = ["read_bibtex", "read_csv", "read_ris", "read_wos_plain"]

# A record ends at its "ER  -" line; a tag stuck to the end of a line ("...2019.UR  - http")
# is a known Scopus quirk, put back on its own line before parsing.
_RIS_END = re.compile(r"^ER  -.*$", re.M)
_STUCK_TAG = re.compile(r"(?<=\S)(?=(?:UR|DO|ER)  - )")


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _ris_chunks(text: str) -> Iterator[str]:
    text = "\n".join(_STUCK_TAG.sub("\n", line) if "  - " in line[3:] else line for line in text.split("\n"))
    for chunk in _RIS_END.split(text):
        if chunk.strip():
            yield chunk


def read_ris(text: str, key: str) -> tuple[list[RawDocument], list[IngestError]]:
    """Records are split at their 'ER  -' lines and parsed one by one, so one broken record
    does not take the others with it."""

    def records():
        for number, chunk in enumerate(_ris_chunks(text), start=1):
            where = f"{key}:record {number}"
            try:
                r = one_tagged_record(chunk.strip() + "\nER  - \n", "RIS", "TY  -")
            except ValueError as exc:
                yield where, exc
                continue
            yield where, {
                "id": r.get("id") or r.get("accession_number"),
                "title": r.get("title") or r.get("primary_title") or r.get("translated_title"),
                "abstract": r.get("abstract") or r.get("notes_abstract"),
                "authors": r.get("authors") or r.get("first_authors"),
                "year": r.get("year") or r.get("publication_year"), "date": r.get("date"),
                "doi": r.get("doi"), "url": _first(r.get("urls")),
                "venue": r.get("secondary_title") or r.get("journal_name") or r.get("alternate_title3")
                or r.get("alternate_title2") or r.get("alternate_title1"),
                "keywords": r.get("keywords"), "screening": rayyan_decision(r.get("notes")),
            }

    return collect(records(), key)


def _bibtex_authors(value: str | None) -> list[str] | None:
    """'A and B' with BibTeX's protection braces; old Scopus BibTeX also puts affiliation
    letters after the names and joins them with ' , ' ('Aria, M.a , Cuccurullo, C.b')."""
    if not value:
        return None
    names = re.split(r"\s+and\s+", value.replace("{", "").replace("}", ""))
    if len(names) == 1 and " , " in value:
        names = [re.sub(r"(\.)[a-z]{1,2}$", r"\1", n.strip()) for n in names[0].split(" , ")]
    return [unlatex(n) for n in names if n.strip()]  # M{\"u}ller is Müller


def read_bibtex(text: str, key: str) -> tuple[list[RawDocument], list[IngestError]]:
    import bibtexparser
    from bibtexparser.model import DuplicateBlockKeyBlock, Entry

    # bibtexparser logs each failed block itself; the failures are reported as errors here.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text)

    # An entry with a repeated field (Zotero writes two 'annote's) or a key used before (Scopus
    # repeats keys such as 'Iorio2015149') is still a record: bibtexparser hands it over as the
    # failed block's ``ignore_error_block``; a repeated key gets its line number added.
    entries: list[tuple[Any, str]] = [(entry, entry.key) for entry in library.entries]
    broken = []
    for block in library.failed_blocks:
        entry = getattr(block, "ignore_error_block", None)
        if isinstance(entry, Entry):
            repeated = isinstance(block, DuplicateBlockKeyBlock)
            line = (entry.start_line or 0) + 1
            entries.append((entry, f"{entry.key}@line{line}" if repeated else entry.key))
        else:
            broken.append(block)
    entries.sort(key=lambda item: item[0].start_line or 0)

    def records():
        for entry, entry_id in entries:
            f = {k.lower(): v.value for k, v in entry.fields_dict.items()}
            keywords = f.get("keywords") or f.get("author_keywords")
            yield f"{key}:entry {entry_id}", {
                "id": entry_id, "title": unlatex(f.get("title")), "abstract": unlatex(f.get("abstract")),
                "authors": _bibtex_authors(f.get("author")), "year": f.get("year"),
                "date": f.get("date") or year_month(f.get("year"), f.get("month")),
                "doi": f.get("doi"), "url": f.get("url"),
                "venue": unlatex(f.get("journal") or f.get("journaltitle") or f.get("booktitle")),
                "keywords": unlatex(keywords),
                "screening": rayyan_decision(" ".join(f.get(n, "") for n in ("note", "annote", "notes"))),
            }
        for block in broken:
            line = getattr(block, "start_line", None)
            yield f"{key}:line {line + 1 if line is not None else '?'}", ValueError("is not valid BibTeX")

    return collect(records(), key)
