"""Sub-themes kept from the last run when a theme has hardly changed.

Choosing a theme's sub-themes tries every number of parts against structureless reference
clouds (``subthemes.SubThemeSplitter``): about 6 s for 10,000 passages, paid again by every
scheduled refresh that adds a handful of documents. When a theme is the previous run's theme
of the same id and shares all but ``refit_share`` of its passages with it (both ways), its
sub-themes are the previous run's: each passage joins the nearest of their centres, and a
theme that was not split stays whole. Lineage then gives them their previous ids. A theme
that gained or lost more, or whose previous sub-themes would be left with fewer than
``min_size`` passages, is split afresh.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np

from pipeline.model import Passage
from pipeline.themes.lineage import PreviousThemes


def previous_splits(passages: list[Passage], labels: np.ndarray, themes: PreviousThemes | None,
                    subthemes: PreviousThemes | None, refit_share: float) -> dict[int, np.ndarray | None]:
    """Theme id -> the centres of its previous sub-themes (one unit row each), or None for a
    theme the previous run left whole, for every theme that has hardly changed since."""
    if themes is None or subthemes is None or refit_share <= 0:
        return {}
    before: dict[int, set[str]] = defaultdict(set)
    for passage_id, theme in themes.members.items():
        before[theme].add(passage_id)
    # a previous sub-theme belongs to the previous theme most of its passages were in
    parts_of: dict[int, list[int]] = defaultdict(list)
    by_subtheme: dict[int, list[int]] = defaultdict(list)
    for passage_id, subtheme in subthemes.members.items():
        if passage_id in themes.members:
            by_subtheme[subtheme].append(themes.members[passage_id])
    for position, subtheme in enumerate(subthemes.theme_ids):
        owners = Counter(by_subtheme.get(subtheme, []))
        if owners:
            parts_of[min(owners, key=lambda t: (-owners[t], t))].append(position)
    now: dict[int, set[str]] = defaultdict(set)
    for passage, theme in zip(passages, labels.tolist()):
        now[theme].add(passage.passage_id)
    kept: dict[int, np.ndarray | None] = {}
    for theme, ids in now.items():
        shared = len(ids & before.get(theme, set()))
        if shared < (1 - refit_share) * len(ids) or shared < (1 - refit_share) * len(before.get(theme, ())):
            continue
        positions = parts_of.get(theme, [])
        kept[theme] = subthemes.centroids[positions] if len(positions) >= 2 else None
    return kept


def nearest_parts(X: np.ndarray, centres: np.ndarray | None, min_size: int) -> np.ndarray | None:
    """Each row's part: the nearest centre (all 0 when ``centres`` is None); None when a part
    would have fewer than ``min_size`` rows or one part would take them all."""
    if centres is None:
        return np.zeros(len(X), dtype=int)
    parts = np.argmax(X @ centres.T, axis=1)
    sizes = np.bincount(parts, minlength=len(centres))
    if sizes.min() < max(min_size, 1) or (sizes > 0).sum() < 2:
        return None
    return parts
