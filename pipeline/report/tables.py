"""The report's tables as CSV, for spreadsheets: one row per theme, one row per passage."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

THEMES = """
    SELECT t.theme_id, t.label, t.label_source, t.is_noise, t.size,
           round(t.size / r.n_modelled, 4) AS share, array_to_string(t.keywords, '; ') AS keywords,
           (SELECT string_agg(c.name, '; ' ORDER BY tc.rank) FROM theme_concepts tc
             JOIN concepts c ON c.run_id = tc.run_id AND c.concept_id = tc.concept_id
             WHERE tc.run_id = t.run_id AND tc.theme_id = t.theme_id) AS concepts,
           t.emergent
    FROM themes t JOIN runs r USING (run_id)
    WHERE t.run_id = $run ORDER BY t.theme_id"""

ASSIGNMENTS = """
    SELECT pt.passage_id, p.doc_id, pt.theme_id, t.label AS theme_label, round(pt.score, 4) AS score,
           pt.second_theme_id, d.genre, d.title, array_to_string(d.authors, '; ') AS authors, d.published,
           d.doi, d.url, p.text, coalesce(cp.citation, cd.citation) AS citation
    FROM passage_themes pt
    JOIN passages p USING (passage_id)
    JOIN documents d ON d.doc_id = p.doc_id
    JOIN themes t ON t.run_id = pt.run_id AND t.theme_id = pt.theme_id
    LEFT JOIN citations cd ON cd.doc_id = p.doc_id AND cd.post_author = ''
    LEFT JOIN citations cp ON cp.doc_id = p.doc_id AND cp.post_author = p.author
    WHERE pt.run_id = $run ORDER BY pt.theme_id, pt.score DESC, pt.passage_id"""


def write_tables(con: duckdb.DuckDBPyConnection, run_id: str, stem: Path) -> list[Path]:
    """``<stem>-themes.csv`` and ``<stem>-assignments.csv``, each written whole or not at all."""
    paths = []
    for name, sql in (("themes", THEMES), ("assignments", ASSIGNMENTS)):
        path = stem.with_name(f"{stem.name}-{name}.csv")
        partial = path.with_name(path.name + ".partial")
        con.execute(sql, {"run": run_id}).df().to_csv(partial, index=False)
        os.replace(partial, path)
        paths.append(path)
    return paths
