"""Splitting cleaned documents into passages of a few sentences, with offsets into the text.

Lines are the units (scrapes put a paragraph on a line); short lines such as headings are
merged with what follows, long paragraphs are cut at sentence ends. ``document.text[char_start:
char_end] == passage.text`` always holds, so a passage can be found again in its document.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import Iterator

from pipeline.model import Document, Passage, Segment, short_hash
from pipeline.settings import PassageSettings

log = logging.getLogger("coprod.passages")

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[A-Z0-9\"“‘(])")


def _units(text: str, max_chars: int) -> Iterator[tuple[int, int, bool]]:
    """(start, end, starts_paragraph) for each line, long lines cut into sentence runs."""
    offset = 0
    after_blank = True
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            after_blank = True
            continue
        if end - start <= max_chars:
            yield start, end, after_blank
        else:
            yield from _sentence_runs(text, start, end, max_chars, after_blank)
        after_blank = False


def _sentence_runs(text: str, start: int, end: int, max_chars: int, first: bool) -> Iterator[tuple[int, int, bool]]:
    cuts = [start] + [start + m.end() for m in _SENTENCE_END.finditer(text[start:end])] + [end]
    run_start = start
    for prev, cut in zip(cuts, cuts[1:]):
        if cut - run_start > max_chars and prev > run_start:
            yield run_start, _rstrip(text, run_start, prev), first
            first = False
            run_start = prev
        while cut - run_start > max_chars:  # one sentence longer than a passage: hard cut at a space
            space = text.rfind(" ", run_start, run_start + max_chars)
            hard = space if space > run_start else run_start + max_chars
            yield run_start, hard, first
            first = False
            run_start = hard + 1 if space > run_start else hard
    if run_start < end:
        yield run_start, end, first


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _spans(text: str, start: int, end: int, settings: PassageSettings) -> list[list[int]]:
    """Passage spans within text[start:end], as [start, end] offsets into the whole text."""
    spans: list[list[int]] = []
    # Runs cut from a long paragraph leave room for a short heading or title to join them.
    run_limit = max(settings.max_chars - settings.min_chars, settings.min_chars)
    for a, b, new_paragraph in _units(text[start:end], run_limit):
        a, b = a + start, b + start
        if spans:
            current = spans[-1]
            length = current[1] - current[0]
            fits = b - current[0] <= settings.max_chars
            full = length >= settings.target_chars or (new_paragraph and length >= settings.min_chars * 2)
            if fits and not full:
                current[1] = b
                continue
        spans.append([a, b])
    # A short tail joins the passage before it when that keeps it within the limit.
    if len(spans) > 1 and spans[-1][1] - spans[-1][0] < settings.min_chars \
            and spans[-1][1] - spans[-2][0] <= settings.max_chars:
        tail = spans.pop()
        spans[-1][1] = tail[1]
    return spans


def split_document(document: Document, settings: PassageSettings) -> list[Passage]:
    """Passages never cross a segment (a forum post, a section), and inherit its attributes."""
    segments = document.segments or (Segment(0, len(document.text)),)
    located = [(segment, span) for segment in segments
               for span in _spans(document.text, segment.start, segment.end, settings)]
    # min_chars is for splitting long texts: a fragment under it (a stray line between
    # paragraphs) is dropped only when the document has a passage of full length to model.
    # A document that is short as a whole (a paper title, a one-line reply, a title-only
    # record) is a document: its text is its passage.
    has_full = any(end - start >= settings.min_chars and segment.excluded is None
                   for segment, (start, end) in located)
    passages: list[Passage] = []
    seen: Counter[str] = Counter()
    for segment, (start, end) in located:
        text = document.text[start:end]
        whole_post = segment.post_index is not None and (start, end) == (segment.start, segment.end)
        if len(text) < settings.min_chars and has_full and not whole_post:
            continue  # a fragment; but a short forum post is still somebody's whole say
        seen[text] += 1
        passages.append(Passage(
            passage_id=short_hash("passage", document.doc_id, text, str(seen[text])),
            doc_id=document.doc_id,
            position=len(passages),
            text=text,
            char_start=start,
            char_end=end,
            post_index=segment.post_index,
            author=segment.author,
            section=segment.section,
            excluded=segment.excluded,
        ))
    return passages


def split_documents(documents: list[Document], settings: PassageSettings) -> list[Passage]:
    passages = [p for d in documents for p in split_document(d, settings)]
    log.info("split %d documents into %d passages", len(documents), len(passages))
    return passages
