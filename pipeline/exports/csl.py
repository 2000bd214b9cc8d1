"""A document as a CSL-JSON item: the one description of a reference that the citations (report,
Markdown, CSVs, ``v_passages_in_context``) and the reference exports (RIS, BibTeX, CSL-JSON)
are all made from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nameparser import HumanName

# CSL item types of the genres (CSL 1.0.2 vocabulary); an abstract without a venue is an article.
CSL_TYPES = {"abstract": "article-journal", "blog": "post-weblog", "forum": "post",
             "encyclopedia": "entry-encyclopedia", "other": "webpage"}


@dataclass(frozen=True)
class Reference:
    """What a reference is made from: a document's metadata (and a forum post's author)."""

    doc_id: str
    genre: str
    title: str | None
    authors: tuple[str, ...]
    published: date | None
    doi: str | None
    url: str | None
    venue: str | None
    source_uri: str
    keywords: tuple[str, ...] = ()
    abstract: str | None = None


def person(name: str) -> dict[str, str]:
    """"Ngozi Okafor" -> {"family": "Okafor", "given": "Ngozi"}; a name nameparser cannot split
    (an organisation, a username) stays whole as a literal."""
    parsed = HumanName(name)
    given = " ".join(p for p in (parsed.first, parsed.middle) if p)
    if parsed.last and given:
        return {"family": " ".join(p for p in (parsed.last, parsed.suffix) if p), "given": given}
    return {"literal": name}


def csl_item(ref: Reference, item_id: str | None = None) -> dict:
    kind = CSL_TYPES.get(ref.genre, "webpage")
    if kind == "article-journal" and not ref.venue:
        kind = "article"
    item: dict = {"id": item_id or ref.doc_id, "type": kind,
                  "title": ref.title or ref.source_uri.rsplit("/", 1)[-1]}
    if ref.authors:
        item["author"] = [person(a) for a in ref.authors]
    if ref.published:
        item["issued"] = {"date-parts": [[ref.published.year, ref.published.month, ref.published.day]]}
    if ref.venue:
        item["container-title"] = ref.venue
    if ref.doi:
        item["DOI"] = ref.doi
    if ref.url:
        item["URL"] = ref.url
    if ref.keywords:
        item["keyword"] = ", ".join(ref.keywords)
    if ref.abstract:
        item["abstract"] = ref.abstract
    return item
