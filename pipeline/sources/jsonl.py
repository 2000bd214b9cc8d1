"""JSONL files: one document per line, ``{"id", "text", "title", "genre", "date", "authors", "doi", "url"}``."""

from __future__ import annotations

import json

from pipeline.model import GENRES, IngestError, RawDocument
from pipeline.sources.fields import optional_text, parse_list, parse_date, parse_doi


def read_jsonl(text: str, key: str, source_uri: str | None = None) -> tuple[list[RawDocument], list[IngestError]]:
    """Every good line becomes a document; a bad line becomes an error naming its line number.
    A file none of whose lines has a "text" (a manifest of labels, a table of records without
    abstracts) is not a corpus of documents: it is one error, saying so, not one per line."""
    source_uri = source_uri or key
    documents: list[RawDocument] = []
    errors: list[IngestError] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source_uri}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(IngestError(where, "read", f"line {number} is not valid JSON: {exc.msg}"))
            continue
        if not isinstance(record, dict):
            errors.append(IngestError(where, "read", f"line {number} is not a JSON object"))
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            errors.append(IngestError(where, "read", f"line {number} has no \"text\""))
            continue
        external_id = optional_text(record.get("id")) or f"line-{number}"
        if external_id in seen:
            errors.append(IngestError(where, "read", f"line {number} repeats id {external_id!r}"))
            continue
        seen.add(external_id)
        genre = optional_text(record.get("genre"))
        documents.append(
            RawDocument(
                key=f"{key}#{external_id}",
                source_uri=where,
                external_id=external_id,
                text=body,
                title=optional_text(record.get("title")),
                genre=genre.lower() if genre and genre.lower() in GENRES else None,
                published=parse_date(record.get("date")),
                authors=parse_list(record.get("authors")),
                doi=parse_doi(record.get("doi")),
                url=optional_text(record.get("url")),
                venue=optional_text(record.get("venue") or record.get("journal")),
                keywords=parse_list(record.get("keywords")),
                affiliations=parse_list(record.get("affiliations")),
            )
        )
    no_text = [e for e in errors if e.message.endswith('has no "text"')]
    if not documents and len(no_text) > 1 and len(no_text) == len(errors):
        return [], [IngestError(source_uri, "read", f"no line of its {len(no_text)} has a \"text\": not a file of "
                                "documents (a manifest or a table of labels?); give each line a \"text\" to read it")]
    return documents, errors
