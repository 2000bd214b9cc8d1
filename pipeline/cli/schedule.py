"""``coprod schedule``: serve the refresh flow as a Prefect deployment on a cron schedule."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pipeline.cli.paths import default_db, default_report
from pipeline.sources.corpus import discover


def schedule(
    cron: Optional[str] = typer.Option(None, "--cron", help='Cron schedule, e.g. "0 3 * * 1" (Mondays 03:00).'),
    interval: Optional[float] = typer.Option(None, "--interval", min=1, help="Or: run every this many seconds."),
    corpus: Path = typer.Option(Path("corpora/coproduction"), "--corpus", help="Folder of documents to read."),
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB file to publish to (default: outputs/<corpus>.duckdb)."),
    report: Optional[Path] = typer.Option(None, "--report", help="HTML report to write (default: beside the database)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Settings file (TOML)."),
) -> None:
    """Create the Prefect deployment `coprod-refresh/scheduled-refresh` and serve it until stopped.

    Needs a Prefect server (PREFECT_API_URL); `prefect server start` runs one locally.
    """
    discover(corpus)  # a missing corpus fails now, not at 3 a.m.
    db = db or default_db(corpus)
    report = report or default_report(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    from flows.environment import prepare_prefect_environment

    prepare_prefect_environment(db.parent / ".prefect")
    from flows.schedule import serve_refresh

    serve_refresh(corpus, db, report, config, cron=cron, interval=interval)
