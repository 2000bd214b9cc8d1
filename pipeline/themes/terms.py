"""The passages' words and word pairs, counted once for every keyword list of a run.

Themes' keywords, each theme's sub-themes' keywords, the proper names kept out of them and the
NPMI of the keywords all read the same passages. Counting them with scikit-learn's
CountVectorizer each time tokenised every passage three or four times in Python (about 40 s
of a refresh at 100,000 passages). Here each passage is tokenised once; words are numbered
with pandas' hash table, word pairs are made from those numbers with numpy, and any subset of
the passages (a theme, for its sub-themes) is a slice of the same counts.

``counts(min_df)`` gives exactly what ``CountVectorizer(ngram_range=(1, 2),
stop_words=STOP_WORDS, token_pattern=TOKEN_PATTERN, min_df=min_df)`` gives on the same texts:
the same terms in the same (sorted) order and the same counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain
from typing import Collection, Sequence

import numpy as np
import pandas as pd
from scipy import sparse

# a word: two letters or more, hyphens inside (scikit-learn's token_pattern syntax)
TOKEN_PATTERN = r"(?u)\b[a-zA-Z][a-zA-Z-]*[a-zA-Z]\b"
_TOKEN = re.compile(TOKEN_PATTERN)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_LOWER = re.compile(r"\b[a-z][a-z-]*\b")


def _numbered(groups: list[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Codes of every item (concatenated), the distinct items, and each group's start."""
    lengths = np.fromiter(map(len, groups), dtype=np.int64, count=len(groups))
    flat = np.fromiter(chain.from_iterable(groups), dtype=object, count=int(lengths.sum()))
    codes, uniques = pd.factorize(flat) if len(flat) else (np.empty(0, np.int64), np.empty(0, object))
    return codes.astype(np.int64), np.asarray(uniques, dtype=object), np.concatenate([[0], np.cumsum(lengths)])


def _rows_of(starts: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(starts) - 1), np.diff(starts))


def _indicator(rows: np.ndarray, columns: np.ndarray, shape: tuple[int, int]) -> sparse.csr_matrix:
    matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=shape)
    matrix.data[:] = 1.0
    return matrix


