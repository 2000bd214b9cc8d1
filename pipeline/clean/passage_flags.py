"""Flags on passages that keep them out of theme modelling: another language, or a duplicate.

Duplicates are found with MinHash LSH (datasketch's, computed for every passage at once in
``pipeline.clean.minhash``) over word 3-gram shingles of the passage
text lower-cased and stripped of punctuation, so a copy that differs in case, punctuation or a
few words is still caught. Of a set of copies, the original is the passage an earlier run
stored, else the one whose document comes first by its name in the corpus (file path, record
id), then position: not the first in the order the files or lines happen to be read, so a
corpus read in another order keeps the same originals (and the same themes). Later copies
point at it with ``duplicate_of``. Passages stay in the database either way.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Collection, Mapping

import numpy as np

from pipeline.clean.language import detect_language
from pipeline.clean.minhash import band_keys, banding, shingles, signatures
from pipeline.model import Passage

log = logging.getLogger("coprod.passages")

THRESHOLD = 0.8
NUM_PERM = 128
SEED = 1


def passage_signatures(texts: list[str]) -> np.ndarray:
    """The MinHash signatures the duplicate check uses, one row per text (a top-level function,
    so chunks of texts can be signed on worker processes)."""
    return signatures(texts, NUM_PERM, SEED)


def flag_passages(passages: list[Passage], known_languages: Mapping[str, str] | None = None,
                  stored: Collection[str] = frozenset(), names: Mapping[str, str] | None = None,
                  signed: np.ndarray | None = None) -> list[Passage]:
    """Language on every passage; 'language:xx' and 'duplicate' exclusions where they apply.

    ``known_languages`` (passage text hash -> language) spares detecting the language of
    passages whose language is known; ``stored`` are the text hashes an earlier run stored and
    ``names`` each document's name in the corpus (doc_id -> external id): they decide which of
    two copies is the original. ``signed`` are the passages' ``passage_signatures`` when they
    were computed elsewhere.
    """
    known_languages = known_languages or {}
    names = names or {}
    order = sorted(range(len(passages)), key=lambda i: _precedence(passages[i], stored, names))
    if signed is None:
        signed = passage_signatures([p.text for p in passages])
    bands = band_keys(signed, *banding(THRESHOLD, NUM_PERM))
    # MinHashLSH's index: each band's key -> the originals with that key, in precedence order
    tables: list[dict[int, list[int]]] = [{} for _ in range(bands.shape[1])]
    originals: dict[int, set[str]] = {}  # shingles of the originals a later passage was compared with
    flagged: dict[int, Passage] = {}
    for index, keys in zip(order, bands[order].tolist()):
        passage = passages[index]
        language = known_languages.get(passage.text_hash) or detect_language(passage.text)
        candidates = {c for table, key in zip(tables, keys) for c in table.get(key, ())}
        original = None
        best = 0.0
        if candidates:
            mine = shingles(passage.text)
            for candidate in sorted(candidates, key=lambda c: passages[c].passage_id):
                if candidate not in originals:
                    originals[candidate] = shingles(passages[candidate].text)
                theirs = originals[candidate]
                similarity = len(mine & theirs) / len(mine | theirs)
                if similarity >= THRESHOLD and similarity > best:
                    original, best = passages[candidate].passage_id, similarity
        excluded = passage.excluded
        if original is not None:
            excluded = excluded or "duplicate"
        else:
            for table, key in zip(tables, keys):
                table.setdefault(key, []).append(index)
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
