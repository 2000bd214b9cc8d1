"""Theme keywords: class-based TF-IDF over unigrams and bigrams, then a redundancy filter.

c-TF-IDF treats all passages of a theme as one document: a term scores high when it is frequent
in the theme and rare across themes. The filter keeps a theme's top words from being variants
of one word ("service", "services") or parts of a chosen phrase ("public" beside "public value").
"""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

# Words of web pages and citations that say nothing about a theme.
EXTRA_STOP_WORDS = frozenset({
    "http", "https", "www", "com", "org", "html", "et", "al", "pp", "vol", "doi", "hi", "thanks",
    "thank", "just", "really", "think", "like", "also", "would", "could", "one", "two", "get",
    "got", "lot", "way", "things", "thing", "said", "say", "says", "going", "know", "make",
    "use", "used", "using", "paper", "article", "ve", "don", "didn", "isn", "ll", "re",
    "permalink", "reply", "replies", "posted", "pm", "am",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
})
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | EXTRA_STOP_WORDS)
TOKEN_PATTERN = r"(?u)\b[a-zA-Z][a-zA-Z-]*[a-zA-Z]\b"


def _stem(word: str) -> str:
    """Just enough stemming to see that two words are variants of one another."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _key(term: str) -> tuple[str, ...]:
    return tuple(_stem(w) for w in re.split(r"[\s-]+", term))


def diverse_terms(ranked: list[tuple[str, float]], n: int) -> list[tuple[str, float]]:
    """Top n terms, skipping variants of a chosen term and words inside a chosen phrase."""
    chosen: list[tuple[str, float]] = []
    for term, score in ranked:
        key = _key(term)
        keys = [_key(t) for t, _ in chosen]
        if key in keys:
            continue
        if len(key) == 1 and any(key[0] in k for k in keys if len(k) > 1):
            continue  # "value" after "public value"
        if len(key) > 1:
            # a phrase replaces the words it is made of, when they were chosen first
            chosen = [(t, s) for t, s in chosen if not (len(_key(t)) == 1 and _key(t)[0] in key)]
        chosen.append((term, score))
        if len(chosen) == n:
            break
    return chosen


def theme_keywords(texts: list[str], labels: np.ndarray, n_themes: int,
                   n_keywords: int = 10) -> list[list[tuple[str, float]]]:
    """For each theme id 0..n_themes-1, its keywords with their c-TF-IDF scores, best first."""
    if not texts:
        return [[] for _ in range(n_themes)]
    vectorizer = CountVectorizer(
        ngram_range=(1, 2), stop_words=STOP_WORDS, token_pattern=TOKEN_PATTERN,
        min_df=2 if len(texts) >= 50 else 1, lowercase=True,
    )
    try:
        counts = vectorizer.fit_transform(texts)
    except ValueError:  # every token was a stop word
        return [[] for _ in range(n_themes)]
    terms = vectorizer.get_feature_names_out()
    membership = sparse.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(n_themes, len(texts))
    )
    per_theme = np.asarray((membership @ counts).todense(), dtype=np.float64)
    tf = per_theme / per_theme.sum(axis=1, keepdims=True).clip(min=1)
    average_words = per_theme.sum() / max(n_themes, 1)
    idf = np.log(1 + average_words / per_theme.sum(axis=0).clip(min=1))
    scores = tf * idf
    result = []
    for theme in range(n_themes):
        row = scores[theme]
        top = np.argsort(-row, kind="stable")[: n_keywords * 5]
        ranked = [(str(terms[i]), float(row[i])) for i in top if row[i] > 0]
        result.append(diverse_terms(ranked, n_keywords))
    return result
