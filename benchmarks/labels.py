"""Theme labels as zero-shot classifiers: does a theme's label name what its passages are about?

    .venv/bin/python benchmarks/labels.py --corpus corpora/coproduction
    .venv/bin/python benchmarks/labels.py --corpus ../shared/benchmarks/20ng-5000.jsonl

The corpus goes through the real stages (ingest, passages, embeddings from the cache of
`coprod evaluate` for a JSONL corpus, themes) with the default settings. Each theme's label (chosen
by `pipeline/themes/naming.py`), its first three keywords (the label before that choice) and its
top-10 keywords joined into one string are embedded with the same model; every modelled passage
is given the theme whose label (or keyword string) is nearest, and the share of passages given
their own theme is printed for each, with every theme's label.
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
from pipeline.evaluate import label_accuracy  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.themes.naming import nearest_label_share  # noqa: E402
from labelled_corpus import read_corpus  # noqa: E402  (run as a script: benchmarks/ is on the path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a corpus folder or a JSONL corpus")
    args = parser.parse_args()
    settings = Settings()
    embedder = stages.make_embedder(settings)
    _, passages, embeddings = read_corpus(args.corpus, settings, embedder)
    model = stages.themes(passages, embeddings, settings)
    keyword_labels = [t.label for t in model.themes]  # the first three keywords, as written
    named = stages.labels(model, passages, embeddings, settings, embedder)
    scores = label_accuracy(named, embeddings.vectors, embedder)
    y = np.array(named.assignments)  # themes are numbered 0..k-1 by position in a first run
    by_keywords3 = nearest_label_share(embedder, keyword_labels, embeddings.vectors, y)
    print(f"{args.corpus.name}: {len(named.themes)} themes, {len(named.assignments)} passages")
    print(f"passages nearest their own theme's label: {scores['label_accuracy']:.3f}; "
          f"its first three keywords: {by_keywords3:.3f}; its top-10 keywords: {scores['keyword_accuracy']:.3f}")
    for theme, before in zip(named.themes, keyword_labels):
        print(f"  {theme.theme_id:3d} ({theme.size:5d}) {theme.label}  |  {before}  |  {', '.join(theme.keywords[:6])}")


if __name__ == "__main__":
    main()
