"""``coprod theme rename|pin|merge|noise|restore|move-passage|set-aside|split|undo``: researchers' edits
to themes, kept in ``theme_overrides`` and re-applied after every refresh."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pipeline.cli.edits import record_edit
from pipeline.cli.themes import DEFAULT_DB

app = typer.Typer(help="Edit themes by their stable id; edits survive every later refresh.",
                  no_args_is_help=True)
DB = typer.Option(DEFAULT_DB, "--db", help="DuckDB file written by `coprod refresh`.")


@app.command("rename")
def rename(theme_id: int = typer.Argument(..., help="Theme id (see `coprod themes`)."),
           label: str = typer.Argument(..., help="The theme's new name."), db: Path = DB) -> None:
    """Give a theme a name of your own."""
    typer.echo(record_edit(db, "rename", theme_id, label=label))


@app.command("pin")
def pin(theme_id: int = typer.Argument(..., help="Theme id (see `coprod themes`)."),
        label: Optional[str] = typer.Argument(None, help="Label to pin (default: its current label)."),
        db: Path = DB) -> None:
    """Keep a theme's label fixed, whatever its keywords become."""
    typer.echo(record_edit(db, "pin", theme_id, label=label))


@app.command("merge")
def merge(keep: int = typer.Argument(..., help="Theme id that stays."),
          other: int = typer.Argument(..., help="Theme id merged into it."), db: Path = DB) -> None:
    """Merge one theme into another (from the next refresh on)."""
    typer.echo(record_edit(db, "merge", keep, other_theme_id=other))


@app.command("noise")
def noise(theme_id: int = typer.Argument(..., help="Theme id (see `coprod themes`)."), db: Path = DB) -> None:
    """Mark a theme as noise: kept, but flagged as not a finding."""
    typer.echo(record_edit(db, "noise", theme_id))


@app.command("restore")
def restore(theme_id: int = typer.Argument(..., help="Theme id (see `coprod themes`)."), db: Path = DB) -> None:
    """Undo `coprod theme noise`."""
    typer.echo(record_edit(db, "restore", theme_id))


@app.command("move-passage")
def move_passage(passage_id: str = typer.Argument(..., help="Passage id (see v_passages_in_context)."),
                 theme_id: int = typer.Argument(..., help="Theme id it moves to."), db: Path = DB) -> None:
    """Move one passage to another theme (from the next refresh on)."""
    typer.echo(record_edit(db, "move-passage", theme_id, target=passage_id))


@app.command("set-aside")
def set_aside(target: str = typer.Argument(..., help="Document id (see documents), or one passage's id."),
              db: Path = DB) -> None:
    """Leave a document, or a single passage, out of the themes as off-topic (from the next refresh on)."""
    typer.echo(record_edit(db, "set-aside", -1, target=target))


@app.command("split")
def split(theme_id: int = typer.Argument(..., help="Theme id the passages leave."),
          passages: list[str] = typer.Argument(..., help="Passage ids that form the new theme."),
          label: Optional[str] = typer.Option(None, "--label", help="Name of the new theme."),
          db: Path = DB) -> None:
    """Split passages off a theme into a theme of their own (from the next refresh on)."""
    typer.echo(record_edit(db, "split", theme_id, label=label, target=",".join(passages)))


@app.command("undo")
def undo(edit_id: str = typer.Argument(..., help="Edit id (theme_overrides.edit_id or memos.edit_id)."),
         db: Path = DB) -> None:
    """Take back an edit or memo: names and noise marks at once, the rest from the next refresh."""
    typer.echo(record_edit(db, "undo", -1, target=edit_id))
