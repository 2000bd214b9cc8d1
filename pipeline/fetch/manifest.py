"""Live sources named in a corpus folder's ``manifest.toml``, one ``[[sources]]`` table each:

    [[sources]]
    name = "civic-design-blog"            # optional; how the fetch log and the summary name it
    kind = "feed"                         # an RSS or Atom feed; each entry's page is fetched
    url = "https://civicdesignnotes.example.com/feed.xml"
    genre = "blog"

    [[sources]]
    kind = "pages"                        # web pages and forum threads
    urls = ["https://copronetwork.example.com/forum/topics/peer-support"]
    index = "https://copronetwork.example.com/forum/"   # optional: a page whose links ...
    pattern = "https://copronetwork.example.com/forum/topics/*"  # ... matching this are taken too
    follow_next = true                    # a thread's "next" pages are followed to the end
    genre = "forum"

    [[sources]]
    kind = "works"                        # an OpenAlex-style literature search
    query = "co-production public services"
    filter = "publication_year:2018-2024" # the API's own filter syntax
    max_results = 200

    [[sources]]
    kind = "dois"                         # DOIs resolved through a Crossref-style API
    dois = ["10.5555/copro.2020.017"]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import CoprodError
from pipeline.model import GENRES
from pipeline.sources.manifest import MANIFEST_NAME

KINDS = {"feed": "blog", "pages": None, "works": "abstract", "dois": "abstract"}  # kind -> default genre
_FIELDS = {
    "feed": {"url"},
    "pages": {"urls", "index", "pattern", "follow_next"},
    "works": {"query", "filter", "max_results"},
    "dois": {"dois"},
}


@dataclass(frozen=True)
class LiveSource:
    name: str
    kind: str
    genre: str | None = None
    url: str | None = None
    urls: tuple[str, ...] = ()
    index: str | None = None
    pattern: str | None = None
    follow_next: bool = True
    query: str | None = None
    filter: str | None = None
    max_results: int = 200
    dois: tuple[str, ...] = ()


def load_live_sources(corpus_dir: str | Path) -> list[LiveSource]:
    """The manifest's live sources (none for a folder without a manifest, or a single file)."""
    path = Path(corpus_dir) / MANIFEST_NAME
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CoprodError(f"corpus manifest {path} is not valid TOML: {exc}") from exc
    tables = data.get("sources", [])
    if not isinstance(tables, list):
        raise CoprodError(f"corpus manifest {path}: write each live source as a [[sources]] table")
    sources = [_source(table, number, path) for number, table in enumerate(tables, start=1)]
    names = [s.name for s in sources]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise CoprodError(f"corpus manifest {path}: two live sources are named {repeated[0]!r}; give each its own name")
    return sources


def _source(table: Any, number: int, path: Path) -> LiveSource:
    where = f"corpus manifest {path}, source {number}"
    if not isinstance(table, dict):
        raise CoprodError(f"{where}: must be a table")
    kind = table.get("kind")
    if kind not in KINDS:
        raise CoprodError(f"{where}: kind = {kind!r}; use one of {', '.join(KINDS)}")
    unknown = set(table) - _FIELDS[kind] - {"name", "kind", "genre"}
    if unknown:
        raise CoprodError(f"{where}: unknown field {sorted(unknown)[0]!r} for kind {kind!r}; "
                          f"known: {', '.join(sorted(_FIELDS[kind] | {'name', 'genre'}))}")
    genre = table.get("genre", KINDS[kind])
    if genre is not None and genre not in GENRES:
        raise CoprodError(f"{where}: unknown genre {genre!r}; use one of {', '.join(GENRES)}")
    fields = {k: v for k, v in table.items() if k in _FIELDS[kind]}
    for key in ("urls", "dois"):
        if key in fields:
            if not isinstance(fields[key], list) or not all(isinstance(v, str) for v in fields[key]):
                raise CoprodError(f"{where}: {key} must be a list of strings")
            fields[key] = tuple(fields[key])
    required = {"feed": ("url",), "works": ("query",), "dois": ("dois",)}.get(kind, ())
    for key in required:
        if not fields.get(key):
            raise CoprodError(f"{where}: kind {kind!r} needs {key}")
    if kind == "pages" and not (fields.get("urls") or (fields.get("index") and fields.get("pattern"))):
        raise CoprodError(f"{where}: kind 'pages' needs urls, or an index page and a pattern")
    if kind == "pages" and bool(fields.get("index")) != bool(fields.get("pattern")):
        raise CoprodError(f"{where}: index and pattern go together")
    default_name = f"{kind}:{fields.get('url') or fields.get('query') or fields.get('index') or (fields.get('urls') or fields.get('dois'))[0]}"
    try:
        return LiveSource(name=str(table.get("name") or default_name), kind=kind, genre=genre, **fields)
    except TypeError as exc:
        raise CoprodError(f"{where}: {exc}") from exc
