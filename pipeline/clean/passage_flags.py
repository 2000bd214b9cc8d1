"""Flags on passages that keep them out of theme modelling: another language, or a duplicate.

Duplicates are found with MinHash LSH (datasketch) over word 3-gram shingles of the passage
text lower-cased and stripped of punctuation, so a copy that differs in case, punctuation or a
few words is still caught. Of a set of copies, the original is the passage an earlier run
stored, else the one whose document comes first by its name in the corpus (file path, record
id), then position: not the first in the order the files or lines happen to be read, so a
corpus read in another order keeps the same originals (and the same themes). Later copies
point at it with ``duplicate_of``. Passages stay in the database either way.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Collection, Mapping

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


def flag_passages(passages: list[Passage], known_languages: Mapping[str, str] | None = None,
                  stored: Collection[str] = frozenset(), names: Mapping[str, str] | None = None) -> list[Passage]:
    """Language on every passage; 'language:xx' and 'duplicate' exclusions where they apply.

    ``known_languages`` (passage text hash -> language) spares detecting the language of
    passages whose language is known; ``stored`` are the text hashes an earlier run stored and
    ``names`` each document's name in the corpus (doc_id -> external id): they decide which of
    two copies is the original.
    """
    known_languages = known_languages or {}
    names = names or {}
    template = MinHash(num_perm=NUM_PERM, seed=1)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    originals: dict[str, set[bytes]] = {}
    flagged: dict[int, Passage] = {}
    for index in sorted(range(len(passages)), key=lambda i: _precedence(passages[i], stored, names)):
        passage = passages[index]
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
        flagged[index] = replace(passage, language=language, excluded=excluded, duplicate_of=original)
    result = [flagged[i] for i in range(len(passages))]
    n_dup = sum(1 for p in result if p.duplicate_of)
    log.info("flagged passages: %d duplicates, %d not in English",
             n_dup, sum(1 for p in result if p.language != "en"))
    return result


def _precedence(passage: Passage, stored: Collection[str], names: Mapping[str, str]) -> tuple[int, str, str, int]:
    """Which of two copies is the original: one an earlier run stored, then the document that
    comes first by name, then the earlier position."""
    return (0 if passage.text_hash in stored else 1, names.get(passage.doc_id, ""), passage.doc_id, passage.position)


def duplicate_documents(passages: list[Passage]) -> dict[str, str]:
    """doc_id -> doc_id of the earlier document it copies: every passage of the document is
    a duplicate of a passage of that one other document."""
    owner = {p.passage_id: p.doc_id for p in passages}
    targets: dict[str, set[str | None]] = {}
    for p in passages:
        targets.setdefault(p.doc_id, set()).add(owner.get(p.duplicate_of) if p.duplicate_of else None)
    return {doc: next(iter(t)) for doc, t in targets.items()
            if len(t) == 1 and None not in t and next(iter(t)) != doc}
