"""MinHash signatures and LSH band keys of many passages at once, equal to datasketch's.

datasketch computes a passage's signature in a Python call of its own (its shingles hashed with
SHA-1, then 128 permutations in numpy), and its LSH index keys each band by the band's bytes:
at 100,000 passages that was about 40 s of every refresh. Here a block of a hundred passages
has its distinct shingles hashed once and permuted in one numpy operation, and each band's
values are numbered for all passages at once. The permutations, the arithmetic (its uint32
wrap-around included) and the banding are datasketch's own, so the signatures, the candidates
and the duplicate flags are exactly those of ``MinHash.update_batch`` and ``MinHashLSH.query``:
changing which passages are flagged would change which passages are modelled, and with them
the number of themes (docs/benchmarks.md, "Scale").
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd
from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"[a-z0-9]+")
# Passages hashed at a time: a hundred news items' 8,000 shingles permuted 128 ways are 4 MB,
# which stay in cache (500 or 2,000 at a time were slower).
PASSAGES_AT_ONCE = 100


def _grams(text: str) -> list[str]:
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        return [" ".join(words)]
    return [" ".join(words[j:j + 3]) for j in range(len(words) - 2)]


def shingles(text: str) -> set[str]:
    """The passage's word 3-grams (lower-cased, punctuation dropped); a passage of fewer than
    three words is one shingle of its words."""
    return set(_grams(text))


def _sha1_32(grams: list[str]) -> np.ndarray:
    # datasketch's sha1_hash32: the first four bytes of each shingle's SHA-1 digest, little-endian
    sha1 = hashlib.sha1
    return np.frombuffer(b"".join([sha1(g.encode()).digest()[:4] for g in grams]), dtype="<u4").astype(np.uint32)


def _fmix32(hv: np.ndarray) -> np.ndarray:
    # MurmurHash3's 32-bit finalizer, which datasketch's "affine32" scheme applies to a shingle's
    # hash before its permutations; uint32 multiplication wraps, as there
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def signatures(texts: list[str], num_perm: int, seed: int) -> np.ndarray:
    """(passages, num_perm) uint32: each row what ``MinHash(num_perm, seed=seed)`` (datasketch's
    default "affine32" scheme) holds after ``update_batch`` of the passage's shingles as UTF-8."""
    a, b = MinHash(num_perm=num_perm, seed=seed).permutations
    a, b = a.astype(np.uint32), b.astype(np.uint32)
    out = np.empty((len(texts), num_perm), dtype=np.uint32)
    for first in range(0, len(texts), PASSAGES_AT_ONCE):
        grams = [_grams(text) for text in texts[first:first + PASSAGES_AT_ONCE]]
        starts = np.cumsum([0] + [len(g) for g in grams[:-1]])
        # a chunk's shingles hashed once each however often they occur
        codes, uniques = pd.factorize(pd.Series([g for gs in grams for g in gs], dtype=object))
        hashed = _sha1_32(uniques.tolist())
        with np.errstate(over="ignore"):
            permuted = _fmix32(hashed)[codes][:, None] * a
            permuted += b
        out[first:first + len(grams)] = np.minimum.reduceat(permuted, starts, axis=0)
    return out


def banding(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's bands and rows for the threshold (equal weights of false positives and negatives)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(signature: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(passages, bands) int64: passages with the same number in a band have equal values in
    all of its rows, the test ``MinHashLSH`` makes with the band's bytes."""
    keys = np.empty((len(signature), bands), dtype=np.int64)
    for band in range(bands):
        _, inverse = np.unique(signature[:, band * rows:(band + 1) * rows], axis=0, return_inverse=True)
        keys[:, band] = inverse.ravel()
    return keys
