"""A logistic regression shipped as numbers: how a fitted line model is applied.

The coefficients are a Python literal (title_model.py), so that the prepared-documents cache's
code fingerprint sees a refit; they are fitted by a benchmark script on labelled pages and
hold numbers only, never a page's text.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class LinearModel:
    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def logit(self, values: dict[str, float]) -> float:
        return self.intercept + sum(w * (values.get(name, 0.0) - m) / s
                                    for name, m, s, w in zip(self.features, self.means, self.scales, self.coef))

    def probability(self, values: dict[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-self.logit(values)))

    def to_source(self, what: str) -> str:
        """The model as the Python module that ships it."""
        data = json.dumps({"features": self.features, "means": self.means, "scales": self.scales,
                           "coef": self.coef, "intercept": self.intercept}, indent=1)
        return f'"""{what}: numbers only."""\n\nMODEL = {data}\n'

    @classmethod
    def from_dict(cls, data: dict) -> "LinearModel":
        return cls(tuple(data["features"]), tuple(data["means"]), tuple(data["scales"]), tuple(data["coef"]),
                   float(data["intercept"]))
