"""Walking a corpus folder so that every file in it is accounted for: read, or reported.

A file of a type coprod reads is returned to be read. Any other file is reported as an
IngestError with the reason (an unsupported type, named by its content when it is a known
binary format; a broken link; a link that loops back into the folder; not a regular file), so
an analyst sees in ingest_errors everything that was not read. Hidden files and folders
(".git", ".DS_Store") and the folder's own manifest and README are not corpus documents and
are skipped without a word.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.model import IngestError
from pipeline.sources.encoding import binary_kind

STAGE = "read"


def walk_corpus(corpus_dir: Path, supported: tuple[str, ...],
                not_documents: frozenset[str]) -> tuple[list[Path], list[IngestError]]:
    """(files to read, sorted by their path in the folder; an error for every other file).

    ``not_documents`` are lower-case file names that are the folder's own (manifest, README).
    Links are followed; a link to a folder that contains it is a loop, and is reported.
    """
    files: list[Path] = []
    errors: list[IngestError] = []

    def report(path: Path, message: str) -> None:
        errors.append(IngestError(path.relative_to(corpus_dir).as_posix(), STAGE, message))

    def walk(folder: Path, ancestors: tuple[Path, ...]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            report(folder, f"folder cannot be listed: {exc.strerror or exc}")
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue  # hidden: version control, editor and OS files
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except FileNotFoundError:
                    report(path, f"broken link: {os.readlink(path)} does not exist")
                    continue
                except (OSError, RuntimeError):
                    report(path, "symlink loop: the link points back at itself")
                    continue
                if target.is_dir() and target in ancestors:
                    report(path, "symlink loop: the link points to a folder that contains it")
                    continue
            if entry.is_dir():
                walk(path, (*ancestors, path.resolve()))
            elif not entry.is_file():
                report(path, "not a regular file (a device, pipe or socket)")
            elif entry.name.lower() in not_documents:
                continue
            elif path.suffix.lower() in supported:
                files.append(path)
            else:
                report(path, _unsupported(path, supported))

    walk(corpus_dir, (corpus_dir.resolve(),))
    files.sort(key=lambda p: p.relative_to(corpus_dir).as_posix())
    errors.sort(key=lambda e: e.source_uri)
    return files, errors


def _unsupported(path: Path, supported: tuple[str, ...]) -> str:
    try:
        with path.open("rb") as handle:
            kind = binary_kind(handle.read(64))
    except OSError:
        kind = None
    what = f"a {kind}" if kind else (f"{path.suffix.lower()} files" if path.suffix else "a file without extension")
    return f"unsupported file type: {what}, not a document coprod reads ({', '.join(supported)})"
