"""Real bibliographic exports read whole: per file, the format recognised and how many records
became documents, with which fields.

    .venv/bin/python benchmarks/exports.py [FOLDER]

FOLDER holds the export files and an ``expected.jsonl`` (one line per file: file, records,
with_abstract); it defaults to ``shared/exports`` beside the repository. "read" counts the
documents the reader gave, "kept" those left after preparing (cleaning) them, "with abstract"
those whose text is more than their title, "screened out" those a reviewer excluded at
screening (kept, not modelled), "errors" the ingest errors of the file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.prepare import prepare_documents
from pipeline.sources.corpus import read_file
from pipeline.sources.encoding import decode
from pipeline.sources.manifest import Manifest

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "exports"


def detected_format(path: Path) -> str:
    try:
        from pipeline.sources.formats import sniff
    except ImportError:  # before formats were recognised by content: the extension decided
        return path.suffix.lower()
    from pipeline.sources.tabular import layout, read_table

    text = decode(path.read_bytes())
    found = sniff(path.suffix.lower(), text) or "page"
    if found in ("table", "wos-tab"):
        found = f"{found} ({layout(set(read_table(text)[0].columns))})"
    return found


def main(folder: Path) -> None:
    expected = [json.loads(line) for line in (folder / "expected.jsonl").read_text().splitlines() if line.strip()]
    header = ("file", "format", "expected", "read", "kept", "abstract exp.", "with abstract", "DOI", "authors",
              "year", "screened out", "errors")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] + ["---"] + ["---:"] * (len(header) - 2)) + "|")
    totals = [0] * 10
    for row in expected:
        path = folder / row["file"]
        try:
            raws, errors = read_file(path, path.name, Manifest())
        except ValueError as exc:
            raws, errors = [], [exc]
        documents, rejected = prepare_documents(raws)
        with_abstract = sum(1 for d in documents if d.title is None or d.text.strip() != d.title.strip())
        values = [row["records"], len(raws), len(documents), row["with_abstract"], with_abstract,
                  sum(1 for d in documents if d.doi), sum(1 for d in documents if d.authors),
                  sum(1 for d in documents if d.published),
                  sum(1 for d in documents if getattr(d, "screening", None) == "excluded"),
                  len(errors) + len(rejected)]
        totals = [t + v for t, v in zip(totals, values)]
        print(f"| {row['file']} | {detected_format(path)} | " + " | ".join(str(v) for v in values) + " |")
    print("| **all** | | " + " | ".join(f"**{v}**" for v in totals) + " |")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
