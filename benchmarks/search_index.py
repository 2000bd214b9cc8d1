"""Cost of keeping the search index up to date: a full build, then refreshes that change 1%.

    .venv/bin/python benchmarks/search_index.py [--passages 100000] [--hnsw-min-passages 100000] [--out outputs/bench]

A database of ``--passages`` synthetic passages (random words, random unit 384-d vectors, eight
themes), written with the analyst latency benchmark's rows (one run, one passage per document).
Then, each as a new run in the same file reopened as a refresh's staging copy:

1. full build: BM25 index, `search_vectors` and its HNSW index from nothing;
2. +1%: 1% new passages, 1% of the others moved to another theme (a refresh adding documents);
3. +1%, -0.5%: as 2, and 0.5% of the passages retired (documents edited or deleted).

Each step times the BM25 index, `search_vectors` (with its HNSW index) and the CHECKPOINT that
writes them, and checks that a new passage is its own nearest neighbour.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from analyst_latency import MODEL_ID, write_rows  # run as a script: benchmarks/ is on the path
from pipeline.store.connect import apply_schema
from pipeline.store.extensions import load_extension
from pipeline.store.search import HNSW_MIN_PASSAGES, build_bm25_index, nearest, update_search_vectors

ROOT = Path(__file__).resolve().parents[1]
DIM = 384
THEMES = 8


def items(n: int, start: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    vocabulary = np.array([f"w{k}" for k in range(5000)])
    vectors = rng.standard_normal((n, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return pd.DataFrame({"i": range(start, start + n),
                         "text": [" ".join(rng.choice(vocabulary, 30)) + "." for _ in range(n)],
                         "label": [f"t{k}" for k in rng.integers(0, THEMES, n)],
                         "vec": list(vectors)})


def open_staging(db: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(db))
    load_extension(con, "vss")
    apply_schema(con)
    return con


def next_run(con: duckdb.DuckDBPyConnection, run_id: str, new: pd.DataFrame, retheme: float, retire: float) -> None:
    """A run after the latest: its passages less a ``retire`` share, a ``retheme`` share moved
    to the next theme, and the ``new`` items as new documents and passages."""
    previous = con.execute("SELECT run_id FROM v_latest_run").fetchone()[0]
    con.execute("""INSERT INTO runs SELECT * REPLACE (? AS run_id, finished_at + INTERVAL 1 HOUR AS finished_at)
                   FROM runs WHERE run_id = ?""", [run_id, previous])
    con.execute("""INSERT INTO passage_themes
                   SELECT * EXCLUDE (u) REPLACE (? AS run_id,
                          CASE WHEN u < ? + ? THEN (theme_id + 1) % ? ELSE theme_id END AS theme_id)
                   FROM (SELECT *, hash(passage_id || ?) / 18446744073709551615 AS u
                         FROM passage_themes WHERE run_id = ?)
                   WHERE u >= ?""", [run_id, retire, retheme, THEMES, run_id, previous, retire])
    con.register("new", new)
    con.execute("""INSERT INTO documents (doc_id, external_id, source_uri, genre, content_hash, text,
                   first_run_id, last_run_id)
                   SELECT 'd0-' || i, 'synthetic/' || i, 'synthetic:' || i, ?[(i % 5) + 1], md5(text), text, ?, ?
                   FROM new""", [["abstract", "blog", "forum", "encyclopedia", "other"], run_id, run_id])
    con.execute("""INSERT INTO passages (passage_id, doc_id, position, text, char_start, char_end, text_hash)
                   SELECT 'p0-' || i, 'd0-' || i, 0, text, 0, length(text), md5(text) FROM new""")
    con.execute("INSERT INTO embeddings SELECT ?, md5(text), vec::FLOAT[] FROM new", [MODEL_ID])
    con.execute("""INSERT INTO passage_themes (run_id, passage_id, theme_id, score)
                   SELECT ?, 'p0-' || i, i % ?, 0.5 FROM new""", [run_id, THEMES])
    con.unregister("new")


def timed_index(con: duckdb.DuckDBPyConnection, label: str, probe: pd.DataFrame, hnsw_min_passages: int) -> None:
    start = time.perf_counter()
    build_bm25_index(con)
    bm25_s = time.perf_counter() - start
    start = time.perf_counter()
    how = update_search_vectors(con, hnsw_min_passages)
    vectors_s = time.perf_counter() - start
    start = time.perf_counter()
    con.execute("CHECKPOINT")
    checkpoint_s = time.perf_counter() - start
    n, dead = con.execute("SELECT count(passage_id), count(*) - count(passage_id) FROM search_vectors").fetchone()
    hit = nearest(con, probe["vec"].iloc[0], MODEL_ID, limit=1)
    assert hit and hit[0][0] == f"p0-{probe['i'].iloc[0]}", hit
    print(f"| {label} | {n:,} | {how} | {dead:,} | {bm25_s:.1f} | {vectors_s:.1f} | {checkpoint_s:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--hnsw-min-passages", type=int, default=HNSW_MIN_PASSAGES)
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    db = args.out / f"search-index-{args.passages}.duckdb"
    for leftover in (db, db.with_name(db.name + ".wal")):
        leftover.unlink(missing_ok=True)
    n, step = args.passages, max(1, args.passages // 100)

    base = items(n, 0, seed=0)
    con = open_staging(db)
    write_rows(con, base, copies=1, corpus="synthetic")
    print("| step | passages | search_vectors | tombstones | BM25 s | search_vectors + HNSW s | CHECKPOINT s |")
    print("|---|---|---|---|---|---|---|")
    timed_index(con, "full build", base, args.hnsw_min_passages)
    con.close()

    for run_id, label, retire, seed in [("run-0002", "+1% added, 1% re-themed", 0.0, 1),
                                        ("run-0003", "+1% added, 1% re-themed, 0.5% retired", 0.005, 2)]:
        new = items(step, n + (seed - 1) * step, seed=seed)
        con = open_staging(db)
        next_run(con, run_id, new, retheme=0.01, retire=retire)
        timed_index(con, label, new, args.hnsw_min_passages)
        con.close()


if __name__ == "__main__":
    main()
