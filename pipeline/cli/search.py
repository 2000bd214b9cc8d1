"""``coprod search``: find passages by words and by meaning."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Optional

import typer

from pipeline.cli.themes import DEFAULT_DB
from pipeline.query import search as run_search
from pipeline.settings import load_settings
from pipeline.store.search import SearchFilters


def search(
    text: str = typer.Argument(..., help="What to look for, in plain words."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file written by `coprod refresh`."),
    theme: Optional[int] = typer.Option(None, "--theme", help="Only passages of this theme id."),
    genre: Optional[str] = typer.Option(None, "--genre", help="Only this genre: abstract, blog, forum, encyclopedia, other."),
    limit: int = typer.Option(10, "--limit", min=1, help="How many passages to show."),
    config: Optional[Path] = typer.Option(None, "--config", help="Settings TOML (where [embedding] keeps exported models)."),
) -> None:
    """Search the latest run's passages: BM25 full text and semantic similarity, fused."""
    settings = load_settings(config)
    hits = run_search(db, text, SearchFilters(theme=theme, genre=genre), limit, settings=settings.embedding)
    if not hits:
        typer.echo("no passages found")
        return
    for hit in hits:
        typer.echo(f"{hit.rank:>3}. [{hit.genre}] theme {hit.theme_id}: {hit.theme_label}  (score {hit.score:.4f})")
        typer.echo(textwrap.indent(textwrap.fill(" ".join(hit.text.split())[:600], 96), "     "))
        typer.echo(f"     — {hit.citation}\n")
