"""The run's documents (all, or those of one theme) as references that Zotero, EndNote, Mendeley
and ASReview import: RIS (rispy), BibTeX (bibtexparser) and CSL-JSON, all made from the same
CSL item of each document (``csl.py``)."""

from __future__ import annotations

import json
import re

import bibtexparser
import duckdb
import rispy
from bibtexparser.model import Entry, Field

from pipeline.exports.csl import Reference, csl_item, person

FORMATS = {"ris": "ris", "bibtex": "bib", "csl-json": "json"}  # format -> file extension
RIS_TYPES = {"article-journal": "JOUR", "article": "JOUR", "post-weblog": "BLOG", "post": "ELEC",
             "entry-encyclopedia": "ENCYC", "webpage": "ELEC"}
BIBTEX_TYPES = {"article-journal": "article", "article": "article"}  # everything else: misc


def read_references(con: duckdb.DuckDBPyConnection, run_id: str, theme_id: int | None = None) -> list[Reference]:
    """The run's documents, or those with a share in ``theme_id``; an abstract's text is its abstract."""
    where, params = "", [run_id]
    if theme_id is not None:
        where = "AND d.doc_id IN (SELECT doc_id FROM document_themes WHERE run_id = ? AND theme_id = ?)"
        params += [run_id, theme_id]
    rows = con.execute(f"""
        SELECT d.doc_id, d.genre, d.title, d.authors, d.published, d.doi, d.url, d.venue, d.source_uri,
               d.keywords, v.text
        FROM run_documents rd JOIN documents d USING (doc_id)
        JOIN document_versions v ON v.doc_id = rd.doc_id AND v.content_hash = rd.content_hash
        WHERE rd.run_id = ? {where} ORDER BY d.doc_id""", params).fetchall()
    return [Reference(doc_id, genre, title, tuple(authors or ()), published, doi, url, venue, source,
                      tuple(keywords or ()), text if genre == "abstract" else None)
            for doc_id, genre, title, authors, published, doi, url, venue, source, keywords, text in rows]


def to_csl_json(refs: list[Reference]) -> str:
    return json.dumps([csl_item(r) for r in refs], ensure_ascii=False, indent=1, default=str) + "\n"


def _family_given(name: str) -> str:
    parts = person(name)
    return f"{parts['family']}, {parts['given']}" if "family" in parts else parts["literal"]


def to_ris(refs: list[Reference]) -> str:
    entries = []
    for ref in refs:
        item = csl_item(ref)
        entry = {"type_of_reference": RIS_TYPES.get(item["type"], "GEN"), "id": ref.doc_id, "title": item["title"]}
        if ref.authors:
            entry["authors"] = [_family_given(a) for a in ref.authors]
        if ref.published:
            entry["year"] = str(ref.published.year)
            entry["date"] = ref.published.strftime("%Y/%m/%d")
        if ref.venue:
            entry["journal_name" if entry["type_of_reference"] == "JOUR" else "secondary_title"] = ref.venue
        if ref.doi:
            entry["doi"] = ref.doi
        if ref.url:
            entry["urls"] = [ref.url]
        if ref.keywords:
            entry["keywords"] = list(ref.keywords)
        if ref.abstract:
            entry["abstract"] = " ".join(ref.abstract.split())
        entry["notes"] = [f"coprod {ref.genre}: {ref.source_uri}"]
        entries.append(entry)
    return rispy.dumps(entries)


def citation_key(ref: Reference, taken: set[str]) -> str:
    """``okafor2020`` from the first author's family name and the year, then a, b, ... for the
    same key again; documents are read in id order, so the keys are stable."""
    family = person(ref.authors[0]).get("family", ref.authors[0]) if ref.authors else (ref.title or "anon")
    stem = re.sub(r"[^a-z0-9]", "", family.lower().split()[-1] if family.split() else "anon")[:20] or "anon"
    stem += str(ref.published.year) if ref.published else ""
    key, n = stem, 0
    while key in taken:
        key, n = stem + chr(ord("a") + n % 26) + ("" if n < 26 else str(n // 26)), n + 1
    taken.add(key)
    return key


def to_bibtex(refs: list[Reference]) -> str:
    library = bibtexparser.Library()
    taken: set[str] = set()
    for ref in refs:
        item = csl_item(ref)
        fields = [Field("title", item["title"])]
        if ref.authors:
            fields.append(Field("author", " and ".join(_family_given(a) for a in ref.authors)))
        if ref.published:
            fields += [Field("year", str(ref.published.year)), Field("date", ref.published.isoformat())]
        if ref.venue:
            fields.append(Field("journal" if item["type"].startswith("article") else "howpublished", ref.venue))
        if ref.doi:
            fields.append(Field("doi", ref.doi))
        if ref.url:
            fields.append(Field("url", ref.url))
        if ref.keywords:
            fields.append(Field("keywords", ", ".join(ref.keywords)))
        if ref.abstract:
            fields.append(Field("abstract", " ".join(ref.abstract.split())))
        fields.append(Field("note", f"coprod {ref.genre}: {ref.source_uri}"))
        # a brace in a value would unbalance the {...} the writer encloses it in
        fields = [Field(f.key, f.value.replace("{", "(").replace("}", ")")) for f in fields]
        library.add(Entry(BIBTEX_TYPES.get(item["type"], "misc"), citation_key(ref, taken), fields))
    return bibtexparser.write_string(library)


def render(refs: list[Reference], fmt: str) -> str:
    return {"ris": to_ris, "bibtex": to_bibtex, "csl-json": to_csl_json}[fmt](refs)
