"""Theme methods side by side on the same passages and the same embeddings, with BERTopic.

    .venv/bin/pip install -e ".[benchmark]"        # BERTopic, UMAP, HDBSCAN: benchmark only
    .venv/bin/python benchmarks/themes.py [--corpus ../shared/benchmarks/bbc.jsonl] [--seeds 3]

Every method clusters the passages coprod makes of the corpus, embedded once with the
configured model (cached in outputs/evaluate/<corpus>.duckdb, the database `coprod evaluate`
writes). A document's theme is the one most of its passages are in; it is scored against the
corpus's gold labels (V-measure, NMI, ARI). Also measured: passages left unassigned, the
NPMI coherence and diversity of each theme's top-10 keywords (coprod's c-TF-IDF for its own
methods, BERTopic's topic words for BERTopic), the mean ARI between seeds, the ARI against a
fit of the same passages in a shuffled order ("reorder"), and seconds to fit.
BERTopic runs with its defaults (UMAP 5-d + HDBSCAN min_cluster_size=10 + c-TF-IDF) on the
same passages and vectors.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path
from typing import Callable

import numpy as np
from sklearn.cluster import HDBSCAN, KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score

from pipeline.evaluate import document_agreement, gold_labels
from pipeline.model import Passage, modelled
from pipeline.settings import Settings
from pipeline.themes.build import fit_themes
from pipeline.themes.cluster import ThemeClusterer, dissolve_small
from pipeline.themes.keywords import theme_keywords
from pipeline.themes.metrics import npmi_coherence, topic_diversity
from labelled_corpus import read_corpus  # run as a script: benchmarks/ is on the path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"

# (vectors, their passages, seed) -> labels, -1 = unassigned
Method = Callable[[np.ndarray, list[Passage], int], np.ndarray]


def coprod(**settings: object) -> Method:
    """The product's themes stage (``fit_themes``) with its settings, some replaced."""
    themes = dataclasses.replace(Settings().themes, **settings)
    return lambda X, passages, seed: fit_themes(passages, X, themes, seed=seed)[0]


def kmeans_fixed(k: int) -> Method:
    return lambda X, passages, seed: KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(X)


def ward_silhouette(X: np.ndarray, passages: list[Passage], seed: int) -> np.ndarray:
    """Ward's agglomerative tree (built once, O(n^2) memory) cut where the silhouette is best, k in 3..12."""
    from scipy.cluster.hierarchy import fcluster, ward
    from sklearn.metrics import silhouette_score

    tree = ward(X)
    best, best_labels = -1.0, None
    for k in range(3, 13):
        labels = fcluster(tree, k, criterion="maxclust") - 1
        score = silhouette_score(X, labels, sample_size=min(5000, len(X)), random_state=seed)
        if score > best:
            best, best_labels = score, labels
    return best_labels


def hdbscan_on(reduce: Callable[[np.ndarray, int], np.ndarray], reassign: bool) -> Method:
    def method(X: np.ndarray, passages: list[Passage], seed: int) -> np.ndarray:
        labels = HDBSCAN(min_cluster_size=10, copy=True).fit_predict(reduce(X, seed))
        if reassign and (labels >= 0).any():  # outliers join their nearest theme centre
            themes = np.unique(labels[labels >= 0])
            centres = np.vstack([X[labels == t].mean(axis=0) for t in themes])
            out = labels < 0
            labels[out] = themes[np.argmax(X[out] @ centres.T, axis=1)]
        return labels
    return method


def pca(X: np.ndarray, seed: int) -> np.ndarray:
    return PCA(n_components=10, random_state=seed).fit_transform(X)


def umap5(X: np.ndarray, seed: int) -> np.ndarray:
    from umap import UMAP

    return UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed).fit_transform(X)


def umap_kmeans(X: np.ndarray, passages: list[Passage], seed: int) -> np.ndarray:
    reduced = umap5(X, seed)
    return dissolve_small(reduced, ThemeClusterer(seed=seed).fit(reduced / np.linalg.norm(
        reduced, axis=1, keepdims=True)).labels_, 5)


def bertopic() -> Method:
    def method(X: np.ndarray, passages: list[Passage], seed: int) -> np.ndarray:
        from bertopic import BERTopic
        from umap import UMAP

        umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
        model = BERTopic(umap_model=umap)  # everything else: BERTopic's defaults
        topics, _ = model.fit_transform([p.text for p in passages], embeddings=X)
        method.words = {t: [w for w, _ in model.get_topic(t)] for t in set(topics) if t >= 0}
        return np.asarray(topics)
    method.words = {}
    return method


