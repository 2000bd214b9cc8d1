"""Near-duplicate texts by MinHash LSH over word 3-gram shingles, computed for a whole corpus
at once.

A per-text MinHash (one SHA-1 per shingle, then 128 permutations of that text's hashes) costs
about half a millisecond a passage in Python, most of a small refresh at 100,000 passages.
Here the words are hashed once per distinct word, a shingle's hash mixes its three words'
hashes with integer arithmetic, and each permutation is applied to every shingle of a chunk
of texts in one numpy call; the band buckets come from sorting. Only texts that share a
bucket with another are then compared one by one, by the exact Jaccard similarity of their
shingle sets, so a pair is a duplicate only when its shingles really overlap by the
threshold. All hashes depend on the text alone (not on the order texts are read in or on the
process), so the same corpus gives the same duplicates.
"""

from __future__ import annotations

import hashlib
import re
from itertools import chain
from typing import Sequence

import numpy as np
import pandas as pd

_WORD = re.compile(r"[a-z0-9]+")
THRESHOLD = 0.8
# 20 bands of 6 rows: a pair at the threshold shares a band with probability 0.998 (the
# usual 9 of 13 finds only 40% of them); pairs that share one by chance are checked exactly.
BANDS, ROWS = 20, 6
_CHUNK_SHINGLES = 1 << 16  # a chunk's hashes stay in the processor's cache


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def _permutations(count: int) -> tuple[np.ndarray, np.ndarray]:
    # multiply-shift hashing: (a * x + b) mod 2**64, top 32 bits; a odd
    rng = np.random.default_rng(20240601)
    a = rng.integers(1, 1 << 63, size=count, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 1 << 63, size=count, dtype=np.uint64)
    return a, b


def _mix(x: np.ndarray) -> np.ndarray:
    # splitmix64's finaliser: spreads every input bit over the whole word
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every text's word 3-gram hashes, concatenated, and each text's start in them (plus the
    end). A text of fewer than three words is one shingle: its words joined."""
    words = [_WORD.findall(text.lower()) for text in texts]
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    short = {i: _stable_hash(" ".join(w)) for i, w in enumerate(words) if len(w) < 3}
    # pandas' hash table numbers the distinct words in C; a dict in Python costs twice as long
    codes, vocabulary = pd.factorize(np.fromiter(chain.from_iterable(words), dtype=object, count=int(lengths.sum())))
    word_hash = np.fromiter((_stable_hash(w) for w in vocabulary), dtype=np.uint64, count=len(vocabulary))
    hashes = word_hash[codes]
    counts = np.maximum(lengths - 2, 1)
    offsets = np.concatenate([[0], np.cumsum(counts)])
    word_starts = np.concatenate([[0], np.cumsum(lengths)])[:-1]
    out = np.empty(int(offsets[-1]), dtype=np.uint64)
    with np.errstate(over="ignore"):
        owner = np.repeat(np.arange(len(texts)), lengths)
        within = np.arange(len(hashes)) - word_starts[owner]
        first = np.flatnonzero(within <= lengths[owner] - 3)  # a 3-gram starts at each of these
        if len(first):
            mixed = _mix(hashes[first] * np.uint64(0x9E3779B97F4A7C15)
                         ^ _mix(hashes[first + 1] + np.uint64(0x632BE59BD9B4E019))
                         ^ _mix(hashes[first + 2] ^ np.uint64(0x85EBCA77C2B2AE63)))
            out[offsets[owner[first]] + within[first]] = mixed
    for i, value in short.items():
        out[offsets[i]] = value
    return out, offsets


def signatures(hashes: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """MinHash signature of each text (rows), BANDS * ROWS values each."""
    n = len(offsets) - 1
    a, b = _permutations(BANDS * ROWS)
    signature = np.empty((n, BANDS * ROWS), dtype=np.uint32)
    start = 0
    while start < n:
        # texts whose shingles together fill about one chunk
        stop = max(int(np.searchsorted(offsets, offsets[start] + _CHUNK_SHINGLES, side="right")) - 1, start + 1)
        chunk = hashes[offsets[start]:offsets[stop]]
        cuts = offsets[start:stop] - offsets[start]
        buffer = np.empty_like(chunk)
        with np.errstate(over="ignore"):
            for j in range(len(a)):
                np.multiply(chunk, a[j], out=buffer)
                np.add(buffer, b[j], out=buffer)
                np.right_shift(buffer, np.uint64(32), out=buffer)
                signature[start:stop, j] = np.minimum.reduceat(buffer, cuts)
        start = stop
    return signature


def _band_groups(signature: np.ndarray) -> list[list[int]]:
    """Groups of texts (indexes) that share a band: candidates for near-duplicates."""
    groups: list[list[int]] = []
    weights = _mix(np.arange(1, ROWS + 1, dtype=np.uint64))
    for band in range(BANDS):
        rows = signature[:, band * ROWS:(band + 1) * ROWS].astype(np.uint64)
        with np.errstate(over="ignore"):
            key = _mix((rows * weights).sum(axis=1, dtype=np.uint64) ^ rows[:, 0])
        order = np.argsort(key, kind="stable")
        starts = np.flatnonzero(np.concatenate([[True], key[order][1:] != key[order][:-1], [True]]))
        for begin, end in zip(starts[:-1].tolist(), starts[1:].tolist()):
            if end - begin > 1:
                groups.append(order[begin:end].tolist())
    return groups


def near_duplicates(texts: Sequence[str], names: Sequence[str], threshold: float = THRESHOLD) -> list[int | None]:
    """For each text, the index of an earlier text it nearly copies (None for an original).

    ``texts`` come in precedence order: of two copies the earlier one is the original. A text
    is compared only with originals; of several at the threshold it takes the most similar,
    then the one whose name (``names``) sorts first.
    """
    hashes, offsets = shingle_hashes(texts)
    signature = signatures(hashes, offsets)
    groups = _band_groups(signature)
    member_of: dict[int, list[int]] = {}
    for g, group in enumerate(groups):
        for i in group:
            member_of.setdefault(i, []).append(g)
    originals: list[list[int]] = [[] for _ in groups]
    sets: dict[int, set[int]] = {}

    def shingles(i: int) -> set[int]:
        if i not in sets:
            sets[i] = set(hashes[offsets[i]:offsets[i + 1]].tolist())
        return sets[i]

    result: list[int | None] = [None] * len(texts)
    for i in sorted(member_of):  # precedence order: every earlier original is already known
        candidates = np.array(sorted({j for g in member_of[i] for j in originals[g]}), dtype=np.int64)
        if len(candidates):
            # the share of equal MinHash values estimates the similarity: a pair at the threshold
            # falls 0.2 below it about once in 10**8, so only pairs above that are counted exactly
            estimate = (signature[candidates] == signature[i]).mean(axis=1)
            candidates = candidates[estimate >= threshold - 0.2]
        best, found = 0.0, None
        for j in sorted(candidates.tolist(), key=lambda j: names[j]):
            mine, theirs = shingles(i), shingles(j)
            similarity = len(mine & theirs) / len(mine | theirs)
            if similarity >= threshold and similarity > best:
                best, found = similarity, j
        if found is None:
            for g in member_of[i]:
                originals[g].append(i)
        result[i] = found
    return result
