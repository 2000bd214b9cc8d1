"""coprod and BERTopic end to end, each as its users run it, side by side in one run.

    .venv/bin/python benchmarks/end_to_end.py [--corpus ../shared/benchmarks/agnews.jsonl] [--runs 1]
    .venv/bin/python benchmarks/end_to_end.py --passages 10000 100000   # AG News, then these sizes

``--passages N`` adds corpora of N documents of one passage each, made as ``benchmarks/scale.py``
makes them (two AG News items a document), so the ratio at each size prints in one run.

coprod: ``coprod refresh --corpus FILE --db NEW.duckdb`` in a process of its own, with its
defaults except the relevance filter (off: the labelled corpora are news and science, which the
filter would rightly leave out), into a new database, so every passage is embedded. The database
goes in ``outputs/benchmarks/end_to_end/``, whose Prefect state (``.prefect``) is kept between
runs as a user's output folder keeps it: the first run in a new folder also creates Prefect's
database, about 10 s more (say ``--fresh-state`` to time that). Timed from
the command to its exit (Prefect's temporary server, the report and the store included), with
each stage's seconds read back from ``runs.stage_seconds``.
BERTopic 0.17: a process that imports it, loads the same packaged all-MiniLM-L6-v2 with
sentence-transformers (torch, BERTopic's own default backend) and runs
``BERTopic(embedding_model=model).fit_transform(texts)`` on the same texts, timed from start to
its exit, with its embedding and fit timed inside. The texts are the JSONL lines' "text".
The ratio printed is BERTopic's wall time over coprod's (higher = coprod faster).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AGNEWS = ROOT.parent / "shared" / "benchmarks" / "agnews.jsonl"
VENV = Path(sys.executable).parent

BERTOPIC = r"""
import json, sys, time
started = time.perf_counter()
from bertopic import BERTopic
from sentence_transformers import SentenceTransformer
sys.path.insert(0, sys.argv[2])
from pipeline.embed.sentence_transformer import resolve_model
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
model = SentenceTransformer(resolve_model("all-MiniLM-L6-v2")[1], device="cpu")
loaded = time.perf_counter()
vectors = model.encode(texts)
embedded = time.perf_counter()
topics, _ = BERTopic(embedding_model=model).fit_transform(texts, vectors)
fitted = time.perf_counter()
print(json.dumps({"load": loaded - started, "embed": embedded - loaded, "fit": fitted - embedded,
                  "topics": len(set(topics) - {-1})}))
"""


def run_coprod(corpus: Path, work: Path) -> dict:
    db = work / f"coprod-{time.time_ns()}.duckdb"
    env = {**os.environ, "COPROD_RELEVANCE__ENABLED": "false"}
    start = time.perf_counter()
    done = subprocess.run([str(VENV / "coprod"), "refresh", "--corpus", str(corpus), "--db", str(db)],
                          env=env, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"coprod refresh failed:\n{done.stderr[-3000:]}")
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        stages = json.loads(con.execute("SELECT stage_seconds FROM runs ORDER BY run_id DESC LIMIT 1").fetchone()[0])
        themes = con.execute("SELECT count(*) FROM v_current_themes").fetchone()[0]
    finally:
        con.close()
    for leftover in work.glob(f"{db.stem}*"):  # the database, its report and snapshots
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    return {"wall": wall, "stages": stages, "themes": themes}


def run_bertopic(corpus: Path) -> dict:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", BERTOPIC, str(corpus), str(ROOT)],
                          capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    wall = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"BERTopic failed:\n{done.stderr[-3000:]}")
    return {"wall": wall, **json.loads(done.stdout.strip().splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=AGNEWS)
    parser.add_argument("--runs", type=int, default=1, help="pairs of runs, alternating the two tools")
    parser.add_argument("--fresh-state", action="store_true",
                        help="remove the benchmark folder's Prefect state first (a first run's cost)")
    parser.add_argument("--passages", type=int, nargs="*", default=[],
                        help="also corpora of this many one-passage documents (as benchmarks/scale.py makes them)")
    args = parser.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"{args.corpus} is not here: this benchmark needs the shared corpora")
    work = ROOT / "outputs" / "benchmarks" / "end_to_end"
    if args.fresh_state:
        shutil.rmtree(work / ".prefect", ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    corpora = [args.corpus.resolve()]
    if args.passages:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from scale import write_corpus
    for size in args.passages:
        path = work / "corpora" / f"scale-{size}.jsonl"
        write_corpus(path, 0, size)
        corpora.append(path)
    for corpus in corpora:
        print(f"{corpus.name}:", flush=True)
        compare(corpus, work, args.runs)


def compare(corpus: Path, work: Path, runs: int) -> None:
    for n in range(runs):
        coprod = run_coprod(corpus, work)
        bertopic = run_bertopic(corpus)
        stages = coprod["stages"]
        after_embed = sum(v for k, v in stages.items() if k not in ("fetch", "ingest", "split", "embed", "store"))
        print(f"run {n + 1}: coprod {coprod['wall']:.1f} s ({coprod['themes']} themes; stages "
              + ", ".join(f"{k} {v:.1f}" for k, v in stages.items())
              + f"; after embedding, store excluded: {after_embed:.1f} s; before and after the stages: "
              f"{coprod['wall'] - sum(stages.values()):.1f} s)")
        print(f"run {n + 1}: BERTopic {bertopic['wall']:.1f} s ({bertopic['topics']} topics; imports and model "
              f"{bertopic['load']:.1f}, embed {bertopic['embed']:.1f}, fit {bertopic['fit']:.1f})")
        print(f"run {n + 1}: BERTopic / coprod = {bertopic['wall'] / coprod['wall']:.2f}; coprod after "
              f"embedding / BERTopic fit = {after_embed / bertopic['fit']:.2f}", flush=True)


if __name__ == "__main__":
    main()
