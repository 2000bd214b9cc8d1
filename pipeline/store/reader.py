"""Reading back what analysts and the report need: the latest run, its themes, cached vectors."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb
import numpy as np
import pandas as pd

from pipeline.errors import NoRunsError
from pipeline.store.connect import connect_readonly


# The run the published file shows: a refresh compares itself with it.
LAST_GOOD_RUN = "(SELECT max(run_id) FROM runs WHERE status = 'succeeded')"


@contextmanager
def published(db_path: str | Path) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """What a refresh reads from the file it is about to replace: a read-only connection to it,
    whatever its schema version (the refresh migrates it), or None when there is no file yet."""
    if not Path(db_path).is_file():
        yield None
        return
    con = connect_readonly(db_path, check_schema=False)
    try:
        yield con
    finally:
        con.close()


def has(con: duckdb.DuckDBPyConnection, table: str, column: str | None = None) -> bool:
    """Whether the file has the table (and column): an older file may lack newer ones."""
    if column is None:
        sql, params = "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
    else:
        sql = "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?"
        params = [table, column]
    return bool(con.execute(sql, params).fetchone()[0])


def _wanted(con: duckdb.DuckDBPyConnection, column: str, values: list[str]) -> None:
    """Register the distinct values as table _wanted(column), to join against."""
    con.register("_wanted", pd.DataFrame({column: sorted(set(values))}))


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


def run_subthemes(con: duckdb.DuckDBPyConnection, run_id: str) -> pd.DataFrame:
    return con.execute("SELECT subtheme_id, theme_id, label, size, keywords FROM subthemes WHERE run_id = ? "
                       "ORDER BY theme_id, size DESC, subtheme_id", [run_id]).df()


def recent_runs(con: duckdb.DuckDBPyConnection, limit: int = 20) -> pd.DataFrame:
    """The latest refresh attempts, newest first, with status, counts, seconds and error."""
    return con.execute(
        "SELECT run_id, status, started_at, corpus, n_documents, n_passages, n_themes, n_errors, "
        "embeddings_computed, embeddings_reused, stage_seconds, error, flow_run_id "
        "FROM runs ORDER BY run_id DESC LIMIT ?", [limit]).df()


def cached_embeddings(db_path: str | Path, model_id: str, text_hashes: list[str]) -> dict[str, np.ndarray]:
    """Stored vectors of this model for the given passage hashes (none if there is no database)."""
    with published(db_path) as con:  # an older file's vectors are still good
        if con is None or not text_hashes or not has(con, "embeddings"):
            return {}
        _wanted(con, "text_hash", text_hashes)
        # As numpy arrays, not Python lists: a list of 384 Python floats takes about eight
        # times the memory (1.2 GB more at 100,000 cached passages).
        rows = con.execute("SELECT e.text_hash, e.embedding FROM embeddings e JOIN _wanted w USING (text_hash) "
                           "WHERE e.model_id = ?", [model_id]).fetchnumpy()
    return {h: np.asarray(v, dtype=np.float32) for h, v in zip(rows["text_hash"], rows["embedding"])}


def previous_themes(db_path: str | Path) -> "PreviousThemes | None":
    """The latest run's themes, centres and passage members, for matching a new run's themes."""
    from pipeline.themes.lineage import PreviousThemes

    with published(db_path) as con:
        if con is None:
            return None
        run = con.execute(f"SELECT {LAST_GOOD_RUN}").fetchone()[0]
        if run is None:
            return None
        members = dict(con.execute("SELECT passage_id, theme_id FROM passage_themes WHERE run_id = ?",
                                   [run]).fetchall())
        rows = con.execute("SELECT theme_id, centroid FROM themes WHERE run_id = ? AND centroid IS NOT NULL",
                           [run]).fetchall() if has(con, "themes", "centroid") else []
        # Files written before themes.centroid existed: each centre is its passages' mean vector.
        rows = rows or con.execute(
            "SELECT t.theme_id, e.embedding FROM passage_themes t JOIN passages p USING (passage_id) "
            "JOIN embeddings e ON e.text_hash = p.text_hash AND e.model_id = (SELECT model_id FROM runs "
            "WHERE run_id = ?) WHERE t.run_id = ?", [run, run]).fetchall()
        used = con.execute("SELECT max(theme_id) FROM themes").fetchone()[0]
        if has(con, "theme_lineage"):
            used = max(used or 0, con.execute("SELECT coalesce(max(theme_id), 0) FROM theme_lineage").fetchone()[0])
        used = max(used or 0, reserved_theme_id(con) or 0)
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


def reserved_theme_id(con: duckdb.DuckDBPyConnection) -> int | None:
    """The largest theme id a reviewer's split reserved (never given to another theme)."""
    if not has(con, "theme_overrides"):
        return None
    return con.execute("SELECT max(other_theme_id) FROM theme_overrides WHERE action = 'split'").fetchone()[0]


