"""The head of a page: the lines where a document shows its own title, byline, date and DOI.

A page's metadata sits above its reference list, its "Cited by" / "Similar articles" lists
and its comment section: what comes after those headings is other documents' metadata (a
cited paper's DOI, a commenter's date), so every extractor reads only the head.
"""

from __future__ import annotations

import re

# Headings that start other documents' lists, in the languages the pages come in.
_TAIL_HEADING = re.compile(
    r"^(?:\d+\.?\s+)?(?:references|bibliography|works cited|literature cited|cited by|citing articles|"
    r"citations|similar articles|related articles|recommended(?: articles| stories| for you)?|"
    r"you (?:may|might) also like|more (?:articles|posts|stories)(?: like this)?|related (?:posts|reading|content)|"
    r"literatur(?:verzeichnis)?|bibliographie|références|referencias|bibliografia|список літератури|"
    r"список литературы|literatuur)\s*:?\s*$", re.I)
# A post's comment section: other people's text and dates (a thread's replies are its text).
_COMMENTS_HEADING = re.compile(r"^(?:\d+\s+(?:comments?|responses?|replies)|comments?|leave a (?:comment|reply)|"
                               r"kommentare?|commentaires?|commenti|comentarios|reacties)\s*:?\s*$", re.I)
HEAD_LINES = 80


def page_lines(text: str) -> list[str]:
    """The page's lines, spacing collapsed (blank lines kept so that blocks stay apart)."""
    return [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def head_lines(lines: list[str], limit: int = HEAD_LINES, thread: bool = False) -> list[str]:
    """The lines before the first reference, related-items or comment heading (for a thread,
    whose replies are its text, not at a comment heading), at most ``limit`` non-empty ones
    (blank lines kept, so indexes count blocks)."""
    head: list[str] = []
    seen = 0
    for line in lines:
        if line and seen and (_TAIL_HEADING.match(line) or (not thread and _COMMENTS_HEADING.match(line))):
            break
        head.append(line)
        seen += bool(line)
        if seen >= limit:
            break
    return head
