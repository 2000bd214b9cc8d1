"""Quality figures of a theme split, stored per run in run_metrics.

- topic diversity: unique words among all themes' top-10 keywords / all those words
  (1.0 = no theme repeats another's words);
- NPMI coherence: mean normalised pointwise mutual information of each theme's top-10
  keyword pairs, from their co-occurrence in passages (1 = always together, 0 = independent).
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer


def topic_diversity(keywords: list[list[str]], top: int = 10) -> float:
    words = [w for kws in keywords for w in kws[:top]]
    return len(set(words)) / len(words) if words else float("nan")


def npmi_coherence(keywords: list[list[str]], texts: list[str], top: int = 10, index=None) -> float:
    """Mean NPMI over every theme's keyword pairs; passages are the co-occurrence windows.
    ``index`` (a themes.terms.TermIndex of the texts) spares tokenising them again."""
    vocabulary = sorted({w for kws in keywords for w in kws[:top]})
    if not vocabulary or not texts:
        return float("nan")
    if index is not None:
        present = index.presence(vocabulary)
    else:
        vectorizer = CountVectorizer(vocabulary=vocabulary, ngram_range=(1, 2), binary=True,
                                     token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z-]*[a-zA-Z]\b", lowercase=True)
        present = vectorizer.transform(texts).astype(np.float64)
    npmi = npmi_matrix(present)
    seen = np.asarray(present.sum(axis=0)).ravel() > 0
    column = {w: i for i, w in enumerate(vocabulary)}
    scores = [npmi[column[a], column[b]] for kws in keywords for a, b in itertools.combinations(kws[:top], 2)
              if seen[column[a]] and seen[column[b]]]  # a word no passage has says nothing either way
    return float(np.mean(scores)) if scores else float("nan")


def npmi_matrix(present: sparse.spmatrix) -> np.ndarray:
    """NPMI between the columns of a binary passages x terms matrix (-1 = never together)."""
    n = max(present.shape[0], 1)
    together = np.asarray((present.T @ present).todense(), dtype=np.float64) / n
    alone = np.diag(together).copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        npmi = np.log(together / np.outer(alone, alone)) / -np.log(together)
    npmi[together == 0] = -1.0
    npmi[together >= 1] = 1.0
    return np.nan_to_num(npmi, nan=0.0)
