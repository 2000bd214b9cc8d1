"""A linear classifier over the page features: the shipped coefficients and how to apply them.

The coefficients (genre_model.py, a Python literal so that the prepared-documents cache's code
fingerprint sees a refit) are a multinomial logistic regression fitted by benchmarks/genre.py
on labelled pages; the file holds numbers only, never a page's text.
Counts are squashed with log1p so that a long thread does not outweigh every other cue,
then standardised with the training set's means and scales.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("genre_model.py")
# features that are already shares, flags or logs: used as they are
UNSQUASHED = {"definition_first", "meta_doi", "meta_authors", "meta_date"}


def squash(features: dict[str, float]) -> dict[str, float]:
    return {k: (v if k in UNSQUASHED else math.log1p(max(0.0, v))) for k, v in features.items()}


@dataclass(frozen=True)
class GenreModel:
    classes: tuple[str, ...]
    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    coef: tuple[tuple[float, ...], ...]  # one row per class
    intercept: tuple[float, ...]

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        values = squash(features)
        x = [(values.get(name, 0.0) - m) / s for name, m, s in zip(self.features, self.means, self.scales)]
        scores = [b + sum(w * v for w, v in zip(row, x)) for row, b in zip(self.coef, self.intercept)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def to_source(self) -> str:
        """The model as the Python module that ships it."""
        data = json.dumps({"classes": self.classes, "features": self.features, "means": self.means,
                           "scales": self.scales, "coef": self.coef, "intercept": self.intercept}, indent=1)
        return ('"""Genre classifier coefficients, written by benchmarks/genre.py --fit: numbers only."""\n\n'
                f"MODEL = {data}\n")


def model_from_dict(data: dict) -> GenreModel:
    return GenreModel(tuple(data["classes"]), tuple(data["features"]), tuple(data["means"]),
                      tuple(data["scales"]), tuple(tuple(r) for r in data["coef"]), tuple(data["intercept"]))


@lru_cache(maxsize=1)
def shipped_model() -> GenreModel:
    """The coefficients that ship with the package (built once, on first use)."""
    from pipeline.genres.genre_model import MODEL

    return model_from_dict(MODEL)
