"""``coprod runs``: the latest refresh attempts with their status, counts and errors."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from pipeline.cli.themes import DEFAULT_DB
from pipeline.store.connect import connect_readonly
from pipeline.store.reader import recent_runs


def runs(
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file written by `coprod refresh`."),
    limit: int = typer.Option(10, "--limit", min=1, help="How many of the latest attempts to list."),
) -> None:
    """List recent refreshes: status, documents, passages, themes, embeddings reused, seconds, error."""
    con = connect_readonly(db)
    try:
        frame = recent_runs(con, limit)
    finally:
        con.close()
    if frame.empty:
        typer.echo("no refresh has run on this database yet")
        return
    for row in frame.itertuples():
        seconds = sum(json.loads(row.stage_seconds).values()) if isinstance(row.stage_seconds, str) else 0.0
        line = f"{row.run_id}  {row.status:<11} {row.started_at:%Y-%m-%d %H:%M}  {row.corpus}"
        if row.status == "succeeded":
            line += (f"  {row.n_documents} documents, {row.n_passages} passages, {row.n_themes} themes, "
                     f"{row.embeddings_computed} embedded / {row.embeddings_reused} reused, {seconds:.0f} s")
        else:
            line += f"  {row.error}"
        typer.echo(line)
