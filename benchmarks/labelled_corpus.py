"""A labelled corpus as the theme benchmarks read it: ingested, split into passages and
embedded by the product's own stages, each passage read in its thread's context. Embeddings
are cached where `coprod evaluate` caches them (outputs/evaluate/<corpus>.duckdb), keyed by
the corpus's file name, so every benchmark and every reading of the same file embeds once.

Imported by the scripts beside it (run as scripts, benchmarks/ is on the path).
"""

from __future__ import annotations

from pathlib import Path

from pipeline import refresh as stages
from pipeline.embed.base import Embedder
from pipeline.embed.cache import EmbeddingResult
from pipeline.model import Document, Passage
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def read_corpus(corpus: Path, settings: Settings, embedder: Embedder | None = None
                ) -> tuple[list[Document], list[Passage], EmbeddingResult]:
    """The corpus's documents, passages and the modelled passages' vectors in context."""
    db = ROOT / "outputs" / "evaluate" / f"{corpus.stem}.duckdb"
    db.parent.mkdir(parents=True, exist_ok=True)
    documents, _ = stages.ingest(corpus, settings)
    passages = stages.split(documents, settings)
    embeddings = stages.context(passages, stages.embed(passages, db, settings, embedder), settings)
    return documents, passages, embeddings
