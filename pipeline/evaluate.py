"""Measuring themes against a labelled corpus: the pipeline's stages, timed, then agreement
between each document's main theme and its gold label.

A labelled corpus is a JSONL file whose lines carry ``id``, ``text`` and a gold ``label``.
The run is published to a database like any refresh, so a second evaluation of the same corpus
reuses its embeddings and analysts can query the evaluated themes.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np
from sklearn import metrics

from pipeline import refresh as stages
from pipeline.embed.base import Embedder
from pipeline.embed.cache import embed_passages
from pipeline.errors import CoprodError
from pipeline.model import Document, Passage, ThemeModel, modelled
from pipeline.settings import Settings
from pipeline.themes.build import document_shares, fit_themes, main_theme_key
from pipeline.themes.naming import nearest_label_share

UNASSIGNED = -1


@dataclass
class Evaluation:
    corpus: str
    run_id: str | None
    n_documents: int
    n_labels: int
    n_passages: int
    n_modelled: int
    n_themes: int
    scores: dict[str, float]  # v_measure, nmi, ari, homogeneity, completeness, npmi, ...
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"corpus": self.corpus, "run_id": self.run_id, "n_documents": self.n_documents,
                "n_labels": self.n_labels, "n_passages": self.n_passages, "n_modelled": self.n_modelled,
                "n_themes": self.n_themes, "scores": self.scores, "seconds": self.seconds}


def gold_labels(path: str | Path) -> dict[str, str]:
    """``id`` -> ``label`` of every JSONL line that has both; lines without are not scored."""
    labels: dict[str, str] = {}
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # reported by ingestion as an error of this line
            if isinstance(record, dict) and record.get("label") is not None:
                labels[str(record.get("id") or f"line-{number}")] = str(record["label"])
    if not labels:
        raise CoprodError(f"{path} has no line with a gold \"label\": evaluation needs a labelled "
                          "JSONL corpus ({\"id\", \"text\", \"label\"} per line)")
    return labels


def main_themes(passages: list[Passage], assignments: list[int], scores: list[float]) -> dict[str, int]:
    """Each document's main theme: the one most of its modelled passages are in (their mean
    score breaks ties, then the lower id), as ``v_document_themes`` gives it. Unassigned
    passages (-1) do not vote."""
    voting = [i for i, theme in enumerate(assignments) if theme != UNASSIGNED]
    best: dict[str, tuple[float, float, int]] = {}
    for doc, theme, share, score in document_shares([passages[i] for i in voting],
                                                    np.array([assignments[i] for i in voting], dtype=int),
                                                    np.array([scores[i] for i in voting])):
        best[doc] = max(best.get(doc, (-1.0, 0.0, 0)), main_theme_key(theme, share, score))
    return {doc: -key[2] for doc, key in best.items()}


def agreement(gold: list[str], found: list[int]) -> dict[str, float]:
    """Clustering agreement between gold labels and found themes (documents in the same order)."""
    homogeneity, completeness, v_measure = metrics.homogeneity_completeness_v_measure(gold, found)
    return {"v_measure": v_measure, "nmi": metrics.normalized_mutual_info_score(gold, found),
            "ami": metrics.adjusted_mutual_info_score(gold, found),
            "ari": metrics.adjusted_rand_score(gold, found),
            "homogeneity": homogeneity, "completeness": completeness}


def seed_stability(passages: list[Passage], vectors: np.ndarray, labels: list[int], settings: Settings,
                   n_seeds: int) -> float:
    """Mean ARI between this run's passage themes and those found with ``n_seeds`` other
    seeds (``passages``: the modelled ones, in the order of ``vectors``)."""
    scores = []
    for offset in range(1, n_seeds + 1):
        other, _ = fit_themes(passages, vectors, settings.themes, seed=settings.themes.seed + offset)
        scores.append(metrics.adjusted_rand_score(labels, other))
    return float(np.mean(scores))


def evaluate(corpus: str | Path, db_path: str | Path | None, settings: Settings,
             embedder: Embedder | None = None, stability_seeds: int = 0) -> Evaluation:
    """Run ingest -> passages -> embeddings -> themes (-> store) on a labelled JSONL corpus."""
    gold = gold_labels(corpus)
    seconds: dict[str, float] = {}
    started = stages.now()
    with _timed(seconds, "ingest"):
        documents, errors = stages.ingest(corpus, settings)
    with _timed(seconds, "split"):
        passages = stages.split(documents, settings)
    with _timed(seconds, "embed"):
        embedder = embedder or stages.make_embedder(settings)
        # without a database nothing is cached: every passage is embedded
        embeddings = (stages.embed(passages, db_path, settings, embedder) if db_path
                      else embed_passages(modelled(passages), embedder))
    with _timed(seconds, "themes"):
        embeddings = stages.context(passages, embeddings, settings)
        model = stages.themes(passages, embeddings, settings)
    with _timed(seconds, "labels"):
        model = stages.labels(model, passages, embeddings, settings, embedder)
    scores = score_run(documents, passages, model, gold)
    scores.update(label_accuracy(model, embeddings.vectors, embedder))
    if stability_seeds:
        with _timed(seconds, "stability"):
            scores["seed_stability_ari"] = seed_stability(modelled(passages), embeddings.vectors,
                                                          model.assignments, settings, stability_seeds)
    model.quality.update({f"gold_{k}": v for k, v in scores.items() if k in _GOLD})
    run_id = None
    if db_path:
        with _timed(seconds, "store"):
            record = stages.make_record(corpus, started, settings, documents, passages, embeddings, model, errors)
            run_id = stages.store(db_path, record)
    return Evaluation(
        corpus=str(corpus), run_id=run_id, n_documents=len(documents), n_labels=len(set(gold.values())),
        n_passages=len(passages), n_modelled=len(model.assignments), n_themes=len(model.themes),
        scores=scores, seconds=seconds,
    )


def label_accuracy(model: ThemeModel, vectors: np.ndarray, embedder: Embedder) -> dict[str, float]:
    """Labels and top-10 keywords as zero-shot classifiers: the share of passages nearest
    their own theme's label, and nearest their own theme's keywords joined into one string."""
    if len(model.themes) < 2:
        return {}
    position = {t.theme_id: i for i, t in enumerate(model.themes)}
    y = np.array([position[t] for t in model.assignments])
    return {"label_accuracy": nearest_label_share(embedder, [t.label for t in model.themes], vectors, y),
            "keyword_accuracy": nearest_label_share(embedder, [" ".join(t.keywords[:10]) for t in model.themes],
                                                    vectors, y)}


_GOLD = ("v_measure", "nmi", "ari", "homogeneity", "completeness", "document_coverage")


def score_run(documents: list[Document], passages: list[Passage], model: ThemeModel,
              gold: dict[str, str]) -> dict[str, float]:
    """Gold agreement over labelled documents (one with no modelled passage counts as
    unassigned, so leaving documents out is penalised), plus the run's own quality figures."""
    scores = document_agreement(documents, passages, model.assignments, model.scores, gold)
    for name in ("npmi_coherence", "topic_diversity", "unassigned_share", "silhouette"):
        scores[name] = float(model.quality.get(name, float("nan")))
    return scores


