"""The theme stage: cluster, describe, pick representative passages, and share out documents."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict

import numpy as np

from pipeline.model import Passage, Theme, ThemeModel
from pipeline.settings import ThemeSettings
from pipeline.themes.cluster import ThemeClusterer, second_themes
from pipeline.themes.context import with_document
from pipeline.themes.hierarchy import theme_hierarchy
from pipeline.themes.keywords import term_index, theme_keywords
from pipeline.themes.metrics import npmi_coherence, topic_diversity
from pipeline.themes.labels import label_from_keywords, written_forms
from pipeline.themes.terms import TermIndex

log = logging.getLogger("coprod.themes")


def find_themes(passages: list[Passage], vectors: np.ndarray, settings: ThemeSettings,
                warm_start: np.ndarray | None = None, known: np.ndarray | None = None) -> ThemeModel:
    """Cluster the passages into themes and describe them; ``warm_start`` (theme centres)
    replaces the search for the number of themes with the previous run's number, and
    ``known`` (each passage's theme in that run, by position among the centres, -1 for a new
    passage) lets the spectral fit keep those themes (``ThemeClusterer.fit``)."""
    labels, clusterer = fit_themes(passages, vectors, settings, warm_start=warm_start, known=known)
    quality = {"silhouette": clusterer.silhouette_,
               **{f"silhouette_k{k}": v for k, v in clusterer.silhouettes_.items()},
               **{f"screen_k{k}": v for k, v in clusterer.screen_.items()}}
    return describe_themes(passages, vectors, labels, clusterer.n_themes_, settings, quality)


def fit_themes(passages: list[Passage], vectors: np.ndarray, settings: ThemeSettings, seed: int | None = None,
               warm_start: np.ndarray | None = None, known: np.ndarray | None = None
               ) -> tuple[np.ndarray, ThemeClusterer]:
    """Each passage's theme number, and the fitted clusterer (``seed`` replaces the settings')."""
    # k-means depends on the order of its rows (its seeding draws rows by index): the passages
    # go in by id, so a corpus whose files or lines come in another order gets the same themes.
    order = np.array(sorted(range(len(passages)), key=lambda i: passages[i].passage_id), dtype=int)
    # only the spectral fit reads passages in their documents (k-means fits the vectors themselves)
    in_documents = (with_document([passages[i] for i in order], vectors[order], settings.document_context)
                    if settings.method == "spectral" else None)
    clusterer = ThemeClusterer(
        n_themes=settings.n_themes, min_themes=settings.min_themes,
        max_themes=settings.max_themes, seed=settings.seed if seed is None else seed,
        min_size=settings.min_theme_size, init=warm_start, selection_seed=settings.seed,
        method=settings.method, n_neighbors=settings.neighbours,
    ).fit(vectors[order], in_documents, known=None if known is None else np.asarray(known)[order])
    labels = np.empty(len(passages), dtype=int)
    labels[order] = clusterer.labels_
    return labels, clusterer


def describe_themes(passages: list[Passage], vectors: np.ndarray, labels: np.ndarray, n_themes: int,
                    settings: ThemeSettings, quality: dict[str, float] | None = None,
                    terms: TermIndex | None = None) -> ThemeModel:
    """Everything said about a split of the passages into themes 0..n_themes-1: centres,
    scores, second themes, keywords, labels, representatives, document shares, hierarchy.
    ``terms``: the passages' words counted by an earlier description of the same passages."""
    labels = np.asarray(labels)
    texts = [p.text for p in passages]
    terms = term_index(texts, terms)
    centroids = np.vstack([vectors[labels == t].mean(axis=0) for t in range(n_themes)])
    centroids = (centroids / np.linalg.norm(centroids, axis=1, keepdims=True).clip(min=1e-12)).astype(np.float32)
    scores = np.einsum("ij,ij->i", vectors, centroids[labels])
    second, second_scores = second_themes(vectors, centroids, labels, scores, settings.second_theme_margin)
    keywords = theme_keywords(texts, labels, n_themes, settings.n_keywords, index=terms)
    sizes = Counter(labels.tolist())
    # how each theme's passages write its first keywords (an acronym keeps its capitals)
    by_theme = texts_by_theme(texts, labels.tolist())
    forms = [written_forms(by_theme.get(t, []), [w for w, _ in keywords[t][:6]]) for t in range(n_themes)]
    themes = [
        Theme(
            theme_id=t,
            label=label_from_keywords([w for w, _ in keywords[t]], forms=forms[t]),
            keywords=tuple(w for w, _ in keywords[t]),
            keyword_scores=tuple(round(s, 6) for _, s in keywords[t]),
            size=sizes[t],
        )
        for t in range(n_themes)
    ]
    for theme in themes:
        log.info("theme %d (%d passages): %s", theme.theme_id, theme.size, ", ".join(theme.keywords[:6]))
    keyword_lists = [list(t.keywords) for t in themes]
    return ThemeModel(
        themes=themes,
        assignments=labels.tolist(),
        scores=[float(s) for s in scores],
        second_assignments=second.tolist(),
        second_scores=[float(s) for s in second_scores],
        representatives=representatives(passages, labels, scores, settings.n_representatives),
        document_shares=document_shares(passages, labels, scores),
        centroids=centroids,
        hierarchy=theme_hierarchy(centroids),
        quality={**(quality or {}), "n_themes": float(n_themes),
                 "unassigned_share": 0.0,  # k-means assigns every passage
                 "second_theme_share": float((second >= 0).mean()),
                 "topic_diversity": topic_diversity(keyword_lists),
                 "npmi_coherence": npmi_coherence(keyword_lists, texts, index=terms)},
        terms=terms,
    )


