"""HTML pages: main text and metadata through trafilatura rather than hand-written tag stripping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import trafilatura

from pipeline.metadata.html_meta import html_metadata
from pipeline.sources.fields import parse_date


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    title: str | None
    author: str | None
    published: date | None
    url: str | None
    authors: tuple[str, ...] = ()
    doi: str | None = None


def extract_html(html: str) -> ExtractedPage:
    """Main text of a page with paragraphs separated by blank lines; ValueError if there is none."""
    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except (RecursionError, MemoryError) as exc:  # pathological nesting
        raise ValueError(f"HTML page could not be parsed: {type(exc).__name__}") from exc
    if result is None or not (result.text or "").strip():
        raise ValueError("no main text found in HTML page")
    # trafilatura separates paragraphs by one newline; passages split on blank lines.
    paragraphs = [line.strip() for line in result.text.split("\n") if line.strip()]
    # The publisher's metadata tags (citation_*, DC.*, og:, JSON-LD) before trafilatura's
    # guesses; trafilatura's date is htmldate's reading of the page.
    tags = html_metadata(html)
    return ExtractedPage(
        text="\n\n".join(paragraphs),
        title=tags.title or result.title or None,
        author=result.author or None,
        published=(tags.published.value if tags.published else None) or parse_date(result.date),
        url=result.url or None,
        authors=tuple(tags.authors),
        doi=tags.doi,
    )
