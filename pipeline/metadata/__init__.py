"""Titles, authors, dates and DOIs read from a page's own text.

What a page states as a structure (front matter, JSON-LD, a RIS record, `key: value` fields,
a '= Title =' heading) is read first; what a genre parser found in the page's layout comes
next; heuristics on the head's lines (the most title-like line, the byline near it, the
best-placed date, the first DOI) fill what is still missing. Nothing visible, nothing stored:
a field no method finds stays empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pipeline.metadata import structured
from pipeline.metadata.byline import NOT_NAME_WORDS, cited_authors, find_authors, person_name
from pipeline.metadata.dates import FoundDate, parse_date_text, publication_date
from pipeline.metadata.doi import find_doi
from pipeline.metadata.head import head_lines, page_lines
from pipeline.metadata.linear import LinearModel
from pipeline.metadata.runon import run_on_head
from pipeline.metadata.title import clean_title, find_title


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    precision: str | None = None  # "day", "month" or "year": how much of ``published`` the page showed
    doi: str | None = None
    venue: str | None = None
    keywords: tuple[str, ...] = ()


# Genres whose authors are their posters, found by the forum parser, not by a byline.
_NO_BYLINE = ("forum",)


def extract_metadata(text: str, genre: str | None = None, found: dict[str, Any] | None = None,
                     title_model: LinearModel | None = None, title_threshold: float | None = None) -> PageMetadata:
    """Metadata of one page's raw text; ``found`` is what its genre parser read (keys title,
    authors/author, published, doi, venue, keywords), used before heuristics. The title line
    model and its threshold are the shipped ones unless given (benchmarks/titles.py fits them)."""
    found = found or {}
    lines = page_lines(text)
    head = head_lines(lines, thread=genre == "forum")
    fields = structured.front_matter(text)
    fields.fill(structured.json_ld(text)).fill(structured.ris(head)).fill(structured.key_values(head))
    fields.title = fields.title or structured.heading_title(head)
    fields.fill(_from_parser(found, genre))
    first_lines = [i for i, line in enumerate(head) if line][:3]
    run_on_line, run_on = next(((i, r) for i, r in ((i, run_on_head(head[i])) for i in first_lines) if r),
                               (None, None))
    if run_on:  # a paper's text layer without line breaks: title, names, "Abstract", all on one line
        fields.title = fields.title or run_on[0]
        fields.authors = fields.authors or run_on[1]

    # The byline is looked for even when the authors are known: its place is evidence for the title.
    bylines, used = find_authors(head, 0, min(len(head), 60))
    author_lines = set(used)
    if not fields.authors and genre not in _NO_BYLINE:
        fields.authors = bylines or next((names for names in map(cited_authors, head[:40]) if names), [])
    title_index = None
    if fields.title:
        fields.title = clean_title(fields.title)
    else:
        fields.title, title_index = find_title(head, lines, author_lines, fields.lines, title_model, title_threshold)
    if not fields.published:
        near = tuple(author_lines) + tuple(i for i in (title_index, run_on_line) if i is not None)
        fields.published = publication_date(head, near)
    fields.doi = fields.doi or find_doi(head)
    return PageMetadata(
        title=fields.title or None,
        authors=tuple(fields.authors),
        published=fields.published.value if fields.published else None,
        precision=fields.published.precision if fields.published else None,
        doi=fields.doi,
        venue=fields.venue,
        keywords=tuple(fields.keywords),
    )


def _from_parser(found: dict[str, Any], genre: str | None = None) -> structured.Fields:
    fields = structured.Fields()
    # The parsers' titles are the line above a byline; the title scorer weighs that and more.
    authors = found.get("authors") or ([found["author"]] if found.get("author") else [])
    # A parser's byline can be a role or a site ("Posted by admin"): people's names only; a
    # thread's posters are the usernames its post headers show ("nic", "petes_PoV").
    fields.authors = [a for a in authors if person_name(a) or _single_name(a)
                      or (genre in _NO_BYLINE and _username(a))]
    published = found.get("published")
    if isinstance(published, FoundDate):
        fields.published = published
    elif isinstance(published, date):
        fields.published = FoundDate(published, found.get("precision") or "day")
    elif published:
        fields.published = parse_date_text(str(published))
    fields.doi = found.get("doi") or None
    fields.venue = found.get("venue") or None
    fields.keywords = list(found.get("keywords") or [])
    return fields


def _username(text: str) -> bool:
    """'nic', 'petes_PoV', 'Former-Member': one token a board shows as a poster, not a role word."""
    return bool(re.fullmatch(r"[\w.'’-]{2,40}", text)) and text.lower() not in NOT_NAME_WORDS


def _single_name(text: str) -> bool:
    """'Janet' after 'By': one capitalised word that is not a role or site word."""
    words = text.split()
    return len(words) == 1 and words[0][:1].isupper() and words[0].lower() not in NOT_NAME_WORDS
