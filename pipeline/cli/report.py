"""``coprod report``: rebuild the HTML report of a run from the database alone."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pipeline.cli.paths import default_report
from pipeline.cli.themes import DEFAULT_DB
from pipeline.report.build import build_report


def report(
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file written by `coprod refresh`."),
    run: Optional[str] = typer.Option(None, "--run", help="Run id (default: the latest run)."),
    out: Optional[Path] = typer.Option(None, "--out", help="HTML file to write (default: beside the database)."),
) -> None:
    """Write the HTML theme report of one run (and the same as Markdown, and its tables as CSV),
    read from the DuckDB file alone."""
    path = build_report(db, out or default_report(db), run)
    typer.echo(f"report written to {path} (also {path.with_suffix('.md').name}, "
               f"{path.with_suffix('').name}-themes.csv, {path.with_suffix('').name}-assignments.csv)")
