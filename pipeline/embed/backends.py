"""Choosing the embedding backend from settings, or from the model id a database recorded.

A backend's vectors differ from another's, so each records its own model id
(``<model>+onnx-int8``, ``<model>+static-256``) and the embedding cache never mixes them;
``coprod search`` embeds a query with the backend that embedded the passages.
"""

from __future__ import annotations

import dataclasses

from pipeline.embed.base import Embedder
from pipeline.embed.onnx_int8 import SUFFIX as ONNX_SUFFIX
from pipeline.embed.onnx_int8 import OnnxInt8Embedder
from pipeline.embed.sentence_transformer import SentenceTransformerEmbedder
from pipeline.embed.static import StaticEmbedder
from pipeline.settings import EmbeddingSettings


def make_embedder(settings: EmbeddingSettings) -> Embedder:
    """The configured backend; its model loads (and is exported, the first time) on first use."""
    if settings.backend == "torch":
        return SentenceTransformerEmbedder.from_settings(settings)
    if settings.backend == "onnx-int8":
        return OnnxInt8Embedder(settings.model, threads=settings.threads,
                                artifacts_dir=settings.artifacts_dir)
    return StaticEmbedder(settings.model, dims=settings.static_dims, artifacts_dir=settings.artifacts_dir)


def embedder_for(model_id: str, settings: EmbeddingSettings) -> Embedder:
    """An embedder that reproduces the vectors recorded under ``model_id``."""
    model, _, suffix = model_id.rpartition("+")
    if not model:
        return make_embedder(dataclasses.replace(settings, model=model_id, backend="torch"))
    if suffix == ONNX_SUFFIX:
        return make_embedder(dataclasses.replace(settings, model=model, backend="onnx-int8"))
    if suffix.startswith("static-") and suffix[7:].isdigit():
        return make_embedder(dataclasses.replace(settings, model=model, backend="static",
                                                 static_dims=int(suffix[7:])))
    return make_embedder(dataclasses.replace(settings, model=model_id, backend="torch"))
