"""The polite HTTP client every live source goes through.

It sends a descriptive User-Agent, times out, keeps to the per-host rate and concurrency
limits (``ratelimit.py``), and makes conditional requests: given the ETag and Last-Modified
of the stored copy, an unchanged page costs a 304 and no download. Failures are sorted into
transient ones (timeouts, 429, 5xx, a host that cannot be reached), which are worth retrying,
and permanent ones (404, 410, other client errors), which are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone
from urllib.parse import urlsplit

import httpx

from pipeline.fetch.ratelimit import HostLimiter
from pipeline.settings import FetchSettings

# Bodies larger than this are refused: a "page" of this size is a dump or a binary file.
MAX_BODY_BYTES = 20_000_000
TRANSIENT_STATUS = {408, 425, 429, 500, 502, 503, 504, 507, 509}


class FetchError(Exception):
    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status = url, reason, status


class TransientFetchError(FetchError):
    """Worth trying again later: a timeout, 429, a server error."""


class HostUnreachable(TransientFetchError):
    """The host did not answer at all (no network, DNS failure, connection refused)."""


class PermanentFetchError(FetchError):
    """Trying again will not help: 404, 410, 403, a body too large."""


@dataclass(frozen=True)
class Response:
    url: str
    status: int  # 200 or 304
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class PoliteClient:
    """One per refresh; safe to share between threads."""

    def __init__(self, settings: FetchSettings, limiter: HostLimiter | None = None) -> None:
        self.settings = settings
        self.limiter = limiter or HostLimiter(settings.requests_per_second, settings.max_connections_per_host)
        self._client = httpx.Client(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.timeout_s),
            follow_redirects=True,
            # no proxies or netrc from the environment: a refresh behaves the same anywhere
            trust_env=False,
        )
        self.requests = 0

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            accept: str | None = None) -> Response:
        """GET ``url``; a 200 or 304 is returned, anything else raised as a FetchError."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        host = host_of(url)
        try:
            with self.limiter.slot(host):
                self.requests += 1
                response = self._client.get(url, headers=headers)
        except httpx.TimeoutException as exc:
            raise TransientFetchError(url, f"timed out after {self.settings.timeout_s:g} s "
                                           "(setting fetch.timeout_s)") from exc
        except (httpx.ConnectError, httpx.UnsupportedProtocol) as exc:
            raise HostUnreachable(url, f"host unreachable ({exc})") from exc
        except httpx.TransportError as exc:
            raise TransientFetchError(url, f"connection failed ({type(exc).__name__}: {exc})") from exc
        status = response.status_code
        if status in (429, 503):
            wait = retry_after(response.headers.get("Retry-After"))
            if wait:
                self.limiter.pause(host, wait)
        if status in TRANSIENT_STATUS:
            raise TransientFetchError(url, f"HTTP {status} {response.reason_phrase}", status)
        if status not in (200, 304):
            raise PermanentFetchError(url, f"HTTP {status} {response.reason_phrase}", status)
        if len(response.content) > MAX_BODY_BYTES:
            raise PermanentFetchError(url, f"response of {len(response.content) / 1e6:.1f} MB is too large", status)
        return Response(
            url=url, status=status, body=response.content if status == 200 else b"",
            etag=response.headers.get("ETag"), last_modified=response.headers.get("Last-Modified"),
            content_type=response.headers.get("Content-Type"),
        )


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
