"""Hostile files beside good documents: what becomes of each, for docs/benchmarks.md.

    .venv/bin/python benchmarks/hostile_files.py [--flat ../shared/benchmarks/agnews.jsonl]

Builds a folder in a temporary directory: the bundled sample corpus, plus 20,000 random
bytes named .txt (twice: any bytes, and bytes 128-255 only, which decode as Windows-1252
letters), a text without line breaks (the texts of a JSONL corpus run together on one line,
as PDF-to-text tools and flattened scrapes write them), a PNG image, a folder link that
loops back, and a broken link. Reads and cleans it (no embedding) and prints, per hostile
file, whether it became a document (and how many of its characters and passages were kept)
or an ingest error, and why.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
from pathlib import Path

from pipeline.refresh import ingest, split
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
AGNEWS = ROOT.parent / "shared" / "benchmarks" / "agnews.jsonl"
HOSTILE = ("noise.txt", "high.txt", "flat.txt", "photo.png", "loop", "gone.txt")


def build(folder: Path, flat_source: Path) -> int:
    shutil.copytree(ROOT / "corpora" / "coproduction", folder)
    rng = random.Random(0)
    (folder / "noise.txt").write_bytes(rng.randbytes(20_000))
    (folder / "high.txt").write_bytes(bytes(rng.randint(128, 255) for _ in range(20_000)))
    texts = [json.loads(line)["text"].strip() for line in flat_source.open(encoding="utf-8") if line.strip()]
    flat = " ".join(texts)
    (folder / "flat.txt").write_text(flat, encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    (folder / "loop").symlink_to(folder)
    (folder / "gone.txt").symlink_to(folder / "deleted.txt")
    return len(flat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flat", type=Path, default=AGNEWS, help="JSONL corpus whose texts make the flat text")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        flat_chars = build(folder, args.flat)
        documents, errors = ingest(folder, Settings())
        passages = split(documents, Settings())
        print(f"flat.txt: {flat_chars / 1e6:.1f} MB on one line; "
              f"{len(documents)} documents read, {len(errors)} ingest errors")
        by_uri = {d.source_uri: d for d in documents}
        reasons = {e.source_uri: e.message for e in errors}
        for name in HOSTILE:
            if name in by_uri:
                d = by_uri[name]
                mine = [p for p in passages if p.doc_id == d.doc_id]
                print(f"  {name:10} document, title {(d.title or '')[:24]!r}, {len(d.text) / flat_chars:.1%} of the text "
                      f"kept, {len(mine)} passages ({sum(p.excluded is None for p in mine)} modelled)"
                      if name == "flat.txt" else f"  {name:10} document, title {(d.title or '')[:24]!r}")
            else:
                print(f"  {name:10} {reasons.get(name, 'skipped without a word')}")


if __name__ == "__main__":
    main()