def texts_by_theme(texts: list[str], labels: list[int]) -> dict[int, list[str]]:
    """Each theme's passage texts, in passage order (one pass over the passages)."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for text, theme in zip(texts, labels):
        grouped[int(theme)].append(text)
    return dict(grouped)


def representatives(passages: list[Passage], labels: np.ndarray, scores: np.ndarray,
                    n: int) -> dict[int, list[str]]:
    """Per theme, the passages closest to its centre, at most one per document."""
    chosen: dict[int, list[str]] = defaultdict(list)
    used_docs: dict[int, set[str]] = defaultdict(set)
    for i in sorted(range(len(passages)), key=lambda i: (-scores[i], passages[i].passage_id)):
        theme = int(labels[i])
        if len(chosen[theme]) < n and passages[i].doc_id not in used_docs[theme]:
            chosen[theme].append(passages[i].passage_id)
            used_docs[theme].add(passages[i].doc_id)
    return dict(chosen)


def document_shares(passages: list[Passage], labels: np.ndarray,
                    scores: np.ndarray) -> list[tuple[str, int, float, float]]:
    """(doc_id, theme_id, share of the document's passages in that theme, their mean
    similarity to its centre). The mean similarity decides the main theme between themes of
    equal share (a post of two passages in two themes): ``main_theme_key``."""
    per_doc: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0, 0.0]))
    for passage, theme, score in zip(passages, labels, scores):
        tally = per_doc[passage.doc_id][int(theme)]
        tally[0] += 1
        tally[1] += float(score)
    rows = []
    for doc_id in sorted(per_doc):
        total = sum(count for count, _ in per_doc[doc_id].values())
        for theme, (count, summed) in sorted(per_doc[doc_id].items()):
            rows.append((doc_id, theme, count / total, summed / count))
    return rows


def main_theme_key(theme: int, share: float, score: float) -> tuple[float, float, int]:
    """What a document's main theme maximises, as ``v_document_themes`` does in SQL: the
    largest share, then the closest passages, then the lower theme id."""
    return share, score, -theme


def inherited_shares(passages: list[Passage], used: list[Passage], assignments: list[int],
                     scores: list[float]) -> list[tuple[str, int, float, float]]:
    """``document_shares`` of the documents with no modelled passage whose passages copy
    modelled ones (a record exported twice, a page mirrored): each copy counts for the theme of
    its original, with its original's score, so such a document has its original's themes
    instead of none. ``used`` are the modelled passages, ``assignments`` and ``scores`` theirs."""
    position = {p.passage_id: i for i, p in enumerate(used)}
    themed = {p.doc_id for p in used}
    copies = [p for p in passages if p.doc_id not in themed and p.duplicate_of in position]
    originals = [position[p.duplicate_of] for p in copies]
    return document_shares(copies, np.array([assignments[i] for i in originals], dtype=int),
                           np.array([scores[i] for i in originals]))
