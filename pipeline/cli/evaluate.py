"""``coprod evaluate``: run the pipeline on a labelled JSONL corpus and print how well its
themes agree with the gold labels, the keyword quality, and the seconds each stage took."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Optional

import typer

from pipeline.cli.options import with_theme_options
from pipeline.settings import load_settings


def evaluate(
    corpus: Path = typer.Option(..., "--corpus", help="JSONL file whose lines carry id, text and a gold label."),
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB file to publish the run to, which also caches "
                                      "its embeddings (default: outputs/evaluate/<corpus>.duckdb)."),
    no_db: bool = typer.Option(False, "--no-db", help="Publish nothing and cache nothing: embed every passage."),
    config: Optional[Path] = typer.Option(None, "--config", help="Settings file (TOML)."),
    n_themes: Optional[int] = typer.Option(None, "--themes", min=1, help="Number of themes (default: chosen automatically)."),
    min_theme_size: Optional[int] = typer.Option(None, "--min-theme-size", min=1,
                                                 help="Smallest theme kept; smaller ones join their neighbours."),
    seeds: int = typer.Option(0, "--seeds", min=0, help="Also refit with this many other seeds and report "
                              "the mean ARI between seeds."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Measure the themes found in a labelled corpus against its gold labels."""
    # Imported here: the pipeline's stages (scikit-learn, the embedder) are seconds of imports
    # that `coprod --help` and the other commands do not need.
    from pipeline.evaluate import evaluate as run_evaluation
    from pipeline.evaluate import format_evaluation

    settings = load_settings(config)
    settings = with_theme_options(settings, n_themes, min_theme_size)
    if not no_db:
        db = db or Path("outputs/evaluate") / f"{corpus.stem}.duckdb"
        db.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(format="%(asctime)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    logging.getLogger("coprod").setLevel(logging.INFO)  # progress lines on stderr
    result = run_evaluation(corpus, None if no_db else db, settings, stability_seeds=seeds)
    typer.echo(json.dumps(result.to_dict(), indent=2) if as_json else format_evaluation(result))
