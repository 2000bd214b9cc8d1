"""An HTML page's metadata tags: Highwire `citation_*` (what scholarly publishers and
repositories print for Google Scholar), Dublin Core `DC.*`, Open Graph / `article:*`, and
JSON-LD. They state title, authors, date and DOI as the publisher means them, so they come
before anything read from the page's text."""

from __future__ import annotations

from pipeline.metadata.dates import parse_date_text
from pipeline.metadata.doi import find_doi
from pipeline.metadata.structured import Fields, json_ld

_TITLE = ("citation_title", "dc.title", "dcterms.title", "og:title")
_AUTHOR = ("citation_author", "dc.creator", "dcterms.creator", "author", "article:author")
_DATE = ("citation_publication_date", "citation_date", "citation_online_date", "dc.date", "dcterms.issued",
         "dc.date.issued", "article:published_time", "datepublished")
_DOI = ("citation_doi", "dc.identifier", "dcterms.identifier", "prism.doi", "bepress_citation_doi")
_VENUE = ("citation_journal_title", "citation_conference_title", "prism.publicationname")


def meta_tags(html: str) -> dict[str, list[str]]:
    """Every <meta name|property=... content=...> of the page, names lower-cased."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return {}
    tags: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if name and content:
            tags.setdefault(name, []).append(content)
    return tags


def html_metadata(html: str) -> Fields:
    tags = meta_tags(html)
    found = Fields()

    def first(names: tuple[str, ...]) -> str | None:
        return next((tags[n][0] for n in names if n in tags), None)

    found.title = first(_TITLE)
    # Several citation_author tags, one per author, in order; else the first name that has any.
    found.authors = next((list(dict.fromkeys(tags[n])) for n in _AUTHOR if n in tags), [])
    found.published = next((d for d in (parse_date_text(tags[n][0]) for n in _DATE if n in tags) if d), None)
    found.doi = next((d for d in (find_doi(tags[n]) for n in _DOI if n in tags) if d), None)
    found.venue = first(_VENUE)
    return found.fill(json_ld(html))
