"""JSON exports: CSL-JSON (Zotero's "Export Items -> CSL JSON", an array of items) and
OpenAlex ``/works`` pages (``{"meta": ..., "results": [...]}``, or a bare list of works),
whose abstracts are inverted indexes rebuilt as running text.
"""

from __future__ import annotations

import json
from typing import Any

from pipeline.model import IngestError, RawDocument
from pipeline.sources.records import collect


def _load(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} (line {exc.lineno})") from exc


def _csl_name(name: Any) -> str | None:
    if not isinstance(name, dict):
        return str(name) if name else None
    if name.get("literal"):
        return str(name["literal"])
    family, given = name.get("family"), name.get("given")
    return ", ".join(str(p) for p in (family, given) if p) or None


def _csl_date(issued: Any) -> str | None:
    """CSL dates: {"date-parts": [["2024", 11, 13]]} (strings and numbers mixed) or {"raw": ...}."""
    if not isinstance(issued, dict):
        return None
    parts = (issued.get("date-parts") or [[]])[0] or []
    try:
        numbers = [int(str(p).strip()) for p in parts[:3]]
    except ValueError:
        numbers = []
    if numbers:
        return "-".join([f"{numbers[0]:04d}"] + [f"{n:02d}" for n in numbers[1:]])
    return issued.get("raw") or issued.get("literal")


def csl_fields(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": item.get("id"), "title": item.get("title"), "abstract": item.get("abstract"),
        "authors": [n for n in map(_csl_name, item.get("author") or []) if n],
        "date": _csl_date(item.get("issued")), "doi": item.get("DOI"), "url": item.get("URL"),
        "venue": item.get("container-title"), "keywords": item.get("keyword"),
    }


def openalex_fields(work: dict[str, Any]) -> dict[str, Any]:
    from pipeline.fetch.scholarly import abstract_from_inverted_index

    source = (work.get("primary_location") or {}).get("source") or {}
    return {
        "id": str(work.get("id") or "").rsplit("/", 1)[-1] or None,
        "title": work.get("display_name") or work.get("title"),
        "abstract": abstract_from_inverted_index(work.get("abstract_inverted_index")) or work.get("abstract"),
        "authors": [a["author"]["display_name"] for a in work.get("authorships") or []
                    if (a.get("author") or {}).get("display_name")],
        "date": work.get("publication_date"), "year": work.get("publication_year"), "doi": work.get("doi"),
        "url": work.get("doi") or work.get("id"), "venue": source.get("display_name"),
        "keywords": [k.get("display_name") for k in work.get("keywords") or []
                     if isinstance(k, dict) and k.get("display_name")],
    }


def _items(data: Any, what: str) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return data["results"]
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list):
        return data
    raise ValueError(f"not {what}: the file holds neither an object nor an array")


def _read(text: str, key: str, what: str, pick) -> tuple[list[RawDocument], list[IngestError]]:
    def records():
        for number, item in enumerate(_items(_load(text), what), start=1):
            where = f"{key}:item {number}"
            yield where, pick(item) if isinstance(item, dict) else ValueError("is not a JSON object")

    return collect(records(), key)


def read_csl_json(text: str, key: str) -> tuple[list[RawDocument], list[IngestError]]:
    return _read(text, key, "CSL-JSON", csl_fields)


def read_openalex_json(text: str, key: str) -> tuple[list[RawDocument], list[IngestError]]:
    return _read(text, key, "an OpenAlex works page", openalex_fields)
