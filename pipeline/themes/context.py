"""Passages read in their context before they are grouped into themes: forum posts in their
thread, and every passage in its document (``with_document``).

A reply such as "Thanks Raj! How many tubes did you use?" says little on its own: embedded
alone, it lies nearer every other thank-you in the corpus than the air-quality thread it
belongs to, and such replies from unrelated threads make a "theme" of small talk. Each post's
vector is therefore shrunk towards its context (the rest of its thread and the post it
answers), by as much as it has little content of its own: the weight of its own vector is
n / (n + strength) for a post with n content words, so a thank-you follows its thread and a
long post keeps most of its own meaning. Passages that are not posts of a thread with other
posts keep their vectors.

The stored embeddings stay the vectors of the text alone (they are a cache keyed by text and
serve semantic search); these vectors are what the theme stages use.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from pipeline.model import Passage

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def content_words(text: str) -> int:
    """Words of three letters or more that are not English function words."""
    return sum(1 for w in _WORD.findall(text.lower()) if len(w) >= 3 and w not in ENGLISH_STOP_WORDS)


def read_in_context(passages: list[Passage], vectors: np.ndarray, strength: float) -> np.ndarray:
    """The passages' vectors with each thread post shrunk towards its context (see the module
    docstring); ``strength`` is in content words, 0 leaves every vector as it is."""
    out = np.array(vectors, dtype=np.float32, copy=True)
    if strength <= 0 or not len(passages):
        return out
    threads: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, passage in enumerate(passages):
        if passage.post_index is not None:
            threads[passage.doc_id][passage.post_index].append(i)
    for posts in threads.values():
        if len(posts) < 2:
            continue
        order = sorted(posts)
        post_sums = {q: vectors[posts[q]].sum(axis=0) for q in order}
        thread_sum = np.sum(list(post_sums.values()), axis=0)
        for n, q in enumerate(order):
            rest = _unit(thread_sum - post_sums[q])
            # The post it answers: the one before it (a thread's replies mostly answer the last
            # word); the opening post has only the rest of its thread.
            context = _unit(rest + _unit(post_sums[order[n - 1]])) if n else rest
            for i in posts[q]:
                own = content_words(passages[i].text)
                weight = own / (own + strength)
                out[i] = _unit(weight * vectors[i] + (1 - weight) * context)
    return out


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 1e-12 else v


def with_document(passages: list[Passage], vectors: np.ndarray, share: float) -> np.ndarray:
    """The vectors with each passage of a document of several passages moved towards the rest
    of its document: ``share`` of the weight goes to the (unit) mean of the document's other
    passages, the rest stays the passage's own (0 leaves every vector as it is).

    Themes are fitted on these (``pipeline.themes.build``): a passage of a long article or a
    thread is usually about what its document is about, and read alone a passage that only
    continues an argument lands wherever its wording happens to fall. The number of themes is
    chosen on the vectors themselves: read in their documents, bbc's articles score best
    split in 7, not their 5 sections (docs/benchmarks.md).
    """
    out = np.array(vectors, dtype=np.float32, copy=True)
    if share <= 0 or not len(passages):
        return out
    rows: dict[str, list[int]] = defaultdict(list)
    for i, passage in enumerate(passages):
        rows[passage.doc_id].append(i)
    for members in rows.values():
        if len(members) < 2:
            continue
        total = vectors[members].sum(axis=0)
        for i in members:
            out[i] = _unit((1 - share) * vectors[i] + share * _unit(total - vectors[i]))
    return out
