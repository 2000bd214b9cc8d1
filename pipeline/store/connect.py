"""Opening database files and applying the schema."""

from __future__ import annotations

from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import duckdb

from pipeline.errors import DatabaseNotFoundError

SCHEMA_VERSION = 1


def schema_sql() -> str:
    return resources.files("pipeline.store").joinpath("schema.sql").read_text(encoding="utf-8")


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(schema_sql())
    if con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 0:
        con.execute("INSERT INTO schema_version VALUES (?, ?)",
                    [SCHEMA_VERSION, datetime.now(timezone.utc).replace(tzinfo=None)])


def connect_readonly(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection: analysts' queries and reports never write."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseNotFoundError(str(path))
    return duckdb.connect(str(path), read_only=True)
