"""The fetch stage: every live source of the manifest, before ingest.

Each source runs through ``run_source`` (here: with retries and backoff; in the Prefect flow:
a task with task retries). A source whose transient failures outlast the retries gets one last
attempt that uses the stored copies where the network fails, so a refresh without network
still has every document it had, and the result names the sources that were not reached.
A permanent failure (404, 410, a page that cannot be parsed) is an IngestError naming the URL.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pipeline.errors import EmptyCorpusError
from pipeline.fetch.feeds import fetch_feed
from pipeline.fetch.fetcher import Fetcher
from pipeline.fetch.http import FetchError, PermanentFetchError, PoliteClient, TransientFetchError
from pipeline.fetch.log import FetchRow, RawResponse, StoredResponses
from pipeline.fetch.manifest import LiveSource, load_live_sources
from pipeline.fetch.pages import fetch_pages
from pipeline.fetch.scholarly import fetch_dois, fetch_works
from pipeline.model import IngestError, RawDocument
from pipeline.settings import FetchSettings, Settings
from pipeline.sources import read_corpus

log = logging.getLogger("coprod.fetch")

SourceResult = tuple[list[RawDocument], list[IngestError]]


@dataclass
class Fetched:
    """What the live sources gave: documents for ingest, errors, and the fetch log to store."""

    sources: list[str] = field(default_factory=list)
    documents: list[RawDocument] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    unreachable: dict[str, str] = field(default_factory=dict)  # source name -> why
    rows: list[FetchRow] = field(default_factory=list)
    responses: list[RawResponse] = field(default_factory=list)

    def outcomes(self) -> dict[str, int]:
        """URLs by outcome (downloaded, not-modified, seen, ...), robots.txt included."""
        return dict(Counter(r.outcome for r in self.rows))


def fetch_source(source: LiveSource, fetcher: Fetcher, settings: FetchSettings) -> SourceResult:
    """One attempt at one source; a transient failure is raised (for a retry)."""
    workers = max(2, settings.max_connections_per_host)
    if source.kind == "feed":
        return fetch_feed(source, fetcher, workers)
    if source.kind == "pages":
        return fetch_pages(source, fetcher, workers, settings.max_pages)
    if source.kind == "works":
        return fetch_works(source, fetcher, settings)
    return fetch_dois(source, fetcher, settings, workers)


def backoff(settings: FetchSettings) -> list[float]:
    """Seconds before each retry: retry_delay_s, then doubling."""
    return [settings.retry_delay_s * 2 ** i for i in range(settings.retries)]


def with_retries(source: LiveSource, fetcher: Fetcher, settings: FetchSettings) -> SourceResult:
    """``fetch_source`` retried on transient failures, waiting longer each time."""
    for delay in backoff(settings):
        try:
            return fetch_source(source, fetcher, settings)
        except TransientFetchError as exc:
            log.warning("%s: %s; trying again in %g s", source.name, exc.reason, delay)
            time.sleep(delay)
    return fetch_source(source, fetcher, settings)


def fetch(corpus_dir: str | Path, settings: Settings, db_path: str | Path | None = None,
          run_source: Callable[[LiveSource, Fetcher, FetchSettings], SourceResult] = with_retries,
          online: bool = True) -> Fetched | None:
    """Fetch what is new or changed in the manifest's live sources; None when it names none.
    ``online=False`` uses the stored copies only."""
    corpus_dir = Path(corpus_dir)
    sources = load_live_sources(corpus_dir) if corpus_dir.is_dir() else []
    if not sources:
        return None
    stored = StoredResponses(db_path)
    client = PoliteClient(settings.fetch) if online else None
    fetcher = Fetcher(client, stored)
    result = Fetched(sources=[s.name for s in sources])
    try:
        for source in sources:
            try:
                documents, errors = run_source(source, fetcher, settings.fetch)
            except TransientFetchError as exc:
                result.unreachable[source.name] = exc.reason
                documents, errors = _last_attempt(source, fetcher, settings.fetch)
                errors.insert(0, IngestError(source.name, "fetch", f"source not reached ({exc.reason}); "
                                                                   f"{len(documents)} stored documents used"))
            except PermanentFetchError as exc:
                documents, errors = [], [IngestError(exc.url, "fetch", exc.reason)]
            if source.name in fetcher.unreached and source.name not in result.unreachable:
                result.unreachable[source.name] = fetcher.unreached[source.name]
                errors.insert(0, IngestError(source.name, "fetch", f"source not reached "
                                             f"({fetcher.unreached[source.name]}); stored copies used"))
            result.documents.extend(documents)
            result.errors.extend(errors)
            log.info("%s: %d documents, %d errors", source.name, len(documents), len(errors))
    finally:
        if client is not None:
            client.close()
        stored.close()
    result.rows, result.responses = fetcher.rows, fetcher.responses
    log.info("fetched %d live sources: %s%s", len(sources),
             ", ".join(f"{n} {o}" for o, n in sorted(result.outcomes().items())) or "nothing requested",
             f"; not reached: {', '.join(result.unreachable)}" if result.unreachable else "")
    return result


def _last_attempt(source: LiveSource, fetcher: Fetcher, settings: FetchSettings) -> SourceResult:
    fetcher.last_attempt = True
    try:
        return fetch_source(source, fetcher, settings)
    except FetchError as exc:  # the source's own entry point (feed, index, API) is gone
        return [], [IngestError(exc.url, "fetch", exc.reason)]
    finally:
        fetcher.last_attempt = False


def read_sources(corpus_dir: str | Path, settings: Settings, fetched: Fetched | None
                 ) -> tuple[list[RawDocument], list[IngestError]]:
    """The folder's files and the fetched documents together. A folder that holds only a
    manifest of live sources is a corpus too."""
    try:
        raws, errors = read_corpus(corpus_dir, max_file_mb=settings.sources.max_file_mb)
    except EmptyCorpusError:
        if not fetched:
            raise
        raws, errors = [], []
    if fetched:
        raws, errors = raws + fetched.documents, errors + fetched.errors
    return raws, errors
