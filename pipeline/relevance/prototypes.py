"""What the field is about, and what it is not, as embedded prototypes.

The field's prototypes are the taxonomy's concepts (``[[concept]]``) and its descriptions of
the field as a whole (``[[field]]``: co-production in general, local public services): each one's whole
description and each of its sentences, so a passage that speaks to one aspect of a concept
(a tenant scrutiny panel, a recovery college) meets a prototype about that aspect rather than a
blurred average. The contrasting senses (``[[off_field]]`` in the same file) describe what the
field's words also mean elsewhere — film co-production treaties, chemical co-products, brand
co-creation, hardware/software co-design — and the everyday topics of pages a feed or a search
pulls in by accident; a passage closer to one of them than to the field is evidence against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.embed.base import Embedder
from pipeline.errors import CoprodError
from pipeline.themes.concepts import Concept, taxonomy_entries

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
    # what a reason calls them ("Film and television co-production"); default: the ids
    field_labels: list[str] | None = None
    off_labels: list[str] | None = None

    def __post_init__(self) -> None:
        self.field_labels = self.field_labels or list(self.field_names)
        self.off_labels = self.off_labels or list(self.off_names)


def load_off_field(path: str | Path) -> list[OffFieldSense]:
    """The ``[[off_field]]`` senses of a taxonomy file (none is allowed: then only the field's
    own similarity and the corpus's core speak)."""
    return _load_senses(path, "off_field")


def load_field(path: str | Path) -> list[OffFieldSense]:
    """The ``[[field]]`` descriptions of a taxonomy file: the field as a whole, on topic for the
    relevance filter beside the concepts, but not concepts themes are mapped onto."""
    return _load_senses(path, "field")


def _load_senses(path: str | Path, table: str) -> list[OffFieldSense]:
    senses = []
    for item in taxonomy_entries(path, table):
        senses.append(OffFieldSense(item["id"], item["name"], " ".join(item["description"].split())))
    if len({s.sense_id for s in senses}) != len(senses):
        raise CoprodError(f"taxonomy file {path}: {table} ids must be unique")
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


def embed_prototypes(embedder: Embedder, concepts: list[Concept], senses: list[OffFieldSense],
                     field: list[OffFieldSense] = ()) -> Prototypes:
    """Concepts and the ``field``'s general descriptions on one side, off-field senses on the other."""
    if not concepts:
        raise CoprodError("the relevance filter needs the taxonomy's concepts: the taxonomy file has none")
    items = [(c.name, c.description) for c in concepts] + [(f.name, f.description) for f in field]
    field_vectors, field_owner = _embed_all(embedder, items)
    off_vectors, off_owner = _embed_all(embedder, [(s.name, s.description) for s in senses])
    return Prototypes(field_vectors, field_owner, [c.concept_id for c in concepts] + [f.sense_id for f in field],
                      off_vectors, off_owner, [s.sense_id for s in senses],
                      field_labels=[c.name for c in concepts] + [f.name for f in field],
                      off_labels=[s.name for s in senses])
