"""Grouping passage embeddings into themes: the number of themes by the silhouette of k-means
splits, the themes themselves by spectral clustering at that number (or k-means).

Themes are numbered by size (largest first), ties broken by the first passage in input order,
so the same input and seed always give the same theme ids.
"""

from __future__ import annotations

import logging
import math
from typing import Callable, TypeVar

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.metrics.pairwise import euclidean_distances

from pipeline.themes.spectral import kept_themes, keeps_themes, spectral_themes
from pipeline.themes.threads import FITS_AT_ONCE, map_fits
from pipeline.themes.tree import tree_centres, ward_tree

log = logging.getLogger("coprod.themes")
T = TypeVar("T")


class ThemeClusterer:
    """k-means on unit vectors (so Euclidean distance ranks like cosine similarity).

    With ``init`` (centres, one row per theme) and n_themes=0, k-means starts from those centres
    once instead of searching: a refresh of a mostly unchanged corpus keeps its themes.
    Otherwise n_themes=0 tries numbers of themes from min_themes up (every one to 12, then
    steps of about a sixth) to max_themes, or when that is 0 to a bound that grows with the
    corpus (``most_themes``), stopping past 12 once PATIENCE numbers in a row score clearly
    below the best; it scores each split by silhouette,
    computed on at most ``sample_size`` passages so the choice stays linear in corpus size; on more
    than ``selection_size`` passages the candidates are fitted on a sample of that size.
    On sentence embeddings the silhouette curve is flat: splits scoring within ``tolerance``
    (a share: 0.1 = a tenth) of the best score are indistinguishable, and of those the finest
    is kept, since researchers can read a theme hierarchy upwards but not split
    a coarse theme themselves. The tolerance is relative because the level of the curve differs
    from corpus to corpus (0.03 on newsgroup posts, 0.08 on the sample corpus).

    The search runs in two steps. Every number is first screened with a quick fit (one
    k-means from a Ward tree over the silhouette sample, ``screen_``); the numbers whose quick
    fit comes within SCREEN tolerances of the best are fitted with ``n_init`` random starts
    (SEARCH_STARTS when the spectral fit makes the themes of a corpus larger than the sample)
    (``silhouettes_``), and the choice is made among those fits: a single start's local optimum
    can move a number across the tolerance, ten starts seldom do.

    The number of themes is chosen with k-means seeded by ``selection_seed``, not by ``seed``:
    it is a property of the corpus, and on a flat curve the local optimum one seed's k-means
    finds moves a candidate across the tolerance (20 Newsgroups: 12 themes with one seed, 15
    with another). ``seed`` seeds the fit of the chosen number; when the two are equal (the
    default) the search's own fit is kept.

    With ``method="spectral"`` (the default) the chosen number of themes is then fitted by
    spectral clustering on ``fit(X, fit_X)``'s ``fit_X`` (``pipeline.themes.spectral``):
    the same number, groups that follow the corpus's neighbourhoods, and the same groups from
    any seed. A warm start keeps the previous run's themes when ``fit`` is told which rows were
    in which (``known``), else it fixes their number; lineage gives the themes their previous
    ids. ``method="kmeans"`` keeps k-means' own fits.
    """

    def __init__(self, n_themes: int = 0, min_themes: int = 3, max_themes: int = 0,
                 seed: int = 42, min_size: int = 1,
                 sample_size: int = 5000, n_init: int = 10, tolerance: float = 0.1,
                 init: np.ndarray | None = None, selection_size: int = 20000,
                 selection_seed: int = 42, method: str = "spectral", n_neighbors: int = 15) -> None:
        self.n_themes = n_themes
        self.min_themes = min_themes
        self.max_themes = max_themes
        self.seed = seed
        self.min_size = min_size
        self.sample_size = sample_size
        self.n_init = n_init
        self.tolerance = tolerance
        self.init = init
        self.selection_size = selection_size
        self.selection_seed = selection_seed
        self.method = method
        self.n_neighbors = n_neighbors

    def fit(self, X: np.ndarray, fit_X: np.ndarray | None = None, known: np.ndarray | None = None) -> "ThemeClusterer":
        """Choose the number of themes on ``X`` and fit the themes on ``fit_X`` (the same rows,
        read in their documents; ``X`` when not given; k-means always fits ``X``).

        With a warm start (``init``) and the spectral fit, ``known`` (each row's theme in the
        previous run, by position among ``init``'s rows, -1 for a new row) keeps the previous
        themes: a row seen before keeps its theme and a new one takes the theme most of its
        ``n_neighbors`` nearest seen rows are in, as passages past ``selection_size`` join a
        sampled graph's themes. Fitting the graph again costs a few seconds at 10,000 passages
        and 25 at 100,000 for a refresh that adds a handful of documents."""
        n = len(X)
        spectral = self.method == "spectral" and n >= SPECTRAL_FROM
        fit_X = X if fit_X is None else fit_X
        if n == 0:
            raise ValueError("no passages to cluster")
        self.silhouettes_: dict[int, float] = {}
        self.screen_: dict[int, float] = {}
        self._sample: tuple[np.ndarray, np.ndarray] | None = None
        # When the spectral fit makes the themes, the search's k-means fits only score numbers
        # of themes: on corpora larger than the silhouette sample three starts choose the same
        # number as ten on three of the four labelled corpora (m10: 11 themes instead of 12,
        # gold 10) in half the time (docs/benchmarks.md). Smaller corpora keep ten, which cost
        # little there: on the 569 passages of the exports three starts chose 3 themes, ten 4.
        self._spectral_fit = spectral
        few = min(SEARCH_STARTS, self.n_init)
        self._search_starts = few if spectral and n > self.sample_size else self.n_init
        if n < 3 or len(np.unique(X[:1000], axis=0)) == 1 and np.allclose(X, X[0]):
            labels = np.zeros(n, dtype=int)  # too few, or all alike: one theme
        elif spectral and self.n_themes == 0 and self.init is not None and keeps_themes(known, len(self.init)):
            labels = kept_themes(fit_X, known, len(self.init), self.n_neighbors)
        elif spectral and (self.n_themes > 0 or self.init is not None and len(self.init) <= n):
            labels = self._spectral(fit_X, min(self.n_themes or len(self.init), n))
        elif self.n_themes > 0:
            labels = self._kmeans(X, min(self.n_themes, n))
            self.silhouettes_[len(set(labels))] = self._silhouette(X, labels)
        elif self.init is not None and len(self.init) <= n:
            # warm start from known centres (the previous run's themes): one k-means run
            labels = KMeans(n_clusters=len(self.init), init=self.init, n_init=1,
                            random_state=self.seed).fit_predict(X)
            self.silhouettes_[len(set(labels))] = self._silhouette(X, labels)
        elif spectral:
            labels = self._spectral(fit_X, self._choose_number(X))
        else:
            labels = self._select(X)
        labels = dissolve_small(X, labels, self.min_size)
        self.labels_, self.centroids_ = _renumber(X, labels)
        self.n_themes_ = len(self.centroids_)
        self.scores_ = np.einsum("ij,ij->i", X, self.centroids_[self.labels_])
        if spectral and self.n_themes_ > 1:
            # the search's sample and its distances, when the search ran on every passage
            sample = self._sample if n <= self.selection_size else None
            self.silhouette_ = self._silhouette(X, self.labels_, sample)
        else:
            self.silhouette_ = self.silhouettes_.get(self.n_themes_, float("nan"))
        self._sample = None  # 100 MB of distances at 5,000 passages: not kept with the model
        return self

    def _spectral(self, X: np.ndarray, k: int) -> np.ndarray:
        log.info("k=%d fitted by spectral clustering (%d neighbours)", k, self.n_neighbors)
        return spectral_themes(X, k, n_neighbors=self.n_neighbors, seed=self.seed,
                               max_points=self.selection_size, n_init=self.n_init)

    def _kmeans(self, X: np.ndarray, k: int, seed: int | None = None, n_init: int | None = None) -> np.ndarray:
        return KMeans(n_clusters=k, n_init=n_init or self.n_init,
                      random_state=self.seed if seed is None else seed).fit_predict(X)

    def _silhouette(self, X: np.ndarray, labels: np.ndarray,
                    sample: tuple[np.ndarray, np.ndarray] | None = None) -> float:
        """Silhouette on ``sample_size`` passages; ``sample`` (their rows and distances, from
        ``_silhouette_sample``) spares computing the distances again."""
        if len(set(labels)) < 2 or len(set(labels)) >= len(X):
            return float("nan")
        if sample is not None:
            rows, distances = sample
            return float(silhouette_score(distances, labels[rows], metric="precomputed"))
        size = min(self.sample_size, len(X))
        return float(silhouette_score(X, labels, sample_size=size, random_state=SAMPLE_SEED))

    def _silhouette_sample(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # One sample of rows for every candidate split, their distances computed once for all.
        # It is drawn with a fixed seed, not k-means' own: the yardstick the number of themes is
        # chosen by stays the same when only the seed changes (on AG News, where 3, 4 and 5
        # themes score within a tenth of one another, seeds 42-44 then all keep 4, not 4 or 5).
        rows = np.random.RandomState(SAMPLE_SEED).permutation(len(X))[: min(self.sample_size, len(X))]
        return rows, euclidean_distances(X[rows])

    def _select(self, X: np.ndarray) -> np.ndarray:
        # Choosing k costs a k-means per candidate; on a large corpus they run on a sample of
        # ``selection_size`` passages, and only the chosen split is refined on all of them (one
        # k-means from the sample's centres), so the search stays a fixed cost as corpora grow.
        if len(X) <= self.selection_size:
            return self._select_on(X)
        sample = self._selection_sample(X)
        labels = self._select_on(sample)
        centres = np.vstack([sample[labels == t].mean(axis=0) for t in np.unique(labels)])
        log.info("k=%d chosen on %d of %d passages; refining on all", len(centres), len(sample), len(X))
        return KMeans(n_clusters=len(centres), init=centres, n_init=1, random_state=self.seed).fit_predict(X)

    def _choose_number(self, X: np.ndarray) -> int:
        """The number of themes the search chooses (on the same sample as ``_select``); the
        spectral fit makes the themes, so the search's k-means split is not refined on all."""
        labels = self._select_on(X if len(X) <= self.selection_size else self._selection_sample(X))
        return len(set(labels.tolist()))

    def _selection_sample(self, X: np.ndarray) -> np.ndarray:
        rng = np.random.default_rng(self.selection_seed)
        return X[np.sort(rng.choice(len(X), size=self.selection_size, replace=False))]

    def _select_on(self, X: np.ndarray) -> np.ndarray:
        # More themes than distinct vectors would leave empty clusters (repeated passages).
        distinct = len(np.unique(X, axis=0))
        low = max(2, min(self.min_themes, distinct - 1))
        high = max(low, min(self.max_themes or most_themes(len(X)), distinct - 1))
        # Every candidate is scored on the same sample of passages: their distances are
        # computed once (sample_size² floats, 100 MB at 5,000) instead of once per candidate,
        # which was a fifth of the themes stage.
        sample = self._sample = self._silhouette_sample(X)
        screened = self._screen(X, low, high, sample)
        if not screened:
            return self._kmeans(X, low, self.selection_seed)
        # The numbers the quick fits put near the best are fitted again with ten starts, from the
        # smallest up (past 12 stopping, as the screen does, once the curve has turned down), and
        # the choice is made on those fits alone: they are what the chosen number's themes are.
        best = screened[_best(screened)]
        shortlist = [k for k, v in sorted(screened.items()) if v >= best - abs(best) * SCREEN * self.tolerance]
        candidates: dict[int, np.ndarray] = {}

        def confirm(k: int) -> tuple[np.ndarray, float]:
            labels = self._kmeans(X, k, self.selection_seed, self._search_starts)
            return labels, self._silhouette(X, labels, sample)

        def keep(k: int, fit: tuple[np.ndarray, float]) -> None:
            candidates[k], self.silhouettes_[k] = fit
            log.info("k=%d silhouette=%.4f (ten starts)", k, self.silhouettes_[k])

        _search(shortlist, confirm, keep, lambda k: k > FULL_SEARCH and _past_the_best(self.silhouettes_, self.tolerance))
        scored = {k: v for k, v in self.silhouettes_.items() if not np.isnan(v)}
        if not scored:
            return candidates[shortlist[0]]
        # the shortlisted numbers between the best and the choice, and next to them, are fitted too
        below, above = _around_the_choice(scored, self.tolerance)
        _search([k for k in shortlist if below < k < above and k not in candidates], confirm, keep)
        scored = {k: v for k, v in self.silhouettes_.items() if not np.isnan(v)}
        return self._fitted(X, finest_within(scored, self.tolerance), candidates)

    def _screen(self, X: np.ndarray, low: int, high: int,
                sample: tuple[np.ndarray, np.ndarray]) -> dict[int, float]:
        """The silhouette of every number of themes tried, each fitted quickly: one k-means
        from the groups of a Ward tree over the silhouette sample (``pipeline.themes.tree``)."""
        rows, distances = sample
        tree = ward_tree(distances)
        leaves = X[rows]  # the tree's leaves, in its order

        def screen(k: int) -> float:
            centres = tree_centres(leaves, tree, k)
            labels = KMeans(n_clusters=len(centres), init=centres, n_init=1, random_state=0).fit_predict(X)
            return self._silhouette(X, labels, sample)

        def keep(k: int, score: float) -> None:
            self.screen_[k] = score
            log.info("k=%d silhouette=%.4f (screen)", k, score)

        _search(candidate_counts(low, high), screen, keep,
                lambda k: k > FULL_SEARCH and _past_the_best(self.screen_, self.tolerance))
        scored = {k: v for k, v in self.screen_.items() if not np.isnan(v)}
        if not scored:
            return scored
        # Past 12 the numbers tried are steps apart: the ones between the best and the choice,
        # and next to them, are tried too.
        below, above = _around_the_choice(scored, self.tolerance)
        _search([k for k in range(below + 1, above) if k not in self.screen_], screen, keep)
        return {k: v for k, v in self.screen_.items() if not np.isnan(v)}

    def _fitted(self, X: np.ndarray, k: int, candidates: dict[int, np.ndarray]) -> np.ndarray:
        """The chosen number of themes fitted with ``seed`` (the search's own fit when the
        seeds are the same, or when the spectral fit makes the themes and only the number is kept)."""
        return candidates[k] if self.seed == self.selection_seed or self._spectral_fit else self._kmeans(X, k)


# Spectral clustering needs groups much larger than a passage's neighbourhood: on a few
# hundred passages (the sample corpus: 248 in 12 themes) k-means fits the themes.
SPECTRAL_FROM = 500
# k-means starts for each number of themes the search confirms, when the spectral fit makes
# the themes (``fit``).
SEARCH_STARTS = 3
# Every number up to this one is tried: on small corpora the curve dips and rises again
# (real pages: 0.046 at 3 themes, 0.034 at 6, 0.045 at 10-12).
FULL_SEARCH = 12
# Past FULL_SEARCH, the search stops after this many numbers in a row score clearly below the
# best so far.
PATIENCE = 3
# The seed of the passages the silhouette of every candidate split is measured on.
SAMPLE_SEED = 0
# Numbers of themes whose quick fit scores within SCREEN tolerances of the best quick fit are
# fitted with ten starts and chosen among. Twice the tolerance: a quick fit's own local optimum
# moved no number by more than one tolerance on the four labelled corpora (docs/benchmarks.md).
SCREEN = 2


def _search(numbers: list[int], fit: Callable[[int], T], keep: Callable[[int, T], None],
            stop: Callable[[int], bool] = lambda k: False) -> None:
    """Fit the numbers of themes in order, FITS_AT_ONCE at a time (``map_fits``), handing each
    fit to ``keep`` until ``stop`` says the search has gone far enough. A fit made beside the
    one that stopped the search is dropped: the search keeps what it would one number at a time."""
    for start in range(0, len(numbers), FITS_AT_ONCE):
        batch = numbers[start:start + FITS_AT_ONCE]
        for k, result in zip(batch, map_fits(fit, batch)):
            keep(k, result)
            if stop(k):
                return


def most_themes(n: int) -> int:
    """The largest number of themes tried when none is set: grows with the corpus as the square
    root of half its passages (12 at 300 passages, 71 at 10,000), between 12 and 120."""
    return int(min(120, max(12, math.ceil(math.sqrt(n / 2)))))


def _past_the_best(scores: dict[int, float], tolerance: float) -> bool:
    """Whether the last PATIENCE numbers tried all score below the best so far by more than
    ``tolerance`` (a share of it): the curve has turned down, larger numbers are not worth fitting."""
    values = [v for _, v in sorted(scores.items()) if not np.isnan(v)]
    if len(values) <= PATIENCE:
        return False
    best = max(values)
    return max(values[-PATIENCE:]) < best - abs(best) * tolerance and values.index(best) < len(values) - PATIENCE


def _around_the_choice(scores: dict[int, float], tolerance: float) -> tuple[int, int]:
    """The numbers tried just below the best and just above the choice (``finest_within``):
    the untried numbers strictly between them are the ones worth trying next."""
    tried = sorted(scores)
    below = tried[max(0, tried.index(_best(scores)) - 1)]
    above = tried[min(len(tried) - 1, tried.index(finest_within(scores, tolerance)) + 1)]
    return below, above


def _best(scores: dict[int, float]) -> int:
    """The best-scoring number of themes; of equal scores, the smaller number."""
    return max(scores, key=lambda k: (scores[k], -k))


def finest_within(scores: dict[int, float], tolerance: float) -> int:
    """The number of themes to keep: the largest number tried that scores within ``tolerance``
    (a share of the best score) of the best. The silhouette of sentence embeddings is flat, so
    such splits are as good as the best, and the finer one is kept."""
    best = scores[_best(scores)]
    return max(k for k, v in scores.items() if v >= best - abs(best) * tolerance)


def candidate_counts(low: int, high: int) -> list[int]:
    """The numbers of themes tried between ``low`` and ``high``: every one up to 12, then steps
    of about a sixth, so a wide range costs a few more fits rather than one per number."""
    counts, k = [], low
    while k <= high:
        counts.append(k)
        k = k + 1 if k < 12 else max(k + 1, round(k * 7 / 6))
    if counts[-1] != high:
        counts.append(high)
    return counts


def dissolve_small(X: np.ndarray, labels: np.ndarray, min_size: int) -> np.ndarray:
    """Move the passages of themes under ``min_size`` to their nearest remaining theme,
    smallest theme first, so no theme is left below the minimum (unless only one is left)."""
    labels = labels.copy()
    while True:
        themes, counts = np.unique(labels, return_counts=True)
        if len(themes) < 2 or counts.min() >= min_size:
            return labels
        smallest = themes[np.argmin(counts)]  # ties: the lowest label, for determinism
        keep = themes[themes != smallest]
        centroids = np.vstack([X[labels == t].mean(axis=0) for t in keep])
        moving = labels == smallest
        labels[moving] = keep[np.argmax(X[moving] @ centroids.T, axis=1)]


def second_themes(X: np.ndarray, centroids: np.ndarray, labels: np.ndarray, scores: np.ndarray,
                  margin: float) -> tuple[np.ndarray, np.ndarray]:
    """Each passage's second-closest theme when its similarity is within ``margin`` of the
    passage's own theme (else -1, score NaN): passages that sit between two themes say so."""
    n = len(X)
    second = np.full(n, -1, dtype=int)
    second_scores = np.full(n, np.nan, dtype=np.float32)
    if margin <= 0 or len(centroids) < 2:
        return second, second_scores
    for start in range(0, n, 4096):  # n x k similarities in blocks: memory stays flat
        sims = X[start:start + 4096] @ centroids.T
        sims[np.arange(len(sims)), labels[start:start + 4096]] = -np.inf
        best = np.argmax(sims, axis=1)
        best_sims = sims[np.arange(len(sims)), best]
        close = best_sims >= scores[start:start + 4096] - margin
        second[start:start + 4096][close] = best[close]
        second_scores[start:start + 4096][close] = best_sims[close]
    return second, second_scores


def _renumber(X: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Theme ids 0..k-1 by descending size; unit-length centroids in that order."""
    order = sorted(set(labels.tolist()), key=lambda c: (-(labels == c).sum(), int(np.argmax(labels == c))))
    mapping = {old: new for new, old in enumerate(order)}
    renumbered = np.array([mapping[c] for c in labels], dtype=int)
    centroids = np.vstack([X[renumbered == c].mean(axis=0) for c in range(len(order))])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True).clip(min=1e-12)
    return renumbered, centroids.astype(np.float32)
