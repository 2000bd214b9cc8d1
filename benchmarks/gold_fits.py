"""Ways of fitting a corpus's themes when their number is given, on the same cached vectors.

    COPROD_RELEVANCE__ENABLED=false .venv/bin/python benchmarks/gold_fits.py \\
        --corpus ../shared/benchmarks/bbc.jsonl --themes 5 [--seeds 42,43]

The passages and their vectors in context are what `coprod evaluate` caches
(outputs/evaluate/<corpus>.duckdb, via labelled_corpus.read_corpus); each fit is scored as
`coprod evaluate` scores the product (a document's theme is the one most of its passages are in,
against the corpus's gold labels). With two seeds, the ARI between their fits is printed too.
The rows are the spectral fit as shipped and the alternatives docs/benchmarks.md records as
tried for corpora of round, well-separated groups ("Themes fitted by spectral clustering").
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

from pipeline.evaluate import document_agreement, gold_labels
from pipeline.model import modelled
from pipeline.settings import Settings
from pipeline.themes.context import with_document
from pipeline.themes.spectral import graph_embedding, neighbour_graph
from labelled_corpus import read_corpus  # run as a script: benchmarks/ is on the path


def onehot(labels: np.ndarray, k: int) -> sparse.csr_matrix:
    return sparse.csr_matrix((np.ones(len(labels)), (np.arange(len(labels)), labels)), shape=(len(labels), k))


def normalised_cut(graph: sparse.csr_matrix, labels: np.ndarray, k: int) -> float:
    """Sum over themes of the share of their edge weight that leaves them (Shi and Malik)."""
    members = onehot(labels, k)
    volume = members.T @ np.asarray(graph.sum(axis=1)).ravel()
    return k - float(((members.T @ graph @ members).diagonal() / volume).sum())


def cut_refined(graph: sparse.csr_matrix, labels: np.ndarray, k: int, passes: int = 30) -> np.ndarray:
    """Weighted kernel k-means with the normalised-cut kernel (Dhillon, Guan and Kulis 2004):
    each pass moves every passage to the theme its links and degree favour."""
    degree = np.asarray(graph.sum(axis=1)).ravel()
    for _ in range(passes):
        members = onehot(labels, k)
        links = np.asarray((graph @ members).todense())
        volume = members.T @ degree
        inner = (members.T @ graph @ members).diagonal()
        moved = (-2 * links / (degree[:, None] * volume[None, :]) + (inner / volume ** 2)[None, :]).argmin(axis=1)
        if (moved == labels).all():
            break
        labels = moved
    return labels


def fits(X: np.ndarray, in_documents: np.ndarray, k: int, graph: sparse.csr_matrix
         ) -> dict[str, Callable[[int], np.ndarray]]:
    """Each fit by name, given the nearest-neighbour graph of ``in_documents`` (built once)."""
    embedding = graph_embedding(graph, k)  # what spectral_embedding computes on that graph

    def kmeans(Z: np.ndarray, seed: int) -> np.ndarray:
        return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(Z)

    def unweighted(seed: int) -> np.ndarray:
        binary = graph.copy()
        binary.data[:] = 1.0
        return kmeans(graph_embedding(binary, k), seed)

    def border_moved(seed: int) -> np.ndarray:
        fitted = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(embedding)
        distances = np.sort(fitted.transform(embedding), axis=1)
        margin = distances[:, 1] - distances[:, 0]
        centres = np.vstack([in_documents[fitted.labels_ == t].mean(axis=0) for t in range(k)])
        centres /= np.linalg.norm(centres, axis=1, keepdims=True).clip(min=1e-12)
        labels = fitted.labels_.copy()
        near = margin < np.quantile(margin, 0.1)
        labels[near] = (in_documents[near] @ centres.T).argmax(axis=1)
        return labels

    return {
        "spectral, as shipped": lambda seed: kmeans(embedding, seed),
        "k-means on the passages' own vectors": lambda seed: kmeans(X, seed),
        "k-means on the vectors in their documents": lambda seed: kmeans(in_documents, seed),
        "spectral, unweighted graph": unweighted,
        "spectral, 10% nearest a border moved to the nearest centre": border_moved,
        "normalised cut refined from the spectral themes": lambda seed: cut_refined(graph, kmeans(embedding, seed), k),
        "normalised cut refined from k-means in documents": lambda seed: cut_refined(graph, kmeans(in_documents, seed), k),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--themes", type=int, required=True, help="the number of themes (the gold number)")
    parser.add_argument("--seeds", default="42", help="comma-separated; two give the ARI between them")
    args = parser.parse_args()
    settings = Settings()
    gold = gold_labels(args.corpus)
    documents, passages, embeddings = read_corpus(args.corpus, settings)
    used = modelled(passages)
    order = np.array(sorted(range(len(used)), key=lambda i: used[i].passage_id), dtype=int)  # as the product
    X = embeddings.vectors[order]
    in_documents = with_document([used[i] for i in order], X, settings.themes.document_context)
    seeds = [int(s) for s in args.seeds.split(",")]

    def v_measure(labels: np.ndarray) -> float:
        centres = np.vstack([X[labels == t].mean(axis=0) for t in range(args.themes)])
        centres /= np.linalg.norm(centres, axis=1, keepdims=True).clip(min=1e-12)
        assignments, scores = np.empty_like(labels), np.empty(len(labels))
        assignments[order], scores[order] = labels, np.einsum("ij,ij->i", X, centres[labels])
        return document_agreement(documents, passages, assignments.tolist(), scores.tolist(), gold)["v_measure"]

    graph = neighbour_graph(in_documents, settings.themes.neighbours)
    print(f"{args.corpus.name}: {len(X)} passages, {args.themes} themes")
    for name, fit in fits(X, in_documents, args.themes, graph).items():
        labels = [fit(seed) for seed in seeds]
        line = f"{name:60s} V {v_measure(labels[0]):.3f}  normalised cut {normalised_cut(graph, labels[0], args.themes):.3f}"
        if len(labels) > 1:
            line += f"  ARI between seeds {adjusted_rand_score(labels[0], labels[1]):.3f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
