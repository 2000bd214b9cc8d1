"""Embedding one chunk of texts by the backend that settings name, on whichever process runs it.

A Dask worker runs many chunks; it loads the model for the first and keeps it for the rest
(one embedder per distinct settings, per process), since loading takes seconds and a chunk of
512 passages takes about 20 s on the torch backend.
"""

from __future__ import annotations

import functools

import numpy as np

from pipeline.embed.backends import make_embedder
from pipeline.embed.base import Embedder
from pipeline.settings import EmbeddingSettings


@functools.lru_cache(maxsize=4)
def _embedder(settings: EmbeddingSettings) -> Embedder:
    return make_embedder(settings)


def embed_chunk(texts: list[str], settings: EmbeddingSettings) -> np.ndarray:
    return _embedder(settings).embed(texts)
