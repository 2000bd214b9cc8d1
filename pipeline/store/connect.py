"""Opening database files and applying the schema."""

from __future__ import annotations

from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import duckdb

from pipeline.errors import DatabaseNotFoundError
from pipeline.store.migrations import LATEST, current_version, migrate



def schema_sql() -> str:
    return resources.files("pipeline.store").joinpath("schema.sql").read_text(encoding="utf-8")


def views_sql() -> str:
    return resources.files("pipeline.store").joinpath("views.sql").read_text(encoding="utf-8")


def apply_schema(con: duckdb.DuckDBPyConnection, label: str = "database") -> None:
    """Create the current schema in a new file, or upgrade an older one; (re)create the views."""
    version = current_version(con)
    if version is None:
        con.execute(schema_sql())
        con.execute("INSERT INTO schema_version VALUES (?, ?)",
                    [LATEST, datetime.now(timezone.utc).replace(tzinfo=None)])
    else:
        migrate(con, version, label)
    con.execute(views_sql())


def connect_readonly(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection: analysts' queries and reports never write."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseNotFoundError(str(path))
    return duckdb.connect(str(path), read_only=True)
