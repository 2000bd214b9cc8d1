"""Mapping themes and passages onto the co-production concepts of a taxonomy file.

A theme's score for a concept mixes meaning and words: the cosine similarity between the
theme's centre and the embedded concept description, and the share of the concept's keywords
that occur in the theme's passages. A theme whose best score stays under ``min_score`` is
marked emergent: something the taxonomy does not name yet, not forced into a concept.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.errors import CoprodError


@dataclass(frozen=True)
class Concept:
    concept_id: str
    name: str
    description: str
    keywords: tuple[str, ...]


@dataclass
class ConceptMatch:
    theme_concepts: list[tuple[int, str, int, float, float, float]]  # theme, concept, rank, score, sim, kw
    passage_concepts: list[tuple[int, str, float]]  # passage row, concept, similarity
    emergent: set[int]
    document_concepts: list[tuple[str, str, int, float]] = field(default_factory=list)  # doc, concept, rank, score


def taxonomy_entries(path: str | Path, table: str) -> list[dict]:
    """The entries of one table of a taxonomy file (``concept``, ``field``, ``off_field``), each
    checked to have an id, a name and a description."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CoprodError(f"taxonomy file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CoprodError(f"taxonomy file {path} is not valid TOML: {exc}") from exc
    entries = data.get(table, [])
    for number, item in enumerate(entries, start=1):
        missing = [k for k in ("id", "name", "description") if not item.get(k)]
        if missing:
            kind = "concept" if table == "concept" else f"{table} sense"
            raise CoprodError(f"taxonomy file {path}: {kind} {number} has no {', '.join(missing)}")
    return entries


def load_taxonomy(path: str | Path) -> list[Concept]:
    concepts = []
    for item in taxonomy_entries(path, "concept"):
        concepts.append(Concept(item["id"], item["name"], " ".join(item["description"].split()),
                                tuple(k.lower() for k in item.get("keywords", []))))
    if len({c.concept_id for c in concepts}) != len(concepts):
        raise CoprodError(f"taxonomy file {path}: concept ids must be unique")
    return concepts


def keyword_evidence(text: str, keywords: tuple[str, ...], saturation: int = 3) -> float:
    """How many of the concept's keywords occur in the text, saturating at ``saturation``."""
    return _evidence(text.lower(), keywords, saturation)


def _evidence(low: str, keywords: tuple[str, ...], saturation: int = 3) -> float:
    return min(1.0, sum(1 for k in keywords if k in low) / saturation) if keywords else 0.0


def match_concepts(concepts: list[Concept], concept_vectors: np.ndarray, centroids: np.ndarray,
                   theme_texts: list[str], passage_vectors: np.ndarray, *, keyword_weight: float = 0.3,
                   min_score: float = 0.35, per_theme: int = 3, passage_min: float = 0.4,
                   per_passage: int = 3, doc_ids: list[str] | None = None) -> ConceptMatch:
    sims = centroids @ concept_vectors.T
    # A theme's text is all its passages (megabytes on a large corpus): lower-cased once, not
    # once per concept (that was 8 of the concepts stage's 9 s at 100,000 passages).
    lowered = [text.lower() for text in theme_texts]
    evidence = np.array([[_evidence(low, c.keywords) for c in concepts] for low in lowered])
    scores = (1 - keyword_weight) * sims + keyword_weight * evidence
    theme_rows, emergent = [], set()
    for theme in range(len(centroids)):
        order = sorted(range(len(concepts)), key=lambda j: (-scores[theme, j], concepts[j].concept_id))
        if scores[theme, order[0]] < min_score:
            emergent.add(theme)
        for rank, j in enumerate(order[:per_theme], start=1):
            theme_rows.append((theme, concepts[j].concept_id, rank, round(float(scores[theme, j]), 6),
                               round(float(sims[theme, j]), 6), round(float(evidence[theme, j]), 6)))
    passage_rows, document_rows = [], []
    if len(passage_vectors):
        passage_sims = passage_vectors @ concept_vectors.T
        if doc_ids is not None:
            document_rows = document_concepts(doc_ids, passage_sims, [c.concept_id for c in concepts], per_theme)
        top = np.argsort(-passage_sims, axis=1, kind="stable")[:, :per_passage]
        for row, columns in enumerate(top):
            for j in columns:
                if passage_sims[row, j] >= passage_min:
                    passage_rows.append((row, concepts[j].concept_id, round(float(passage_sims[row, j]), 6)))
    return ConceptMatch(theme_rows, passage_rows, emergent, document_rows)


def document_concepts(doc_ids: list[str], passage_sims: np.ndarray, concept_ids: list[str],
                      per_document: int = 3) -> list[tuple[str, str, int, float]]:
    """A document's strongest concepts: the mean similarity of its passages to each concept.
    The mean, not the best passage: what the whole page is about, not one aside."""
    if not doc_ids:
        return []
    # documents in order of first appearance, each one's rows summed in one numpy call
    # (a loop over documents took 4 s at 100,000)
    codes, first = pd.factorize(np.asarray(doc_ids, dtype=object))
    order = np.argsort(codes, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(codes[order]) != 0])
    means = np.add.reduceat(passage_sims[order].astype(np.float64), starts, axis=0)
    means /= np.diff(np.r_[starts, len(order)])[:, None]
    by_id = np.argsort(np.asarray(concept_ids, dtype=object), kind="stable")  # ties: the first id
    top = by_id[np.argsort(-means[:, by_id], axis=1, kind="stable")[:, :per_document]]
    return [(doc_id, concept_ids[j], rank, round(float(means[d, j]), 6))
            for d, doc_id in enumerate(first.tolist()) for rank, j in enumerate(top[d].tolist(), start=1)]
