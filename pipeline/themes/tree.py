"""A quick first fit for every number of themes: the groups of one Ward tree over a sample.

k-means from ten random starts (k-means++) costs 2-10 s per number of themes on 10,000
passages, and the theme search tries a dozen numbers or more. One Ward tree over a sample (its
agglomeration merges, at each step, the two groups whose union adds least to the within-group
variance, k-means' own cost) gives a start for every number at once; one Lloyd run from it
costs 0.1-0.4 s and ends within 0.15% of the cost of the best of ten random starts. The search
screens every number with it and fits only the numbers that come close to the best with ten
random starts (``pipeline.themes.cluster``): the tree's single start lands on a local optimum
of its own, and on a flat silhouette curve one optimum can move a number across the tolerance
the choice allows (bbc: 7 themes from the tree alone, 5 with ten starts).

The tree needs the sample's pairwise distances (sample_size² floats); the theme search already
computes them for the silhouette, so the tree costs only its own agglomeration (1-1.5 s at 5,000).
"""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import squareform


def ward_tree(distances: np.ndarray) -> np.ndarray:
    """The Ward linkage (scipy's format) of a square matrix of Euclidean distances."""
    if len(distances) < 2:
        return np.zeros((0, 4))
    condensed = squareform(np.asarray(distances, dtype=np.float64), checks=False)
    return linkage(condensed, method="ward")


def tree_groups(tree: np.ndarray, n: int, k: int) -> np.ndarray:
    """Group numbers 0..k-1 of the tree's ``n`` leaves when it is cut into exactly ``k`` groups
    (undoing its last k-1 merges), numbered by each group's first leaf. The same groups as
    scipy's ``cut_tree(tree, n_clusters=k)``, which walks every level of the tree: 0.4 s per
    number of themes at 5,000 leaves against 0.01 s here."""
    k = max(1, min(k, n))
    parent = np.arange(2 * n - 1)
    for step in range(n - k):
        parent[int(tree[step, 0])] = n + step
        parent[int(tree[step, 1])] = n + step
    root = parent.copy()
    for node in range(2 * n - 2, -1, -1):  # a parent's number is always above its children's
        root[node] = root[parent[node]] if parent[node] != node else node
    _, first, groups = np.unique(root[:n], return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(first))  # renumber so group 0 holds leaf 0, and so on
    return order[groups]


def tree_centres(vectors: np.ndarray, tree: np.ndarray, k: int) -> np.ndarray:
    """The mean vector of each of the ``k`` groups of the tree over ``vectors`` (its leaves)."""
    groups = tree_groups(tree, len(vectors), k)
    return np.vstack([vectors[groups == g].mean(axis=0) for g in range(groups.max() + 1)])
