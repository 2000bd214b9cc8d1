"""One scheduled refresh of 1% more documents, in a process of its own, as an operator's
cron'd deployment runs it: wall time and peak memory by stage.

    .venv/bin/python benchmarks/refresh_step.py build --size 100000 [--backend static]
    .venv/bin/python benchmarks/refresh_step.py refresh --size 100000 [--backend static]

``build`` writes `benchmarks/scale.py`'s corpus (documents of two AG News items each), makes
a full run and a first +1% refresh (the one that crosses 100,000 modelled passages and builds
the HNSW index), and keeps that database as the base. ``refresh`` copies the base and adds
another 1% of documents, the refresh most schedules make, and can be repeated against the
same base (the base is never written). With ``--backend static`` embedding takes seconds, so
the other stages' cost shows. `benchmarks/scale.py` runs its refreshes in the process that
made the full run, which starts them holding the model and the heap the full run grew; here the
process starts empty.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scale import ROOT, PeakMemory, scale_settings, write_corpus  # noqa: E402

from pipeline import refresh as stages  # noqa: E402
from pipeline.settings import Settings  # noqa: E402


def build(work: Path, size: int, settings: Settings) -> dict:
    shutil.rmtree(work, ignore_errors=True)
    corpus, db = work / "corpus", work / "scale.duckdb"
    write_corpus(corpus / "base.jsonl", 0, size)
    seconds = {}
    start = time.perf_counter()
    stages.run_stages(corpus, db, settings)
    seconds["full"] = round(time.perf_counter() - start, 1)
    write_corpus(corpus / "added.jsonl", size, size // 100)
    start = time.perf_counter()
    stages.run_stages(corpus, db, settings)
    seconds["+1%"] = round(time.perf_counter() - start, 1)
    shutil.copy(db, work / "base.duckdb")
    return seconds


def refresh(work: Path, size: int, settings: Settings) -> dict:
    corpus, db = work / "corpus", work / "scale.duckdb"
    if not (work / "base.duckdb").exists():
        raise SystemExit(f"no base database in {work}: run `build` first")
    shutil.copy(work / "base.duckdb", db)
    added = corpus / "added-2.jsonl"
    write_corpus(added, size + size // 100, size // 100)
    memory = PeakMemory()
    fns = memory.stages()
    try:
        with memory:
            start = time.perf_counter()
            stages.run_stages(corpus, db, settings, fns=fns)
            seconds = round(time.perf_counter() - start, 1)
    finally:
        added.unlink()
    return {"another +1%": seconds, "stage_seconds": {k: round(v, 1) for k, v in memory.seconds.items()},
            "stage_peak_mb": {k: round(v) for k, v in memory.peaks.items()},
            "peak_mb": round(max(memory.peaks.values()))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["build", "refresh"])
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--backend", default="static")
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench")
    args = parser.parse_args()
    work = args.out / f"refresh-step-{args.size}-{args.backend}"
    settings = scale_settings(args.backend, args.out / "models")
    result = (build if args.step == "build" else refresh)(work, args.size, settings)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
