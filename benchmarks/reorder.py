"""Same corpus, same themes, whatever the order: a labelled corpus read as given and with its
lines shuffled, compared passage by passage.

    .venv/bin/python benchmarks/reorder.py --corpus ../shared/benchmarks/agnews.jsonl [--seed 1]

Both orders go through the real stages (ingest, passages with their duplicate and language
flags, embeddings, themes) with the default settings; embeddings come from the cache of
`coprod evaluate` (outputs/evaluate/<corpus>.duckdb) when it has them. Printed: the number of
themes of each order, the ARI between the two runs' themes of the passages both model (matched
by passage id), the share of passages modelled in one order and not the other, and the ARI of
the documents' main themes.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # measure this checkout's pipeline, not an installed copy

from sklearn.metrics import adjusted_rand_score  # noqa: E402

from pipeline import refresh as stages  # noqa: E402
from pipeline.evaluate import main_themes  # noqa: E402
from pipeline.model import modelled  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from labelled_corpus import read_corpus  # noqa: E402  (run as a script: benchmarks/ is on the path)


def themes_of(corpus: Path, settings: Settings) -> tuple[dict[str, int], dict[str, int], int]:
    """(passage id -> theme, doc id -> main theme, number of themes) of one reading of ``corpus``."""
    _, passages, embeddings = read_corpus(corpus, settings)
    model = stages.themes(passages, embeddings, settings)
    used = modelled(passages)
    by_passage = {p.passage_id: t for p, t in zip(used, model.assignments)}
    return by_passage, main_themes(used, model.assignments, model.scores), len(model.themes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a JSONL corpus")
    parser.add_argument("--seed", type=int, default=1, help="seed of the shuffle")
    args = parser.parse_args()
    settings = Settings()
    lines = args.corpus.read_text(encoding="utf-8").splitlines()
    random.Random(args.seed).shuffle(lines)
    with tempfile.TemporaryDirectory() as tmp:
        shuffled = Path(tmp) / args.corpus.name  # the same file name: the same document keys
        shuffled.write_text("\n".join(lines) + "\n", encoding="utf-8")
        first, first_docs, k1 = themes_of(args.corpus, settings)
        second, second_docs, k2 = themes_of(shuffled, settings)
    both = sorted(set(first) & set(second))
    docs = sorted(set(first_docs) & set(second_docs))
    only = len(set(first) ^ set(second)) / max(1, len(set(first) | set(second)))
    print(f"{args.corpus.name}: themes {k1} as given, {k2} shuffled (seed {args.seed})")
    print(f"passages modelled in both orders: {len(both)}; in one order only: {only:.2%}")
    print(f"ARI of passage themes: {adjusted_rand_score([first[p] for p in both], [second[p] for p in both]):.4f}")
    print(f"ARI of documents' main themes: "
          f"{adjusted_rand_score([first_docs[d] for d in docs], [second_docs[d] for d in docs]):.4f}")


if __name__ == "__main__":
    main()
