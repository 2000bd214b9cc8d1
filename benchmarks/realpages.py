"""Metadata and genre figures on labelled real pages, for docs/benchmarks.md.

    .venv/bin/python benchmarks/realpages.py [FOLDER ...] [--verbose]

FOLDER has the layout of ../shared/realpages/ (the default): a manifest.jsonl with one line
per page (file, genre, title, authors, date, doi) and the pages as text files. Every page
goes through the real ingestion with nothing but its text: a RawDocument with no genre and
no metadata, then prepare_document. A page that cleaning rejects counts as extracting nothing.

How a field counts as right:
- genre: the detector's genre equals the label (an off-topic page is right when the detector
  gives its underlying form: blog, forum, ...);
- title: equal to the label once both are case-folded with punctuation and spacing removed;
- authors: family names (a name's last word, case-folded, accents kept) — right when at least
  half of the labelled family names are among those extracted AND at least half of those
  extracted are labelled (a list of every capitalised word on the page does not pass);
- date: equal to the label at the label's precision (a label "2017-05" needs May 2017);
- DOI: equal to the label.
A field labelled null (or no authors) is right when nothing was extracted; those fields also
make the "nothing invented" share.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.genres.detect import detect_genre  # noqa: E402
from pipeline.model import RawDocument  # noqa: E402
from pipeline.prepare import prepare_document  # noqa: E402
from pipeline.sources.encoding import decode  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "realpages"
FIELDS = ("title", "authors", "date", "doi")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def family(name: str) -> str:
    words = normalise(name).split()
    return words[-1] if words else ""


def extracted(page: dict, text: str) -> dict:
    raw = RawDocument(key=page["file"], source_uri=page["file"], external_id=page["file"], text=text)
    try:
        doc = prepare_document(raw)
    except ValueError:
        return {"title": None, "authors": [], "date": None, "precision": None, "doi": None}
    return {"title": doc.title, "authors": list(doc.authors), "date": doc.published,
            "precision": getattr(doc, "published_precision", None), "doi": doc.doi}


def judge(field: str, label, found: dict) -> bool:
    if field == "title":
        return (label is None and not found["title"]) or (
            label is not None and bool(found["title"]) and normalise(label) == normalise(found["title"]))
    if field == "authors":
        if not label:
            return not found["authors"]
        want = {family(n) for n in label}
        got = {family(n) for n in found["authors"]}
        return len(want & got) >= 0.5 * len(want) and len(want & got) >= 0.5 * len(got)
    if field == "date":
        if label is None:
            return found["date"] is None
        if found["date"] is None:
            return False
        return found["date"].isoformat()[: len(label)] == label
    if field == "doi":
        return (label or None) == (found["doi"] or None)
    raise KeyError(field)


def measure(folder: Path, verbose: bool) -> dict:
    pages = [json.loads(line) for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    right: Counter = Counter()
    total: Counter = Counter()
    nulls: Counter = Counter()
    kept_empty: Counter = Counter()
    by_genre: dict[str, Counter] = {}
    for page in pages:
        text = decode((folder / page["file"]).read_bytes())
        genre = detect_genre(text)
        truth = page["form"] if page["genre"] == "offtopic" else page["genre"]
        total["genre"] += 1
        right["genre"] += genre == truth
        found = extracted(page, text)
        labels = {"title": page["title"], "authors": page["authors"], "date": page["date"], "doi": page["doi"]}
        for field in FIELDS:
            ok = judge(field, labels[field], found)
            group = by_genre.setdefault(page["genre"], Counter())
            if labels[field]:
                total[field] += 1
                right[field] += ok
                group[field + "_n"] += 1
                group[field] += ok
            else:
                nulls[field] += 1
                kept_empty[field] += ok
            if field == "authors" and labels[field] and page["form"] != "forum":
                total["authors_bylines"] += 1  # a document's authors, not a thread's posters
                right["authors_bylines"] += ok
            if verbose and not ok:
                shown = found[field] if field != "date" else (found["date"], found["precision"])
                print(f"  {page['file']:<32} {field:<8} label={labels[field]!r}  got={shown!r}")
    return {"pages": len(pages), "right": right, "total": total, "nulls": nulls,
            "kept_empty": kept_empty, "by_genre": by_genre}


def report(folder: Path, result: dict) -> None:
    right, total, nulls, kept = result["right"], result["total"], result["nulls"], result["kept_empty"]
    print(f"{folder}: {result['pages']} pages")
    print(f"  {'genre':<8} {right['genre']}/{total['genre']} = {right['genre'] / max(total['genre'], 1):.3f}")
    for field in FIELDS:
        print(f"  {field:<8} {right[field]}/{total[field]} = {right[field] / max(total[field], 1):.3f}"
              f"   nothing invented {kept[field]}/{nulls[field]}")
    print(f"  authors of pages that are not threads {right['authors_bylines']}/{total['authors_bylines']} = "
          f"{right['authors_bylines'] / max(total['authors_bylines'], 1):.3f}")
    n_null, n_kept = sum(nulls.values()), sum(kept.values())
    print(f"  nothing invented, all fields: {n_kept}/{n_null} = {n_kept / max(n_null, 1):.3f}")
    for genre, counts in sorted(result["by_genre"].items()):
        cells = "  ".join(f"{f} {counts[f]}/{counts[f + '_n']}" for f in FIELDS if counts[f + "_n"])
        print(f"    {genre:<13} {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--verbose", action="store_true", help="list every field counted wrong")
    args = parser.parse_args()
    for folder in args.folders:
        if not (folder / "manifest.jsonl").exists():
            parser.error(f"{folder} has no manifest.jsonl")
        report(folder, measure(folder, args.verbose))


if __name__ == "__main__":
    main()
