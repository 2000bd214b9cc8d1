"""Walking a corpus folder: every supported file is read; a file that fails becomes an IngestError."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from pipeline.errors import CorpusNotFoundError, EmptyCorpusError, UnsupportedCorpusFileError
from pipeline.model import IngestError, RawDocument
from pipeline.sources.encoding import UndecodableError, decode
from pipeline.sources.folder import walk_corpus
from pipeline.sources.fields import optional_text, parse_list, parse_date, parse_doi
from pipeline.sources.formats import sniff
from pipeline.sources.readers import RECORD_EXTENSIONS, read_records
from pipeline.sources.html import extract_html
from pipeline.sources.manifest import MANIFEST_NAME, Manifest, load_manifest
from pipeline.sources.text import markdown_to_text

log = logging.getLogger("coprod.ingest")

SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".jsonl", ".ris", ".bib", ".csv", ".tsv", ".nbib", ".json")
# The folder's own files, not corpus documents: skipped without an error.
NOT_DOCUMENTS = frozenset({MANIFEST_NAME, "readme.md"})


def discover(corpus_dir: Path) -> list[Path]:
    """Supported files under the folder, in a stable order (hidden files and the manifest skipped).

    A single supported file (say one JSONL export) is a corpus of its own.
    """
    return survey(corpus_dir)[0]


def survey(corpus_dir: Path) -> tuple[list[Path], list[IngestError]]:
    """The files to read, and an error for every other file in the folder (folder.py)."""
    if corpus_dir.is_file() and corpus_dir.suffix.lower() in SUPPORTED_EXTENSIONS:
        return [corpus_dir], []
    if corpus_dir.is_file():
        raise UnsupportedCorpusFileError(str(corpus_dir), SUPPORTED_EXTENSIONS)
    if not corpus_dir.is_dir():
        raise CorpusNotFoundError(str(corpus_dir))
    files, errors = walk_corpus(corpus_dir, SUPPORTED_EXTENSIONS, NOT_DOCUMENTS)
    if not files:
        raise EmptyCorpusError(str(corpus_dir), SUPPORTED_EXTENSIONS)
    return files, errors


def read_corpus(corpus_dir: str | Path, max_file_mb: float = 20.0) -> tuple[list[RawDocument], list[IngestError]]:
    """Read every document of a corpus folder; errors are returned, never raised, per file."""
    corpus_dir = Path(corpus_dir)
    files, skipped = survey(corpus_dir)
    for error in skipped:
        log.warning("skipped %s: %s", error.source_uri, error.message)
    if corpus_dir.is_file():  # a one-file corpus: names relative to its folder, no manifest
        corpus_dir, manifest = corpus_dir.parent, Manifest()
    else:
        manifest = load_manifest(corpus_dir)
    documents: list[RawDocument] = []
    errors: list[IngestError] = list(skipped)
    for number, path in enumerate(files, start=1):
        relative = path.relative_to(corpus_dir).as_posix()
        try:
            # A file of records (a JSONL or bibliographic export) holds many documents, so the
            # limit applies to each record's text; any other file is one document.
            records = path.suffix.lower() in RECORD_EXTENSIONS or _holds_records(path)
            size_mb = path.stat().st_size / 1e6
            if size_mb > max_file_mb and not records:
                raise ValueError(f"file is {size_mb:.1f} MB, over the {max_file_mb:g} MB limit "
                                 "(setting sources.max_file_mb)")
            found, bad = read_file(path, relative, manifest)
        except OSError as exc:  # the file went away, or may not be read
            errors.append(IngestError(relative, "read", f"unreadable file: {exc.strerror or exc}"))
            log.warning("skipped %s: %s", relative, exc)
            continue
        except (UndecodableError, ValueError) as exc:
            errors.append(IngestError(relative, "read", str(exc)))
            log.warning("skipped %s: %s", relative, exc)
            continue
        if records:
            found, oversized = _within_limit(found, max_file_mb)
            bad = bad + oversized
        documents.extend(found)
        errors.extend(bad)
        if number % 50 == 0 or number == len(files):
            log.info("ingested %d/%d files (%d documents)", number, len(files), len(documents))
    return documents, errors


def _within_limit(documents: list[RawDocument], max_mb: float) -> tuple[list[RawDocument], list[IngestError]]:
    kept, refused = [], []
    for document in documents:
        size_mb = len(document.text.encode("utf-8")) / 1e6
        if size_mb > max_mb:
            refused.append(IngestError(document.source_uri, "read", f"record is {size_mb:.1f} MB, over the "
                                       f"{max_mb:g} MB limit (setting sources.max_file_mb)"))
        else:
            kept.append(document)
    return kept, refused


def _holds_records(path: Path) -> bool:
    """A .txt that is an export (WoS, MEDLINE, EndNote RIS), judged by its first 64 kB."""
    if path.suffix.lower() != ".txt":
        return False
    with path.open("rb") as file:
        head = file.read(65536)
    try:
        return sniff(".txt", decode(head)) is not None
    except UndecodableError:
        return False


def read_file(path: Path, relative: str, manifest: Manifest) -> tuple[list[RawDocument], list[IngestError]]:
    text = decode(path.read_bytes())
    suffix = path.suffix.lower()
    found = sniff(suffix, text)  # exports are recognised by content: a WoS savedrecs.txt is records
    if found is None and suffix == ".json":
        raise ValueError("JSON file is not a recognised export (CSL-JSON, an OpenAlex works page, JSON lines)")
    if found is not None:
        documents, errors = read_records(found, text, relative)
        hint = manifest.genre_for(relative)
        if hint:
            documents = [d if d.genre else replace(d, genre=hint) for d in documents]
        return documents, errors
    meta = manifest.metadata_for(relative)
    title = author = url = doi = None
    published = None
    authors: tuple[str, ...] = ()
    if suffix in (".html", ".htm"):
        page = extract_html(text)
        text, title, author, published, url = page.text, page.title, page.author, page.published, page.url
        authors, doi = page.authors, page.doi
    elif suffix == ".md":
        text = markdown_to_text(text)
    document = RawDocument(
        key=relative,
        source_uri=relative,
        external_id=optional_text(meta.get("id")) or relative,
        text=text,
        title=optional_text(meta.get("title")) or title,
        genre=optional_text(meta.get("genre")) or manifest.genre_for(relative),
        published=parse_date(meta.get("date")) or published,
        authors=parse_list(meta.get("authors")) or authors or parse_list(author),
        doi=parse_doi(meta.get("doi")) or doi,
        url=optional_text(meta.get("url")) or url,
        venue=optional_text(meta.get("venue")),
        keywords=parse_list(meta.get("keywords")),
        affiliations=parse_list(meta.get("affiliations")),
    )
    return [document], []

