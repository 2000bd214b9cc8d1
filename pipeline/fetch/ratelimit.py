"""Per-host politeness: at most N requests a second and M at once to any one host.

Requests to different hosts do not wait for each other. A host that answers 429 with a
Retry-After header is left alone for that long (capped), whatever the configured rate.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator

# A server asking for more than this is answered by giving up on it for this run instead.
MAX_PAUSE_S = 120.0


class _Host:
    def __init__(self, interval: float, concurrency: int) -> None:
        self.interval = interval
        self.slots = threading.BoundedSemaphore(concurrency)
        self.lock = threading.Lock()
        self.next_start = 0.0  # monotonic time the next request may start


class HostLimiter:
    """``with limiter.slot(host): <one request>`` waits for the host's turn and a free slot."""

    def __init__(self, requests_per_second: float, concurrency: int,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        if requests_per_second <= 0:
            raise ValueError("requests_per_second must be positive")
        self.interval = 1.0 / requests_per_second
        self.concurrency = max(1, concurrency)
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep

    def _host(self, host: str) -> _Host:
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = _Host(self.interval, self.concurrency)
            return self._hosts[host]

    def slow_down(self, host: str, min_interval: float) -> None:
        """Space this host's requests at least ``min_interval`` apart (robots.txt Crawl-delay)."""
        state = self._host(host)
        with state.lock:
            state.interval = max(state.interval, min_interval)

    def pause(self, host: str, seconds: float) -> None:
        """No request to this host for ``seconds`` (a 429's Retry-After)."""
        state = self._host(host)
        with state.lock:
            state.next_start = max(state.next_start, self._clock() + min(seconds, MAX_PAUSE_S))

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        state = self._host(host)
        with state.slots:
            # Reserve a start time under the lock, then sleep outside it: requests start at
            # least ``interval`` apart however many threads are waiting.
            with state.lock:
                start = max(self._clock(), state.next_start)
                state.next_start = start + state.interval
            delay = start - self._clock()
            if delay > 0:
                self._sleep(delay)
            yield
