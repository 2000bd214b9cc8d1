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
