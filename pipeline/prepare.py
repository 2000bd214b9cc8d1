"""From RawDocument to Document: genre, the genre's parser, cleaning, metadata and a stable id."""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import Callable

from pipeline.clean.assemble import assemble
from pipeline.clean.entities import repair_entities
from pipeline.clean.language import detect_language
from pipeline.clean.structured import clean_record
from pipeline.genres import blog, encyclopedia, forum, record
from pipeline.genres.blocks import ParsedPage, single_block
from pipeline.genres.detect import detect_genre
from pipeline.metadata import PageMetadata, extract_metadata
from pipeline.model import Document, IngestError, RawDocument, short_hash
from pipeline.prepared_cache import raw_hash
from pipeline.sources.names import normalise_names

log = logging.getLogger("coprod.prepare")

# A document is rejected only when cleaning leaves no word at all (nothing, or punctuation
# and numbers): a paper title or a one-line reply is short, but it is a document.
_WORD = re.compile(r"[^\W\d_]{2,}")

PARSERS: dict[str, Callable[[str], ParsedPage]] = {
    "abstract": record.parse,
    "blog": blog.parse,
    "forum": forum.parse,
    "encyclopedia": encyclopedia.parse,
}


def prepare_document(raw: RawDocument) -> Document:
    """Clean one document; ValueError when nothing usable is left."""
    if raw.structured:  # a record of an export: its fields are clean, the page rules do not apply
        genre = raw.genre or "abstract"
        text, segments, excluded, kept_lines = clean_record(repair_entities(raw.text), raw.screening)
        if not text:
            raise ValueError("record has no text (no title, no abstract)")
        parsed: dict = {}
        found = PageMetadata()
    else:
        genre = raw.genre or detect_genre(raw.text, has_doi=bool(raw.doi), has_authors=bool(raw.authors),
                                          has_date=raw.published is not None)
        page = PARSERS.get(genre, single_block)(repair_entities(raw.text))
        text, segments, excluded, kept_lines = assemble(page.blocks)
        if not _WORD.search(text):
            reasons = Counter(e.reason for e in excluded).most_common(3)
            removed = ", ".join(f"{n} {reason}" for reason, n in reasons) or "nothing removed"
            raise ValueError(f"no text left after cleaning (lines removed: {removed})")
        parsed = page.metadata
        # The source's own metadata (JSONL fields, the manifest, HTML meta tags) comes first;
        # what the page itself shows fills the rest.
        found = extract_metadata(repair_entities(raw.text), genre, parsed)
    authors = raw.authors or found.authors
    if genre == "forum" and not authors and segments and segments[0].author:
        authors = (segments[0].author,)  # the thread's opening poster
    return Document(
        doc_id=short_hash("doc", raw.key),
        external_id=raw.external_id,
        source_uri=raw.source_uri,
        genre=genre,
        title=repair_entities(raw.title or found.title or "") or None,
        authors=normalise_names(authors),
        published=raw.published or found.published,
        doi=raw.doi or found.doi,
        url=raw.url,
        language=detect_language(text),
        content_hash=short_hash(raw.text, length=40),
        text=text,
        removed_lines=len(excluded),
        venue=raw.venue or found.venue,
        keywords=raw.keywords or found.keywords,
        affiliations=raw.affiliations or tuple(parsed.get("affiliations", ())),
        segments=segments,
        excluded=excluded,
        kept_lines=kept_lines,
        source_hash=raw_hash(raw),
        screening=raw.screening,
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