@dataclass
class TermIndex:
    """Counts of every passage's words and word pairs (stop words removed), all terms sorted."""

    terms: np.ndarray  # str, sorted as CountVectorizer sorts its features
    matrix: sparse.csr_matrix  # passages x terms, counts
    words: np.ndarray  # every distinct word before stop words are removed
    tokens: np.ndarray  # each passage's words in order, as codes into ``words``, concatenated
    starts: np.ndarray  # each passage's first token (plus the end)
    capitalised: tuple[np.ndarray, sparse.csr_matrix]  # words written "Hannah": vocabulary, passages x words
    lower: tuple[np.ndarray, sparse.csr_matrix]  # words written in lower case

    @classmethod
    def build(cls, texts: Sequence[str], stop_words: Collection[str]) -> "TermIndex":
        codes, words, starts = _numbered([_TOKEN.findall(t.lower()) for t in texts])
        n = len(texts)
        stop = np.isin(words, np.array(sorted(stop_words), dtype=object)) if len(words) else np.zeros(0, bool)
        keep = ~stop[codes]
        kept, owner = codes[keep], _rows_of(starts)[keep]
        # pairs of neighbours once stop words are out ("co-production of services" ->
        # "co-production services"), never across passages
        same = owner[1:] == owner[:-1] if len(kept) else np.zeros(0, bool)
        base = max(len(words), 1)  # a pair's key: first word's code * base + second's
        pair_codes, pairs = pd.factorize(kept[:-1][same] * base + kept[1:][same]) \
            if same.any() else (np.empty(0, np.int64), np.empty(0, np.int64))
        pair_terms = [f"{words[p // base]} {words[p % base]}" for p in np.asarray(pairs, dtype=np.int64).tolist()]
        unigram_ids = np.flatnonzero(~stop)
        names = np.array(list(words[unigram_ids]) + pair_terms, dtype=object)
        order = np.argsort(names.astype(str), kind="stable")
        column = np.empty(len(names), dtype=np.int64)
        column[order] = np.arange(len(names))
        unigram_column = np.full(len(words), -1, dtype=np.int64)
        unigram_column[unigram_ids] = column[:len(unigram_ids)]
        rows = np.concatenate([owner, owner[1:][same]])
        cols = np.concatenate([unigram_column[kept], column[len(unigram_ids) + np.asarray(pair_codes, np.int64)]])
        matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(n, len(names)))
        matrix.sum_duplicates()
        return cls(names[order], matrix, words, codes, starts,
                   _written(texts, _CAPITALISED, str.lower), _written(texts, _LOWER, None))

    def subset(self, rows: np.ndarray) -> "TermIndex":
        """The same index over some of the passages (in the order of ``rows``)."""
        rows = np.asarray(rows, dtype=np.int64)
        lengths = np.diff(self.starts)[rows]
        tokens = (np.concatenate([self.tokens[self.starts[r]:self.starts[r + 1]] for r in rows.tolist()])
                  if len(rows) else np.empty(0, np.int64))
        return TermIndex(self.terms, self.matrix[rows], self.words, tokens,
                         np.concatenate([[0], np.cumsum(lengths)]),
                         (self.capitalised[0], self.capitalised[1][rows]), (self.lower[0], self.lower[1][rows]))

    def __len__(self) -> int:
        return self.matrix.shape[0]

    def counts(self, min_df: int) -> tuple[sparse.csr_matrix, np.ndarray]:
        """Passages x terms used in at least ``min_df`` of these passages, and those terms."""
        df = np.bincount(self.matrix.indices, minlength=self.matrix.shape[1])
        used = np.flatnonzero(df >= min_df)
        return self.matrix[:, used], self.terms[used]

    def proper_names(self) -> set[str]:
        """Capitalised words never written in lower case in these passages ("Hannah")."""
        def seen(pair: tuple[np.ndarray, sparse.csr_matrix]) -> set[str]:
            vocabulary, matrix = pair
            return set(vocabulary[np.unique(matrix.indices)].tolist())
        return seen(self.capitalised) - seen(self.lower)

    def presence(self, vocabulary: Sequence[str]) -> sparse.csr_matrix:
        """Passages x ``vocabulary`` (words, or two words with a space), 1 where the passage has
        it: word pairs as written, stop words and all (the windows of NPMI)."""
        where = {w: i for i, w in enumerate(vocabulary)}
        code = {w: i for i, w in enumerate(self.words.tolist())}
        owner = _rows_of(self.starts)
        rows, cols = [], []
        singles = {code[w]: j for w, j in where.items() if " " not in w and w in code}
        if singles:
            lookup = np.full(len(self.words), -1, dtype=np.int64)
            lookup[list(singles)] = list(singles.values())
            hit = lookup[self.tokens] >= 0
            rows.append(owner[hit])
            cols.append(lookup[self.tokens[hit]])
        doubles = {}
        for w, j in where.items():
            parts = w.split(" ")
            if len(parts) == 2 and parts[0] in code and parts[1] in code:
                doubles[code[parts[0]] * len(self.words) + code[parts[1]]] = j
        if doubles and len(self.tokens) > 1:
            same = owner[1:] == owner[:-1]
            keys = self.tokens[:-1] * len(self.words) + self.tokens[1:]
            wanted = np.array(sorted(doubles), dtype=np.int64)
            hit = same & np.isin(keys, wanted)
            rows.append(owner[1:][hit])
            cols.append(np.array([doubles[k] for k in keys[hit].tolist()], dtype=np.int64))
        r = np.concatenate(rows) if rows else np.empty(0, np.int64)
        c = np.concatenate(cols) if cols else np.empty(0, np.int64)
        return _indicator(r, c, (len(self), len(vocabulary)))


def _written(texts: Sequence[str], pattern: re.Pattern, fold) -> tuple[np.ndarray, sparse.csr_matrix]:
    found = [pattern.findall(t) for t in texts]
    if fold is not None:
        found = [[fold(w) for w in words] for words in found]
    codes, vocabulary, starts = _numbered(found)
    return vocabulary, _indicator(_rows_of(starts), codes, (len(texts), len(vocabulary)))
