"""Which themes merge at coarser levels: average-linkage clustering of the theme centres.

For every level L from 2 to k-1, each theme gets the group it belongs to when the themes are
cut into L groups; a group is named by its smallest theme id, so the table reads as "at level
L, theme t joins theme g".
"""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage


def theme_hierarchy(centroids: np.ndarray) -> list[tuple[int, int, int]]:
    """(level, theme_id, group_theme_id) for every coarser level."""
    k = len(centroids)
    if k < 3:
        return []
    tree = linkage(centroids.astype(np.float64), method="average", metric="cosine")
    rows = []
    for level in range(2, k):
        groups = fcluster(tree, t=level, criterion="maxclust")
        first = {}
        for theme, group in enumerate(groups):
            first.setdefault(group, theme)
        rows += [(level, theme, first[group]) for theme, group in enumerate(groups)]
    return rows
