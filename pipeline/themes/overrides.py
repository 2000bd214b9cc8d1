"""Researchers' edits to themes, re-applied after every refresh.

Edits are kept in the table ``theme_overrides`` as a log, keyed by stable theme id (see
``lineage.py``), and replayed in order after each refresh has matched its themes to the
previous run's:

- ``rename ID LABEL``: the theme is called LABEL from now on;
- ``pin ID LABEL``: the same, recorded as pinning the label the theme had when it was pinned;
- ``merge KEEP OTHER``: OTHER's passages join KEEP (its keywords, centre and representatives
  are recomputed); OTHER no longer appears;
- ``noise ID`` / ``restore ID``: the theme is marked as noise (kept, flagged ``is_noise``) or
  no longer;
- ``move-passage ID`` (``target`` = a passage id): the passage joins theme ID, whatever its
  nearest centre (both themes are described again);
- ``split ID`` (``target`` = passage ids, comma-separated; ``other_theme_id`` = the new
  theme's id, reserved when the edit was made): those passages leave theme ID for a theme of
  their own, under the same id at every refresh;
- ``set-aside`` (``target`` = a document id, or a passage id) is applied earlier, by the
  relevance stage: the document's passages, or the passage, are left out of the themes (``SET_ASIDE``).

An edit naming a theme id the run does not have (the theme retired) is skipped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np

from pipeline.model import Passage, ThemeModel
from pipeline.settings import ThemeSettings
from pipeline.themes.build import describe_themes
from pipeline.themes.lineage import LineageRow, with_theme_ids

log = logging.getLogger("coprod.themes")

ACTIONS = ("rename", "pin", "merge", "noise", "restore", "move-passage", "set-aside", "split")
# passages.excluded of a passage whose document a reviewer set aside
SET_ASIDE = "set aside by a reviewer"


@dataclass(frozen=True)
class Override:
    action: str
    theme_id: int
    other_theme_id: int | None = None
    label: str | None = None
    # sub-theme edits (themes.subtheme_edits): the sub-theme edited, and the one merged into it
    subtheme_id: int | None = None
    other_subtheme_id: int | None = None
    # move-passage: the passage moved (to ``theme_id``); set-aside: the document or passage set aside
    target: str | None = None


def apply_overrides(model: ThemeModel, passages: list[Passage], vectors: np.ndarray,
                    overrides: list[Override], settings: ThemeSettings) -> ThemeModel:
    """The model with every applicable edit applied, oldest first."""
    present = {t.theme_id for t in model.themes}
    merge_into: dict[int, int] = {}
    for o in overrides:
        if o.action == "merge" and o.other_theme_id is not None:
            keep, other = _root(merge_into, o.theme_id), _root(merge_into, o.other_theme_id)
            if keep != other and keep in present and other in present:
                merge_into[other] = keep
    if merge_into:
        model = _merge(model, passages, vectors, merge_into, settings)
    present = {t.theme_id for t in model.themes}
    moves = {o.target: _root(merge_into, o.theme_id) for o in overrides if o.action == "move-passage" and o.target}
    # a split: the passages named form a theme of their own, under the id the edit reserved
    splits = {pid: o.other_theme_id for o in overrides if o.action == "split" and o.target
              and o.other_theme_id is not None for pid in o.target.split(",")}
    moved = [splits[p.passage_id] if p.passage_id in splits
             else moves.get(p.passage_id) if moves.get(p.passage_id) in present else a
             for p, a in zip(passages, model.assignments)]
    if moved != list(model.assignments):
        model = _moved(model, passages, vectors, moved, settings)
    labels: dict[int, tuple[str, str]] = {}
    noise: dict[int, bool] = {}
    for o in overrides:
        target = _root(merge_into, o.theme_id)
        if o.action in ("rename", "pin") and o.label:
            labels[target] = (o.label, "renamed" if o.action == "rename" else "pinned")
        elif o.action == "split" and o.label and o.other_theme_id is not None:
            labels[o.other_theme_id] = (o.label, "renamed")  # the name given to the split-off theme
        elif o.action in ("noise", "restore"):
            noise[target] = o.action == "noise"
    themes = []
    for theme in model.themes:
        label, source = labels.get(theme.theme_id, (theme.label, theme.label_source))
        themes.append(replace(theme, label=label, label_source=source,
                              is_noise=noise.get(theme.theme_id, theme.is_noise)))
    applied = len(merge_into) + len(set(labels) & present) + len(set(noise) & present)
    if applied:
        log.info("applied %d theme edits from theme_overrides", applied)
    return replace(model, themes=themes)


def _moved(model: ThemeModel, passages: list[Passage], vectors: np.ndarray, assignments: list[int],
           settings: ThemeSettings) -> ThemeModel:
    """Re-describe the run after a reviewer moved passages between themes; ids and lineage stay
    (a theme left without passages is gone)."""
    kept = [t.theme_id for t in model.themes if t.theme_id in set(assignments)]
    kept += sorted(set(assignments) - set(kept))  # themes split off by a reviewer
    position = {theme_id: i for i, theme_id in enumerate(kept)}
    moved = with_theme_ids(describe_themes(passages, vectors, np.array([position[t] for t in assignments]), len(kept),
                                           settings, {k: v for k, v in model.quality.items() if k.startswith("silhouette")},
                                           model.terms),
                           kept)
    moved.lineage = [r for r in model.lineage if r.theme_id is None or r.theme_id in position]
    known = {r.theme_id for r in moved.lineage}
    moved.lineage += [LineageRow(t, None, None, "new") for t in kept if t not in known]
    return moved


def _root(merge_into: dict[int, int], theme_id: int) -> int:
    while theme_id in merge_into:
        theme_id = merge_into[theme_id]
    return theme_id


def _merge(model: ThemeModel, passages: list[Passage], vectors: np.ndarray, merge_into: dict[int, int],
           settings: ThemeSettings) -> ThemeModel:
    """Re-describe the run with merged themes; merged-away themes leave the lineage as merged."""
    kept = [t.theme_id for t in model.themes if t.theme_id not in merge_into]
    position = {theme_id: i for i, theme_id in enumerate(kept)}
    labels = np.array([position[_root(merge_into, t)] for t in model.assignments])
    merged = with_theme_ids(describe_themes(passages, vectors, labels, len(kept), settings,
                                            {k: v for k, v in model.quality.items() if k.startswith("silhouette")},
                                            model.terms),
                            kept)
    lineage = []
    for row in model.lineage:
        if row.theme_id in merge_into:  # it continued or was new in this run: now part of its keeper
            if row.parent_theme_id is not None:
                lineage.append(LineageRow(_root(merge_into, row.theme_id), row.parent_run_id,
                                          row.parent_theme_id, "merged"))
        else:
            lineage.append(row)
    merged.lineage = lineage
    return merged
