"""Flags on passages that keep them out of theme modelling: another language, or a duplicate.

Duplicates are found with MinHash LSH (datasketch) over word 3-gram shingles of the passage
text lower-cased and stripped of punctuation, so a copy that differs in case, punctuation or a
few words is still caught. The first passage (in corpus order) is the original; later copies
point at it with ``duplicate_of``. Passages stay in the database either way.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Mapping

from datasketch import MinHash, MinHashLSH

from pipeline.clean.language import detect_language
from pipeline.model import Passage

log = logging.getLogger("coprod.passages")

_WORD = re.compile(r"[a-z0-9]+")
THRESHOLD = 0.8
NUM_PERM = 128


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + 3]).encode() for i in range(len(words) - 2)}


def _minhash(shingles: set[bytes], template: MinHash) -> MinHash:
    # the permutations are the same for every passage: computing them once saves most of the time
    m = template.copy()
    m.update_batch(list(shingles))
    return m


def flag_passages(passages: list[Passage], known_languages: Mapping[str, str] | None = None) -> list[Passage]:
    """Language on every passage; 'language:xx' and 'duplicate' exclusions where they apply.

    ``known_languages`` (passage text hash -> language, from an earlier run) spares detecting
    the language of passages seen before.
    """
    known_languages = known_languages or {}
    template = MinHash(num_perm=NUM_PERM, seed=1)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    originals: dict[str, set[bytes]] = {}
    flagged: list[Passage] = []
    for passage in passages:
        language = known_languages.get(passage.text_hash) or detect_language(passage.text)
        shingles = _shingles(passage.text)
        signature = _minhash(shingles, template)
        original = None
        best = 0.0
        for candidate in sorted(lsh.query(signature)):
            theirs = originals[candidate]
            similarity = len(shingles & theirs) / len(shingles | theirs)
            if similarity >= THRESHOLD and similarity > best:
                original, best = candidate, similarity
        excluded = passage.excluded
        if original is not None:
            excluded = excluded or "duplicate"
        else:
            lsh.insert(passage.passage_id, signature)
            originals[passage.passage_id] = shingles
        if excluded is None and language != "en":
            excluded = f"language:{language}"
        flagged.append(replace(passage, language=language, excluded=excluded, duplicate_of=original))
    n_dup = sum(1 for p in flagged if p.duplicate_of)
    log.info("flagged passages: %d duplicates, %d not in English",
             n_dup, sum(1 for p in flagged if p.language != "en"))
    return flagged


def duplicate_documents(passages: list[Passage]) -> dict[str, str]:
    """doc_id -> doc_id of the earlier document it copies: every passage of the document is
    a duplicate of a passage of that one other document."""
    owner = {p.passage_id: p.doc_id for p in passages}
    targets: dict[str, set[str | None]] = {}
    for p in passages:
        targets.setdefault(p.doc_id, set()).add(owner.get(p.duplicate_of) if p.duplicate_of else None)
    return {doc: next(iter(t)) for doc, t in targets.items()
            if len(t) == 1 and None not in t and next(iter(t)) != doc}