def theme_overrides(db_path: str | Path) -> "list[Override]":
    """Researchers' theme and sub-theme edits, oldest first: those in the file, then those of the
    edit journal not merged into it yet (none without a database or the table)."""
    from pipeline.store.edit_journal import IN_FORCE, as_override, entries, in_force
    from pipeline.themes.overrides import Override

    with published(db_path) as con:
        if con is None or not has(con, "theme_overrides"):
            return []
        sub = ("subtheme_id, other_subtheme_id" if has(con, "theme_overrides", "subtheme_id")
               else "NULL, NULL")  # a file from before sub-themes
        journalled = has(con, "theme_overrides", "edit_id")
        ids = "target, edit_id" if journalled else "NULL, NULL"
        rows = con.execute(f"SELECT action, theme_id, other_theme_id, label, {sub}, {ids} FROM theme_overrides "
                           f"{'WHERE ' + IN_FORCE if journalled else ''} ORDER BY created_at, rowid").fetchall()
        merged = ({e for (e,) in con.execute("SELECT edit_id FROM theme_overrides").fetchall()}
                  if journalled else set())
    journal = entries(db_path)
    undone = {e.get("target") for e in journal if e.get("action") == "undo"}
    pending = [as_override(e) for e in in_force(journal) if e.get("kind") != "memo" and e["edit_id"] not in merged]
    return [Override(*row[:-1]) for row in rows if row[-1] not in undone] + pending


def previous_subthemes(db_path: str | Path) -> "PreviousThemes | None":
    """The latest run's sub-themes, centres and passage members, for keeping their ids."""
    from pipeline.themes.lineage import PreviousThemes

    with published(db_path) as con:
        if con is None or not has(con, "subthemes"):
            return None
        run = con.execute(f"SELECT {LAST_GOOD_RUN}").fetchone()[0]
        rows = con.execute("SELECT subtheme_id, centroid FROM subthemes WHERE run_id = ? ORDER BY subtheme_id",
                           [run]).fetchall()
        members = dict(con.execute("SELECT passage_id, subtheme_id FROM passage_themes "
                                   "WHERE run_id = ? AND subtheme_id IS NOT NULL", [run]).fetchall())
        used = con.execute("SELECT greatest((SELECT max(subtheme_id) FROM subthemes), "
                           "(SELECT max(subtheme_id) FROM subtheme_lineage))").fetchone()[0]
    if not rows:
        return None if used is None else PreviousThemes(run, [], np.zeros((0, 1), np.float32), {}, used + 1)
    centroids = np.vstack([np.asarray(c, dtype=np.float32) for _, c in rows])
    return PreviousThemes(run_id=run, theme_ids=[r[0] for r in rows], centroids=centroids, members=members,
                          next_id=used + 1)


def cached_documents(db_path: str | Path, raw_hashes: list[str], code_version: str) -> "dict[str, Document]":
    """Documents prepared before from these raw inputs by the same preparing code."""
    from pipeline.prepared_cache import from_json

    with published(db_path) as con:
        if con is None or not raw_hashes or not has(con, "prepared_documents"):
            return {}
        _wanted(con, "raw_hash", raw_hashes)
        rows = con.execute("SELECT raw_hash, document FROM prepared_documents JOIN _wanted USING (raw_hash) "
                           "WHERE code_version = ?", [code_version]).fetchall()
    return {h: from_json(doc) for h, doc in rows}


def known_languages(db_path: str | Path, text_hashes: list[str]) -> dict[str, str]:
    """Languages already detected for these passage texts (none from a file from before
    languages were stored; the refresh upgrades it)."""
    with published(db_path) as con:
        if con is None or not text_hashes or not has(con, "passages", "language"):
            return {}
        _wanted(con, "text_hash", text_hashes)
        rows = con.execute("SELECT DISTINCT p.text_hash, p.language FROM passages p JOIN _wanted USING (text_hash) "
                           "WHERE p.language IS NOT NULL").fetchall()
    return dict(rows)


def latest_document_versions(db_path: str | Path) -> dict[str, str]:
    """doc_id -> content hash of every document the last succeeded run used."""
    with published(db_path) as con:
        if con is None:
            return {}
        return dict(con.execute(f"SELECT doc_id, content_hash FROM run_documents WHERE run_id = {LAST_GOOD_RUN}"
                                ).fetchall())


def previous_map(db_path: str | Path) -> dict[str, tuple[float, float]]:
    """passage_id -> (x, y) on the last succeeded run's theme map."""
    with published(db_path) as con:
        if con is None or not has(con, "passage_map"):
            return {}
        rows = con.execute(f"SELECT passage_id, x, y FROM passage_map WHERE run_id = {LAST_GOOD_RUN}").fetchall()
    return {pid: (x, y) for pid, x, y in rows}
