"""Guessing a document's genre from its raw text when neither the source nor the manifest says it.

The rules look at page chrome (reply counters, citation markers, "Abstract" headings), which
is why detection runs on the raw text, before cleaning removes that chrome.
"""

from __future__ import annotations

import re

_FORUM = [
    re.compile(r"^replies to this discussion", re.I | re.M),
    re.compile(r"\breply by\b", re.I),
    re.compile(r"^views:\s*\d+", re.I | re.M),
    re.compile(r"^posted by .{1,60} on ", re.I | re.M),
    re.compile(r"^(re:|quote from)", re.I | re.M),
    re.compile(r"\b(replied|wrote):\s*$", re.I | re.M),
]
_CITATION = re.compile(r"\[\d{1,3}\]")
_EDIT_HEADING = re.compile(r"^[A-Z][\w ,'-]{1,60} edit$", re.M)
_ENCYCLOPEDIA_WORDS = re.compile(r"\b(wikipedia|encyclopedia)\b", re.I)
_ABSTRACT = re.compile(r"^(abstract|summary|impact)\s*:?\s*$|^(abstract|impact)\s*:", re.I | re.M)
_DOI = re.compile(r"\b10\.\d{4,9}/\S+")
_BLOG = [
    re.compile(r"\bblog\b", re.I),
    re.compile(r"^posted (by|on)\b", re.I | re.M),
    re.compile(r"\bleave a (comment|reply)\b", re.I),
    re.compile(r"\bshare this\b", re.I),
    re.compile(r"^\d{1,2} \w+ \d{4}\s*[-–|]", re.M),
]


def detect_genre(text: str, has_doi: bool = False, has_authors: bool = False, has_date: bool = False) -> str:
    """One of abstract, blog, forum, encyclopedia, other.

    ``has_*`` say what the source's metadata gave: a dated, signed page with no DOI and no
    other marks (an HTML article whose chrome trafilatura already removed) is a blog post."""
    if sum(1 for p in _FORUM if p.search(text)) >= 2:
        return "forum"
    citations = len(_CITATION.findall(text))
    if citations >= 3 and (_EDIT_HEADING.search(text) or _ENCYCLOPEDIA_WORDS.search(text[:2000])
                           or re.search(r"^references\s*$", text, re.I | re.M)):
        return "encyclopedia"
    if _ABSTRACT.search(text) or ((has_doi or _DOI.search(text)) and len(text) < 6000):
        return "abstract"
    if sum(1 for p in _BLOG if p.search(text)) >= 1:
        return "blog"
    if has_doi and has_authors:
        return "abstract"
    if has_authors and has_date:
        return "blog"
    return "other"
