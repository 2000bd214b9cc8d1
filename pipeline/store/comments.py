"""Every table, view and column described inside the file (``COMMENT ON``), so any SQL client
(the DuckDB CLI and UI, DBeaver, ``duckdb_columns()``) shows what it means.

The descriptions are read from ``schema.md`` (shipped in this package; ``docs/schema.md`` links
to it), the page analysts read: one source, so the file and the page cannot disagree. A
section ``### `name``` gives the table's or view's description (its first paragraph) and, in
its ``| column | type | meaning |`` table, each column's.
"""

from __future__ import annotations

import re
from importlib import resources

import duckdb

_SECTION = re.compile(r"^### `(\w+)`\n(.*?)(?=^#{2,3} |\Z)", re.M | re.S)
_ROW = re.compile(r"^\| `(\w+)` \| [^|]+ \| (.+) \|$", re.M)


def schema_page() -> str:
    return resources.files("pipeline.store").joinpath("schema.md").read_text(encoding="utf-8")


def _plain(markdown: str) -> str:
    """Markdown cell or paragraph as plain text: no backticks, bold or links, one line."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    text = text.replace("`", "").replace("**", "")
    return " ".join(text.split())


def descriptions(page: str | None = None) -> dict[str, tuple[str, dict[str, str]]]:
    """name -> (its description, column -> description), for every documented table and view."""
    found = {}
    for name, body in _SECTION.findall(page if page is not None else schema_page()):
        paragraph = body.split("\n\n", 1)[0] if not body.lstrip().startswith("|") else ""
        columns = {column: _plain(meaning) for column, meaning in _ROW.findall(body)}
        if columns:
            found[name] = (_plain(paragraph) if not paragraph.lstrip().startswith(("|", "```")) else "", columns)
    return found


def comment_everything(con: duckdb.DuckDBPyConnection) -> int:
    """Put each documented description on its table or view and columns; returns how many
    columns got one. Objects or columns the file lacks (an older view) are passed over."""
    kinds = dict(con.execute("SELECT table_name, CASE WHEN table_type = 'VIEW' THEN 'VIEW' ELSE 'TABLE' END "
                             "FROM information_schema.tables WHERE table_schema = 'main'").fetchall())
    present = set(con.execute("SELECT table_name, column_name FROM information_schema.columns "
                              "WHERE table_schema = 'main'").fetchall())
    done = 0
    for name, (about, columns) in descriptions().items():
        if name not in kinds:
            continue
        if about:
            con.execute(f"COMMENT ON {kinds[name]} {name} IS {_literal(about)}")
        for column, meaning in columns.items():
            if (name, column) in present:
                con.execute(f"COMMENT ON COLUMN {name}.{column} IS {_literal(meaning)}")
                done += 1
    return done


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
