"""One refresh's fetching: conditional requests, the stored copies, robots.txt and the log.

``Fetcher.get(url)`` is what every live source calls. It answers from this refresh's earlier
answers (so a retried source does not download again what it already has), from the stored
copy (a feed entry already seen, a 304, a host that cannot be reached), or from the network,
and records each URL's outcome for the fetch log.

In the last attempt at a source (``last_attempt``), a transient failure is no longer raised
for a retry: the stored copy is used if there is one, otherwise the URL is given up on
(``Unavailable``), and the source carries on with the rest.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timezone

from pipeline.fetch.http import (FetchError, HostUnreachable, PermanentFetchError, PoliteClient,
                                 TransientFetchError, host_of)
from pipeline.fetch.log import (DISALLOWED, DOWNLOADED, FAILED, NOT_MODIFIED, SEEN, STORED, UNCHANGED,
                                FetchRow, RawResponse, StoredResponses, body_hash)
from pipeline.fetch.robots import Robots

log = logging.getLogger("coprod.fetch")


class Unavailable(PermanentFetchError):
    """A transient failure in the last attempt, with no stored copy to fall back on."""


@dataclass(frozen=True)
class Page:
    url: str
    body: bytes
    content_type: str | None
    fresh: bool  # downloaded by this refresh (not a stored copy)

    @property
    def text(self) -> str:
        from pipeline.sources.encoding import decode

        return decode(self.body)


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Fetcher:
    def __init__(self, client: PoliteClient | None, stored: StoredResponses) -> None:
        self.client = client  # None: no network at all, stored copies only
        self.stored = stored
        self.rows: list[FetchRow] = []
        self.responses: list[RawResponse] = []
        self.unreachable_hosts: dict[str, str] = {}  # host -> why
        # sources that got stored copies because their host did not answer -> why
        self.unreached: dict[str, str] = {}
        self.last_attempt = False
        self._done: dict[str, Page] = {}
        self._lock = threading.Lock()
        self.robots = Robots(client.settings.user_agent if client else "*", self._read_robots,
                             client.limiter.slow_down if client else None)

    def _record(self, row: FetchRow, page: Page | None = None, response: RawResponse | None = None) -> None:
        with self._lock:
            self.rows.append(row)
            if page is not None:
                self._done[row.url] = page
            if response is not None:
                self.responses.append(response)

    def _read_robots(self, url: str) -> str | None:
        page = self.get(url, source="robots.txt", check_robots=False)
        return page.text if page.body.strip() else None

    def _from_store(self, url: str, source: str, outcome: str) -> Page | None:
        stored = self.stored.body(url)
        if stored is None:
            return None
        known = self.stored.known[url]
        page = Page(url, stored[0], stored[1], fresh=False)
        self._record(FetchRow(url, now(), None, known.etag, known.last_modified, known.content_hash, source,
                              outcome), page)
        return page

    def get(self, url: str, source: str, revalidate: bool = True, check_robots: bool = True,
            accept: str | None = None) -> Page:
        """The page at ``url``. ``revalidate=False``: a stored copy is used without asking the
        server (feed entries and DOIs already seen)."""
        with self._lock:
            if url in self._done:
                return self._done[url]
        if not revalidate and url in self.stored.known:
            page = self._from_store(url, source, SEEN)
            if page is not None:
                return page
        host = host_of(url)
        if self.client is None or host in self.unreachable_hosts:
            with self._lock:
                self.unreached.setdefault(source, self.unreachable_hosts.get(host, "no network"))
            page = self._from_store(url, source, STORED)
            if page is not None:
                return page
            raise HostUnreachable(url, "host unreachable and no stored copy")
        if check_robots and not self.robots.allowed(url):
            self._record(FetchRow(url, now(), None, None, None, None, source, DISALLOWED))
            raise PermanentFetchError(url, "disallowed by the site's robots.txt")
        known = self.stored.known.get(url)
        try:
            response = self.client.get(url, known.etag if known else None, known.last_modified if known else None,
                                       accept=accept)
        except FetchError as exc:
            self._record(FetchRow(url, now(), exc.status, None, None, None, source, FAILED))
            if isinstance(exc, HostUnreachable):
                with self._lock:
                    self.unreachable_hosts[host] = exc.reason
            if isinstance(exc, TransientFetchError) and self.last_attempt:
                with self._lock:
                    self.unreached.setdefault(source, exc.reason)
                page = self._from_store(url, source, STORED)
                if page is not None:
                    return page
                raise Unavailable(url, f"{exc.reason}, and no stored copy", exc.status) from exc
            raise
        fetched_at = now()
        if response.status == 304 and known is not None:
            stored = self.stored.body(url)
            if stored is not None:
                page = Page(url, stored[0], stored[1], fresh=False)
                self._record(FetchRow(url, fetched_at, 304, response.etag or known.etag,
                                      response.last_modified or known.last_modified, known.content_hash, source,
                                      NOT_MODIFIED), page)
                return page
        if response.status == 304:  # a 304 to a request that was not conditional: ask again plainly
            response = self.client.get(url, accept=accept)
        content_hash = body_hash(response.body)
        page = Page(url, response.body, response.content_type, fresh=True)
        changed = known is None or known.content_hash != content_hash
        row = FetchRow(url, fetched_at, response.status, response.etag, response.last_modified, content_hash,
                       source, DOWNLOADED if changed else UNCHANGED)
        raw = RawResponse(url, content_hash, fetched_at, response.content_type, response.body) if changed else None
        self._record(row, page, raw)
        return page
