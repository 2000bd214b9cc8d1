"""Text without line breaks: PDF-to-text tools and flattened scrapes write a whole document on
one line. Cleaning works line by line, so such a line is cut at sentence ends into paragraphs
first; a long line that does not read as prose (minified script, an inlined data blob, a
base64 image) is left whole, for the overlong-line rule to drop.
"""

from __future__ import annotations

import re

# Lines up to this long are paragraphs as scrapes write them; longer ones are cut.
LONG_LINE_CHARS = 5_000
# Cut paragraphs are about this long: a few sentences, as a writer's paragraph is.
PARAGRAPH_CHARS = 1_000

# A sentence ends with . ! ? or … (and a closing quote or bracket), then a space and a capital,
# digit or opening quote: the same rule the passage splitter cuts long paragraphs by.
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"”’)]?)\s+(?=[A-Z0-9\"“‘(])")
_LETTER_OR_SPACE = re.compile(r"[^\W\d_]|\s")


def reads_as_prose(line: str) -> bool:
    """Words and sentences: mostly letters and spaces, words of ordinary length, and a
    sentence end every few hundred characters (code and data have none of the three)."""
    sample = line[:20_000]
    words = sample.split()
    if not words:
        return False
    letters = len(_LETTER_OR_SPACE.findall(sample)) / len(sample)
    word_length = len(sample) / len(words)
    sentences = len(_SENTENCE_END.findall(sample))
    return letters >= 0.8 and word_length <= 12 and sentences >= len(sample) / 2_000


def paragraphs(line: str) -> list[str]:
    """A long prose line as paragraphs of whole sentences (about PARAGRAPH_CHARS each); any
    other line as it is."""
    if len(line) <= LONG_LINE_CHARS or not reads_as_prose(line):
        return [line]
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(line):
        if match.end(1) - start >= PARAGRAPH_CHARS:
            pieces.append(line[start:match.end(1)])
            start = match.end()
    pieces.append(line[start:])
    return [piece for piece in pieces if piece.strip()]
