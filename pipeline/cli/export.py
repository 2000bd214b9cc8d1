"""``coprod export``: every table to Parquet (or CSV) files, or the run as a REFI-QDA project
(``.qdpx``) or codebook (``.qdc``) for QDA tools."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pipeline.cli.themes import DEFAULT_DB
from pipeline.exports.write import FORMATS as RUN_FORMATS, export_run
from pipeline.query import export_tables


def export(
    folder: Path = typer.Argument(..., help="Folder to write one file per table into."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file written by `coprod refresh`."),
    fmt: str = typer.Option("parquet", "--format",
                            help="parquet or csv (every table); sql (DuckDB's EXPORT DATABASE: schema.sql, load.sql, Parquet); qdpx (REFI-QDA project: codebook, documents, "
                                 "coded passages) or qdc (REFI-QDA codebook) for NVivo, ATLAS.ti, MAXQDA, QualCoder; "
                                 "ris, bibtex or csl-json: the documents as references for Zotero, EndNote, ASReview."),
    run: Optional[str] = typer.Option(None, "--run", help="Run to export (default: the latest)."),
    theme: Optional[int] = typer.Option(None, "--theme", help="ris/bibtex/csl-json: only this theme's documents."),
) -> None:
    """Write every table of the database to FOLDER, one file each; the run's themes as a
    REFI-QDA project or codebook; or its documents as references."""
    if fmt in RUN_FORMATS:
        typer.echo(f"wrote {export_run(db, folder, fmt, run, theme)}")
        return
    written = export_tables(db, folder, fmt)
    typer.echo(f"wrote {len(written)} {'files' if fmt == 'sql' else 'tables'} to {folder}")
