"""``coprod export``: every table to Parquet (or CSV) files, for other tools."""

from __future__ import annotations

from pathlib import Path

import typer

from pipeline.cli.themes import DEFAULT_DB
from pipeline.query import export_tables


def export(
    folder: Path = typer.Argument(..., help="Folder to write one file per table into."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file written by `coprod refresh`."),
    fmt: str = typer.Option("parquet", "--format", help="parquet or csv."),
) -> None:
    """Write every table of the database to FOLDER, one file each."""
    written = export_tables(db, folder, fmt)
    typer.echo(f"wrote {len(written)} tables to {folder}")
