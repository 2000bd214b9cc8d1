"""Reading back what analysts and the report need: the latest run, its themes, cached vectors."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from pipeline.errors import NoRunsError
from pipeline.store.connect import connect_readonly


def latest_run_id(con: duckdb.DuckDBPyConnection, db_label: str = "database") -> str:
    row = con.execute(
        "SELECT run_id FROM runs WHERE status = 'succeeded' ORDER BY finished_at DESC, run_id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        raise NoRunsError(db_label)
    return row[0]


def run_themes(con: duckdb.DuckDBPyConnection, run_id: str) -> pd.DataFrame:
    return con.execute(
        "SELECT theme_id, label, size, keywords FROM themes WHERE run_id = ? ORDER BY theme_id", [run_id]
    ).df()


def recent_runs(con: duckdb.DuckDBPyConnection, limit: int = 20) -> pd.DataFrame:
    """The latest refresh attempts, newest first, with status, counts, seconds and error."""
    return con.execute(
        "SELECT run_id, status, started_at, corpus, n_documents, n_passages, n_themes, n_errors, "
        "embeddings_computed, embeddings_reused, stage_seconds, error, flow_run_id "
        "FROM runs ORDER BY run_id DESC LIMIT ?", [limit]).df()


def cached_embeddings(db_path: str | Path, model_id: str, text_hashes: list[str]) -> dict[str, np.ndarray]:
    """Stored vectors of this model for the given passage hashes (none if there is no database)."""
    if not Path(db_path).is_file() or not text_hashes:
        return {}
    con = connect_readonly(db_path, check_schema=False)  # an older file's vectors are still good
    try:
        if not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'embeddings'"
                           ).fetchone()[0]:
            return {}
        con.register("_wanted", pd.DataFrame({"text_hash": sorted(set(text_hashes))}))
        rows = con.execute(
            "SELECT e.text_hash, e.embedding FROM embeddings e JOIN _wanted w USING (text_hash) "
            "WHERE e.model_id = ?", [model_id]
        ).fetchall()
    finally:
        con.close()
    return {h: np.asarray(v, dtype=np.float32) for h, v in rows}


def previous_themes(db_path: str | Path) -> "PreviousThemes | None":
    """The latest run's themes, centres and passage members, for matching a new run's themes."""
    from pipeline.themes.lineage import PreviousThemes

    if not Path(db_path).is_file():
        return None
    con = connect_readonly(db_path, check_schema=False)  # the refresh about to run migrates it
    try:
        run = con.execute("SELECT max(run_id) FROM runs WHERE status = 'succeeded'").fetchone()[0]
        if run is None:
            return None
        members = dict(con.execute("SELECT passage_id, theme_id FROM passage_themes WHERE run_id = ?",
                                   [run]).fetchall())
        stored = con.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'themes' "
                             "AND column_name = 'centroid'").fetchone()[0]
        rows = con.execute("SELECT theme_id, centroid FROM themes WHERE run_id = ? AND centroid IS NOT NULL",
                           [run]).fetchall() if stored else []
        # Files written before themes.centroid existed: each centre is its passages' mean vector.
        rows = rows or con.execute(
            "SELECT t.theme_id, e.embedding FROM passage_themes t JOIN passages p USING (passage_id) "
            "JOIN embeddings e ON e.text_hash = p.text_hash AND e.model_id = (SELECT model_id FROM runs "
            "WHERE run_id = ?) WHERE t.run_id = ?", [run, run]).fetchall()
        lineage = con.execute("SELECT count(*) FROM information_schema.tables "
                              "WHERE table_name = 'theme_lineage'").fetchone()[0]
        used = con.execute("SELECT max(theme_id) FROM themes").fetchone()[0]
        if lineage:
            used = max(used or 0, con.execute("SELECT coalesce(max(theme_id), 0) FROM theme_lineage").fetchone()[0])
    finally:
        con.close()
    if not rows:
        return None
    vectors: dict[int, list] = {}
    for theme, vector in rows:
        vectors.setdefault(theme, []).append(vector)
    ids = sorted(vectors)
    centroids = np.vstack([np.asarray(vectors[t], dtype=np.float32).mean(axis=0) for t in ids])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True).clip(min=1e-12)
    return PreviousThemes(run_id=run, theme_ids=ids, centroids=centroids, members=members,
                          next_id=(used or 0) + 1)


def theme_overrides(db_path: str | Path) -> "list[Override]":
    """Researchers' theme edits, oldest first (none without a database or the table)."""
    from pipeline.themes.overrides import Override

    if not Path(db_path).is_file():
        return []
    con = connect_readonly(db_path, check_schema=False)
    try:
        if not con.execute("SELECT count(*) FROM information_schema.tables "
                           "WHERE table_name = 'theme_overrides'").fetchone()[0]:
            return []
        rows = con.execute("SELECT action, theme_id, other_theme_id, label FROM theme_overrides "
                           "ORDER BY created_at, rowid").fetchall()
    finally:
        con.close()
    return [Override(*row) for row in rows]


