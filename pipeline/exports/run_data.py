"""What an export needs from one run, read from the database as plain values.

Themes and sub-themes are read as the run stored them, so researchers' edits (renames, merges,
noise marks) are what is exported; documents come with the exact text version the run's
passage offsets point into.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

import duckdb


@dataclass(frozen=True)
class Code:
    """A theme (``subtheme_id`` None) or a sub-theme, as a QDA code."""

    theme_id: int
    subtheme_id: int | None
    label: str
    keywords: tuple[str, ...]
    size: int
    concepts: tuple[str, ...] = ()
    is_noise: bool = False
    memos: tuple[str, ...] = ()  # researchers' memos, "text (reviewer, date)"


@dataclass(frozen=True)
class Selection:
    """A modelled passage: where it lies in its document's text, and its codes."""

    passage_id: str
    start: int
    end: int
    theme_id: int
    subtheme_id: int | None
    second_theme_id: int | None


@dataclass(frozen=True)
class Source:
    doc_id: str
    name: str
    text: str
    genre: str
    published: date | None
    authors: tuple[str, ...]
    venue: str | None
    selections: tuple[Selection, ...] = ()


@dataclass
class RunData:
    run_id: str
    corpus: str
    finished_at: datetime
    codes: list[Code]
    sources: list[Source] = field(default_factory=list)


def read_run(con: duckdb.DuckDBPyConnection, run_id: str, with_sources: bool = True) -> RunData:
    corpus, finished = con.execute("SELECT corpus, finished_at FROM runs WHERE run_id = ?", [run_id]).fetchone()
    concepts: dict[int, list[str]] = {}
    for theme, name in con.execute("""SELECT tc.theme_id, c.name FROM theme_concepts tc JOIN concepts c
                                      ON c.run_id = tc.run_id AND c.concept_id = tc.concept_id
                                      WHERE tc.run_id = ? ORDER BY tc.theme_id, tc.rank""", [run_id]).fetchall():
        concepts.setdefault(theme, []).append(name)
    codes = [Code(t, None, label, tuple(keywords), size, tuple(concepts.get(t, [])), bool(noise))
             for t, label, keywords, size, noise in con.execute(
                 "SELECT theme_id, label, keywords, size, coalesce(is_noise, false) FROM themes WHERE run_id = ? "
                 "ORDER BY theme_id", [run_id]).fetchall()]
    codes += [Code(t, s, label, tuple(keywords), size)
              for s, t, label, keywords, size in con.execute(
                  "SELECT subtheme_id, theme_id, label, keywords, size FROM subthemes WHERE run_id = ? "
                  "ORDER BY theme_id, subtheme_id", [run_id]).fetchall()]
    memos: dict[tuple[int | None, int | None], list[str]] = {}
    for theme, sub, reviewer, when, text in con.execute(
            "SELECT theme_id, subtheme_id, reviewer, created_at, text FROM memos ORDER BY created_at, edit_id").fetchall():
        memos.setdefault((None if sub is not None else theme, sub), []).append(
            f"{text} ({', '.join(x for x in (reviewer, when.date().isoformat()) if x)})")
    codes = [replace(c, memos=tuple(memos.get((None if c.subtheme_id is not None else c.theme_id, c.subtheme_id), [])))
             for c in codes]
    data = RunData(run_id, corpus, finished, codes)
    if not with_sources:
        return data
    selections: dict[str, list[Selection]] = {}
    for doc_id, *row in con.execute("""
            SELECT p.doc_id, p.passage_id, p.char_start, p.char_end, pt.theme_id, pt.subtheme_id, pt.second_theme_id
            FROM passage_themes pt JOIN passages p USING (passage_id)
            WHERE pt.run_id = ? ORDER BY p.doc_id, p.position""", [run_id]).fetchall():
        selections.setdefault(doc_id, []).append(Selection(*row))
    for doc_id, title, source_uri, text, genre, published, authors, venue in con.execute("""
            SELECT d.doc_id, d.title, d.source_uri, v.text, d.genre, d.published, d.authors, d.venue
            FROM run_documents rd JOIN documents d USING (doc_id)
            JOIN document_versions v ON v.doc_id = rd.doc_id AND v.content_hash = rd.content_hash
            WHERE rd.run_id = ? ORDER BY coalesce(d.title, d.source_uri), d.doc_id""", [run_id]).fetchall():
        data.sources.append(Source(doc_id, title or source_uri.rsplit("/", 1)[-1], text, genre, published,
                                   tuple(authors or ()), venue, tuple(selections.get(doc_id, []))))
    return data