def document_agreement(documents: list[Document], passages: list[Passage], assignments: list[int],
                       scores: list[float], gold: dict[str, str]) -> dict[str, float]:
    """Agreement of labelled documents' main themes with their labels, and the share of them
    that got a theme at all. ``assignments`` and ``scores`` follow ``modelled(passages)``.

    A passage left out as a near-duplicate votes with its original's theme: a document that
    repeats another is about the same thing, and news corpora repeat articles.
    """
    used = modelled(passages)
    theme_of = {p.passage_id: (t, s) for p, t, s in zip(used, assignments, scores)}
    copies = [(p, *theme_of[p.duplicate_of]) for p in passages if p.duplicate_of in theme_of]
    found = main_themes(used + [p for p, _, _ in copies], list(assignments) + [t for _, t, _ in copies],
                        list(scores) + [s for _, _, s in copies])
    labelled = [d for d in documents if d.external_id in gold]
    if not labelled:
        raise CoprodError("no document of the corpus has a gold label (the ids of the JSONL lines "
                          "and of the ingested documents differ)")
    result = agreement([gold[d.external_id] for d in labelled], [found.get(d.doc_id, UNASSIGNED) for d in labelled])
    result["document_coverage"] = sum(d.doc_id in found for d in labelled) / len(labelled)
    return result


@contextmanager
def _timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds[stage] = round(time.perf_counter() - start, 3)


def format_evaluation(result: Evaluation) -> str:
    s = result.scores
    lines = [
        f"coprod evaluate: {result.corpus}",
        f"  corpus       {result.n_documents} documents, {result.n_labels} gold labels, "
        f"{result.n_passages} passages ({result.n_modelled} modelled)",
        f"  themes       {result.n_themes}",
        f"  agreement    V-measure {s['v_measure']:.3f}  NMI {s['nmi']:.3f}  ARI {s['ari']:.3f}  "
        f"(homogeneity {s['homogeneity']:.3f}, completeness {s['completeness']:.3f}; "
        "document's main theme vs its label)",
        f"  keywords     NPMI {s['npmi_coherence']:.3f}  topic diversity {s['topic_diversity']:.3f} (top 10)",
        f"  unassigned   {s['unassigned_share']:.1%} of passages, "
        f"{1 - s['document_coverage']:.1%} of documents",
    ]
    if "seed_stability_ari" in s:
        lines.append(f"  stability    ARI {s['seed_stability_ari']:.3f} between seeds")
    lines.append("  seconds      " + "  ".join(f"{k} {v:.1f}" for k, v in result.seconds.items())
                 + f"  total {sum(result.seconds.values()):.1f}")
    if result.run_id:
        lines.append(f"  run          {result.run_id}")
    return "\n".join(lines)
