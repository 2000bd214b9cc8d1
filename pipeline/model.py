"""The plain values that flow between stages.

sources -> RawDocument -> (genres, clean) -> Document -> (passages) -> Passage
-> (embed) -> numpy matrix -> (themes) -> ThemeModel -> (store) -> DuckDB -> (report) -> HTML
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

GENRES = ("abstract", "blog", "forum", "encyclopedia", "other")

# A record a reviewer excluded at screening (ASReview label 0, Rayyan "Excluded"): kept in the
# database, its passages left out of the themes with this reason.
EXCLUDED_AT_SCREENING = "excluded at screening"
SCREENING = ("included", "excluded", "undecided")


def short_hash(*parts: str, length: int = 16) -> str:
    """A stable hexadecimal id from text parts (the same input gives the same id on every run)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True)
class IngestError:
    """One document or file that could not be used, and why. Stored in ``ingest_errors``."""

    source_uri: str
    stage: str
    message: str


@dataclass(frozen=True)
class RawDocument:
    """A document as read from its source, before cleaning.

    ``key`` identifies the document within its corpus (relative path, plus ``#id`` for a
    JSONL line); the document id is derived from it so that an edited document keeps its id.
    """

    key: str
    source_uri: str
    external_id: str
    text: str
    title: str | None = None
    genre: str | None = None
    published: date | None = None
    authors: tuple[str, ...] = ()
    doi: str | None = None
    url: str | None = None
    venue: str | None = None
    keywords: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    # True for a record of a structured export (RIS, BibTeX, CSV, MEDLINE, CSL-JSON ...): its
    # fields are clean already, so the page-chrome rules for scraped pages do not run on it.
    structured: bool = False
    # The screening decision the export carries ("included", "excluded", "undecided"), if any.
    screening: str | None = None


@dataclass(frozen=True)
class Segment:
    """A stretch of a cleaned document with what the genre parser knows about it.

    ``excluded`` names why its passages are kept out of theme modelling ("references",
    "metadata", "after-post"); None means they are modelled.
    """

    start: int
    end: int
    post_index: int | None = None
    author: str | None = None
    replies_to: str | None = None
    section: str | None = None
    excluded: str | None = None


@dataclass(frozen=True)
class ExcludedSpan:
    """A line removed from the text during cleaning, and why (kept so nothing is lost silently)."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Document:
    """A cleaned document; ``text`` is the cleaned text that passage offsets point into."""

    doc_id: str
    external_id: str
    source_uri: str
    genre: str
    title: str | None
    authors: tuple[str, ...]
    published: date | None
    doi: str | None
    url: str | None
    language: str
    content_hash: str
    text: str
    removed_lines: int = 0
    venue: str | None = None
    keywords: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    segments: tuple[Segment, ...] = ()
    excluded: tuple[ExcludedSpan, ...] = ()
    # Where each kept raw line landed in ``text``: (line number, start, end).
    kept_lines: tuple[tuple[int, int, int], ...] = ()
    # Hash of the RawDocument it was prepared from: the key of the prepared-document cache.
    source_hash: str = ""
    # The export's screening decision ("included", "excluded", "undecided"), or None.
    screening: str | None = None


@dataclass(frozen=True)
class Passage:
    passage_id: str
    doc_id: str
    position: int
    text: str
    char_start: int
    char_end: int
    post_index: int | None = None
    author: str | None = None
    section: str | None = None
    language: str | None = None
    # Why the passage is left out of theme modelling (None = modelled): a genre's reference or
    # metadata block, "language:xx", or "duplicate" (then duplicate_of names the original).
    excluded: str | None = None
    duplicate_of: str | None = None

    @property
    def text_hash(self) -> str:
        return short_hash(self.text, length=40)


def modelled(passages: list[Passage]) -> list[Passage]:
    """The passages that theme modelling uses: those with no exclusion flag."""
    return [p for p in passages if p.excluded is None]


@dataclass(frozen=True)
class Theme:
    theme_id: int
    label: str
    keywords: tuple[str, ...]
    keyword_scores: tuple[float, ...]
    size: int
    label_source: str = "keywords"  # or "renamed" / "pinned" by a researcher (theme_overrides)
    is_noise: bool = False  # marked as noise by a researcher


@dataclass(frozen=True)
class SubTheme:
    """A part of a theme (themes.subthemes): its own stable id, label, keywords and size."""

    subtheme_id: int
    theme_id: int
    label: str
    keywords: tuple[str, ...]
    keyword_scores: tuple[float, ...]
    size: int
    label_source: str = "keywords"  # or "renamed" by a researcher


@dataclass
class ThemeModel:
    """What the theme stage learned about one run's passages (row order = passage order)."""

    themes: list[Theme]
    assignments: list[int]
    scores: list[float]
    representatives: dict[int, list[str]] = field(default_factory=dict)
    document_shares: list[tuple[str, int, float, float]] = field(default_factory=list)  # doc, theme, share, score
    quality: dict[str, float] = field(default_factory=dict)
    centroids: Any = None  # numpy array, one unit row per theme
    hierarchy: list[tuple[int, int, int]] = field(default_factory=list)  # (level, theme, group)
    concepts: list = field(default_factory=list)  # the taxonomy's Concepts, when one was used
    concept_match: Any = None  # themes.concepts.ConceptMatch
    # A passage's second theme when it is nearly as close to it as to its own (-1 = none).
    second_assignments: list[int] | None = None
    second_scores: list[float] | None = None
    lineage: list = field(default_factory=list)  # themes.lineage.LineageRow, one per relation
    map_points: list = field(default_factory=list)  # (passage_id, x, y) of the 2-D theme map
    # Sub-themes (themes.subthemes): one SubTheme each; per passage its sub-theme id (-1: its
    # theme has none) and cosine similarity to that sub-theme's centre.
    subthemes: list = field(default_factory=list)
    subtheme_assignments: list[int] | None = None
    subtheme_scores: list[float] | None = None
    subtheme_centroids: Any = None  # numpy array, one unit row per sub-theme, in ``subthemes`` order
    subtheme_representatives: dict[int, list[str]] = field(default_factory=dict)
    subtheme_lineage: list = field(default_factory=list)  # LineageRow, with sub-theme ids
    # themes.terms.TermIndex: the modelled passages' words, counted once for every keyword list
    # of the run (themes, sub-themes, edits); not stored
    terms: Any = field(default=None, repr=False, compare=False)
