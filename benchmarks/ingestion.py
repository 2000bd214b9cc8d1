"""Ingestion figures for docs/benchmarks.md: genre detection accuracy and throughput.

    .venv/bin/python benchmarks/ingestion.py [--documents 10000]

Genre accuracy is measured with the manifest's genre hints removed: every file of the sample
corpus is labelled by its folder (abstracts/, blogs/, forum/, encyclopedia/), and the five
shared seeds by hand. Throughput reads and cleans a corpus made of copies of the sample corpus.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from pipeline.genres.detect import detect_genre
from pipeline.refresh import ingest
from pipeline.sources.corpus import discover
from pipeline.sources.encoding import decode
from pipeline.sources.html import extract_html
from pipeline.sources.jsonl import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "coproduction"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_GENRES = {"000": "abstract", "001": "blog", "002": "encyclopedia", "003": "forum", "004": "abstract"}
FOLDER_GENRES = {"abstracts": "abstract", "blogs": "blog", "forum": "forum", "encyclopedia": "encyclopedia"}


def labelled_texts() -> list[tuple[str, str, str, bool, bool]]:
    """(name, true genre, raw text, has DOI, has authors) for every labelled document."""
    items = []
    for path in discover(CORPUS):
        truth = FOLDER_GENRES[path.relative_to(CORPUS).parts[0]]
        text = decode(path.read_bytes())
        if path.suffix == ".jsonl":
            documents, _ = read_jsonl(text, path.name, path.name)
            items += [(d.key, truth, d.text, bool(d.doi), bool(d.authors)) for d in documents]
            continue
        if path.suffix == ".html":
            text = extract_html(text).text
        items.append((path.name, truth, text, False, False))
    if SEEDS.is_dir():
        for path in sorted(SEEDS.glob("*.txt")):
            items.append((path.name, SEED_GENRES[path.name[:3]], decode(path.read_bytes()), False, False))
    return items


def genre_accuracy() -> None:
    items = labelled_texts()
    confusion: Counter[tuple[str, str]] = Counter()
    for name, truth, text, has_doi, has_authors in items:
        guess = detect_genre(text, has_doi=has_doi, has_authors=has_authors)
        confusion[(truth, guess)] += 1
        if guess != truth:
            print(f"  miss: {name}: {truth} detected as {guess}")
    right = sum(n for (t, g), n in confusion.items() if t == g)
    print(f"genre detection: {right}/{len(items)} = {right / len(items):.3f}")
    for truth in sorted({t for t, _ in confusion}):
        row = {g: n for (t, g), n in confusion.items() if t == truth}
        print(f"  {truth:<13} {row}")


def throughput(n_documents: int) -> None:
    files = [p for p in discover(CORPUS) if p.suffix != ".jsonl"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(n_documents):
            source = files[i % len(files)]
            target = folder / f"{i:06d}-{source.name}"
            shutil.copyfile(source, target)
        size = sum(p.stat().st_size for p in folder.iterdir())
        start = time.perf_counter()
        documents, errors = ingest(folder)
        elapsed = time.perf_counter() - start
    print(f"ingestion: {len(documents)} documents ({size / 1e6:.1f} MB) in {elapsed:.1f} s = "
          f"{len(documents) / elapsed:.0f} documents/s, {size / 1e6 / elapsed:.2f} MB/s, {len(errors)} errors")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()
    genre_accuracy()
    throughput(args.documents)


if __name__ == "__main__":
    main()
