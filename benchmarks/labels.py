"""Theme labels as zero-shot classifiers: does a theme's label name what its passages are about?

    .venv/bin/python benchmarks/labels.py --corpus corpora/coproduction
    .venv/bin/python benchmarks/labels.py --corpus ../shared/benchmarks/20ng-5000.jsonl

The corpus goes through the real stages (ingest, passages, embeddings from the cache of
`coprod evaluate` for a JSONL corpus, themes) with the default settings. Each theme's label and,
for comparison, its top-10 keywords joined into one string are embedded with the same model;
every modelled passage is given the theme whose label (or keyword string) is nearest, and the
share of passages given their own theme is printed for both, with every theme's label.
A label that names its theme well classifies at least as well as the keywords it came from.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # measure this checkout's pipeline, not an installed copy

import numpy as np  # noqa: E402

from pipeline import refresh as stages  # noqa: E402
from pipeline.settings import Settings  # noqa: E402


def nearest_share(embedder, names: list[str], vectors: np.ndarray, assignments: list[int]) -> float:
    """Share of passages whose nearest name (cosine) is their own theme's."""
    named = np.asarray(embedder.embed(names), dtype=np.float32)
    nearest = np.argmax(vectors @ named.T, axis=1)
    return float(np.mean(nearest == np.asarray(assignments)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a corpus folder or a JSONL corpus")
    args = parser.parse_args()
    settings = Settings()
    db = ROOT / "outputs" / "evaluate" / f"{args.corpus.stem}.duckdb"
    db.parent.mkdir(parents=True, exist_ok=True)
    documents, _ = stages.ingest(args.corpus, settings)
    passages = stages.split(documents, settings)
    embedder = stages.make_embedder(settings)
    embeddings = stages.embed(passages, db, settings, embedder)
    model = stages.themes(passages, embeddings, settings)
    labels = [t.label for t in model.themes]
    keywords = [" ".join(t.keywords[:10]) for t in model.themes]
    by_label = nearest_share(embedder, labels, embeddings.vectors, model.assignments)
    by_keywords = nearest_share(embedder, keywords, embeddings.vectors, model.assignments)
    print(f"{args.corpus.name}: {len(model.themes)} themes, {len(model.assignments)} passages")
    print(f"passages nearest their own theme's label: {by_label:.3f}; its top-10 keywords: {by_keywords:.3f}")
    for theme in model.themes:
        print(f"  {theme.theme_id:3d} ({theme.size:5d}) {theme.label}  |  {', '.join(theme.keywords[:6])}")


if __name__ == "__main__":
    main()
