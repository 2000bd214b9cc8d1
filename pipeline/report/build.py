"""Building the self-contained HTML report of one run from the database.

The report reads nothing but the DuckDB file, so it can be rebuilt for any stored run. It
holds no wall-clock time, so the same database gives a byte-identical report. The same content
is written as Markdown, and its tables as CSV, beside the HTML file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, PackageLoader, select_autoescape

from pipeline.report import figures
from pipeline.report.markdown import render_markdown
from pipeline.report.tables import write_tables
from pipeline.store.connect import connect_readonly
from pipeline.store.reader import latest_run_id


# A passage's citation: its forum post author's when it has one, else its document's
# (the citations table, formatted once by citeproc; see store/citation_rows.py).
CITATION = "coalesce(cp.citation, cd.citation)"
CITED = ("LEFT JOIN citations cd ON cd.doc_id = p.doc_id AND cd.post_author = '' "
         "LEFT JOIN citations cp ON cp.doc_id = p.doc_id AND cp.post_author = p.author")


def source_link(row: dict[str, Any]) -> str | None:
    if row.get("doi"):
        return f"https://doi.org/{row['doi']}"
    return row.get("url") or None


def _records(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def report_context(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, Any]:
    run = _records(con, "SELECT * FROM runs WHERE run_id = ?", [run_id])[0]
    themes = _records(con, "SELECT * FROM themes WHERE run_id = ? ORDER BY theme_id", [run_id])
    quotes = _records(con, f"""
        SELECT r.theme_id, r.rank, p.passage_id, p.text, p.author AS post_author, d.doc_id, d.title,
               d.authors, d.published,
               d.genre, d.doi, d.url, d.source_uri, pt.score, {CITATION} AS citation
        FROM theme_representatives r
        JOIN passages p USING (passage_id)
        JOIN documents d ON d.doc_id = p.doc_id
        JOIN passage_themes pt ON pt.run_id = r.run_id AND pt.passage_id = r.passage_id
        {CITED}
        WHERE r.run_id = ? ORDER BY r.theme_id, r.rank""", [run_id])
    by_genre = _records(con, """
        SELECT pt.theme_id, d.genre, count(*) AS n
        FROM passage_themes pt JOIN passages p USING (passage_id) JOIN documents d ON d.doc_id = p.doc_id
        WHERE pt.run_id = ? GROUP BY ALL ORDER BY pt.theme_id, d.genre""", [run_id])
    genres = _records(con, """
        SELECT d.genre, count(*) AS n FROM run_documents rd JOIN documents d USING (doc_id)
        WHERE rd.run_id = ? GROUP BY ALL ORDER BY d.genre""", [run_id])
    errors = _records(con, "SELECT source_uri, stage, message FROM ingest_errors WHERE run_id = ? "
                           "ORDER BY source_uri", [run_id])
    concepts = _records(con, """
        SELECT tc.theme_id, c.name, tc.score FROM theme_concepts tc
        JOIN concepts c ON c.run_id = tc.run_id AND c.concept_id = tc.concept_id
        WHERE tc.run_id = ? ORDER BY tc.theme_id, tc.rank""", [run_id])
    subthemes = subthemes_by_theme(con, run_id)
    memos = _records(con, "SELECT theme_id, subtheme_id, reviewer, created_at, text FROM memos "
                          "ORDER BY created_at, edit_id", [])
    years = figures.by_year(con, run_id)
    lineage = figures.lineage(con, run_id)
    for quote in quotes:
        quote["link"] = source_link(quote)
    for theme in themes:
        theme["quotes"] = [q for q in quotes if q["theme_id"] == theme["theme_id"]]
        theme["genres"] = {r["genre"]: r["n"] for r in by_genre if r["theme_id"] == theme["theme_id"]}
        theme["concepts"] = [c for c in concepts if c["theme_id"] == theme["theme_id"]]
        theme["years"] = years.get(theme["theme_id"], {})
        theme["lineage"] = [r for r in lineage if r["theme_id"] == theme["theme_id"]]
        theme["subthemes"] = subthemes.get(theme["theme_id"], [])
        theme["memos"] = [m for m in memos if m["theme_id"] == theme["theme_id"] and m["subtheme_id"] is None]
        for sub in theme["subthemes"]:
            sub["memos"] = [m for m in memos if m["subtheme_id"] == sub["subtheme_id"]]
        theme.pop("centroid", None)  # drawn as the relations heatmap instead
    genre_totals: dict[str, int] = {}
    for row in by_genre:
        genre_totals[row["genre"]] = genre_totals.get(row["genre"], 0) + row["n"]
    for theme in themes:  # how much of each genre's talk is about this theme
        theme["genre_shares"] = [(g, n, n / genre_totals[g]) for g, n in sorted(theme["genres"].items())]
    themes_total = sum(t["size"] for t in themes) or 1
    for theme in themes:
        theme["share"] = theme["size"] / themes_total
        top = max(theme["keyword_scores"] or [1.0]) or 1.0
        theme["keyword_bars"] = [(w, s / top) for w, s in zip(theme["keywords"], theme["keyword_scores"])]
    return {
        "run": run,
        "settings": json.loads(run["settings"]),
        "quality": json.loads(run["quality"] or "{}"),
        "themes": themes,
        "genres": genres,
        "errors": errors,
        "exclusions": figures.exclusions(con, run_id),
        "off_topic": figures.off_topic_documents(con, run_id),
        "flow": _records(con, "SELECT stage, what, n FROM v_flow WHERE run_id = ? ORDER BY step, what", [run_id]),
        "lineage": lineage,
        "changes": figures.document_changes(con, run_id),
        "figures": {"map": figures.theme_map(con, run_id), "similarity": figures.similarity(con, run_id),
                    "sizes": [{"theme": t["theme_id"], "label": t["label"], "size": t["size"]} for t in themes]},
    }


def subthemes_by_theme(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[int, list[dict[str, Any]]]:
    """theme id -> its sub-themes (largest first), each with its quotes and lineage."""
    subthemes = _records(con, "SELECT subtheme_id, theme_id, label, keywords, size, label_source "
                              "FROM subthemes WHERE run_id = ? ORDER BY theme_id, size DESC, subtheme_id", [run_id])
    quotes = _records(con, f"""
        SELECT r.subtheme_id, p.passage_id, p.text, p.author AS post_author, d.title, d.authors, d.published,
               d.genre, d.doi, d.url, d.source_uri, {CITATION} AS citation
        FROM subtheme_representatives r JOIN passages p USING (passage_id) JOIN documents d ON d.doc_id = p.doc_id
        {CITED}
        WHERE r.run_id = ? ORDER BY r.subtheme_id, r.rank""", [run_id])
    lineage = _records(con, "SELECT subtheme_id, parent_run_id, parent_subtheme_id, relation FROM subtheme_lineage "
                            "WHERE run_id = ? AND subtheme_id IS NOT NULL ORDER BY subtheme_id, relation", [run_id])
    for quote in quotes:
        quote["link"] = source_link(quote)
    grouped: dict[int, list[dict[str, Any]]] = {}
    for sub in subthemes:
        # the two nearest its centre: the theme card stays readable with six sub-themes
        sub["quotes"] = [q for q in quotes if q["subtheme_id"] == sub["subtheme_id"]][:2]
        sub["lineage"] = [r for r in lineage if r["subtheme_id"] == sub["subtheme_id"]]
        grouped.setdefault(sub["theme_id"], []).append(sub)
    return grouped


def render_report(context: dict[str, Any], review: dict[str, Any] | None = None) -> str:
    """The page; with ``review`` (the review app's CSRF token and edit history) it also carries
    the controls that record edits (``pipeline/review/app.py``)."""
    env = Environment(
        loader=PackageLoader("pipeline.report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from plotly.offline import get_plotlyjs  # imported here: 5 MB of JavaScript, only for the page

    return env.get_template("report.html.j2").render(**context, plotly_js=get_plotlyjs(), review=review)


def build_report(db_path: str | Path, out_path: str | Path, run_id: str | None = None) -> Path:
    """Write the report of ``run_id`` (default: the latest run) and return the HTML's path.
    Beside it go the same content as Markdown (``.md``) and its tables as CSV."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    con = connect_readonly(db_path)
    try:
        run_id = run_id or latest_run_id(con, str(db_path))
        context = report_context(con, run_id)
        write_tables(con, run_id, out_path.with_suffix(""))
    finally:
        con.close()
    _write(out_path.with_suffix(".md"), render_markdown(context))
    _write(out_path, render_report(context))
    return out_path


def _write(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
