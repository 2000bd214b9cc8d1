"""What the field is about, and what it is not, as embedded prototypes.

The field's prototypes are the taxonomy's concepts (``[[concept]]``): each concept's whole
description and each of its sentences, so a passage that speaks to one aspect of a concept
(a tenant scrutiny panel, a recovery college) meets a prototype about that aspect rather than a
blurred average. The contrasting senses (``[[off_field]]`` in the same file) describe what the
field's words also mean elsewhere — film co-production treaties, chemical co-products, brand
co-creation, hardware/software co-design — and the everyday topics of pages a feed or a search
pulls in by accident; a passage closer to one of them than to the field is evidence against it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.embed.base import Embedder
from pipeline.errors import CoprodError
from pipeline.themes.concepts import Concept

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class OffFieldSense:
    sense_id: str
    name: str
    description: str


@dataclass
class Prototypes:
    """Unit vectors, each row owned by one concept (field) or one sense (off_field)."""

    field_vectors: np.ndarray
    field_owner: np.ndarray  # row -> index into field_names
    field_names: list[str]  # concept ids
    off_vectors: np.ndarray
    off_owner: np.ndarray
    off_names: list[str]  # off-field sense ids


def load_off_field(path: str | Path) -> list[OffFieldSense]:
    """The ``[[off_field]]`` senses of a taxonomy file (none is allowed: then only the field's
    own similarity and the corpus's core speak)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CoprodError(f"taxonomy file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CoprodError(f"taxonomy file {path} is not valid TOML: {exc}") from exc
    senses = []
    for number, item in enumerate(data.get("off_field", []), start=1):
        missing = [k for k in ("id", "name", "description") if not item.get(k)]
        if missing:
            raise CoprodError(f"taxonomy file {path}: off_field sense {number} has no {', '.join(missing)}")
        senses.append(OffFieldSense(item["id"], item["name"], " ".join(item["description"].split())))
    if len({s.sense_id for s in senses}) != len(senses):
        raise CoprodError(f"taxonomy file {path}: off_field ids must be unique")
    return senses


def prototype_texts(name: str, description: str) -> list[str]:
    """The whole description, then each sentence, each led by the name (the sentences alone
    often do not say which sense of a word they mean)."""
    sentences = [s for s in _SENTENCE_END.split(" ".join(description.split())) if s]
    texts = [f"{name}. {description}"]
    if len(sentences) > 1:
        texts += [f"{name}. {s}" for s in sentences]
    return texts


def _embed_all(embedder: Embedder, items: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    texts, owner = [], []
    for index, (name, description) in enumerate(items):
        for text in prototype_texts(name, description):
            texts.append(text)
            owner.append(index)
    if not texts:
        return np.zeros((0, embedder.dimension), np.float32), np.zeros(0, int)
    return np.asarray(embedder.embed(texts), dtype=np.float32), np.array(owner, dtype=int)


def embed_prototypes(embedder: Embedder, concepts: list[Concept], senses: list[OffFieldSense]) -> Prototypes:
    if not concepts:
        raise CoprodError("the relevance filter needs the taxonomy's concepts: the taxonomy file has none")
    field_vectors, field_owner = _embed_all(embedder, [(c.name, c.description) for c in concepts])
    off_vectors, off_owner = _embed_all(embedder, [(s.name, s.description) for s in senses])
    return Prototypes(field_vectors, field_owner, [c.concept_id for c in concepts],
                      off_vectors, off_owner, [s.sense_id for s in senses])
