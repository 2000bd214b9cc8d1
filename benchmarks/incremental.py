"""Cost of an incremental refresh: a full run, then a run after adding 1% more documents.

    .venv/bin/python benchmarks/incremental.py [--documents 1000] [--added 0.01] [--out outputs/bench]

The corpus is the first ``--documents`` articles of the shared BBC corpus (one JSONL file);
the second refresh adds the next ``--added`` share of articles as a second file. Both runs are
the pipeline without Prefect (`pipeline.refresh.refresh`) into a new database; seconds per
stage come from `runs.stage_seconds`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

import duckdb

from pipeline.refresh import refresh
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "benchmarks" / "bbc.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--added", type=float, default=0.01)
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench")
    args = parser.parse_args()

    lines = BBC.read_text(encoding="utf-8").splitlines()
    n_added = max(1, round(args.documents * args.added))
    base, added = lines[: args.documents], lines[args.documents: args.documents + n_added]
    work = args.out / "incremental"
    shutil.rmtree(work, ignore_errors=True)
    corpus = work / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "base.jsonl").write_text("\n".join(base) + "\n", encoding="utf-8")
    db = work / "bbc.duckdb"
    # BBC news is not co-production: without this the relevance filter keeps most of it out of
    # the themes, and the refresh measured would model a small remainder
    settings = Settings().replace("relevance", enabled=False)

    timings = {}
    for name in ("full", "incremental"):
        if name == "incremental":
            (corpus / "added.jsonl").write_text("\n".join(added) + "\n", encoding="utf-8")
        started = time.perf_counter()
        result = refresh(corpus, db, None, settings)
        timings[name] = {"wall": time.perf_counter() - started, "documents": result.n_documents,
                         "passages": result.n_modelled, "embedded": result.embeddings_computed,
                         "reused": result.embeddings_reused, "themes": len(result.themes.themes)}
    con = duckdb.connect(str(db), read_only=True)
    stages = [json.loads(s) for (s,) in con.execute(
        "SELECT stage_seconds FROM runs WHERE status = 'succeeded' ORDER BY run_id").fetchall()]
    relations = con.execute("SELECT relation, count(*) FROM theme_lineage WHERE run_id = "
                            "(SELECT max(run_id) FROM runs) GROUP BY 1 ORDER BY 1").fetchall()
    con.close()
    full, incremental = timings["full"], timings["incremental"]
    print(f"\nBBC: {args.documents} documents, then {n_added} added ({args.added:.0%})\n")
    print("| stage | full run (s) | after adding documents (s) |")
    print("|---|---|---|")
    for stage in stages[0]:
        print(f"| {stage} | {stages[0][stage]:.1f} | {stages[1].get(stage, 0):.1f} |")
    print(f"| **wall time** | **{full['wall']:.1f}** | **{incremental['wall']:.1f}** "
          f"({incremental['wall'] / full['wall']:.1%} of the full run) |")
    print(f"\nfull: {full}\nincremental: {incremental}\nlineage of the second run: {relations}")
    (args.out / "incremental.json").write_text(json.dumps({"timings": timings, "stages": stages}, indent=2))


if __name__ == "__main__":
    main()