def measure(name: str, method: Method, X: np.ndarray, texts: list[str], documents, passages, gold,
            seeds: int) -> dict:
    used = modelled(passages)
    started = time.perf_counter()
    labels = method(X, used, 0)
    seconds = time.perf_counter() - started
    words = getattr(method, "words", None) or _keywords(texts, labels)
    others = [method(X, used, seed) for seed in range(1, seeds)]
    shuffled = np.random.default_rng(7).permutation(len(X))
    reordered = np.empty(len(X), dtype=int)
    reordered[shuffled] = method(X[shuffled], [used[i] for i in shuffled], 0)
    assigned = labels >= 0
    scores = document_agreement(documents, passages, labels.tolist(), [1.0] * len(labels), gold)
    keyword_lists = [words[t][:10] for t in sorted(words)]
    return {
        "method": name, "themes": int(len(set(labels[assigned].tolist()))),
        "v_measure": scores["v_measure"], "ami": scores["ami"], "ari": scores["ari"],
        "unassigned": float(1 - assigned.mean()), "documents_unassigned": 1 - scores["document_coverage"],
        "npmi": npmi_coherence(keyword_lists, texts), "diversity": topic_diversity(keyword_lists),
        "seed_ari": float(np.mean([adjusted_rand_score(labels, o) for o in others])) if others else float("nan"),
        "reorder_ari": float(adjusted_rand_score(labels, reordered)),
        "seconds": seconds,
    }


def _keywords(texts: list[str], labels: np.ndarray) -> dict[int, list[str]]:
    themes = sorted(set(labels.tolist()) - {-1})
    dense = {t: i for i, t in enumerate(themes)}
    kept = labels >= 0
    found = theme_keywords([t for t, k in zip(texts, kept) if k], np.array([dense[l] for l in labels[kept]]),
                           len(themes), 10)
    return {t: [w for w, _ in found[dense[t]]] for t in themes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "bbc.jsonl")
    parser.add_argument("--seeds", type=int, default=3, help="fits per method, for the ARI between seeds")
    parser.add_argument("--methods", default="", help="comma-separated subset of the method names")
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench")
    args = parser.parse_args()

    settings = Settings()
    gold = gold_labels(args.corpus)
    documents, passages, embeddings = read_corpus(args.corpus, settings)
    used = modelled(passages)
    X = embeddings.vectors
    # every method sees the passages in the order of their ids, as the product clusters them
    # (find_themes), so the figures are the product's whatever the order of the corpus's lines
    order = np.array(sorted(range(len(used)), key=lambda i: used[i].passage_id), dtype=int)
    used = [used[i] for i in order]
    X = X[order]
    passages = used + [p for p in passages if p.excluded is not None]
    texts = [p.text for p in used]
    n_labels = len(set(gold.values()))
    methods: dict[str, Method] = {
        "coprod: spectral, k by silhouette (default)": coprod(),
        "coprod: k-means, k by silhouette (themes.method = kmeans)": coprod(method="kmeans"),
        f"coprod: spectral, --themes {n_labels} (gold)": coprod(n_themes=n_labels),
        f"k-means, k = gold ({n_labels})": kmeans_fixed(n_labels),
        "Ward agglomerative, k by silhouette": ward_silhouette,
        "PCA-10 + HDBSCAN, outliers reassigned": hdbscan_on(pca, reassign=True),
        "UMAP-5 + HDBSCAN, outliers kept": hdbscan_on(umap5, reassign=False),
        "UMAP-5 + HDBSCAN, outliers reassigned": hdbscan_on(umap5, reassign=True),
        "UMAP-5 + k-means, k by silhouette": umap_kmeans,
        "BERTopic 0.17 defaults": bertopic(),
    }
    wanted = [m.strip() for m in args.methods.split(",") if m.strip()]
    rows = []
    for name, method in methods.items():
        if wanted and not any(w.lower() in name.lower() for w in wanted):
            continue
        rows.append(measure(name, method, X, texts, documents, passages, gold, args.seeds))
        print(json.dumps(rows[-1]), flush=True)
    print(f"\n{args.corpus.name}: {len(documents)} documents, {len(used)} passages, {n_labels} gold labels\n")
    print("| method | themes | V-measure | AMI | ARI | unassigned passages | documents unassigned | NPMI | diversity "
          "| ARI between seeds | ARI, reordered | seconds |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['method']} | {r['themes']} | {r['v_measure']:.3f} | {r['ami']:.3f} | {r['ari']:.3f} | "
              f"{r['unassigned']:.1%} | {r['documents_unassigned']:.1%} | {r['npmi']:.3f} | {r['diversity']:.2f} "
              f"| {r['seed_ari']:.3f} | {r['reorder_ari']:.3f} | {r['seconds']:.1f} |")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"themes-{args.corpus.stem}.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
