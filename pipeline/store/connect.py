"""Opening database files and applying the schema."""

from __future__ import annotations

from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import duckdb

from pipeline.errors import CoprodError, DatabaseNotFoundError
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


def connect_readonly(path: str | Path, check_schema: bool = True) -> duckdb.DuckDBPyConnection:
    """A read-only connection: analysts' queries and reports never write. A file of another
    schema version is refused rather than misread (a refresh upgrades an older one)."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseNotFoundError(str(path))
    con = duckdb.connect(str(path), read_only=True)
    if check_schema:
        version = current_version(con)
        if version != LATEST:
            con.close()
            if version is None:
                raise CoprodError(f"{path} is not a coprod database (no schema_version table)")
            if version > LATEST:
                raise CoprodError(f"{path} has schema version {version}, newer than this coprod "
                                  f"understands ({LATEST}); upgrade coprod to read it")
            raise CoprodError(f"{path} has schema version {version}, older than this coprod's ({LATEST}); "
                              "run `coprod refresh` on it once to upgrade it")
    return con
