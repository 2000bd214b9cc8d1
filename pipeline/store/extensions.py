"""DuckDB's fts and vss extensions, loaded from their PyPI packages' folders — never downloaded.

The packages duckdb-extension-fts / duckdb-extension-vss carry the extension binaries built
for one DuckDB version, which must be the installed duckdb's (pinned in pyproject.toml).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import duckdb

from pipeline.errors import CoprodError


def extension_path(name: str) -> Path:
    try:
        package = importlib.import_module(f"duckdb_extension_{name}")
    except ImportError as exc:
        raise CoprodError(f"the duckdb-extension-{name} package is not installed") from exc
    path = Path(package.__file__).parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.is_file():
        raise CoprodError(f"duckdb-extension-{name} has no build for DuckDB {duckdb.__version__} "
                          f"(looked for {path}); install the version equal to duckdb's")
    return path


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    # Never let DuckDB fetch an extension from the network on its own.
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute(f"LOAD '{extension_path(name)}'")
