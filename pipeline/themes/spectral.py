"""Themes as groups of a nearest-neighbour graph (spectral clustering), at a given number.

k-means on sentence embeddings draws straight borders through a cloud whose groups are not
round: on 20 Newsgroups seeds 42 and 43 agree on only 0.83 of the passages (ARI), because many
splits have the same cost. Spectral clustering groups passages by who their nearest neighbours
are: the graph of each passage's ``n_neighbors`` most similar passages, the leading
eigenvectors of its normalised affinity (Ng, Jordan and Weiss 2001; regularised), then k-means
in that k-dimensional space, where the
groups are compact and k-means' starts agree (ARI 0.99-1.00 between seeds on the four
labelled corpora, and a higher V-measure on three of them: docs/benchmarks.md).

The graph costs a nearest-neighbour search over all pairs, so past ``max_points`` passages it
is built on a sample of that size and every other passage takes the theme most of its nearest
sampled passages are in.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.linalg import eigh
from scipy.sparse.linalg import LinearOperator, eigsh
from sklearn.cluster import KMeans
from sklearn.neighbors import NearestNeighbors

# Below this many passages the eigenvectors come from a dense solver: ARPACK needs more
# passages than eigenvectors and is no faster on a small matrix.
DENSE_BELOW = 1500
# The share of the mean degree every pair of rows is joined by (``spectral_embedding``).
REGULARISATION = 0.001


def spectral_themes(X: np.ndarray, k: int, n_neighbors: int = 15, seed: int = 42,
                    max_points: int = 20000, n_init: int = 10) -> np.ndarray:
    """A theme 0..k-1 for each row of ``X`` (unit vectors)."""
    n = len(X)
    if n <= max_points:
        return _spectral(X, k, n_neighbors, seed, n_init)
    sample = np.sort(np.random.default_rng(seed).choice(n, size=max_points, replace=False))
    labels = np.empty(n, dtype=int)
    labels[sample] = _spectral(X[sample], k, n_neighbors, seed, n_init)
    rest = np.setdiff1d(np.arange(n), sample)
    labels[rest] = nearest_vote(X[sample], labels[sample], X[rest], k, n_neighbors)
    return labels


def nearest_vote(reference: np.ndarray, labels: np.ndarray, X: np.ndarray, k: int, n_neighbors: int) -> np.ndarray:
    """The theme most of each row's ``n_neighbors`` nearest reference rows are in (ties: the
    lower theme number)."""
    index = NearestNeighbors(n_neighbors=min(n_neighbors, len(reference)), algorithm="brute").fit(reference)
    out = np.empty(len(X), dtype=int)
    for start in range(0, len(X), 4096):  # votes in blocks: memory stays flat
        neighbours = index.kneighbors(X[start:start + 4096], return_distance=False)
        votes = np.zeros((len(neighbours), k), dtype=np.int32)
        np.add.at(votes, (np.repeat(np.arange(len(neighbours)), neighbours.shape[1]), labels[neighbours].ravel()), 1)
        out[start:start + 4096] = np.argmax(votes, axis=1)
    return out


def keeps_themes(known: np.ndarray | None, k: int) -> bool:
    """Whether ``known`` (each row's theme 0..k-1 in a previous fit, -1 for a new row) can
    carry those themes: every one of the k still has rows."""
    if known is None:
        return False
    seen = known[known >= 0]
    return len(seen) > 0 and set(np.unique(seen).tolist()) == set(range(k))


def kept_themes(X: np.ndarray, known: np.ndarray, k: int, n_neighbors: int) -> np.ndarray:
    """The themes of a previous fit kept: a row seen before keeps its theme, a new row takes
    the theme most of its ``n_neighbors`` nearest seen rows are in (``nearest_vote``), as the
    rows past ``max_points`` join a sampled graph's themes."""
    labels = known.copy()
    new = labels < 0
    if new.any():
        labels[new] = nearest_vote(X[~new], known[~new], X[new], k, n_neighbors)
    return labels


def _spectral(X: np.ndarray, k: int, n_neighbors: int, seed: int, n_init: int) -> np.ndarray:
    n = len(X)
    if k >= n:
        return np.arange(n) % max(k, 1)
    embedding = spectral_embedding(X, k, n_neighbors)
    return KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit_predict(embedding)


def spectral_embedding(X: np.ndarray, k: int, n_neighbors: int) -> np.ndarray:
    """Each row's place in the graph's ``k`` leading non-trivial eigenvectors, unit length."""
    return graph_embedding(neighbour_graph(X, min(n_neighbors, len(X) - 1)), k)


def graph_embedding(graph: sparse.csr_matrix, k: int) -> np.ndarray:
    """``spectral_embedding`` of a given symmetric graph of the rows."""
    n = graph.shape[0]
    degree = np.asarray(graph.sum(axis=1)).ravel()
    # Every pair is also joined by a small share of the mean degree spread over all rows
    # (regularised spectral clustering, Amini et al. 2013). The graph is then connected, so the
    # leading eigenvector is the trivial one, which is dropped; groups with no edge between
    # them keep an eigenvector each, just below it. Kept: that vector, with its constant part,
    # swamps the rows whose other coordinates are small (bbc: V 0.85 -> 0.75).
    tau = REGULARISATION * float(degree.mean())
    scale = 1.0 / np.sqrt(degree + tau)
    dim = min(k + 1, n - 1)
    if n < DENSE_BELOW:
        values, vectors = eigh(scale[:, None] * (graph.toarray() + tau / n) * scale[None, :])
    else:
        def matvec(v: np.ndarray) -> np.ndarray:
            s = scale * np.asarray(v).ravel()
            return scale * (graph @ s + tau / n * s.sum())

        operator = LinearOperator((n, n), matvec=matvec, dtype=np.float64)
        # a fixed start vector: ARPACK otherwise starts from a random one
        values, vectors = eigsh(operator, k=dim, which="LA", v0=np.random.RandomState(0).rand(n))
    leading = np.argsort(-values)[1:dim]
    embedding = vectors[:, leading] * scale[:, None]
    return embedding / np.linalg.norm(embedding, axis=1, keepdims=True).clip(min=1e-12)


def neighbour_graph(X: np.ndarray, n_neighbors: int) -> sparse.csr_matrix:
    """Symmetric graph joining each row to its ``n_neighbors`` most similar rows, weighted by
    their cosine similarity (negative similarities count as 0)."""
    n = len(X)
    index = NearestNeighbors(n_neighbors=n_neighbors + 1, algorithm="brute").fit(X)
    distances, neighbours = index.kneighbors(X)
    # the nearest row of each is itself (or an identical copy): drop the first column
    similarity = np.clip(1.0 - distances[:, 1:] ** 2 / 2.0, 0.0, None)
    rows = np.repeat(np.arange(n), n_neighbors)
    graph = sparse.csr_matrix((similarity.ravel(), (rows, neighbours[:, 1:].ravel())), shape=(n, n))
    graph = graph.maximum(graph.T).tocsr()
    graph.setdiag(0)  # a row whose identical copy came first lists itself among its neighbours
    graph.eliminate_zeros()
    return graph
