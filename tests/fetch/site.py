"""A small website on loopback for the fetch tests: a blog with an RSS feed, a forum thread
over three pages linked by "next", robots.txt, failing and slow endpoints, and the two
scholarly APIs in their documented response formats (OpenAlex /works list with cursor paging
and abstract_inverted_index; Crossref /works/{doi} with a JATS abstract).

Every 200 carries an ETag (and Last-Modified) and a matching conditional request gets a 304,
as a well-run site does. The server records each request (path, status, headers, time).
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LAST_MODIFIED = "Mon, 06 Jan 2025 10:00:00 GMT"

VOCABULARY = {
    "flood": "wardens river gauges rain sandbags brook village banks warning agency levels culvert drains storm "
             "volunteers plan readings water overtops defences",
    "school": "pupils teachers lessons parents classroom homework council students voice curriculum headteacher "
              "assembly projects governors reading playground term timetable",
    "health": "carers patients hospital discharge practice nurses social care packages home ward clinic "
              "appointments pharmacy therapists recovery support budgets",
}


def paragraphs(topic: str, seed: int, n: int = 3) -> list[str]:
    rng = random.Random(f"{topic}-{seed}")
    words = VOCABULARY[topic].split()
    return [" ".join(f"The {topic} " + " ".join(rng.sample(words, 9)) + "." for _ in range(3)) for _ in range(n)]


def blog_page(slug: str, topic: str, seed: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs(topic, seed))
    return (f"<html><head><title>{slug.replace('-', ' ').title()}</title></head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/about'>About</a></nav>"
            f"<article><h1>{slug.replace('-', ' ').title()}</h1>{body}</article>"
            f"<footer>© 2025 Example Trust</footer></body></html>")


def thread_page(page: int, last: int) -> str:
    posts = []
    for i in range(2):
        n = (page - 1) * 2 + i
        author = ["Maria Santos", "Graham Lee", "Priya Shah", "Tom Evans", "Ana Ruiz", "Joe Bloggs"][n % 6]
        text = " ".join(paragraphs("health", 100 + n, 2))
        posts.append(f"<li class='post'><p>Posted by {author} on March {n + 2}, 2021 at 10:41am</p>"
                     f"<p>Hi all,</p><p>{text}</p><p>{author.split()[0]}</p></li>")
    nav = f"<a rel='next' href='/forum/peer-support?page={page + 1}'>Next</a>" if page < last else ""
    return (f"<html><head><title>Peer support groups - page {page}</title></head><body>"
            f"<h1>Setting up peer support groups</h1><ol class='posts'>{''.join(posts)}</ol><div class='pager'>{nav}</div></body></html>")


def inverted_index(text: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split()):
        index.setdefault(word, []).append(position)
    return index


def openalex_work(n: int) -> dict:
    abstract = " ".join(paragraphs("school", 200 + n, 2))
    return {
        "id": f"https://openalex.org/W{1000 + n}", "doi": f"https://doi.org/10.5555/work.{n}",
        "title": f"Co-producing school councils, study {n}", "display_name": f"Co-producing school councils, study {n}",
        "publication_year": 2020 + n % 3, "publication_date": f"{2020 + n % 3}-03-01",
        "authorships": [{"author": {"id": "https://openalex.org/A1", "display_name": "Ngozi Okafor"},
                         "institutions": [{"display_name": "Eastbrook University"}]}],
        "primary_location": {"source": {"display_name": "Public Management Review"}},
        "keywords": [{"id": "https://openalex.org/keywords/co-production", "display_name": "Co-production", "score": 0.6}],
        "abstract_inverted_index": inverted_index(abstract),
    }


def crossref_work(doi: str) -> dict:
    abstract = " ".join(paragraphs("flood", 300, 2))
    return {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": {
        "DOI": doi, "URL": f"https://doi.org/{doi}", "type": "journal-article",
        "title": ["Flood wardens as co-producers of resilience"],
        "author": [{"given": "Helen", "family": "Marsh", "sequence": "first",
                    "affiliation": [{"name": "Caldervale University"}]}],
        "container-title": ["Local Government Studies"],
        "published": {"date-parts": [[2021, 5, 4]]}, "issued": {"date-parts": [[2021, 5]]},
        "subject": ["Public Administration"],
        "abstract": f"<jats:title>Abstract</jats:title><jats:p>{abstract}</jats:p>",
    }}


@dataclass
class Request:
    at: float
    path: str
    status: int
    headers: dict[str, str]


@dataclass
class SiteState:
    posts: list[str] = field(default_factory=lambda: ["flood-wardens", "school-council"])
    thread_pages: int = 3
    flaky_failures: int = 2  # /flaky answers 503 this many times, then 200
    works: int = 5           # OpenAlex results, two per page
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self, since: int = 0) -> list[str]:
        return [r.path for r in self.requests[since:]]


POST_TOPICS = {"flood-wardens": "flood", "school-council": "school", "discharge-diary": "health"}


class Handler(BaseHTTPRequestHandler):
    state: SiteState  # set on the subclass made per server

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None, conditional: bool = True) -> None:
        extra = dict(headers or {})
        if status == 200 and conditional:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            extra.update({"ETag": etag, "Last-Modified": LAST_MODIFIED})
            if self.headers.get("If-None-Match") == etag:
                status, body = 304, b""
        self._log(status)
        self.send_response(status)
        for name, value in extra.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _log(self, status: int) -> None:
        with self.state.lock:
            self.state.requests.append(Request(time.monotonic(), self.path, status, dict(self.headers)))

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        state = self.state
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        path = url.path
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if path == "/feed.xml":
            items = "".join(
                f"<item><title>{slug.replace('-', ' ').title()}</title><link>http://{self.headers['Host']}/blog/{slug}</link>"
                f"<guid>{slug}</guid><pubDate>Mon, 0{i + 1} Jan 2024 09:00:00 GMT</pubDate>"
                f"<author>editor@example.org (Helen Marsh)</author></item>"
                for i, slug in enumerate(state.posts))
            body = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Village blog</title>"
                    f"<link>http://{self.headers['Host']}/</link><description>Notes</description>{items}"
                    f"</channel></rss>").encode()
            return self._send(200, body, "application/rss+xml")
        if path.startswith("/blog/") and path[6:] in POST_TOPICS:
            slug = path[6:]
            return self._send(200, blog_page(slug, POST_TOPICS[slug], 1).encode())
        if path == "/forum/peer-support":
            page = int(query.get("page", ["1"])[0])
            if page > state.thread_pages:
                return self._send(404, b"no such page")
            return self._send(200, thread_page(page, state.thread_pages).encode())
        if path.startswith("/private/"):
            return self._send(200, blog_page("private", "health", 9).encode())
        if path == "/flaky":
            with state.lock:
                fail = state.flaky_failures > 0
                state.flaky_failures -= 1
            if fail:
                return self._send(503, b"busy", headers={"Retry-After": "0"})
            return self._send(200, blog_page("flaky", "health", 5).encode())
        if path == "/slow":
            time.sleep(2)
            return self._send(200, blog_page("slow", "health", 6).encode())
        if path == "/lm-only":  # a server that knows Last-Modified but sends no ETag
            if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self._log(304)
                self.send_response(304)
                self.end_headers()
                return
            body = blog_page("lm-only", "flood", 7).encode()
            self._log(200)
            self.send_response(200)
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if path.startswith("/pages/"):  # plain numbered pages, for the rate limit
            return self._send(200, blog_page(f"page {path[7:]}", "school", int(path[7:])).encode())
        if path == "/works":
            cursor = query.get("cursor", ["*"])[0]
            start = 0 if cursor == "*" else int(cursor.removeprefix("c"))
            per_page = min(2, int(query.get("per-page", ["25"])[0]))  # small pages: paging is exercised
            results = [openalex_work(n) for n in range(start, min(start + per_page, state.works))]
            following = f"c{start + per_page}" if start + per_page < state.works else None
            body = json.dumps({"meta": {"count": state.works, "db_response_time_ms": 12, "page": None,
                                        "per_page": per_page, "next_cursor": following},
                               "results": results, "group_by": []}).encode()
            return self._send(200, body, "application/json")
        if path.startswith("/works/"):
            doi = path[len("/works/"):]
            if doi.endswith("missing"):
                return self._send(404, b"Resource not found.", "text/plain")
            return self._send(200, json.dumps(crossref_work(doi)).encode(), "application/json")
        if path == "/gone":
            return self._send(404, b"not found")
        return self._send(404, b"not found")


class Site:
    """The server, its base URL and its state."""

    def __init__(self) -> None:
        self.state = SiteState()
        handler = type("SiteHandler", (Handler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def requests_since(self, mark: int) -> list[Request]:
        with self.state.lock:
            return list(self.state.requests[mark:])

    def mark(self) -> int:
        with self.state.lock:
            return len(self.state.requests)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
