"""The stages around finding the themes: posts read in their thread (before), then stable ids
(lineage), researchers' edits, sub-themes, labels and the 2-D map. Each takes the run's ThemeModel and returns it completed;
``pipeline.refresh`` runs them in this order (``Stages``)."""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from pathlib import Path

from pipeline.embed.base import Embedder
from pipeline.embed.cache import EmbeddingResult
from pipeline.model import Passage, ThemeModel, modelled
from pipeline.settings import Settings
from pipeline.store.reader import previous_map, previous_subthemes, theme_overrides
from pipeline.themes.context import read_in_context
from pipeline.themes.lineage import PreviousThemes, match_themes, with_theme_ids
from pipeline.themes.naming import name_themes
from pipeline.themes.overrides import apply_overrides
from pipeline.themes.projection import extend_map
from pipeline.themes.subtheme_edits import add_subthemes

log = logging.getLogger("coprod")


def context(passages: list[Passage], embeddings: EmbeddingResult, settings: Settings) -> EmbeddingResult:
    """The modelled passages' vectors with each forum post read in its thread's context
    (``themes.context_strength``); the theme stages that follow use these."""
    vectors = read_in_context(modelled(passages), embeddings.vectors, settings.themes.context_strength)
    return dataclasses.replace(embeddings, vectors=vectors)


def lineage(model: ThemeModel, passages: list[Passage], previous: PreviousThemes | None,
            settings: Settings) -> ThemeModel:
    """Give continuing themes the previous run's ids and record how every theme relates to it."""
    ids, rows = match_themes(model.centroids, model.assignments, [p.passage_id for p in modelled(passages)],
                             previous, min_similarity=settings.themes.match_similarity)
    model = with_theme_ids(model, ids)
    model.lineage = rows
    relations = Counter(r.relation for r in rows)
    log.info("themes since %s: %s", previous.run_id if previous else "nothing",
             ", ".join(f"{n} {relation}" for relation, n in sorted(relations.items())))
    return model


def overrides(model: ThemeModel, passages: list[Passage], embeddings: EmbeddingResult, db_path: str | Path,
              settings: Settings) -> ThemeModel:
    """Re-apply researchers' edits (theme_overrides) to the matched themes."""
    edits = theme_overrides(db_path)
    if not edits:
        return model
    return apply_overrides(model, modelled(passages), embeddings.vectors, edits, settings.themes)


def subthemes(model: ThemeModel, passages: list[Passage], embeddings: EmbeddingResult, db_path: str | Path,
              settings: Settings, previous: PreviousThemes | None = None) -> ThemeModel:
    """Split the large, varied themes into sub-themes, keeping the last run's sub-theme ids
    (and its sub-themes, for themes that hardly changed since ``previous``, its themes), and
    re-apply researchers' sub-theme edits."""
    return add_subthemes(model, modelled(passages), embeddings.vectors, previous_subthemes(db_path),
                         theme_overrides(db_path), settings.themes, previous_themes=previous)


def labels(model: ThemeModel, passages: list[Passage], embeddings: EmbeddingResult, settings: Settings,
           embedder: Embedder) -> ThemeModel:
    """Name each theme by the short phrase of its keywords that best picks out its passages
    (``themes.choose_labels``; a researcher's name is kept)."""
    if not settings.themes.choose_labels:
        return model
    return name_themes(model, modelled(passages), embeddings.vectors, embedder)


def theme_map(model: ThemeModel, passages: list[Passage], embeddings: EmbeddingResult, db_path: str | Path,
              settings: Settings) -> ThemeModel:
    """The 2-D map of the passages for the report, keeping the last run's map when little changed."""
    model.map_points = extend_map(previous_map(db_path), [p.passage_id for p in modelled(passages)],
                                  model.assignments, embeddings.vectors, settings.report.map_points,
                                  settings.themes.refit_share, seed=settings.themes.seed)
    return model
