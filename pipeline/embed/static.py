"""Static backend: a model2vec model distilled locally from the configured sentence-transformers model.

Distillation passes every token of the model's vocabulary through the model once (about 40 s
for all-MiniLM-L6-v2 on two cores), reduces the token vectors with PCA and weights them by
estimated token frequency. A passage's vector is then the mean of its tokens' vectors: no
transformer runs at embedding time, which is what makes this backend two orders of magnitude
faster, at some cost in theme quality (see docs/benchmarks.md).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Sequence

import numpy as np

from pipeline.embed.artifacts import artifact_dir, build_once
from pipeline.embed.sentence_transformer import resolve_model
from pipeline.errors import ModelLoadError

log = logging.getLogger("coprod.embed")


def distill_static(location: str, out: Path, dims: int) -> None:
    from model2vec.distill import distill

    distill(location, pca_dims=dims, device="cpu").save_pretrained(str(out))


class StaticEmbedder:
    def __init__(self, model: str, dims: int = 256, artifacts_dir: str = "") -> None:
        self.model = model
        self.dims = dims
        self.artifacts_dir = artifacts_dir
        base_id, self._location = resolve_model(model)
        self.kind = f"static-{dims}"
        self.model_id = f"{base_id}+{self.kind}"
        self._static = None

    def _load(self):
        if self._static is None:
            # model2vec reaches for the hub only for names; these keep it local and quiet.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TQDM_DISABLE", "1")
            from model2vec import StaticModel

            target = artifact_dir(self.artifacts_dir, self.model_id, self.kind, self._location)
            if not target.is_dir():
                log.info("distilling a static model from %s into %s, once", self.model, target)
            try:
                folder = build_once(target, lambda out: distill_static(self._location, out, self.dims))
                self._static = StaticModel.from_pretrained(str(folder), normalize=True)
            except Exception as exc:  # model2vec and transformers raise many kinds
                raise ModelLoadError(self.model, f"static distillation failed: {exc}") from exc
        return self._static

    @property
    def dimension(self) -> int:
        return int(self._load().dim)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = np.asarray(self._load().encode(list(texts), show_progress_bar=False), dtype=np.float32)
        log.info("embedded %d passages", len(texts))
        # model2vec normalises already; this guards against zero vectors of token-less texts
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)
