"""``coprod refresh``: run the Prefect refresh flow on a corpus folder."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

import typer

from pipeline.cli.paths import default_db, default_report
from pipeline.cli.summary import format_summary
from pipeline.cli.options import with_parallel_options, with_theme_options
from pipeline.fetch.manifest import load_live_sources
from pipeline.settings import load_settings
from pipeline.sources.corpus import discover


def refresh(
    corpus: Path = typer.Option(Path("corpora/coproduction"), "--corpus", help="Folder of documents to read."),
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB file to publish to (default: outputs/<corpus>.duckdb)."),
    report: Optional[Path] = typer.Option(None, "--report", help="HTML report to write (default: beside the database)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Settings file (TOML)."),
    n_themes: Optional[int] = typer.Option(None, "--themes", min=1, help="Number of themes (default: chosen automatically)."),
    min_theme_size: Optional[int] = typer.Option(None, "--min-theme-size", min=1,
                                                 help="Smallest theme kept; smaller ones join their neighbours."),
    dask_address: Optional[str] = typer.Option(None, "--dask-address",
                                               help="Prepare and embed on this Dask cluster (tcp://host:8786)."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                          help="Prepare and embed on a local Dask cluster of N worker processes."),
) -> None:
    """Ingest a corpus folder, find its themes, publish them to DuckDB and write the HTML report."""
    settings = load_settings(config)
    settings = with_theme_options(settings, n_themes, min_theme_size)
    if dask_address and workers:
        raise typer.BadParameter("give --dask-address or --workers, not both")
    settings = with_parallel_options(settings, dask_address, workers)
    if not (corpus.is_dir() and load_live_sources(corpus)):  # a folder of live sources may hold no files yet
        discover(corpus)  # a missing or empty folder fails here, before Prefect starts
    db = db or default_db(corpus)
    report = report or default_report(db)
    db.parent.mkdir(parents=True, exist_ok=True)

    from flows.environment import prepare_prefect_environment, start_temporary_server
    from flows.temporary_server import start_before_prefect

    owned = prepare_prefect_environment(db.parent / ".prefect")
    # Both come up while the stages' modules are imported: coprod's own launch of Prefect's
    # temporary server when coprod owns Prefect's settings, Prefect's otherwise.
    server = start_before_prefect(owned)
    thread = None if server else start_temporary_server()
    logging.getLogger("coprod").setLevel(logging.INFO)  # progress lines: files read, passages embedded
    try:
        # Imported here so that `coprod themes` and `import pipeline` never load Prefect.
        from flows.refresh import refresh_flow_for

        if server:
            server.wait()
        if thread:
            thread.join()
        result = refresh_flow_for(settings)(corpus=str(corpus), db=str(db), report=str(report),
                                            settings=settings)
    finally:
        if server:
            server.stop()
    typer.echo(format_summary(result, str(corpus)))
