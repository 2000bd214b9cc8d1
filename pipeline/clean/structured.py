"""Records of structured exports (RIS, BibTeX, CSV, MEDLINE, CSL-JSON ...): the text kept as given.

The rules for scraped pages (menus, footers, "All rights reserved" lines, repeats) must not
run on fields a database already cleaned: they would drop a one-line abstract that ends with
its copyright notice. Here only a trailing copyright sentence is taken out of the text (kept
in ``excluded_spans`` with the reason "copyright"), and never when it is all the text there is.
A record excluded at screening keeps its text; its passages are left out of the themes.
"""

from __future__ import annotations

import re

from pipeline.model import EXCLUDED_AT_SCREENING, ExcludedSpan, Segment

# Where a sentence can start: the line's start, or after '.', '!' or '?' and a space.
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])\s+)(?=\S)")
# A copyright sentence: '© 2020 ...', 'Copyright © 2019 ...', '(C) 2004 Elsevier ...',
# 'Crown Copyright © 2020 ...', 'Published by Elsevier Ltd. All rights reserved.'
# ... and, so that a sentence about copyright law stays, a '©', a year or "rights reserved".
_COPYRIGHT = re.compile(r"^(?:\S+\s+){0,2}?(?:©|\(c\)\s*\d{4}|copyright\b)|^published by\b.*\ball rights reserved\b"
                        r"|^all rights reserved\b", re.I)
_NOTICE_MARK = re.compile(r"©|\b(?:1[89]|20)\d\d\b|\brights reserved\b", re.I)
MAX_NOTICE_CHARS = 300


def split_copyright(line: str) -> tuple[str, str | None]:
    """(the line without its trailing copyright notice, the notice or None)."""
    for match in _SENTENCE_START.finditer(line):
        start = match.end()
        tail = line[start:]
        if len(tail) <= MAX_NOTICE_CHARS and _COPYRIGHT.search(tail) and _NOTICE_MARK.search(tail):
            return line[:start].rstrip(), tail.strip()
    return line, None


def clean_record(text: str, screening: str | None = None
                 ) -> tuple[str, tuple[Segment, ...], tuple[ExcludedSpan, ...], tuple[tuple[int, int, int], ...]]:
    """(text, segments, excluded lines, kept lines) in the shape ``clean.assemble`` gives."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    numbered = [(number, line) for number, line in enumerate(lines, start=1) if line]
    excluded: list[ExcludedSpan] = []
    if numbered:
        number, last = numbered[-1]
        kept, notice = split_copyright(last)
        if notice and (kept or len(numbered) > 1):
            excluded.append(ExcludedSpan(number, notice[:2000], "copyright"))
            numbered = numbered[:-1] + ([(number, kept)] if kept else [])
    kept_lines, offset = [], 0
    for number, line in numbered:
        kept_lines.append((number, offset, offset + len(line)))
        offset += len(line) + 1
    cleaned = "\n".join(line for _, line in numbered)
    flag = EXCLUDED_AT_SCREENING if screening == "excluded" else None
    segments = (Segment(0, len(cleaned), excluded=flag),) if cleaned else ()
    return cleaned, segments, tuple(excluded), tuple(kept_lines)
