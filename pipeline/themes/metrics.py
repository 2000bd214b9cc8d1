"""Quality figures of a theme split, stored per run in run_metrics.

- topic diversity: unique words among all themes' top-10 keywords / all those words
  (1.0 = no theme repeats another's words);
- NPMI coherence: mean normalised pointwise mutual information of each theme's top-10
  keyword pairs, from their co-occurrence in passages (1 = always together, 0 = independent).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer


def topic_diversity(keywords: list[list[str]], top: int = 10) -> float:
    words = [w for kws in keywords for w in kws[:top]]
    return len(set(words)) / len(words) if words else float("nan")


def npmi_coherence(keywords: list[list[str]], texts: list[str], top: int = 10) -> float:
    """Mean NPMI over every theme's keyword pairs; passages are the co-occurrence windows."""
    vocabulary = sorted({w for kws in keywords for w in kws[:top]})
    if not vocabulary or not texts:
        return float("nan")
    vectorizer = CountVectorizer(vocabulary=vocabulary, ngram_range=(1, 2), binary=True,
                                 token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z-]*[a-zA-Z]\b", lowercase=True)
    X = vectorizer.transform(texts).tocsc()
    n = X.shape[0]
    index = {w: i for i, w in enumerate(vocabulary)}
    columns = {w: set(X[:, index[w]].nonzero()[0]) for w in vocabulary}
    scores = []
    for kws in keywords:
        for a, b in itertools.combinations(kws[:top], 2):
            pa, pb = len(columns[a]) / n, len(columns[b]) / n
            pab = len(columns[a] & columns[b]) / n
            if pa == 0 or pb == 0:
                continue
            if pab == 0:
                scores.append(-1.0)
            elif pab == 1:
                scores.append(1.0)
            else:
                scores.append(math.log(pab / (pa * pb)) / -math.log(pab))
    return float(np.mean(scores)) if scores else float("nan")
