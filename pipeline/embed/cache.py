"""Embedding only what has not been embedded before by the same model.

Vectors are keyed by (model id, passage text hash), so an unchanged passage is never embedded
twice, whichever document or run it comes from.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Mapping

import numpy as np

from pipeline.embed.base import Embedder
from pipeline.model import Passage

log = logging.getLogger("coprod.embed")


@dataclass
class EmbeddingResult:
    vectors: np.ndarray  # one row per passage, in passage order
    model_id: str
    reused: int
    computed: int
    new: dict[str, np.ndarray]  # text hash -> vector, for the vectors computed in this run


def embed_passages(passages: list[Passage], embedder: Embedder,
                   cached: Mapping[str, np.ndarray] | None = None,
                   embed_texts: Callable[[list[str]], np.ndarray] | None = None) -> EmbeddingResult:
    """Vectors for the passages: cached ones looked up, the rest embedded by ``embed_texts``
    (by default the embedder itself; the refresh passes one that works in chunks)."""
    cached = cached or {}
    hashes = [p.text_hash for p in passages]
    todo: dict[str, str] = {}
    for passage, text_hash in zip(passages, hashes):
        if text_hash not in cached and text_hash not in todo:
            todo[text_hash] = passage.text
    log.info("embedding %d passages (%d reused from the cache)", len(todo), len(passages) - len(todo))
    new: dict[str, np.ndarray] = {}
    if todo:
        vectors = (embed_texts or embedder.embed)(list(todo.values()))
        new = dict(zip(todo.keys(), vectors))
    lookup = {**cached, **new}
    matrix = np.vstack([lookup[h] for h in hashes]).astype(np.float32) if hashes else np.zeros((0, 0), np.float32)
    reused = sum(1 for h in hashes if h in cached)
    return EmbeddingResult(matrix, embedder.model_id, reused=reused, computed=len(new), new=new)
