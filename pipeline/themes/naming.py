"""Theme labels chosen by what they name: of the short phrases a theme's keywords can make, the
one that best picks out the theme's own passages.

A label is read against the other labels: a reader, like a zero-shot classifier, takes a
passage to be about the label nearest to it. Each theme's candidates are its keyword label and
every combination of one to three of its first ``pool`` keywords (in keyword order, written as
the passages write them); candidates and passages are embedded with the same model, and each
theme in turn takes the candidate that makes most passages nearest their own theme's label
(its own passages gained, less other themes' passages it would take; of equals, the one
nearer its own passages than the others'), the other labels held fixed, until no label changes. A researcher's name for a theme is never replaced, but the other
labels are chosen around it. Measured in docs/benchmarks.md: on the sample corpus 0.80 of
passages are then nearest their own label, against 0.71 for the keyword labels and 0.77 for
the top-10 keywords.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import replace

import numpy as np

from pipeline.model import Passage, ThemeModel
from pipeline.themes.build import texts_by_theme
from pipeline.themes.labels import label_from_keywords, written_forms

log = logging.getLogger("coprod.themes")

POOL = 6  # keywords a label is made from: C(6,1) + C(6,2) + C(6,3) = 41 candidates
PASSES = 4  # rounds over the themes; the choice settles in two or three


def candidates(keywords: list[str], forms: dict[str, str], label: str, pool: int = POOL) -> list[str]:
    """The keyword label first, then every 1- to 3-term label from the first ``pool`` keywords."""
    names = [label]
    for size in (1, 2, 3):
        for terms in itertools.combinations(keywords[:pool], size):
            name = label_from_keywords(list(terms), n_terms=size, forms=forms)
            if name not in names and name.count(",") == size - 1:  # no term dropped as a repeat
                names.append(name)
    return names


def best_names(X: np.ndarray, y: np.ndarray, options: list[np.ndarray], fixed: set[int]) -> list[int]:
    """Per group, the index of its chosen option (rows of ``options[g]``, unit vectors; option 0
    is the starting one); groups in ``fixed`` keep option 0. ``y`` is each row of X's group."""
    chosen = [0] * len(options)
    current = np.vstack([o[0] for o in options])
    for _ in range(PASSES):
        changed = False
        for g in range(len(options)):
            if g in fixed or len(options[g]) == 1:
                continue
            sims = X @ current.T
            own_sim = sims[np.arange(len(X)), y]
            sims[:, g] = -np.inf
            rival = sims.max(axis=1)
            mine, others = y == g, y != g
            right = others & (own_sim >= rival)  # other groups' rows their label names now
            scores_g = X @ options[g].T
            gained = (scores_g[mine] > rival[mine, None]).sum(axis=0)
            taken = (scores_g[right] > own_sim[right, None]).sum(axis=0)
            # of options naming as many rows, the one nearer its own rows than the others' (the
            # contrast, under 2, only breaks ties); then the earlier, the keyword label first
            contrast = ((scores_g[mine].mean(axis=0) if mine.any() else 0.0)
                        - (scores_g[others].mean(axis=0) if others.any() else 0.0))
            best = int(np.argmax(gained - taken + 1e-3 * contrast))
            if best != chosen[g]:
                chosen[g], current[g], changed = best, options[g][best], True
        if not changed:
            break
    return chosen


def nearest_label_share(embedder, names: list[str], vectors: np.ndarray, y: np.ndarray) -> float:
    """Labels as zero-shot classifiers: the share of rows whose nearest name (cosine) is
    their own group's (``y``: each row's group, by position in ``names``)."""
    named = np.asarray(embedder.embed(names), dtype=np.float32)
    return float(np.mean(np.argmax(vectors @ named.T, axis=1) == np.asarray(y)))


def name_themes(model: ThemeModel, passages: list[Passage], vectors: np.ndarray, embedder) -> ThemeModel:
    """The model with each keyword-labelled theme named by its best candidate label, and each
    sub-theme by the one that best picks out its passages among its theme's sub-themes."""
    texts = [p.text for p in passages]
    themes = model.themes
    if len(themes) >= 2:
        chosen = _choose(texts, vectors, model.assignments, themes, lambda t: t.theme_id, embedder)
        log.info("labels: %d of %d themes named by a phrase that picks out their passages better",
                 sum(1 for t, name in zip(themes, chosen) if name != t.label), len(themes))
        themes = [replace(t, label=name) for t, name in zip(themes, chosen)]
    subthemes = list(model.subthemes)
    if subthemes and model.subtheme_assignments is not None:
        parts = np.asarray(model.subtheme_assignments)
        for theme in sorted({s.theme_id for s in subthemes}):
            siblings = [s for s in subthemes if s.theme_id == theme]
            rows = np.flatnonzero(np.isin(parts, [s.subtheme_id for s in siblings]))
            if len(siblings) < 2:
                continue
            names = _choose([texts[i] for i in rows], vectors[rows], parts[rows].tolist(), siblings,
                            lambda s: s.subtheme_id, embedder)
            renamed = {s.subtheme_id: name for s, name in zip(siblings, names)}
            subthemes = [replace(s, label=renamed.get(s.subtheme_id, s.label)) for s in subthemes]
    return replace(model, themes=themes, subthemes=subthemes)


def _choose(texts: list[str], vectors: np.ndarray, assignments: list[int], groups: list, key, embedder) -> list[str]:
    """The chosen label of each group (a Theme or SubTheme; ``key`` gives its id, which
    ``assignments`` uses), its keyword label being the first candidate."""
    by_group = texts_by_theme(texts, assignments)
    names = []
    for group in groups:
        words = list(group.keywords)
        forms = written_forms(by_group.get(key(group), []), words[:POOL])
        names.append(candidates(words, forms, group.label) if group.label_source == "keywords" else [group.label])
    embedded = np.asarray(embedder.embed([n for options in names for n in options]), dtype=np.float32)
    embedded /= np.linalg.norm(embedded, axis=1, keepdims=True).clip(min=1e-12)
    bounds = np.cumsum([0] + [len(options) for options in names])
    options = [embedded[bounds[i]:bounds[i + 1]] for i in range(len(names))]
    position = {key(g): i for i, g in enumerate(groups)}
    y = np.array([position[a] for a in assignments])
    fixed = {i for i, g in enumerate(groups) if g.label_source != "keywords"}
    chosen = best_names(vectors, y, options, fixed)
    return [names[i][c] for i, c in enumerate(chosen)]
