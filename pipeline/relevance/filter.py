"""Judging a run's documents and leaving the off-topic ones out of theme modelling."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import numpy as np

from pipeline.embed.base import Embedder
from pipeline.embed.cache import EmbeddingResult
from pipeline.model import Passage, modelled
from pipeline.relevance.prototypes import embed_prototypes, load_field, load_off_field
from pipeline.relevance.score import DocumentRelevance, score_documents
from pipeline.settings import RelevanceSettings
from pipeline.themes.concepts import load_taxonomy

log = logging.getLogger("coprod.relevance")

# passages.excluded of a passage whose document was judged off-topic when it was first stored
OFF_TOPIC = "off-topic"


def judge_documents(passages: list[Passage], vectors: np.ndarray, taxonomy: str | Path, embedder: Embedder,
                    settings: RelevanceSettings) -> list[DocumentRelevance]:
    """A verdict for every document with modelled passages (``vectors``: one row per
    modelled passage, in order)."""
    used = modelled(passages)
    prototypes = embed_prototypes(embedder, load_taxonomy(taxonomy), load_off_field(taxonomy), load_field(taxonomy))
    verdicts = score_documents([p.doc_id for p in used], vectors, prototypes, threshold=settings.threshold,
                               corpus_weight=settings.corpus_weight)
    log.info("relevance: %d of %d documents off-topic (threshold %.3f)",
             sum(v.off_topic for v in verdicts), len(verdicts), settings.threshold)
    return verdicts


def leave_out(passages: list[Passage], embeddings: EmbeddingResult,
              verdicts: list[DocumentRelevance]) -> tuple[list[Passage], EmbeddingResult]:
    """Passages of off-topic documents flagged ``off-topic``, and their rows dropped from the
    matrix, which keeps one row per modelled passage. Their vectors stay in the cache."""
    return leave_out_documents(passages, embeddings, {v.doc_id for v in verdicts if v.off_topic}, OFF_TOPIC)


def leave_out_documents(passages: list[Passage], embeddings: EmbeddingResult, ids: set[str],
                        reason: str) -> tuple[list[Passage], EmbeddingResult]:
    """The modelled passages of the documents ``ids`` names, and the passages it names itself,
    flagged with ``reason`` and their rows dropped."""
    if not ids:
        return passages, embeddings
    keep = [p.doc_id not in ids and p.passage_id not in ids for p in modelled(passages)]
    flagged = [dataclasses.replace(p, excluded=reason)
               if p.excluded is None and (p.doc_id in ids or p.passage_id in ids) else p
               for p in passages]
    return flagged, dataclasses.replace(embeddings, vectors=embeddings.vectors[np.array(keep, dtype=bool)])
