"""Scholarly APIs: an OpenAlex-style works search and DOIs resolved through a Crossref-style API.

Works search (``GET {openalex_url}/works?search=…&filter=…&per-page=…&cursor=*``): pages are
followed by ``meta.next_cursor`` until it is null or ``max_results`` works were read. OpenAlex
gives abstracts as an inverted index (word -> positions), which is turned back into text.
A work without an abstract is recorded as an error, like such a record in a local export.

DOIs (``GET {crossref_url}/works/{doi}``): the ``message`` of the answer gives title, authors,
date, journal, subjects and, when the publisher deposited one, the abstract (JATS markup,
which is stripped). A DOI once resolved is not asked for again.
"""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import quote, urlencode

from pipeline.fetch.documents import collect
from pipeline.fetch.fetcher import Fetcher
from pipeline.fetch.http import PermanentFetchError
from pipeline.fetch.manifest import LiveSource
from pipeline.model import IngestError, RawDocument
from pipeline.settings import FetchSettings
from pipeline.sources.fields import parse_date, parse_doi

_TAG = re.compile(r"<[^>]+>")
PER_PAGE_MAX = 200  # OpenAlex's largest page


def abstract_from_inverted_index(index: dict[str, list[int]] | None) -> str:
    """OpenAlex's {"word": [positions]} back to running text."""
    if not index:
        return ""
    placed = sorted((position, word) for word, positions in index.items() for position in positions)
    return " ".join(word for _, word in placed)


def _json(body: bytes, url: str) -> dict:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PermanentFetchError(url, f"answer is not JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise PermanentFetchError(url, "answer is not a JSON object")
    return data


def works_url(settings: FetchSettings, source: LiveSource, cursor: str, per_page: int) -> str:
    params = {"search": source.query, "per-page": per_page, "cursor": cursor}
    if source.filter:
        params["filter"] = source.filter
    if settings.mailto:
        params["mailto"] = settings.mailto
    return f"{settings.openalex_url.rstrip('/')}/works?" + urlencode(params, safe=":,|*")


def work_document(work: dict, genre: str | None) -> RawDocument:
    work_id = str(work.get("id") or "")
    if not work_id:
        raise ValueError("work has no id")
    text = abstract_from_inverted_index(work.get("abstract_inverted_index"))
    if not text.strip():
        raise ValueError("has no abstract")
    authorships = work.get("authorships") or []
    authors = tuple(a["author"]["display_name"] for a in authorships
                    if (a.get("author") or {}).get("display_name"))
    affiliations = tuple(dict.fromkeys(i["display_name"] for a in authorships for i in a.get("institutions") or []
                                       if i.get("display_name")))
    source = ((work.get("primary_location") or {}).get("source") or {})
    keywords = tuple(k.get("display_name") for k in work.get("keywords") or [] if k.get("display_name"))
    doi = parse_doi(work.get("doi"))
    return RawDocument(
        key=work_id, source_uri=work_id, external_id=work_id.rsplit("/", 1)[-1], text=text,
        title=work.get("title") or work.get("display_name"), genre=genre,
        published=parse_date(work.get("publication_date")) or parse_date(work.get("publication_year")),
        authors=authors, doi=doi, url=f"https://doi.org/{doi}" if doi else work_id,
        venue=source.get("display_name"), keywords=keywords, affiliations=affiliations,
    )


def fetch_works(source: LiveSource, fetcher: Fetcher, settings: FetchSettings
                ) -> tuple[list[RawDocument], list[IngestError]]:
    documents: list[RawDocument] = []
    errors: list[IngestError] = []
    seen: set[str] = set()
    cursor, pages = "*", 0
    per_page = max(1, min(PER_PAGE_MAX, source.max_results))
    while cursor and len(documents) + len(errors) < source.max_results and pages < settings.max_pages:
        url = works_url(settings, source, cursor, per_page)
        data = _json(fetcher.get(url, source.name, accept="application/json").body, url)
        pages += 1
        for work in data.get("results") or []:
            work_id = str(work.get("id") or "")
            if work_id in seen or len(documents) + len(errors) >= source.max_results:
                continue
            seen.add(work_id)
            try:
                documents.append(work_document(work, source.genre))
            except (ValueError, KeyError, TypeError) as exc:
                errors.append(IngestError(work_id or url, "fetch", f"work {exc}"))
        cursor = (data.get("meta") or {}).get("next_cursor")
        if not data.get("results"):
            break
    return documents, errors


def _crossref_date(message: dict):
    for key in ("published", "published-print", "published-online", "issued", "created"):
        parts = ((message.get(key) or {}).get("date-parts") or [[None]])[0]
        if parts and parts[0]:
            return parse_date("-".join(f"{int(p):02d}" if i else str(int(p)) for i, p in enumerate(parts)))
    return None


def doi_document(doi: str, data: dict, genre: str | None) -> RawDocument:
    message = data.get("message")
    if not isinstance(message, dict):
        raise ValueError("answer has no message")
    abstract = " ".join(unescape(_TAG.sub(" ", message.get("abstract") or "")).split())
    abstract = re.sub(r"^Abstract\s+", "", abstract)
    if not abstract:
        raise ValueError("has no abstract in its metadata")
    authors = tuple(" ".join(p for p in (a.get("given"), a.get("family")) if p) or a.get("name", "")
                    for a in message.get("author") or [])
    affiliations = tuple(dict.fromkeys(f["name"] for a in message.get("author") or []
                                       for f in a.get("affiliation") or [] if f.get("name")))
    titles = message.get("title") or []
    venues = message.get("container-title") or []
    return RawDocument(
        key=f"doi:{doi}", source_uri=f"https://doi.org/{doi}", external_id=doi, text=abstract,
        title=titles[0] if titles else None, genre=genre, published=_crossref_date(message),
        authors=tuple(a for a in authors if a), doi=parse_doi(message.get("DOI")) or doi,
        url=message.get("URL") or f"https://doi.org/{doi}", venue=venues[0] if venues else None,
        keywords=tuple(message.get("subject") or ()), affiliations=affiliations,
    )


def fetch_dois(source: LiveSource, fetcher: Fetcher, settings: FetchSettings, workers: int
               ) -> tuple[list[RawDocument], list[IngestError]]:
    base = settings.crossref_url.rstrip("/")
    suffix = f"?{urlencode({'mailto': settings.mailto})}" if settings.mailto else ""

    def read(doi: str) -> list[RawDocument]:
        bare = parse_doi(doi)
        if not bare:
            raise ValueError(f"{doi!r} is not a DOI")
        url = f"{base}/works/{quote(bare, safe='/:;()')}{suffix}"
        page = fetcher.get(url, source.name, revalidate=False, accept="application/json")
        try:
            return [doi_document(bare, _json(page.body, url), source.genre)]
        except ValueError as exc:
            raise ValueError(f"DOI {bare} {exc}") from exc

    return collect(source.dois, read, workers, where=lambda doi: f"https://doi.org/{parse_doi(doi) or doi}")
