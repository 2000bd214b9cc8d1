"""robots.txt, read once per host per refresh with ``urllib.robotparser``.

Following RFC 9309: a robots.txt that does not exist (any 4xx) allows everything; one that
cannot be read because the server fails is a transient error (the source is retried, then
falls back to its stored documents). A Crawl-delay slows that host's requests down.
"""

from __future__ import annotations

import threading
from typing import Callable
from urllib.robotparser import RobotFileParser

from pipeline.fetch.http import PermanentFetchError, host_of


class Robots:
    """``allowed(url)`` for one user agent; ``read(robots_url)`` returns the file's text."""

    def __init__(self, user_agent: str, read: Callable[[str], str | None],
                 on_crawl_delay: Callable[[str, float], None] | None = None) -> None:
        self.user_agent = user_agent
        self._read = read
        self._on_crawl_delay = on_crawl_delay
        self._parsers: dict[str, RobotFileParser] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def _parser(self, host: str) -> RobotFileParser:
        with self._lock:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:  # one request per host, however many threads ask at once
            if host not in self._parsers:
                parser = RobotFileParser()
                try:
                    text = self._read(f"{host}/robots.txt")
                except PermanentFetchError:
                    text = None
                parser.parse((text or "").splitlines())
                # The product token is the User-Agent's first word ("coprod/0.1 (...)" -> "coprod").
                delay = parser.crawl_delay(self._token)
                if delay and self._on_crawl_delay:
                    self._on_crawl_delay(host, float(delay))
                self._parsers[host] = parser
            return self._parsers[host]

    @property
    def _token(self) -> str:
        return self.user_agent.split("/", 1)[0].split()[0] if self.user_agent.strip() else "*"

    def allowed(self, url: str) -> bool:
        return self._parser(host_of(url)).can_fetch(self._token, url)
