"""Spectral fit or k-means, told the gold number: themes of corpora made of a few of a labelled
corpus's labels at a time.

    .venv/bin/python benchmarks/label_subsets.py --corpus ../shared/benchmarks/20ng-5000.jsonl --size 4 --draws 4

Each draw keeps the documents of ``size`` labels picked at random (seeded) and fits that many
themes three ways on the same vectors: the spectral fit (the default, on the passages read in
their documents), k-means from the spectral themes' centres on the same vectors, and k-means with
ten starts on the passages' own vectors. Printed: the V-measure of the documents' main themes for
each, and the ARI between the spectral fit and k-means from its centres, the agreement a rule
choosing between the two methods would read. Embeddings come from the cache of `coprod evaluate`
(outputs/evaluate/<corpus>.duckdb) when it has them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # measure this checkout's pipeline, not an installed copy

import numpy as np  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

from pipeline.evaluate import document_agreement, gold_labels  # noqa: E402
from pipeline.model import modelled  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.themes.context import with_document  # noqa: E402
from pipeline.themes.spectral import spectral_themes  # noqa: E402
from labelled_corpus import read_corpus  # noqa: E402  (run as a script: benchmarks/ is on the path)


def centres(X: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    C = np.vstack([X[labels == t].mean(axis=0) for t in range(k)])
    return C / np.linalg.norm(C, axis=1, keepdims=True).clip(min=1e-12)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a labelled JSONL corpus")
    parser.add_argument("--size", type=int, required=True, help="labels in each draw")
    parser.add_argument("--draws", type=int, default=3, help="how many draws")
    parser.add_argument("--seed", type=int, default=0, help="seed of the draws")
    args = parser.parse_args()
    settings = Settings()
    documents, passages, embeddings = read_corpus(args.corpus, settings)
    vectors = embeddings.vectors
    gold = gold_labels(args.corpus)
    used = modelled(passages)
    rng = np.random.default_rng(args.seed)
    wins = 0
    for _ in range(args.draws):
        pick = set(rng.choice(sorted(set(gold.values())), size=args.size, replace=False).tolist())
        docs = [d for d in documents if gold.get(d.external_id) in pick]
        ids = {d.doc_id for d in docs}
        kept = [p for p in passages if p.doc_id in ids]  # duplicates too: they vote with their original
        row_of = {p.passage_id: i for i, p in enumerate(used)}
        sub = sorted(modelled(kept), key=lambda p: p.passage_id)  # fitted in id order, as the product does
        X = vectors[[row_of[p.passage_id] for p in sub]]
        F = with_document(sub, X, settings.themes.document_context)
        position = {p.passage_id: i for i, p in enumerate(sub)}
        back = [position[p.passage_id] for p in modelled(kept)]

        def v(labels: np.ndarray) -> float:
            return document_agreement(docs, kept, list(labels[back]), [1.0] * len(back), gold)["v_measure"]

        k = args.size
        spectral = spectral_themes(F, k, n_neighbors=settings.themes.neighbours, seed=settings.themes.seed)
        from_centres = KMeans(n_clusters=k, init=centres(F, spectral, k), n_init=1,
                              random_state=settings.themes.seed).fit_predict(F)
        kmeans = KMeans(n_clusters=k, n_init=10, random_state=settings.themes.seed).fit_predict(X)
        wins += v(spectral) > v(kmeans)
        print(f"{sorted(pick)} ({len(X)} passages): V spectral {v(spectral):.3f}, k-means from its centres "
              f"{v(from_centres):.3f}, k-means {v(kmeans):.3f}; "
              f"ARI spectral / from its centres {adjusted_rand_score(spectral, from_centres):.3f}", flush=True)
    print(f"spectral above k-means in {wins} of {args.draws} draws")


if __name__ == "__main__":
    main()