def cached_documents(db_path: str | Path, raw_hashes: list[str], code_version: str) -> "dict[str, Document]":
    """Documents prepared before from these raw inputs by the same preparing code."""
    from pipeline.prepared_cache import from_json

    if not Path(db_path).is_file() or not raw_hashes:
        return {}
    con = connect_readonly(db_path, check_schema=False)
    try:
        if not con.execute("SELECT count(*) FROM information_schema.tables "
                           "WHERE table_name = 'prepared_documents'").fetchone()[0]:
            return {}
        con.register("_wanted", pd.DataFrame({"raw_hash": sorted(set(raw_hashes))}))
        rows = con.execute("SELECT raw_hash, document FROM prepared_documents JOIN _wanted USING (raw_hash) "
                           "WHERE code_version = ?", [code_version]).fetchall()
    finally:
        con.close()
    return {h: from_json(doc) for h, doc in rows}


def known_languages(db_path: str | Path, text_hashes: list[str]) -> dict[str, str]:
    """Languages already detected for these passage texts."""
    if not Path(db_path).is_file() or not text_hashes:
        return {}
    con = connect_readonly(db_path, check_schema=False)
    try:
        if not con.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'passages' "
                           "AND column_name = 'language'").fetchone()[0]:
            return {}  # a file from before languages were stored; the refresh upgrades it
        con.register("_wanted", pd.DataFrame({"text_hash": sorted(set(text_hashes))}))
        rows = con.execute("SELECT DISTINCT p.text_hash, p.language FROM passages p JOIN _wanted USING (text_hash) "
                           "WHERE p.language IS NOT NULL").fetchall()
    finally:
        con.close()
    return dict(rows)


def latest_document_versions(db_path: str | Path) -> dict[str, str]:
    """doc_id -> content hash of every document the last succeeded run used."""
    if not Path(db_path).is_file():
        return {}
    con = connect_readonly(db_path, check_schema=False)
    try:
        return dict(con.execute(
            "SELECT doc_id, content_hash FROM run_documents WHERE run_id = "
            "(SELECT max(run_id) FROM runs WHERE status = 'succeeded')").fetchall())
    finally:
        con.close()


def previous_map(db_path: str | Path) -> dict[str, tuple[float, float]]:
    """passage_id -> (x, y) on the last succeeded run's theme map."""
    if not Path(db_path).is_file():
        return {}
    con = connect_readonly(db_path, check_schema=False)
    try:
        if not con.execute("SELECT count(*) FROM information_schema.tables "
                           "WHERE table_name = 'passage_map'").fetchone()[0]:
            return {}
        rows = con.execute("SELECT passage_id, x, y FROM passage_map WHERE run_id = "
                           "(SELECT max(run_id) FROM runs WHERE status = 'succeeded')").fetchall()
    finally:
        con.close()
    return {pid: (x, y) for pid, x, y in rows}
