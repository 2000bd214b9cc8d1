"""Web pages and forum threads: a list of URLs, or the links of an index page that match a
pattern. A thread's pages are followed through their "next" links to the end and read as one
document (its posts in order), under the first page's URL.

Every page is asked for conditionally, so an unchanged thread costs one 304 per page; a
reply on the last page, or a new last page, is picked up.
"""

from __future__ import annotations

import fnmatch
import re
from urllib.parse import urldefrag, urljoin

import lxml.html

from pipeline.fetch.documents import collect, is_html, page_document
from pipeline.fetch.fetcher import Fetcher
from pipeline.fetch.manifest import LiveSource
from pipeline.model import IngestError, RawDocument

_NEXT_TEXT = re.compile(r"^\s*(next(\s+page)?|older posts|›|»|>|>>|→)\s*[›»>→]?\s*$", re.I)


def _tree(body: bytes):
    try:
        return lxml.html.fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return None


def next_page(url: str, body: bytes) -> str | None:
    """The page after this one: <link rel="next">, <a rel="next">, or a link reading "Next"."""
    tree = _tree(body)
    if tree is None:
        return None
    for element in tree.iter("link", "a"):
        if "next" in (element.get("rel") or "").lower().split() and element.get("href"):
            return urldefrag(urljoin(url, element.get("href")))[0]
    for element in tree.iter("a"):
        if element.get("href") and _NEXT_TEXT.match(element.text_content() or ""):
            return urldefrag(urljoin(url, element.get("href")))[0]
    return None


def matching_links(url: str, body: bytes, pattern: str) -> list[str]:
    """Links of an index page that match the pattern (a glob over absolute URLs), in page order."""
    tree = _tree(body)
    if tree is None:
        return []
    links: dict[str, None] = {}
    for element in tree.iter("a"):
        href = element.get("href")
        if href:
            target = urldefrag(urljoin(url, href))[0]
            if fnmatch.fnmatchcase(target, pattern):
                links[target] = None
    return list(links)


def fetch_pages(source: LiveSource, fetcher: Fetcher, workers: int,
                max_pages: int) -> tuple[list[RawDocument], list[IngestError]]:
    urls = dict.fromkeys(source.urls)
    if source.index:
        index = fetcher.get(source.index, source.name)
        urls.update(dict.fromkeys(matching_links(source.index, index.body, source.pattern)))

    def read(url: str) -> list[RawDocument]:
        pages, seen, current = [], set(), url
        while current and current not in seen and len(pages) < max_pages:
            seen.add(current)
            page = fetcher.get(current, source.name)
            pages.append((page.body, page.content_type))
            following = next_page(current, page.body) if is_html(page.body, page.content_type) else None
            current = following if source.follow_next else None
        return [page_document(url, pages, source.genre)]

    return collect(urls, read, workers, where=lambda url: url)
