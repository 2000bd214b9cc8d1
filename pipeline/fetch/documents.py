"""Fetched pages as RawDocuments: the same extraction as local files, the URL as the source."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Callable, Iterable, TypeVar

from pipeline.fetch.http import PermanentFetchError, TransientFetchError
from pipeline.model import IngestError, RawDocument
from pipeline.sources.html import extract_html
from pipeline.sources.text import markdown_to_text
from pipeline.sources.encoding import UndecodableError

T = TypeVar("T")


def is_html(body: bytes, content_type: str | None) -> bool:
    if content_type:
        return "html" in content_type.lower()
    return body.lstrip()[:1] == b"<"


def page_document(url: str, pages: list[tuple[bytes, str | None]], genre: str | None, title: str | None = None,
                  authors: tuple[str, ...] = (), published: date | None = None) -> RawDocument:
    """One document from a page, or from a thread's pages in order. Metadata given by the
    caller (a feed entry's title, author and date) comes first, what extraction finds on the
    page fills the gaps. ValueError when there is no text."""
    from pipeline.sources.encoding import decode

    texts = []
    found_title = found_author = found_date = found_doi = None
    found_authors: tuple[str, ...] = ()
    for body, content_type in pages:
        text = decode(body)
        if is_html(body, content_type):
            page = extract_html(text)
            text = page.text
            found_title = found_title or page.title
            found_author = found_author or page.author
            found_date = found_date or page.published
            found_authors, found_doi = found_authors or page.authors, found_doi or page.doi
        elif content_type and "markdown" in content_type:
            text = markdown_to_text(text)
        texts.append(text.strip())
    return RawDocument(
        key=url, source_uri=url, external_id=url, text="\n\n".join(t for t in texts if t),
        title=title or found_title, genre=genre, published=published or found_date,
        authors=tuple(authors) or found_authors or ((found_author,) if found_author else ()), url=url,
        doi=found_doi,
    )


def collect(items: Iterable[T], work: Callable[[T], list[RawDocument]], workers: int,
            where: Callable[[T], str]) -> tuple[list[RawDocument], list[IngestError]]:
    """``work`` on every item, a few at once (the client's per-host limits still hold). A
    permanent failure or unreadable page becomes an error naming the item; a transient one is
    raised once every other item is done, so a retry finds those already fetched."""
    items = list(items)
    documents: list[RawDocument] = []
    errors: list[IngestError] = []
    transient: TransientFetchError | None = None

    def run(item: T):
        try:
            return work(item), None
        except (PermanentFetchError, TransientFetchError, UndecodableError, ValueError) as exc:
            return [], exc

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for item, (found, exc) in zip(items, pool.map(run, items)):
            documents.extend(found)
            if isinstance(exc, TransientFetchError):
                transient = transient or exc
            elif exc is not None:
                errors.append(IngestError(where(item), "fetch", getattr(exc, "reason", None) or str(exc)))
    if transient is not None:
        raise transient
    return documents, errors
