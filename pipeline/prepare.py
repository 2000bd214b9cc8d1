"""From RawDocument to Document: genre, cleaning, language, content hash and a stable id."""

from __future__ import annotations

import logging

from pipeline.clean.boilerplate import remove_boilerplate
from pipeline.clean.duplicates import remove_repeated_paragraphs
from pipeline.clean.language import detect_language
from pipeline.genres.detect import detect_genre
from pipeline.model import Document, IngestError, RawDocument, short_hash
from pipeline.sources.text import first_line_title

log = logging.getLogger("coprod.prepare")

MIN_CLEAN_CHARS = 40


def prepare_document(raw: RawDocument) -> Document:
    """Clean one document; ValueError when nothing usable is left."""
    genre = raw.genre or detect_genre(raw.text, has_doi=bool(raw.doi), has_authors=bool(raw.authors))
    text, removed = remove_boilerplate(raw.text)
    text, repeated = remove_repeated_paragraphs(text)
    if len(text.strip()) < MIN_CLEAN_CHARS:
        raise ValueError("no text left after removing page chrome")
    return Document(
        doc_id=short_hash("doc", raw.key),
        external_id=raw.external_id,
        source_uri=raw.source_uri,
        genre=genre,
        title=raw.title or first_line_title(text),
        authors=raw.authors,
        published=raw.published,
        doi=raw.doi,
        url=raw.url,
        language=detect_language(text),
        content_hash=short_hash(raw.text, length=40),
        text=text,
        removed_lines=removed + repeated,
    )


def prepare_documents(raws: list[RawDocument]) -> tuple[list[Document], list[IngestError]]:
    documents: list[Document] = []
    errors: list[IngestError] = []
    for raw in raws:
        try:
            documents.append(prepare_document(raw))
        except ValueError as exc:
            errors.append(IngestError(raw.source_uri, "clean", str(exc)))
    log.info("prepared %d documents (%d rejected)", len(documents), len(errors))
    return documents, errors
