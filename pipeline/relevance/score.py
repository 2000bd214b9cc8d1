"""Scoring documents' relevance to the field from their passages' vectors.

A passage's score is its margin — its similarity to the nearest field prototype minus its
similarity to the nearest off-field sense — plus ``corpus_weight`` times how typical it is of
the corpus's own on-topic core: the centre of the passages whose margin is positive, measured
against the median of those core passages. The word "co-production" alone carries nothing:
a film treaty's passages sit nearer the film sense than any concept, and far from the core.

A document's score is the mean over its best passages (the top third, at least
``MIN_TOP_PASSAGES``), so one on-topic sentence in a long off-topic page does not carry it,
and a page of chrome with one good paragraph is not sunk by its menus.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from pipeline.relevance.prototypes import Prototypes

MIN_TOP_PASSAGES = 2
TOP_SHARE = 1 / 3
# Fewer core passages than this give no corpus centre worth the name: the corpus term is 0.
MIN_CORE = 5


@dataclass(frozen=True)
class DocumentRelevance:
    """One document's relevance to the field in one run (a row of ``document_relevance``)."""

    doc_id: str
    score: float
    field_similarity: float  # mean over the document's best passages
    off_field_similarity: float
    corpus_similarity: float  # relative to the core's median (0 = a typical core passage)
    nearest_concept: str
    nearest_off_field: str | None
    off_topic: bool
    reason: str | None


@dataclass
class PassageScores:
    field: np.ndarray
    off_field: np.ndarray
    corpus: np.ndarray
    concept: np.ndarray  # index into Prototypes.field_names
    sense: np.ndarray  # index into Prototypes.off_names (-1 = none)

    def score(self, corpus_weight: float) -> np.ndarray:
        return self.field - self.off_field + corpus_weight * self.corpus


def passage_scores(vectors: np.ndarray, prototypes: Prototypes) -> PassageScores:
    n = len(vectors)
    sims = vectors @ prototypes.field_vectors.T
    best = np.argmax(sims, axis=1)
    field = sims[np.arange(n), best]
    if len(prototypes.off_vectors):
        off_sims = vectors @ prototypes.off_vectors.T
        nearest = np.argmax(off_sims, axis=1)
        off_field = off_sims[np.arange(n), nearest]
        sense = prototypes.off_owner[nearest]
    else:
        off_field, sense = np.zeros(n, np.float32), np.full(n, -1)
    return PassageScores(field, off_field, corpus_typicality(vectors, field - off_field),
                         prototypes.field_owner[best], sense)


def corpus_typicality(vectors: np.ndarray, margins: np.ndarray) -> np.ndarray:
    """Cosine to the centre of the on-field core (margin > 0), minus the core's median cosine."""
    core = margins > 0
    if core.sum() < MIN_CORE:
        return np.zeros(len(vectors), np.float32)
    centre = vectors[core].mean(axis=0)
    centre /= np.linalg.norm(centre) or 1.0
    cosines = vectors @ centre
    return cosines - float(np.median(cosines[core]))


def score_documents(doc_ids: list[str], vectors: np.ndarray, prototypes: Prototypes, *, threshold: float,
                    corpus_weight: float) -> list[DocumentRelevance]:
    """One verdict per document that has passages (``doc_ids``: the owner of each row)."""
    if not doc_ids:
        return []
    parts = passage_scores(vectors, prototypes)
    scores = parts.score(corpus_weight)
    rows: dict[str, list[int]] = {}
    for row, doc_id in enumerate(doc_ids):
        rows.setdefault(doc_id, []).append(row)
    verdicts = []
    for doc_id, members in rows.items():
        k = max(MIN_TOP_PASSAGES, math.ceil(TOP_SHARE * len(members)))
        # ties broken by position, so the same input gives the same verdict
        top = sorted(members, key=lambda r: (-scores[r], r))[:k]
        score = float(np.mean(scores[top]))
        field, off = float(np.mean(parts.field[top])), float(np.mean(parts.off_field[top]))
        corpus = float(np.mean(parts.corpus[top]))
        concept = int(parts.concept[max(members, key=lambda r: (parts.field[r], -r))])
        nearest = max(members, key=lambda r: (parts.off_field[r], -r))
        sense = int(parts.sense[nearest]) if parts.sense[nearest] >= 0 else None
        off_topic = score < threshold
        why = reason(score, threshold, field, off, corpus, prototypes.field_labels[concept],
                     None if sense is None else prototypes.off_labels[sense]) if off_topic else None
        verdicts.append(DocumentRelevance(
            doc_id, round(score, 6), round(field, 6), round(off, 6), round(corpus, 6),
            prototypes.field_names[concept], None if sense is None else prototypes.off_names[sense], off_topic, why))
    return verdicts


def reason(score: float, threshold: float, field: float, off: float, corpus: float, concept: str,
           sense: str | None) -> str:
    """Why a document was left out, in words an analyst can check against the numbers."""
    if sense is not None and off >= field:
        why = f"closer to {sense} ({off:.2f}) than to any concept of the field (best: {concept}, {field:.2f})"
    else:
        why = f"far from the field's concepts (best: {concept}, {field:.2f}) and from the corpus's core ({corpus:+.2f})"
    return f"off-topic: {why}; score {score:.3f} < threshold {threshold:.3f}"
