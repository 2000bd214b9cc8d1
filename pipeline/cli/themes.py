"""``coprod themes``: print the themes of the latest run."""

from __future__ import annotations

from pathlib import Path

import typer

from pipeline.store.connect import connect_readonly
from pipeline.store.reader import latest_run_id, run_subthemes, run_themes

DEFAULT_DB = Path("outputs/coproduction.duckdb")


def themes(
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file written by `coprod refresh`."),
    subthemes: bool = typer.Option(False, "--subthemes", help="Also list each theme's sub-themes."),
) -> None:
    """Print the themes of the latest run: id, size, label and keywords."""
    con = connect_readonly(db)
    try:
        run_id = latest_run_id(con, str(db))
        frame = run_themes(con, run_id)
        parts = run_subthemes(con, run_id) if subthemes else None
    finally:
        con.close()
    typer.echo(f"{run_id}: {len(frame)} themes")
    for row in frame.itertuples():
        typer.echo(f"{row.theme_id:>3}  {row.label} ({row.size} passages)")
        typer.echo(f"     {', '.join(row.keywords)}")
        for sub in ([] if parts is None else parts[parts.theme_id == row.theme_id].itertuples()):
            typer.echo(f"     - sub-theme {sub.subtheme_id}: {sub.label} ({sub.size} passages)")
