"""RSS and Atom feeds (feedparser): each entry's page is fetched and read like any HTML page.

The feed itself is asked for conditionally (a 304 when nothing was posted). An entry whose
page is already stored is not fetched again, unless the feed says it was updated since; and
entries that have dropped off the end of the feed stay in the corpus from their stored copy.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timezone

import feedparser

from pipeline.fetch.documents import collect, page_document
from pipeline.fetch.fetcher import Fetcher
from pipeline.fetch.http import PermanentFetchError
from pipeline.fetch.manifest import LiveSource
from pipeline.model import IngestError, RawDocument

FEED_TYPES = "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"


def _when(parsed) -> datetime | None:
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).replace(tzinfo=None) if parsed else None


def fetch_feed(source: LiveSource, fetcher: Fetcher, workers: int) -> tuple[list[RawDocument], list[IngestError]]:
    page = fetcher.get(source.url, source.name, accept=FEED_TYPES)
    feed = feedparser.parse(page.body)
    if not feed.entries and (feed.bozo or not feed.version):
        reason = getattr(feed, "bozo_exception", None) or "no entries"
        raise PermanentFetchError(source.url, f"not an RSS or Atom feed ({reason})")
    entries: dict[str, dict] = {}
    for entry in feed.entries:
        link = entry.get("link")
        if link and link not in entries:
            entries[link] = entry
    # Entries seen by earlier refreshes but no longer in the feed are kept.
    for url in sorted(fetcher.stored.urls_of(source.name) - {source.url}):
        entries.setdefault(url, {})

    def read(url: str) -> list[RawDocument]:
        entry = entries[url]
        known = fetcher.stored.known.get(url)
        updated = _when(entry.get("updated_parsed") or entry.get("published_parsed"))
        # Unchanged entries are not requested; an entry the feed marks as updated is revalidated.
        revalidate = known is None or (updated is not None and updated > known.fetched_at)
        got = fetcher.get(url, source.name, revalidate=revalidate)
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        # RSS writes "email (Name)"; feedparser separates the name out
        author = (entry.get("author_detail") or {}).get("name") or entry.get("author")
        return [page_document(url, [(got.body, got.content_type)], source.genre, title=entry.get("title"),
                              authors=(author,) if author else (),
                              published=date(*published[:3]) if published else None)]

    return collect(entries, read, workers, where=lambda url: url)
