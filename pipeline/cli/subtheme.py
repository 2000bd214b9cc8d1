"""``coprod subtheme rename|merge|move``: researchers' edits to sub-themes, kept in
``theme_overrides`` with the theme edits and re-applied after every refresh."""

from __future__ import annotations

from pathlib import Path

import typer

from pipeline.cli.edits import record_edit
from pipeline.cli.themes import DEFAULT_DB

app = typer.Typer(help="Edit sub-themes by their stable id; edits survive every later refresh.",
                  no_args_is_help=True)
DB = typer.Option(DEFAULT_DB, "--db", help="DuckDB file written by `coprod refresh`.")
SUBTHEME = typer.Argument(..., help="Sub-theme id (see `coprod themes --subthemes`).")


@app.command("rename")
def rename(subtheme_id: int = SUBTHEME, label: str = typer.Argument(..., help="The sub-theme's new name."),
           db: Path = DB) -> None:
    """Give a sub-theme a name of your own."""
    typer.echo(record_edit(db, "rename-subtheme", -1, label=label, subtheme_id=subtheme_id))


@app.command("merge")
def merge(keep: int = typer.Argument(..., help="Sub-theme id that stays."),
          other: int = typer.Argument(..., help="Sub-theme id merged into it (of the same theme)."),
          db: Path = DB) -> None:
    """Merge one sub-theme into another of the same theme (from the next refresh on)."""
    typer.echo(record_edit(db, "merge-subthemes", -1, subtheme_id=keep, other_subtheme_id=other))


@app.command("move")
def move(subtheme_id: int = SUBTHEME, theme_id: int = typer.Argument(..., help="Theme id it moves to."),
         db: Path = DB) -> None:
    """Move a sub-theme, with its passages, to another theme (from the next refresh on)."""
    typer.echo(record_edit(db, "move-subtheme", theme_id, subtheme_id=subtheme_id))
