"""The sub-theme step of a refresh: split the themes, keep sub-theme ids stable across
refreshes, and re-apply researchers' sub-theme edits.

Sub-theme ids are matched to the previous run's sub-themes as theme ids are (``lineage.py``:
optimal one-to-one matching of centres, then split / merged / new / retired from shared
passages), so "sub-theme 7" means the same thing after a refresh. Edits are kept in
``theme_overrides`` with the theme edits and replayed oldest first:

- ``rename-subtheme`` (``subtheme_id``, ``label``): the sub-theme is called LABEL from now on;
- ``merge-subthemes`` (``subtheme_id`` kept, ``other_subtheme_id`` merged into it): both must
  belong to the same theme, else the edit is skipped;
- ``move-subtheme`` (``subtheme_id``, ``theme_id`` it goes to): its passages leave their theme
  for the other one, and both themes are described again (keywords, centre, quotes).

An edit naming a sub-theme or theme the run does not have is skipped.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np

from pipeline.model import Passage, ThemeModel
from pipeline.settings import ThemeSettings
from pipeline.themes.build import describe_themes
from pipeline.themes.lineage import LineageRow, PreviousThemes, match_themes, with_theme_ids
from pipeline.themes.overrides import Override
from pipeline.themes.subtheme_warm import previous_splits
from pipeline.themes.subthemes import SubThemeSplitter, describe_subthemes, split_themes

log = logging.getLogger("coprod.themes")

SUBTHEME_ACTIONS = ("rename-subtheme", "merge-subthemes", "move-subtheme")


def splitter_from(settings: ThemeSettings) -> SubThemeSplitter:
    return SubThemeSplitter(min_passages=settings.subtheme_min_passages, max_subthemes=settings.max_subthemes,
                            min_size=settings.min_theme_size, margin=settings.subtheme_margin, seed=settings.seed)


def add_subthemes(model: ThemeModel, passages: list[Passage], vectors: np.ndarray,
                  previous: PreviousThemes | None, edits: list[Override], settings: ThemeSettings,
                  previous_themes: PreviousThemes | None = None) -> ThemeModel:
    """The model with its sub-themes: split, matched to ``previous`` (the last run's sub-themes),
    edited. ``passages`` and ``vectors`` are the modelled passages, in the model's row order.
    Themes that hardly changed since ``previous_themes`` (the last run's themes) keep their
    sub-themes (``subtheme_warm``)."""
    if settings.max_subthemes < 2 or not model.assignments:
        return model
    labels = np.asarray(model.assignments)
    known = previous_splits(passages, labels, previous_themes, previous, settings.refit_share)
    if known:
        log.info("%d of %d themes keep the sub-themes of %s", len(known), len(set(labels.tolist())),
                 previous.run_id if previous else "the last run")
    parts = split_themes(passages, vectors, labels, splitter_from(settings), known)
    rows = np.flatnonzero(parts >= 0)
    # matching needs only the centres (sub-themes are numbered 0..k-1 here); keywords, labels
    # and quotes are described once, after the edits
    centres = np.vstack([vectors[parts == s].mean(axis=0) for s in range(parts.max() + 1)]) if len(rows) else \
        np.zeros((0, vectors.shape[1]), np.float32)
    centres = centres / np.linalg.norm(centres, axis=1, keepdims=True).clip(min=1e-12)
    ids, lineage = match_themes(centres, parts[rows].tolist(), [passages[i].passage_id for i in rows],
                                previous, min_similarity=settings.match_similarity)
    to = {position: stable for position, stable in enumerate(ids)} | {-1: -1}
    parts = np.array([to[p] for p in parts.tolist()], dtype=int)
    model, parts, renamed, merged = _apply(model, passages, vectors, parts, edits, settings)
    split = describe_subthemes(passages, vectors, np.asarray(model.assignments), parts, settings.n_keywords,
                               settings.n_representatives, sources=renamed, terms=model.terms)
    lineage = _merged_lineage(lineage, merged)
    log.info("%d sub-themes in %d themes", len(split.subthemes), len({s.theme_id for s in split.subthemes}))
    return replace(model, subthemes=split.subthemes, subtheme_assignments=split.assignments,
                   subtheme_scores=split.scores, subtheme_centroids=split.centroids,
                   subtheme_representatives=split.representatives, subtheme_lineage=lineage)


def _apply(model: ThemeModel, passages: list[Passage], vectors: np.ndarray, parts: np.ndarray,
           edits: list[Override], settings: ThemeSettings
           ) -> tuple[ThemeModel, np.ndarray, dict[int, str], dict[int, int]]:
    """Replay the sub-theme edits: returns the model (themes re-described if a sub-theme
    moved), the passages' sub-themes, renamed labels and merges (other -> kept)."""
    labels = np.asarray(model.assignments).copy()
    renamed: dict[int, str] = {}
    merged: dict[int, int] = {}
    moved = False
    for edit in edits:
        if edit.action not in SUBTHEME_ACTIONS or edit.subtheme_id is None:
            continue
        target = _root(merged, edit.subtheme_id)
        members = parts == target
        if not members.any():
            continue  # the sub-theme retired, or its theme was not split this time
        if edit.action == "rename-subtheme" and edit.label:
            renamed[target] = edit.label
        elif edit.action == "merge-subthemes" and edit.other_subtheme_id is not None:
            other = _root(merged, edit.other_subtheme_id)
            others = parts == other
            if other != target and others.any() and set(labels[others]) == set(labels[members]):
                parts[others] = target
                merged[other] = target
        elif edit.action == "move-subtheme" and edit.theme_id in set(labels.tolist()):
            if set(labels[members]) != {edit.theme_id}:
                labels[members] = edit.theme_id
                moved = True
    if moved:
        model = _redescribe(model, passages, vectors, labels, settings)
    applied = len(renamed) + len(merged) + int(moved)
    if applied:
        log.info("applied %d sub-theme edits from theme_overrides", applied)
    return model, parts, renamed, merged


def _redescribe(model: ThemeModel, passages: list[Passage], vectors: np.ndarray, labels: np.ndarray,
                settings: ThemeSettings) -> ThemeModel:
    """The themes described again after passages moved between them; their ids, names, noise
    marks and lineage stay (a theme left with no passage is gone)."""
    kept = [t.theme_id for t in model.themes if (labels == t.theme_id).any()]
    position = {theme_id: i for i, theme_id in enumerate(kept)}
    silhouettes = {k: v for k, v in model.quality.items() if k.startswith("silhouette")}
    described = with_theme_ids(describe_themes(passages, vectors, np.array([position[t] for t in labels]),
                                               len(kept), settings, silhouettes, model.terms), kept)
    before = {t.theme_id: t for t in model.themes}
    described.themes = [
        replace(t, is_noise=before[t.theme_id].is_noise)
        if before[t.theme_id].label_source == "keywords"  # a researcher's name stays; keywords follow the passages
        else replace(t, label=before[t.theme_id].label, label_source=before[t.theme_id].label_source,
                     is_noise=before[t.theme_id].is_noise)
        for t in described.themes]
    described.lineage = [r for r in model.lineage if r.theme_id is None or r.theme_id in position]
    return described


def _merged_lineage(lineage: list[LineageRow], merged: dict[int, int]) -> list[LineageRow]:
    """A sub-theme merged away by a researcher continues as part of the one it joined."""
    rows = []
    for row in lineage:
        if row.theme_id in merged:
            if row.parent_theme_id is not None:
                rows.append(LineageRow(_root(merged, row.theme_id), row.parent_run_id, row.parent_theme_id, "merged"))
        else:
            rows.append(row)
    return rows


def _root(merged: dict[int, int], subtheme_id: int) -> int:
    while subtheme_id in merged:
        subtheme_id = merged[subtheme_id]
    return subtheme_id
