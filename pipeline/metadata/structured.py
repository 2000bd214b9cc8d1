"""Metadata a page states as a structure, read as one before any heuristic guesses.

YAML (---) and TOML (+++) front matter, JSON-LD and other embedded JSON with schema.org
names (headline, author, datePublished), RIS-looking text ("TY  - JOUR", "AU  - ..."), and
`key: value` records (Title:, Author(s):, Published:, Journal:, DOI: ... in the languages
pages come in, value on the same line or the next). Each reader returns the fields it found
and the indexes of the head lines it read them from.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.metadata.byline import find_authors, names_in_line
from pipeline.metadata.dates import FoundDate, find_dates, parse_date_text
from pipeline.metadata.doi import clean_doi, find_doi


@dataclass
class Fields:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: FoundDate | None = None
    doi: str | None = None
    venue: str | None = None
    keywords: list[str] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)

    def fill(self, other: "Fields") -> "Fields":
        """Fields missing here taken from ``other``."""
        self.title = self.title or other.title
        self.authors = self.authors or other.authors
        self.published = self.published or other.published
        self.doi = self.doi or other.doi
        self.venue = self.venue or other.venue
        self.keywords = self.keywords or other.keywords
        self.lines |= other.lines
        return self


_KEYS = {
    "title": "title|titel|titre|título|titolo|tytuł|назва|название|headline|article title|document title",
    "authors": "author|authors|author(s)|author/s|creator|creators|autor|autoren|autores|autori|auteur|auteurs|"
               "автори|авторы|автор|main authors|written by|posted by|by",
    "published": "date|published|publication date|publish date|post date|posted on|date published|pub date|"
                 "issued|datum|fecha|data|veröffentlicht|erscheinungsdatum|publicado|publié le|опубліковано|"
                 "дата|first online|published online|online publication date|year|publication year|jahr|año|"
                 "anno|рік|date de publication",
    "doi": "doi|digital object identifier|doi (digital object identifier) link",
    "venue": "journal|published in|source|видання|journal title|venue|zeitschrift|revista|rivista|conference|series",
    "keywords": "keywords|subjects|schlagwörter|palabras clave|ключові слова|mots-clés|parole chiave",
    # Fields that are read past (a record's other fields), so that none is taken for a title.
    "other": "publisher|type|document type|language|format|status|volume|issue|pages|issn|isbn|license|licence|"
             "rights|edition|editor|editors|видавець|тип публікації|verlag|éditeur|editorial",
}
_KEY_OF = {key: name for name, keys in _KEYS.items() for key in keys.split("|")}
_KEY_LINE = re.compile(r"^(?P<key>" + "|".join(sorted((re.escape(k) for k in _KEY_OF), key=len, reverse=True))
                       + r")(?P<colon>\s*:\s*|\s+(?=\S))?(?P<value>.*)$", re.I)


def _set(found: Fields, name: str, value: Any) -> None:
    if value in (None, "", [], ()):
        return
    if name == "title" and not found.title:
        found.title = " ".join(str(value).split())
    elif name == "authors" and not found.authors:
        found.authors = _authors(value)
    elif name == "published" and not found.published:
        found.published = _date(value)
    elif name == "doi" and not found.doi:
        found.doi = clean_doi(str(value)) or find_doi([str(value)])
    elif name == "venue" and not found.venue:
        found.venue = " ".join(str(value).split())
    elif name == "keywords" and not found.keywords:
        items = value if isinstance(value, list) else re.split(r"\s*[;,]\s*", str(value))
        found.keywords = [str(k).strip() for k in items if str(k).strip()]


def _date(value: Any) -> FoundDate | None:
    from datetime import date, datetime

    if isinstance(value, datetime):
        return FoundDate(value.date(), "day")
    if isinstance(value, date):
        return FoundDate(value, "day")
    return parse_date_text(str(value))


def _authors(value: Any) -> list[str]:
    if isinstance(value, dict):
        value = value.get("name") or " ".join(str(value.get(k, "")) for k in ("givenName", "familyName")).strip()
    if isinstance(value, list):
        return [n for v in value for n in _authors(v)]
    text = str(value or "").strip()
    dates = find_dates(text)
    if dates:  # "Crystal Luxmore / June 2023": the byline's date is not a name
        text = text[: dates[0].start].strip(" /|-–,·•")
    if not text:
        return []
    return names_in_line(text, cued=True) or []


def front_matter(text: str) -> Fields:
    """YAML between '---' lines or TOML between '+++' lines at the very start of the text."""
    match = re.match(r"\A\ufeff?(---|\+\+\+)[ \t]*\n(?P<body>.*?)\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", text, re.S)
    found = Fields()
    if not match:
        return found
    try:
        if match.group(1) == "---":
            import yaml

            data = yaml.safe_load(match.group("body"))
        else:
            import tomllib

            data = tomllib.loads(match.group("body"))
    except Exception:  # not front matter after all (a Markdown rule, say): read as text
        return found
    if not isinstance(data, dict):
        return found
    lower = {str(k).lower(): v for k, v in data.items()}
    for key, value in lower.items():
        name = _KEY_OF.get(key) or {"tags": "keywords", "doi": "doi"}.get(key)
        if name:
            _set(found, name, value)
    found.lines = set(range(text[: match.end()].count("\n") + 1))
    return found


def json_ld(text: str) -> Fields:
    """schema.org objects embedded in the text (a scrape that kept a page's JSON-LD)."""
    found = Fields()
    decoder = json.JSONDecoder()
    for marker in re.finditer(r'"@(?:context|type)"', text[:200_000]):
        start = text.rfind("{", max(0, marker.start() - 400), marker.start())
        if start < 0:
            continue
        try:
            data, _ = decoder.raw_decode(text[start:])
        except ValueError:
            continue
        for item in _objects(data):
            kind = str(item.get("@type", "")).lower()
            if not any(k in kind for k in ("article", "posting", "creativework", "scholarly", "report",
                                           "webpage", "blog", "thesis", "chapter", "book")):
                continue
            _set(found, "title", item.get("headline") or item.get("name"))
            _set(found, "authors", item.get("author") or item.get("creator"))
            _set(found, "published", item.get("datePublished") or item.get("dateCreated"))
            for ident in _as_list(item.get("identifier")) + _as_list(item.get("sameAs")) + [item.get("@id")]:
                _set(found, "doi", find_doi([json.dumps(ident)]) if ident else None)
        if found.title:
            break
    return found


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value] if value else []


