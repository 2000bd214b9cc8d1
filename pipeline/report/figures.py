"""The data behind the report's charts: the theme map, theme sizes, theme similarities,
keyword scores, shares by genre and year, lineage and changes since the previous run.

Everything comes from the database; the page draws it with Plotly's JavaScript, inlined so
the file opens offline.
"""

from __future__ import annotations

from typing import Any

import duckdb
import numpy as np

EXCERPT = 240


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[tuple]:
    return con.execute(sql, params).fetchall()


def theme_map(con: duckdb.DuckDBPyConnection, run_id: str) -> list[dict[str, Any]]:
    """One entry per mapped passage: place, theme, a short excerpt and its source."""
    rows = _rows(con, """
        SELECT m.x, m.y, pt.theme_id, p.passage_id, p.text, coalesce(d.title, d.source_uri), d.genre
        FROM passage_map m
        JOIN passage_themes pt ON pt.run_id = m.run_id AND pt.passage_id = m.passage_id
        JOIN passages p ON p.passage_id = m.passage_id
        JOIN documents d ON d.doc_id = p.doc_id
        WHERE m.run_id = ? ORDER BY pt.theme_id, p.passage_id""", [run_id])
    return [{"x": x, "y": y, "theme": t, "id": pid,
             "text": text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + " …",
             "source": f"{title} [{genre}]"} for x, y, t, pid, text, title, genre in rows]


def similarity(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, Any]:
    """Cosine similarity of the theme centres, for the relations heatmap."""
    rows = _rows(con, "SELECT theme_id, label, centroid FROM themes WHERE run_id = ? AND centroid IS NOT NULL "
                      "ORDER BY theme_id", [run_id])
    if not rows:
        return {"labels": [], "z": []}
    centres = np.array([c for _, _, c in rows], dtype=np.float64)
    z = np.round(centres @ centres.T, 3)
    return {"labels": [f"{t}: {label}" for t, label, _ in rows], "z": z.tolist()}


def by_year(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[int, dict[int, int]]:
    """theme -> year -> passages, for documents with a date."""
    result: dict[int, dict[int, int]] = {}
    for theme, year, n in _rows(con, """
            SELECT pt.theme_id, year(d.published), count(*) FROM passage_themes pt
            JOIN passages p USING (passage_id) JOIN documents d ON d.doc_id = p.doc_id
            WHERE pt.run_id = ? AND d.published IS NOT NULL GROUP BY ALL ORDER BY 1, 2""", [run_id]):
        result.setdefault(theme, {})[year] = n
    return result


def lineage(con: duckdb.DuckDBPyConnection, run_id: str) -> list[dict[str, Any]]:
    return [{"theme_id": t, "parent_run_id": pr, "parent_theme_id": pt, "relation": rel}
            for t, pr, pt, rel in _rows(con, """
                SELECT theme_id, parent_run_id, parent_theme_id, relation FROM theme_lineage
                WHERE run_id = ? ORDER BY relation, theme_id NULLS LAST, parent_theme_id""", [run_id])]


def document_changes(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, Any]:
    """Documents added and retired since the previous succeeded run."""
    previous = con.execute("SELECT max(run_id) FROM runs WHERE status = 'succeeded' AND run_id < ?",
                           [run_id]).fetchone()[0]
    if previous is None:
        return {"previous": None, "added": [], "retired": []}

    only_in = """SELECT coalesce(d.title, d.source_uri) FROM run_documents r JOIN documents d USING (doc_id)
                 WHERE r.run_id = ? AND r.doc_id NOT IN (SELECT doc_id FROM run_documents WHERE run_id = ?)
                 ORDER BY 1"""
    added = [title for (title,) in _rows(con, only_in, [run_id, previous])]
    retired = [title for (title,) in _rows(con, only_in, [previous, run_id])]
    return {"previous": previous, "added": added, "retired": retired}


def exclusions(con: duckdb.DuckDBPyConnection, run_id: str) -> list[dict[str, Any]]:
    """What was left out and why: removed lines by reason, and passages not modelled."""
    lines = _rows(con, """
        SELECT 'line removed: ' || e.reason, count(*) FROM excluded_spans e
        JOIN run_documents rd ON rd.doc_id = e.doc_id AND rd.content_hash = e.content_hash
        WHERE rd.run_id = ? GROUP BY ALL""", [run_id])
    passages = _rows(con, """
        SELECT 'passage not modelled: ' || CASE WHEN p.excluded LIKE 'language:%' THEN 'other language'
                                                ELSE p.excluded END, count(*)
        FROM passages p JOIN run_documents rd ON rd.doc_id = p.doc_id AND rd.content_hash = p.content_hash
        WHERE rd.run_id = ? AND p.excluded IS NOT NULL AND p.excluded <> 'off-topic' GROUP BY ALL""", [run_id])
    # Off-topic is this run's verdict (document_relevance), not the flag a passage was first
    # stored with: the threshold may have moved, or the filter been switched off, since.
    off_topic = _rows(con, """
        SELECT 'passage not modelled: off-topic document', count(*) FROM document_relevance r
        JOIN run_documents rd USING (run_id, doc_id)
        JOIN passages p ON p.doc_id = rd.doc_id AND p.content_hash = rd.content_hash
        WHERE r.run_id = ? AND r.off_topic AND (p.excluded IS NULL OR p.excluded = 'off-topic')
        GROUP BY ALL
        UNION ALL
        SELECT 'document off-topic (listed below)', count(*) FROM document_relevance
        WHERE run_id = ? AND off_topic GROUP BY ALL""", [run_id, run_id])
    return [{"what": what, "n": n} for what, n in sorted(lines + passages + off_topic)]


def off_topic_documents(con: duckdb.DuckDBPyConnection, run_id: str) -> list[dict[str, Any]]:
    """The documents the relevance filter left out of the themes, lowest score first."""
    return [{"title": title, "source": source, "score": score, "nearest": nearest, "reason": reason}
            for title, source, score, nearest, reason in _rows(con, """
                SELECT coalesce(d.title, d.source_uri), coalesce(d.url, d.source_uri), r.score,
                       r.nearest_off_field, r.reason
                FROM document_relevance r JOIN documents d USING (doc_id)
                WHERE r.run_id = ? AND r.off_topic ORDER BY r.score, d.doc_id""", [run_id])]
