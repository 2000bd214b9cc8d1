"""Theme keywords: class-based TF-IDF over unigrams and bigrams, then a redundancy filter.

c-TF-IDF treats all passages of a theme as one document: a term scores high when it is frequent
in the theme and rare across themes. The filter keeps a theme's top words from being variants
of one word ("service", "services") or parts of a chosen phrase ("public" beside "public value").
A term's score is also weighted by how much of its use falls in the theme (``distinctiveness``).
Of the best ``1.5 x n`` terms left, the n kept are those that also occur together in the
passages (``coherence``): a list a reader takes in as one subject, not the theme's most
distinctive words from unrelated passages ("president, killed, ap, afp" on news).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from pipeline.themes.metrics import npmi_matrix
from pipeline.themes.terms import TermIndex

# Words of web pages and citations that say nothing about a theme.
EXTRA_STOP_WORDS = frozenset({
    "http", "https", "www", "com", "org", "html", "et", "al", "pp", "vol", "doi", "hi", "thanks",
    "thank", "just", "really", "think", "like", "also", "would", "could", "one", "two", "get",
    "got", "lot", "way", "things", "thing", "said", "say", "says", "going", "know", "make",
    "use", "used", "using", "paper", "article", "ve", "don", "didn", "isn", "ll", "re",
    "permalink", "reply", "replies", "posted", "pm", "am",
    # conversation: words of replies and small talk, not of what a theme is about
    "did", "does", "doing", "happy", "finding", "glad", "hope", "hoping", "cheers", "yes", "yeah",
    "okay", "ok", "hello", "hey", "everyone", "anyone", "guys", "sorry", "wondering", "maybe",
    "bit", "stuff", "lots", "pretty", "actually", "basically", "definitely", "shout",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
})
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | EXTRA_STOP_WORDS)


def _stem(word: str) -> str:
    """Just enough stemming to see that two words are variants of one another."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def _key(term: str) -> tuple[str, ...]:
    return tuple(_stem(w) for w in term.split())


def diverse_terms(ranked: list[tuple[str, float]], n: int, counts: dict[str, int] | None = None,
                  phrase_ratio: float = 0.6, min_phrase_count: int = 2, reserve: int = 0) -> list[tuple[str, float]]:
    """Top n terms without variants of one word or words repeated from a chosen phrase.

    A phrase takes the place of a chosen word it contains when it scores at least
    ``phrase_ratio`` of that word and occurs at least ``min_phrase_count`` times (the word
    then mostly stands inside the phrase: "public" -> "public value"); a word inside a chosen
    phrase is skipped, and so is a phrase whose words are all keywords already.
    """
    chosen: list[tuple[str, float]] = []
    for term, score in ranked:
        key = _key(term)
        keys = [_key(t) for t, _ in chosen]
        if key in keys:
            continue
        if len(key) == 1 and any(key[0] in k for k in keys if len(k) > 1):
            continue
        if len(key) > 1:
            inside = [(t, s) for t, s in chosen if len(_key(t)) == 1 and _key(t)[0] in key]
            if inside and len(chosen) >= n:  # a reserve term only adds
                continue
            frequent = counts is None or counts.get(term, 0) >= min_phrase_count
            if inside and frequent and all(score >= phrase_ratio * s for _, s in inside):
                chosen = [c for c in chosen if c not in inside]
            elif all(any((w,) == k for k in keys) for w in key):
                continue
        chosen.append((term, score))
        if len(chosen) == n + reserve:
            break
    return chosen


def term_index(texts: list[str], counted: TermIndex | None = None) -> TermIndex:
    """The texts' words and word pairs counted for keywords (stop words out): ``counted`` when
    it already counts these texts (built by an earlier description of the same passages)."""
    if counted is not None and len(counted) == len(texts):
        return counted
    return TermIndex.build(texts, STOP_WORDS)


