"""Writing one run's sub-themes: their rows, quotes and lineage (the passages' sub-theme
goes into ``passage_themes`` with the theme, in writer.py)."""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from pipeline.model import ThemeModel


def subtheme_frames(run_id: str, model: ThemeModel) -> dict[str, pd.DataFrame]:
    """table -> rows of the run's sub-themes (empty frames when no theme was split)."""
    return {
        "subthemes": pd.DataFrame([{
            "run_id": run_id, "subtheme_id": s.subtheme_id, "theme_id": s.theme_id, "label": s.label,
            "keywords": list(s.keywords), "keyword_scores": list(s.keyword_scores), "size": s.size,
            "centroid": model.subtheme_centroids[i].astype(np.float32).tolist(), "label_source": s.label_source,
        } for i, s in enumerate(model.subthemes)]),
        "subtheme_representatives": pd.DataFrame(
            [(run_id, s, rank, pid) for s, ids in sorted(model.subtheme_representatives.items())
             for rank, pid in enumerate(ids, start=1)],
            columns=["run_id", "subtheme_id", "rank", "passage_id"]),
        "subtheme_lineage": pd.DataFrame(
            [(run_id, r.theme_id, r.parent_run_id, r.parent_theme_id, r.relation) for r in model.subtheme_lineage],
            columns=["run_id", "subtheme_id", "parent_run_id", "parent_subtheme_id", "relation"]).astype(
            {"subtheme_id": "Int32", "parent_subtheme_id": "Int32"}),
    }


def write_subthemes(insert: Callable[[str, pd.DataFrame], None], run_id: str, model: ThemeModel) -> None:
    for table, frame in subtheme_frames(run_id, model).items():
        insert(table, frame)