def _objects(data: Any):
    if isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _objects(value)
    elif isinstance(data, list):
        for value in data:
            yield from _objects(value)


_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])\s{1,2}-\s?(.*)$")


def ris(lines: list[str]) -> Fields:
    """A RIS record printed as text, read by rispy once its tags are spaced as RIS wants."""
    tagged = [(i, m) for i, m in ((i, _RIS_LINE.match(line)) for i, line in enumerate(lines)) if m]
    found = Fields()
    if len(tagged) < 3 or not any(m.group(1) == "TY" for _, m in tagged):
        return found
    import rispy

    body = "\n".join(f"{m.group(1)}  - {m.group(2)}" for _, m in tagged if m.group(1) != "ER")
    try:
        records = rispy.loads(body + "\nER  - \n")
    except Exception:  # rispy raises several types for malformed tags: then it is not RIS
        return found
    if not records:
        return found
    record = records[0]
    _set(found, "title", record.get("title") or record.get("primary_title"))
    _set(found, "authors", [_family_first(a) for a in record.get("authors") or record.get("first_authors") or []])
    _set(found, "published", record.get("date") or record.get("publication_year") or record.get("year"))
    _set(found, "doi", record.get("doi"))
    _set(found, "venue", record.get("secondary_title") or record.get("journal_name"))
    _set(found, "keywords", record.get("keywords"))
    found.lines = {i for i, _ in tagged}
    return found


def _family_first(name: str) -> str:
    family, _, given = name.partition(",")
    return f"{given.strip()} {family.strip()}".strip() if given else name


def key_values(lines: list[str]) -> Fields:
    """`key: value` lines, or a key on its own line with its value on the next. A key without
    a colon counts only on a page that prints at least two such keys (a record's field list)."""
    matches = [(i, _KEY_LINE.match(line)) for i, line in enumerate(lines) if line and len(line) <= 600]
    matches = [(i, m) for i, m in matches if m]
    record_like = sum(1 for _, m in matches if (m.group("colon") or "").strip() == ":" or not m.group("value")) >= 2
    found = Fields()
    for index, match in matches:
        colon = (match.group("colon") or "").strip() == ":"
        value = match.group("value").strip()
        key = match.group("key").lower()
        if not colon and not record_like:
            continue
        if not colon and value and (len(key.split()) < 2 or key in ("posted by", "written by")):
            continue  # "Source of funding ...", "Title of the talk": a word that starts a sentence
        used = {index}
        if not value:  # the value is on the next non-empty line
            following = next((j for j in range(index + 1, min(len(lines), index + 4)) if lines[j]), None)
            if following is None or _KEY_LINE.match(lines[following]):
                continue
            value, used = lines[following], {index, following}
            if _KEY_OF[key] == "authors" and not found.authors:  # one name a line, affiliations between
                names, name_lines = find_authors(lines, following, following + 40, cued=True)
                if names:
                    found.authors = names
                    found.lines |= {index, *name_lines}
                continue
        before = (found.title, found.authors, found.published, found.doi, found.venue, found.keywords)
        _set(found, _KEY_OF[key], value)
        if before != (found.title, found.authors, found.published, found.doi, found.venue, found.keywords):
            found.lines |= used
    return found


def heading_title(lines: list[str]) -> str | None:
    """A MediaWiki '= Title =' or Markdown '# Title' heading as the page's first line."""
    first = next((line for line in lines if line), "")
    wiki = re.match(r"^=\s*([^=].*?)\s*=$", first)
    markdown = re.match(r"^#\s+(.+?)\s*#*$", first)
    match = wiki or markdown
    return match.group(1).strip() if match else None
