"""The fetch log and the raw responses, in the published DuckDB file.

``fetches`` has one row per URL a refresh dealt with (requested, answered 304, or taken from
the stored copy) with the ETag and Last-Modified the server sent, so the next refresh makes a
conditional request. ``raw_responses`` keeps each distinct body once, zlib-compressed, so a
document can be parsed again (by newer code) without fetching it again, and so an unchanged
page or an unreachable host still yields its document.

Both tables live in the published file and grow by appending: a refresh copies the file to
its staging copy, so the state of every earlier refresh is carried forward.
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.store.connect import connect_readonly
from pipeline.store.frames import typed_table
from pipeline.store.reader import has

# What happened to a URL in a refresh (fetches.outcome).
DOWNLOADED = "downloaded"      # 200 with a new or changed body (stored in raw_responses)
UNCHANGED = "unchanged"        # 200, but the body is the stored one
NOT_MODIFIED = "not-modified"  # 304: the stored copy is current
SEEN = "seen"                  # not requested: a feed entry or DOI already stored
STORED = "stored"              # not requested: the host was unreachable, the stored copy was used
FAILED = "failed"              # an error status or no answer; see ingest_errors
DISALLOWED = "disallowed"      # robots.txt forbids it; not requested

HAS_BODY = (DOWNLOADED, UNCHANGED, NOT_MODIFIED, SEEN, STORED)


def body_hash(body: bytes) -> str:
    return hashlib.sha1(body).hexdigest()


@dataclass(frozen=True)
class Known:
    """The latest good fetch of a URL: what to send in a conditional request."""

    url: str
    etag: str | None
    last_modified: str | None
    content_hash: str
    fetched_at: datetime


@dataclass(frozen=True)
class FetchRow:
    url: str
    fetched_at: datetime
    status: int | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    source: str
    outcome: str


@dataclass(frozen=True)
class RawResponse:
    url: str
    content_hash: str
    fetched_at: datetime
    content_type: str | None
    body: bytes  # uncompressed


class StoredResponses:
    """What the published file knows: each URL's latest good fetch, and the stored bodies
    (read on demand, since they can be large). Empty when there is no file or an older one."""

    def __init__(self, db_path: str | Path | None) -> None:
        self._con: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()
        self.known: dict[str, Known] = {}
        self._members: dict[str, set[str]] = {}
        if db_path is None or not Path(db_path).is_file():
            return
        # Kept open (not through reader.published) because bodies are read on demand later.
        con = connect_readonly(db_path, check_schema=False)
        if not (has(con, "fetches") and has(con, "raw_responses")):
            con.close()
            return
        self._con = con
        outcomes = ", ".join(f"'{o}'" for o in HAS_BODY)
        for url, etag, modified, content_hash, fetched_at in con.execute(
                f"SELECT url, etag, last_modified, content_hash, fetched_at FROM fetches "
                f"WHERE outcome IN ({outcomes}) AND content_hash IS NOT NULL "
                f"QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) = 1").fetchall():
            self.known[url] = Known(url, etag, modified, content_hash, fetched_at)
        for source, url in con.execute(
                f"SELECT DISTINCT source, url FROM fetches WHERE outcome IN ({outcomes})").fetchall():
            self._members.setdefault(source, set()).add(url)

    def urls_of(self, source: str) -> set[str]:
        """Every URL a source has yielded in earlier refreshes."""
        return set(self._members.get(source, ()))

    def body(self, url: str) -> tuple[bytes, str | None] | None:
        """The stored body of the URL's latest good fetch, and its content type."""
        known = self.known.get(url)
        if known is None or self._con is None:
            return None
        with self._lock:  # one connection, shared by the fetching threads
            row = self._con.execute("SELECT body, content_type FROM raw_responses WHERE url = ? AND content_hash = ?",
                                    [url, known.content_hash]).fetchone()
        return (zlib.decompress(row[0]), row[1]) if row else None

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None


def write_fetch_log(con: duckdb.DuckDBPyConnection, run_id: str, rows: list[FetchRow],
                    responses: list[RawResponse]) -> None:
    """Append the run's fetch log and its new bodies (compressed) to the staging file."""
    if rows:
        frame = pd.DataFrame([{**r.__dict__, "run_id": run_id} for r in rows]).astype({"status": "Int32"})
        con.register("_fetches", typed_table(con, "fetches", frame))  # types declared, not guessed
        try:
            con.execute("INSERT INTO fetches (url, fetched_at, status, etag, last_modified, content_hash, run_id, "
                        "source, outcome) SELECT url, fetched_at, status, etag, last_modified, content_hash, "
                        "run_id, source, outcome FROM _fetches")
        finally:
            con.unregister("_fetches")
    for r in responses:
        con.execute("INSERT INTO raw_responses VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [r.url, r.content_hash, r.fetched_at, r.content_type, zlib.compress(r.body, 6)])
