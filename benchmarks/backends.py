"""Embedding backends side by side: passages per second, and theme quality on labelled corpora.

    .venv/bin/python benchmarks/backends.py [--corpora bbc agnews] [--backends torch onnx-int8 static]
                                            [--sample 2000] [--out outputs/bench]

For each shared labelled corpus, the same ``--sample`` passages (the corpus's first modelled
passages) are embedded by each backend after a warm-up, which gives passages/s. Then each
backend's themes are scored against the gold labels by ``coprod evaluate``'s code, into one
database per corpus and backend (so a second run of this script reuses the vectors; delete
``<out>/backends`` to embed afresh). Exported and distilled models go to ``<out>/models``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pipeline import refresh as stages
from pipeline.embed.backends import make_embedder
from pipeline.evaluate import evaluate
from pipeline.model import modelled
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"


def throughput(settings: Settings, texts: list[str]) -> dict[str, float]:
    embedder = make_embedder(settings.embedding)
    start = time.perf_counter()
    embedder.embed(texts[:8])  # loads the model; builds it the first time
    load = time.perf_counter() - start
    start = time.perf_counter()
    embedder.embed(texts)
    seconds = time.perf_counter() - start
    return {"load_seconds": round(load, 1), "sample_seconds": round(seconds, 2),
            "passages_per_second": round(len(texts) / seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", nargs="+", default=["bbc", "agnews"])
    parser.add_argument("--backends", nargs="+", default=["torch", "onnx-int8", "static"])
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench")
    args = parser.parse_args()
    work = args.out / "backends"
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for name in args.corpora:
        corpus = SHARED / f"{name}.jsonl"
        base = Settings().replace("embedding", artifacts_dir=str(args.out / "models"))
        documents, _ = stages.ingest(corpus, base)
        texts = [p.text for p in modelled(stages.split(documents, base))][: args.sample]
        for backend in args.backends:
            settings = base.replace("embedding", backend=backend)
            row = {"corpus": name, "backend": backend, "sample": len(texts), **throughput(settings, texts)}
            evaluation = evaluate(corpus, work / f"{name}-{backend}.duckdb", settings)
            row.update({"passages": evaluation.n_modelled, "themes": evaluation.n_themes,
                        "embed_seconds": round(evaluation.seconds["embed"], 1),
                        "v_measure": round(evaluation.scores["v_measure"], 3),
                        "ari": round(evaluation.scores["ari"], 3),
                        "npmi": round(evaluation.scores.get("npmi_coherence", float("nan")), 3)})
            print(json.dumps(row), flush=True)
            results.append(row)
    (args.out / "backends.json").write_text(json.dumps(results, indent=2))
    print("\n| corpus | backend | passages/s | x torch | V-measure | ARI | themes |")
    print("|---|---|---|---|---|---|---|")
    for row in results:
        torch = next((r for r in results if r["corpus"] == row["corpus"] and r["backend"] == "torch"), row)
        print(f"| {row['corpus']} | {row['backend']} | {row['passages_per_second']} "
              f"| {row['passages_per_second'] / torch['passages_per_second']:.1f} | {row['v_measure']} "
              f"| {row['ari']} | {row['themes']} |")


if __name__ == "__main__":
    main()
