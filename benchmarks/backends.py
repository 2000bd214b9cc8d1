"""Embedding backends side by side: passages per second, and theme quality on labelled corpora.

    .venv/bin/python benchmarks/backends.py [--corpora bbc agnews] [--backends torch onnx-int8 static]
                                            [--sample 2000] [--repeats 3] [--out outputs/bench]

For each shared labelled corpus, the same ``--sample`` passages (the corpus's first modelled
passages) are embedded by each backend after a warm-up, the backends taking turns
``--repeats`` times; the median gives passages/s (taking turns keeps a passing load on the
machine from favouring one backend). Then each
backend's themes are scored against the gold labels by ``coprod evaluate``'s code, into one
database per corpus and backend (so a second run of this script reuses the vectors; delete
``<out>/backends`` to embed afresh). Exported and distilled models go to ``<out>/models``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from pipeline import refresh as stages
from pipeline.embed.backends import make_embedder
from pipeline.evaluate import evaluate
from pipeline.model import modelled
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"


def throughput(settings: Settings, backends: list[str], texts: list[str], repeats: int) -> dict[str, dict]:
    embedders = {b: make_embedder(settings.replace("embedding", backend=b).embedding) for b in backends}
    loads, runs = {}, {b: [] for b in backends}
    for backend, embedder in embedders.items():
        start = time.perf_counter()
        embedder.embed(texts[:8])  # loads the model; builds it the first time
        loads[backend] = time.perf_counter() - start
    for _ in range(repeats):
        for backend, embedder in embedders.items():
            start = time.perf_counter()
            embedder.embed(texts)
            runs[backend].append(time.perf_counter() - start)
    return {b: {"load_seconds": round(loads[b], 1), "sample_seconds": round(statistics.median(runs[b]), 2),
                "passages_per_second": round(len(texts) / statistics.median(runs[b]), 1),
                "passages_per_second_runs": [round(len(texts) / r, 1) for r in runs[b]]}
            for b in backends}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", nargs="+", default=["bbc", "agnews"])
    parser.add_argument("--backends", nargs="+", default=["torch", "onnx-int8", "static"])
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-themes", action="store_true", help="passages/s only")
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
        speeds = throughput(base, args.backends, texts, args.repeats)
        for backend in args.backends:
            settings = base.replace("embedding", backend=backend)
            row = {"corpus": name, "backend": backend, "sample": len(texts), **speeds[backend]}
            if args.skip_themes:
                print(json.dumps(row), flush=True)
                results.append(row)
                continue
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
              f"| {row['passages_per_second'] / torch['passages_per_second']:.2f} | {row.get('v_measure', '—')} "
              f"| {row.get('ari', '—')} | {row.get('themes', '—')} |")


if __name__ == "__main__":
    main()
