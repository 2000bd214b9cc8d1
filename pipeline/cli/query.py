"""``coprod query``: run SQL on a read-only connection and print the result."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from pipeline.cli.themes import DEFAULT_DB
from pipeline.query import read_only_query


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def query(
    sql: str = typer.Argument(..., help="SQL to run; any statement that writes is refused."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file written by `coprod refresh`."),
    fmt: Format = typer.Option(Format.table, "--format", help="Output: table, csv or json."),
) -> None:
    """Run SQL against the database, read-only."""
    frame = read_only_query(db, sql)
    if fmt is Format.csv:
        typer.echo(frame.to_csv(index=False), nl=False)
    elif fmt is Format.json:
        typer.echo(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    else:
        typer.echo(frame.to_string(index=False, max_colwidth=80) if len(frame) else "(no rows)")
