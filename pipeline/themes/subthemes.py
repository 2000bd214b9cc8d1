"""Sub-themes: each theme large and varied enough is split into a few parts of its own.

Thematic analysis works in themes and sub-themes. A theme is split when it has at least
``min_passages`` passages and its passages fall into groups more clearly than a cloud of the
same shape without groups would: k-means is tried for 2..``max_subthemes`` parts and scored
by silhouette; the same is done on *reference* clouds, Gaussian with the theme's spread along
each of its principal axes (as in the gap statistic), and the number of parts kept is the one
that beats its reference by most. A theme whose best split scores no better than its
reference by ``margin`` (a share) is homogeneous and gets no sub-themes. Sub-theme keywords are c-TF-IDF among the theme's own sub-themes, so they say
how the sub-themes differ rather than repeating the theme's keywords.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

from pipeline.model import Passage, SubTheme
from pipeline.themes.keywords import term_index, theme_keywords
from pipeline.themes.labels import label_from_keywords, written_forms
from pipeline.themes.subtheme_warm import nearest_parts
from pipeline.themes.terms import TermIndex
from pipeline.themes.threads import map_fits

# Passages a theme's split is fitted and scored on: the split of a theme of 30,000 passages
# costs what one of 3,000 does; the rest join their nearest sub-theme centre.
FIT_SAMPLE = 3000
SCORE_SAMPLE = 1500
# Structureless reference clouds averaged per number of parts: one gives the same sub-themes of
# bbc's five themes as two, at two thirds of the time (docs/benchmarks.md).
REFERENCES = 1


@dataclass
class SubThemeSplit:
    """The sub-themes of one run, sub-theme ids by position until lineage gives stable ones."""

    subthemes: list[SubTheme]
    assignments: list[int]  # per passage, its sub-theme id (-1: its theme has none)
    scores: list[float]  # per passage, cosine similarity to its sub-theme's centre (NaN: none)
    centroids: np.ndarray  # one unit row per sub-theme, in ``subthemes`` order
    representatives: dict[int, list[str]]


class SubThemeSplitter:
    """Splits one theme's passage vectors into sub-themes, or leaves it whole."""

    def __init__(self, min_passages: int = 30, max_subthemes: int = 6, min_size: int = 5,
                 margin: float = 0.1, seed: int = 42) -> None:
        self.min_passages = min_passages
        self.max_subthemes = max_subthemes
        self.min_size = min_size
        self.margin = margin
        self.seed = seed

    def fit(self, X: np.ndarray) -> "SubThemeSplitter":
        """``labels_``: the part of each row (all 0 when the theme stays whole); ``silhouette_``
        and ``reference_`` the scores of the chosen split and of its structureless reference."""
        n = len(X)
        self.labels_ = np.zeros(n, dtype=int)
        self.silhouette_ = self.reference_ = float("nan")
        most = min(self.max_subthemes, n // max(self.min_size, 1))
        if n < self.min_passages or most < 2:
            return self
        if len(np.unique(X[: FIT_SAMPLE], axis=0)) < 2 * self.min_size:
            return self  # copies of a few passages: nothing to tell apart
        rng = np.random.default_rng(self.seed)
        fit_rows = np.sort(rng.choice(n, size=min(n, FIT_SAMPLE), replace=False))
        sample = X[fit_rows]
        score_rows = np.sort(rng.choice(len(sample), size=min(len(sample), SCORE_SAMPLE), replace=False))
        references = [_structureless(sample, rng) for _ in range(REFERENCES)]
        best: tuple[float, int, KMeans, float, float] | None = None
        for k in range(2, most + 1):
            km = KMeans(n_clusters=k, n_init=3, random_state=self.seed).fit(sample)
            if np.bincount(km.labels_, minlength=k).min() < self.min_size:
                continue  # a part too small to be a sub-theme: finer splits only get smaller
            score = _silhouette(sample[score_rows], km.labels_[score_rows])
            null = float(np.mean([_silhouette(r[score_rows], KMeans(n_clusters=k, n_init=3, random_state=self.seed)
                                              .fit_predict(r)[score_rows]) for r in references]))
            gap = score - null * (1 + self.margin)
            if best is None or gap > best[0]:
                best = (gap, k, km, score, null)
        if best is None:
            return self
        gap, k, km, self.silhouette_, self.reference_ = best
        if not gap > 0:
            return self
        self.labels_ = np.argmax(X @ _unit(km.cluster_centers_).T, axis=1)
        return self


def split_themes(passages: list[Passage], vectors: np.ndarray, labels: np.ndarray,
                 splitter: SubThemeSplitter, known: dict[int, np.ndarray | None] | None = None) -> np.ndarray:
    """Each passage's sub-theme (-1: its theme stays whole), numbered in theme order, then
    by size within the theme (largest first, ties by the first passage id). A theme in
    ``known`` (``subtheme_warm.previous_splits``) keeps its previous sub-themes' centres (or
    stays whole) instead of being split afresh."""
    labels = np.asarray(labels)
    known = known or {}
    parts_of = np.full(len(passages), -1, dtype=int)
    next_id = 0
    # rows by passage id: the split does not depend on the order the passages came in
    order = sorted(set(labels.tolist()))
    themes = [np.array(sorted(np.flatnonzero(labels == theme), key=lambda i: passages[i].passage_id), dtype=int)
              for theme in order]

    def split(theme: int, rows: np.ndarray) -> np.ndarray:
        if theme in known and len(rows) >= splitter.min_passages:
            parts = nearest_parts(vectors[rows], known[theme], splitter.min_size)
            if parts is not None:
                return parts
        return copy.copy(splitter).fit(vectors[rows]).labels_

    # each theme is split on its own copy of the splitter, two themes at a time (threads.py)
    splits = map_fits(lambda item: split(*item), list(zip(order, themes)))
    for rows, parts in zip(themes, splits):
        if parts.max() == 0:
            continue
        sizes = np.bincount(parts)
        order = sorted(range(len(sizes)), key=lambda p: (-sizes[p], int(np.argmax(parts == p))))
        parts_of[rows] = np.array([next_id + order.index(p) for p in parts], dtype=int)
        next_id += len(order)
    return parts_of


def describe_subthemes(passages: list[Passage], vectors: np.ndarray, labels: np.ndarray,
                       parts: np.ndarray, n_keywords: int = 10, n_representatives: int = 3,
                       sources: dict[int, str] | None = None, terms: TermIndex | None = None) -> SubThemeSplit:
    """What is said of each sub-theme (ids as in ``parts``; -1 = none): its theme (that of
    most of its passages), centre, keywords among its sibling sub-themes, label and quotes.
    ``sources`` keeps a researcher's labels: sub-theme id -> label, for renamed ones; ``terms``
    are the passages' words counted for their themes' keywords."""
    labels, parts = np.asarray(labels), np.asarray(parts)
    texts = [p.text for p in passages]
    terms = term_index(texts, terms)
    scores = np.full(len(passages), np.nan)
    subthemes: list[SubTheme] = []
    centroids: list[np.ndarray] = []
    representatives: dict[int, list[str]] = {}
    ids = sorted(set(parts.tolist()) - {-1})
    theme_of = {s: int(np.bincount(labels[parts == s]).argmax()) for s in ids}
    for theme in sorted(set(theme_of.values())):
        siblings = [s for s in ids if theme_of[s] == theme]
        rows = np.flatnonzero(np.isin(parts, siblings))
        position = {s: i for i, s in enumerate(siblings)}
        keywords = theme_keywords([texts[i] for i in rows], np.array([position[parts[i]] for i in rows]),
                                  len(siblings), n_keywords, index=terms.subset(rows))
        for s in siblings:
            members = np.flatnonzero(parts == s)
            centre = _unit(vectors[members].mean(axis=0, keepdims=True))[0]
            words = [w for w, _ in keywords[position[s]]]
            label = label_from_keywords(words, forms=written_forms([texts[i] for i in members], words[:6]))
            renamed = (sources or {}).get(s)
            subthemes.append(SubTheme(
                subtheme_id=s, theme_id=theme, label=renamed or label, keywords=tuple(words),
                keyword_scores=tuple(round(x, 6) for _, x in keywords[position[s]]), size=len(members),
                label_source="renamed" if renamed else "keywords"))
            centroids.append(centre)
            scores[members] = vectors[members] @ centre
            representatives[s] = _closest(passages, members, scores, n_representatives)
    order = sorted(range(len(subthemes)), key=lambda i: subthemes[i].subtheme_id)
    matrix = (np.vstack([centroids[i] for i in order]).astype(np.float32) if centroids
              else np.zeros((0, vectors.shape[1]), np.float32))
    return SubThemeSplit([subthemes[i] for i in order], parts.tolist(), scores.tolist(), matrix, representatives)


def _closest(passages: list[Passage], members: np.ndarray, scores: np.ndarray, n: int) -> list[str]:
    """The passages nearest the sub-theme's centre, one per document."""
    chosen, docs = [], set()
    for i in sorted(members.tolist(), key=lambda i: (-scores[i], passages[i].passage_id)):
        if passages[i].doc_id not in docs:
            chosen.append(passages[i].passage_id)
            docs.add(passages[i].doc_id)
            if len(chosen) == n:
                break
    return chosen


def _structureless(X: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A Gaussian cloud with the rows' spread along each of their principal axes: the same
    shape, no groups. (Shuffling each axis instead would keep two well-separated groups,
    whose first axis is bimodal.)"""
    centred = X - X.mean(axis=0)
    _, singular, axes = np.linalg.svd(centred, full_matrices=False)
    spread = singular / np.sqrt(max(len(X) - 1, 1))
    return (rng.standard_normal((len(X), len(spread))) * spread) @ axes


def _silhouette(X: np.ndarray, labels: np.ndarray) -> float:
    if len(set(labels.tolist())) < 2:
        return float("nan")
    return float(silhouette_score(X, labels))


def _unit(X: np.ndarray) -> np.ndarray:
    return X / np.linalg.norm(X, axis=1, keepdims=True).clip(min=1e-12)
