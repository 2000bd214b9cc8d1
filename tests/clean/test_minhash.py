"""The corpus-wide MinHash must give datasketch's own signatures and candidates: which passages
are flagged as copies decides which are modelled, and so the themes."""

import random

import numpy as np
from datasketch import MinHash, MinHashLSH

from pipeline.clean.minhash import band_keys, banding, shingles, signatures

WORDS = ("council tenants residents panel budget repairs survey housing service design "
         "meeting forum carers library volunteers transport school parents").split()


def texts(n: int, seed: int = 0) -> list[str]:
    rnd = random.Random(seed)
    base = [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 40))) for _ in range(n)]
    # near copies: a word changed, the case and punctuation altered
    copies = [t.replace(WORDS[0], "Council,").upper() for t in base[: n // 4]]
    return base + copies + ["", "Ünïcode café, naïve résumé", "two words"]


def test_each_signature_is_what_datasketch_computes_for_the_passage():
    corpus = texts(60)
    ours = signatures(corpus, 128, 1)
    for text, row in zip(corpus, ours):
        theirs = MinHash(num_perm=128, seed=1)
        theirs.update_batch([s.encode("utf-8") for s in shingles(text)])
        assert np.array_equal(theirs.hashvalues, row), text


def test_band_keys_find_the_candidates_datasketch_lsh_finds():
    corpus = texts(200, seed=1)
    sig = signatures(corpus, 128, 1)
    bands, rows = banding(0.8, 128)
    assert (bands, rows) == (MinHashLSH(threshold=0.8, num_perm=128).b, MinHashLSH(threshold=0.8, num_perm=128).r)
    keys = band_keys(sig, bands, rows)
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    for i, text in enumerate(corpus):
        m = MinHash(num_perm=128, seed=1)
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        lsh.insert(i, m)
    found = 0
    for i, text in enumerate(corpus):
        m = MinHash(num_perm=128, seed=1)
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        ours = {j for j in range(len(corpus)) if (keys[j] == keys[i]).any()}
        assert ours == set(lsh.query(m)), text
        found += len(ours) > 1
    assert found >= 50  # the near copies are candidates of their originals


def test_short_passages_are_one_shingle_of_their_words():
    assert shingles("Two words.") == {"two words"}
    assert shingles("") == {""}
    assert shingles("A, b c d") == {"a b c", "b c d"}


def test_no_passages_give_no_signatures():
    assert signatures([], 128, 1).shape == (0, 128)
    assert band_keys(np.empty((0, 128), dtype=np.uint32), 9, 13).shape == (0, 9)
