"""Short documents: how many of a corpus of short records become documents with a passage.

    .venv/bin/python benchmarks/short_documents.py [--corpus ../shared/benchmarks/m10.jsonl]

A paper title, a one-line reply or a title-only record is a document. This reads a JSONL
corpus (default: the shared m10 benchmark, 10,050 paper titles), cleans it and splits it
into passages (no embedding), and counts the documents kept, those with a passage, and those
with a passage that goes on to the themes (not excluded as a duplicate or another language).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from pipeline.model import modelled
from pipeline.refresh import ingest, split
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
M10 = ROOT.parent / "shared" / "benchmarks" / "m10.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=M10)
    args = parser.parse_args()
    records = sum(1 for line in args.corpus.open(encoding="utf-8") if line.strip())
    settings = Settings()
    documents, errors = ingest(args.corpus, settings)
    passages = split(documents, settings)
    with_passage = {p.doc_id for p in passages}
    with_modelled = {p.doc_id for p in modelled(passages)}
    reasons = Counter(re.sub(r"\(.*", "", e.message).strip() for e in errors)
    print(f"corpus: {args.corpus.name}, {records:,} records, passages.min_chars = {settings.passages.min_chars}")
    print(f"documents kept:                     {len(documents):,} ({len(documents) / records:.1%})")
    print(f"ingest errors:                      {len(errors):,} {dict(reasons.most_common(3))}")
    print(f"documents with a passage:           {len(with_passage):,} ({len(with_passage) / records:.1%})")
    print(f"documents with a modelled passage:  {len(with_modelled):,} ({len(with_modelled) / records:.1%})")
    print(f"passages: {len(passages):,}, modelled: {len(modelled(passages)):,}")


if __name__ == "__main__":
    main()
