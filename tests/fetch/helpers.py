"""Small helpers shared by the fetch tests."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.fetch.stage import Fetched
from pipeline.store.connect import apply_schema
from pipeline.fetch.log import write_fetch_log


def keep_fetch_log(db: Path, fetched: Fetched, run_id: str = "run-0001") -> None:
    """Store a fetch's log and bodies as a refresh would, without the rest of the pipeline."""
    con = duckdb.connect(str(db))
    try:
        apply_schema(con)
        write_fetch_log(con, run_id, fetched.rows, fetched.responses)
    finally:
        con.close()


def by_status(requests) -> dict[int, int]:
    counts: dict[int, int] = {}
    for r in requests:
        counts[r.status] = counts.get(r.status, 0) + 1
    return counts
