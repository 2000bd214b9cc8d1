"""Stable theme ids across refreshes, and how each theme relates to the previous run's.

A refit numbers its clusters afresh, so without matching, "theme 3" would mean something
else after every refresh and analysts' saved queries would silently change meaning. Each new
theme is matched to the previous run's themes by centre similarity (optimal one-to-one
matching, Hungarian algorithm); a match at or above ``min_similarity`` continues the old id.
Passages present in both runs then tell the other relations apart:

- continued: matched one-to-one; keeps the previous theme id;
- split: an unmatched new theme whose passages mostly came from a theme that continued;
- merged: a previous theme that did not continue and whose passages mostly went to one new theme;
- new: an unmatched new theme with no dominant origin; it gets a never-used id;
- retired: a previous theme that neither continued nor merged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
from scipy.optimize import linear_sum_assignment

from pipeline.model import ThemeModel

RELATIONS = ("continued", "split", "merged", "new", "retired")


@dataclass(frozen=True)
class PreviousThemes:
    """What matching needs from the previous run."""

    run_id: str
    theme_ids: list[int]
    centroids: np.ndarray  # one unit row per theme, in theme_ids order
    members: dict[str, int]  # passage id -> theme id
    next_id: int  # one more than the largest theme id ever used in the database


@dataclass(frozen=True)
class LineageRow:
    theme_id: int | None  # None for a retired theme
    parent_run_id: str | None
    parent_theme_id: int | None
    relation: str


def match_themes(centroids: np.ndarray, labels: list[int], passage_ids: list[str],
                 previous: PreviousThemes | None, min_similarity: float = 0.8,
                 min_share: float = 0.5) -> tuple[list[int], list[LineageRow]]:
    """Stable ids for the new themes (by position) and the lineage rows of this run."""
    k = len(centroids)
    if previous is None or not previous.theme_ids:
        # ids never used before: a file whose last run had none may have used some earlier
        start = previous.next_id if previous is not None else 0
        return list(range(start, start + k)), [LineageRow(t, None, None, "new") for t in range(start, start + k)]
    sims = centroids @ previous.centroids.T
    rows, cols = linear_sum_assignment(-sims)
    continued = {int(r): int(c) for r, c in zip(rows, cols) if sims[r, c] >= min_similarity}
    overlap = _overlap(labels, passage_ids, previous, k)
    ids: list[int | None] = [previous.theme_ids[continued[i]] if i in continued else None for i in range(k)]
    lineage: list[LineageRow] = []
    next_id = previous.next_id
    for i in range(k):
        if i in continued:
            lineage.append(LineageRow(ids[i], previous.run_id, ids[i], "continued"))
            continue
        ids[i], next_id = next_id, next_id + 1
        origin = int(np.argmax(overlap[i])) if overlap[i].sum() else None
        if origin is not None and overlap[i, origin] >= min_share * overlap[i].sum() \
                and origin in continued.values():
            lineage.append(LineageRow(ids[i], previous.run_id, previous.theme_ids[origin], "split"))
        else:
            lineage.append(LineageRow(ids[i], None, None, "new"))
    previous_sizes = overlap.sum(axis=0)
    for j, old_id in enumerate(previous.theme_ids):
        if j in continued.values():
            continue
        target = int(np.argmax(overlap[:, j])) if previous_sizes[j] else None
        if target is not None and overlap[target, j] >= min_share * previous_sizes[j]:
            lineage.append(LineageRow(ids[target], previous.run_id, old_id, "merged"))
        else:
            lineage.append(LineageRow(None, previous.run_id, old_id, "retired"))
    # a theme formed by merging previous themes is not "new", even if none of them continued
    merged_into = {r.theme_id for r in lineage if r.relation == "merged"}
    lineage = [r for r in lineage if not (r.relation == "new" and r.theme_id in merged_into)]
    return [int(i) for i in ids], lineage


def _overlap(labels: list[int], passage_ids: list[str], previous: PreviousThemes, k: int) -> np.ndarray:
    """Passages in new theme i (by position) and previous theme j (by position)."""
    column = {theme_id: j for j, theme_id in enumerate(previous.theme_ids)}
    counts = Counter((label, column[previous.members[pid]]) for label, pid in zip(labels, passage_ids)
                     if previous.members.get(pid) in column)
    matrix = np.zeros((k, len(previous.theme_ids)), dtype=np.int64)
    for (i, j), n in counts.items():
        matrix[i, j] = n
    return matrix


def with_theme_ids(model: ThemeModel, ids: list[int]) -> ThemeModel:
    """The model with theme ``i`` (by position) renamed ``ids[i]`` everywhere it is referred to.
    Concepts are mapped after this (onto the final ids), so there are none to rename yet."""
    to = {position: theme_id for position, theme_id in enumerate(ids)}
    to[-1] = -1  # "no second theme"
    return replace(
        model,
        themes=[replace(t, theme_id=to[t.theme_id]) for t in model.themes],
        assignments=[to[t] for t in model.assignments],
        second_assignments=None if model.second_assignments is None else [to[t] for t in model.second_assignments],
        representatives={to[t]: ids_ for t, ids_ in model.representatives.items()},
        document_shares=[(d, to[t], s, score) for d, t, s, score in model.document_shares],
        hierarchy=[(level, to[t], to[g]) for level, t, g in model.hierarchy],
    )
