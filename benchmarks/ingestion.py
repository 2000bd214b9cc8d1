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


def labelled_texts() -> list[tuple[str, str, str, bool, bool, bool]]:
    """(name, true genre, raw text, has DOI, has authors, has date) for every labelled document,
    the metadata flags being what the source format itself gives (never the manifest)."""
    items = []
    for path in discover(CORPUS):
        truth = FOLDER_GENRES[path.relative_to(CORPUS).parts[0]]
        text = decode(path.read_bytes())
        if path.suffix == ".jsonl":
            documents, _ = read_jsonl(text, path.name, path.name)
            items += [(d.key, truth, d.text, bool(d.doi), bool(d.authors), bool(d.published)) for d in documents]
            continue
        if path.suffix == ".html":
            page = extract_html(text)
            items.append((path.name, truth, page.text, False, bool(page.author), bool(page.published)))
            continue
        items.append((path.name, truth, text, False, False, False))
    if SEEDS.is_dir():
        for path in sorted(SEEDS.glob("*.txt")):
            items.append((path.name, SEED_GENRES[path.name[:3]], decode(path.read_bytes()), False, False, False))
    return items


def genre_accuracy() -> None:
    items = labelled_texts()
    confusion: Counter[tuple[str, str]] = Counter()
    for name, truth, text, has_doi, has_authors, has_date in items:
        guess = detect_genre(text, has_doi=has_doi, has_authors=has_authors, has_date=has_date)
        confusion[(truth, guess)] += 1
        if guess != truth:
            print(f"  miss: {name}: {truth} detected as {guess}")
    right = sum(n for (t, g), n in confusion.items() if t == g)
    print(f"genre detection: {right}/{len(items)} = {right / len(items):.3f}")
    for truth in sorted({t for t, _ in confusion}):
        row = {g: n for (t, g), n in confusion.items() if t == truth}
        print(f"  {truth:<13} {row}")


SEED_METADATA = {  # read off the pages by hand; None = the page does not show it
    "000": {"title": "Connected co-creation: learning from each other through external peer review",
            "authors": ("Victoria Cluley", "Zoe Radnor", "Federica Salvatoria"), "published": None, "doi": None},
    "001": {"title": "Learning from Innovation in Public Sector Environments", "authors": ("Sophie Flemig",),
            "published": "2015-10-15", "doi": None},
    "002": {"title": "Co-production (approach)", "authors": (), "published": None, "doi": None},
    "003": {"title": None, "authors": ("Graham Hill",), "published": None, "doi": None},
    "004": {"title": "Rethinking co-creation: the fluid and relational process of value co-creation in "
                     "public service organizations", "authors": ("Victoria Cluley", "Zoe Radnor"),
            "published": "2021-10-03", "doi": "10.1080/09540962.2020.1719672"},
}


def _norm_title(title: str | None) -> str | None:
    return " ".join(title.lower().split()) if title else None


def metadata_accuracy() -> None:
    """Title, authors, date and DOI extracted from the page alone (manifest metadata removed),
    against the manifest's values for the sample corpus and hand-read values for the seeds."""
    from pipeline.prepare import prepare_document
    from pipeline.sources.corpus import read_file
    from pipeline.sources.manifest import Manifest, load_manifest
    from pipeline.sources.names import normalise_names

    manifest = load_manifest(CORPUS)
    cases = []
    for relative, meta in manifest.files.items():
        gold = {"title": meta.get("title"), "authors": normalise_names(meta.get("authors", [])),
                "published": meta.get("date"), "doi": meta.get("doi")}
        hint = Manifest(genres=manifest.genres)  # genre hints stay; metadata goes
        (raw,), _ = read_file(CORPUS / relative, relative, hint)
        cases.append((relative, gold, prepare_document(raw)))
    if SEEDS.is_dir():
        for path in sorted(SEEDS.glob("*.txt")):
            (raw,), _ = read_file(path, path.name, Manifest())
            cases.append((path.name, SEED_METADATA[path.name[:3]], prepare_document(raw)))
    for field in ("title", "authors", "published", "doi"):
        right = total = 0
        for name, gold, doc in cases:
            if gold[field] in (None, ()) and field != "authors":
                continue
            total += 1
            got = getattr(doc, field)
            if field == "title":
                ok = _norm_title(got) == _norm_title(gold[field])
            elif field == "published":
                ok = str(got) == str(gold[field])
            else:
                ok = got == gold[field]
            right += ok
            if not ok:
                print(f"  miss {field}: {name}: got {got!r}, expected {gold[field]!r}")
        print(f"metadata {field}: {right}/{total} = {right / total:.3f}")


def boilerplate_precision_recall(verbose: bool = False) -> None:
    """Lines kept out of modelled passages versus the hand labels in data/line_labels.json
    (a line is NOT-CONTENT when it is chrome, metadata, a signature, a reference list ...)."""
    import json

    from pipeline.clean.passage_flags import flag_passages
    from pipeline.passages import split_document
    from pipeline.prepare import prepare_document
    from pipeline.settings import PassageSettings
    from pipeline.sources.corpus import read_file
    from pipeline.sources.manifest import Manifest, load_manifest

    labels = json.loads((Path(__file__).parent / "data" / "line_labels.json").read_text())["files"]
    manifest = load_manifest(CORPUS)
    tp = fp = fn = tn = 0
    for name, label in sorted(labels.items()):
        if name.startswith("seeds/"):
            if not SEEDS.is_dir():
                continue
            path, relative, hints = SEEDS / name[len("seeds/"):], name, Manifest()
        else:
            path = ROOT / name
            relative = path.relative_to(CORPUS).as_posix()
            hints = Manifest(genres=manifest.genres)
        (raw,), _ = read_file(path, relative, hints)
        document = prepare_document(raw)
        spans = [(p.char_start, p.char_end) for p in flag_passages(split_document(document, PassageSettings()))
                 if p.excluded is None]
        modelled_lines = {n for n, a, b in document.kept_lines if any(a < e and s < b for s, e in spans)}
        truth = set(label["not_content"])
        file_fp = file_fn = 0
        for number, line in enumerate(decode(path.read_bytes()).split("\n"), start=1):
            if not line.strip():
                continue
            removed = number not in modelled_lines
            if removed and number in truth:
                tp += 1
            elif removed:
                fp += 1
                file_fp += 1
                if verbose:
                    print(f"    content removed: {name}:{number}")
            elif number in truth:
                fn += 1
                file_fn += 1
                if verbose:
                    print(f"    non-content kept: {name}:{number}")
            else:
                tn += 1
        if file_fp or file_fn:
            print(f"  {name}: {file_fp} content lines removed, {file_fn} non-content lines kept")
    print(f"boilerplate removal: precision {tp / (tp + fp):.3f}, recall {tp / (tp + fn):.3f} "
          f"({tp + fn} non-content and {tn + fp} content lines)")


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
    parser.add_argument("--verbose", action="store_true", help="list every mislabelled line")
    args = parser.parse_args()
    genre_accuracy()
    metadata_accuracy()
    boilerplate_precision_recall(args.verbose)
    throughput(args.documents)


if __name__ == "__main__":
    main()