def coherent_subset(scores: np.ndarray, npmi: np.ndarray, n: int, weight: float) -> list[int]:
    """Indices of n of the candidates (given best first, with their scores and NPMI matrix):
    the best, then each time the one whose score relative to the best, plus ``weight`` x its
    mean NPMI with those kept, is highest. Returned in the candidates' order."""
    if len(scores) <= n or weight <= 0:
        return list(range(min(n, len(scores))))
    relative = scores / max(float(scores[0]), 1e-12)
    kept = [0]
    while len(kept) < n:
        rest = [i for i in range(len(scores)) if i not in kept]
        kept.append(max(rest, key=lambda i: (relative[i] + weight * npmi[i, kept].mean(), -i)))
    return sorted(kept)


def theme_keywords(texts: list[str], labels: np.ndarray, n_themes: int,
                   n_keywords: int = 10, distinctiveness: float = 0.5,
                   coherence: float = 0.5, index: TermIndex | None = None) -> list[list[tuple[str, float]]]:
    """For each theme id 0..n_themes-1, its keywords with their c-TF-IDF scores, best first.
    ``index``: the texts' words already counted (``term_index(texts)``), else counted here."""
    if not texts:
        return [[] for _ in range(n_themes)]
    index = term_index(texts, index)
    counts, terms = index.counts(min_df=2 if len(texts) >= 50 else 1)
    if not len(terms):  # every token was a stop word
        return [[] for _ in range(n_themes)]
    n_words = [t.count(" ") + 1 for t in terms]
    membership = sparse.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(n_themes, len(texts))
    )
    per_theme = np.asarray((membership @ counts).todense(), dtype=np.float64)
    tf = per_theme / per_theme.sum(axis=1, keepdims=True).clip(min=1)
    average_words = per_theme.sum() / max(n_themes, 1)
    idf = np.log(1 + average_words / per_theme.sum(axis=0).clip(min=1))
    scores = tf * idf
    # c-TF-IDF's idf is weak with few themes: "new" or "people", spread evenly over five themes,
    # still tops some of them. Weighting by the share of the term's uses that fall in the theme
    # (to the power ``distinctiveness``) keeps each theme's own words on top. Measured on the
    # BBC / AG News / sample corpora: 0.5 raises NPMI from 0.186 to 0.248 / 0.080 to 0.118 /
    # 0.363 to 0.356 and topic diversity to 0.94-0.99 (docs/benchmarks.md).
    share = per_theme / per_theme.sum(axis=0, keepdims=True).clip(min=1)
    scores = scores * share ** distinctiveness
    names = index.proper_names()
    allowed = np.array([not (set(t.split()) & names) for t in terms])
    scores[:, ~allowed] = 0
    present = (counts > 0).astype(np.float64).tocsc()
    column = {str(t): i for i, t in enumerate(terms)}
    # Measured on the four labelled corpora and the sample corpus (docs/benchmarks.md): NPMI
    # 0.094 -> 0.157 on AG News, 0.247 -> 0.259 bbc, 0.146 -> 0.243 20ng-5000, -0.206 -> -0.043 m10,
    # diversity kept; a larger pool or weight lets one document's phrases in on small corpora.
    pool = n_keywords + n_keywords // 2 if coherence > 0 else n_keywords
    result = []
    for theme in range(n_themes):
        row = scores[theme]
        top = np.argsort(-row, kind="stable")[: n_keywords * 10]
        # On equal scores a single word ranks before a phrase: the phrase adds nothing then.
        top = sorted(top, key=lambda i: (-round(float(row[i]), 9), n_words[i], i))
        ranked = [(str(terms[i]), float(row[i])) for i in top if row[i] > 0]
        counts_in_theme = {str(terms[i]): int(per_theme[theme, i]) for i in top}
        candidates = diverse_terms(ranked, n_keywords, counts_in_theme, reserve=pool - n_keywords)
        if len(candidates) > n_keywords:
            npmi = npmi_matrix(present[:, [column[t] for t, _ in candidates]])
            keep = coherent_subset(np.array([s for _, s in candidates]), npmi, n_keywords, coherence)
            candidates = [candidates[i] for i in keep]
        result.append(candidates)
    return result
