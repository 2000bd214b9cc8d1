"""``coprod themes``: print the themes of the latest run."""

from __future__ import annotations

from pathlib import Path

import typer

from pipeline.store.connect import connect_readonly
from pipeline.store.reader import latest_run_id, run_themes

DEFAULT_DB = Path("outputs/coproduction.duckdb")


def themes(
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file written by `coprod refresh`."),
) -> None:
    """Print the themes of the latest run: id, size, label and keywords."""
    con = connect_readonly(db)
    try:
        run_id = latest_run_id(con, str(db))
        frame = run_themes(con, run_id)
    finally:
        con.close()
    typer.echo(f"{run_id}: {len(frame)} themes")
    for row in frame.itertuples():
        typer.echo(f"{row.theme_id:>3}  {row.label} ({row.size} passages)")
        typer.echo(f"     {', '.join(row.keywords)}")
