"""Latency of the analysts' views and of `coprod search` on a database of ~1,000,000 passages.

    .venv/bin/python benchmarks/analyst_latency.py [--copies 132] [--out outputs/bench]

The database is built from the shared AG News items (7,600 short texts), each repeated
``--copies`` times as a distinct document with a distinct text ("... [copy n]") and its own
vector (the item's real all-MiniLM-L6-v2 embedding plus small noise, so all 1M vectors
differ). Themes are the four gold categories. The schema, views and BM25 index are the
product's own (pipeline.store); the timings are medians of five runs on a read-only
connection, after one warm-up run.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from pipeline.embed.sentence_transformer import SentenceTransformerEmbedder
from pipeline.store.connect import apply_schema
from pipeline.store.search import SearchFilters, bm25, build_search_index, fuse, nearest
from pipeline.store.snapshot import snapshot_views

ROOT = Path(__file__).resolve().parents[1]
AGNEWS = ROOT.parent / "shared" / "benchmarks" / "agnews.jsonl"
SCHEMA_DOC = ROOT / "docs" / "schema.md"
MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
GENRES = ["abstract", "blog", "forum", "encyclopedia", "other"]


def base_items(out: Path, embedder: SentenceTransformerEmbedder) -> pd.DataFrame:
    items = pd.DataFrame([json.loads(line) for line in AGNEWS.open()])
    cache = out / "agnews-vectors.npy"
    if cache.is_file():
        vectors = np.load(cache)
    else:
        start = time.perf_counter()
        vectors = embedder.embed(items["text"].tolist())
        print(f"embedded {len(items)} items in {time.perf_counter() - start:.0f} s")
        np.save(cache, vectors)
    items["vec"] = [v.tolist() for v in vectors]
    items["i"] = range(len(items))
    return items


def write_rows(con: duckdb.DuckDBPyConnection, items: pd.DataFrame, copies: int, corpus: str = "agnews-1m") -> None:
    """One succeeded run ('run-0001') of ``items`` (columns i, text, label, vec) × ``copies``
    into a database with the product's schema: documents, passages, embeddings (vec plus small
    noise), the labels as themes, each passage in its item's theme."""
    con.register("base", items[["i", "text", "label", "vec"]])
    con.execute("CREATE TEMP TABLE b AS SELECT i, text, label, vec::FLOAT[] AS vec FROM base")
    con.execute("CREATE TEMP TABLE c AS SELECT range AS c FROM range(?)", [copies])
    sizes = con.execute("SELECT label, count(*) * ? FROM b GROUP BY label ORDER BY label", [copies]).fetchall()
    labels = [label for label, _ in sizes]
    con.execute("""INSERT INTO runs (run_id, started_at, finished_at, status, corpus, settings, model_id,
                   n_documents, n_passages, n_themes, n_errors, embeddings_computed, embeddings_reused,
                   quality, n_modelled)
                   SELECT 'run-0001', now(), now(), 'succeeded', ?, '{}', ?, n, n, ?, 0, n, 0,
                          '{"silhouette": null}', n FROM (SELECT count(*) AS n FROM b, c)""",
                [corpus, MODEL_ID, len(labels)])
    con.execute("""INSERT INTO documents (doc_id, external_id, source_uri, genre, title, authors, published,
                   language, content_hash, text, removed_lines, first_run_id, last_run_id)
                   SELECT 'd' || c || '-' || i, 'agnews/' || i || '/' || c, 'agnews.jsonl:' || i,
                          ?[(i % 5) + 1], split_part(text, '.', 1), ['Author ' || (i % 997)],
                          DATE '2000-01-01' + INTERVAL (i % 9000) DAY, 'en', md5(text || c),
                          text || ' [copy ' || c || ']', 0, 'run-0001', 'run-0001'
                   FROM b, c""", [GENRES])
    con.execute("""INSERT INTO run_documents SELECT 'run-0001', doc_id, content_hash FROM documents""")
    con.execute("""INSERT INTO passages (passage_id, doc_id, position, text, char_start, char_end, text_hash,
                   content_hash, language)
                   SELECT 'p' || substr(doc_id, 2), doc_id, 0, text, 0, length(text), md5(text), content_hash, 'en'
                   FROM documents""")
    con.execute("""INSERT INTO embeddings
                   SELECT ?, md5(b.text || ' [copy ' || c.c || ']'),
                          list_transform(b.vec, x -> x + (random() - 0.5) * 0.02)
                   FROM b, c""", [MODEL_ID])
    theme_rows = [("run-0001", t, label, [label.lower()], [1.0], size) for t, (label, size) in enumerate(sizes)]
    con.executemany("INSERT INTO themes (run_id, theme_id, label, keywords, keyword_scores, size) "
                    "VALUES (?, ?, ?, ?, ?, ?)", theme_rows)
    con.execute("""INSERT INTO passage_themes (run_id, passage_id, theme_id, score)
                   SELECT 'run-0001', 'p' || c || '-' || i, list_position(?, label) - 1, 0.5 FROM b, c""", [labels])
    con.execute("""INSERT INTO document_themes
                   SELECT 'run-0001', 'd' || c || '-' || i, list_position(?, label) - 1, 1.0 FROM b, c""", [labels])
    con.execute("""INSERT INTO theme_representatives
                   SELECT 'run-0001', t, 1, (SELECT passage_id FROM passage_themes WHERE theme_id = t LIMIT 1)
                   FROM range(?) r(t)""", [len(labels)])
    con.execute("DROP TABLE b")
    con.execute("DROP TABLE c")
    con.unregister("base")


def build(db: Path, items: pd.DataFrame, copies: int) -> None:
    db.unlink(missing_ok=True)
    con = duckdb.connect(str(db))
    apply_schema(con)
    start = time.perf_counter()
    write_rows(con, items, copies)
    print(f"rows written in {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    build_search_index(con)
    print(f"search index (BM25, vectors, HNSW) built in {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    snapshot_views(con)
    print(f"view snapshots written in {time.perf_counter() - start:.0f} s")
    con.execute("CHECKPOINT")
    con.close()


def timed(fn, repeat: int = 5) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(db: Path, embedder: SentenceTransformerEmbedder) -> None:
    con = duckdb.connect(str(db), read_only=True)
    n = con.execute("SELECT count(*) FROM passages").fetchone()[0]
    print(f"database: {n:,} passages, {db.stat().st_size / 1e9:.2f} GB")
    queries = re.findall(r"```sql\n(.*?)```", SCHEMA_DOC.read_text(), flags=re.S)
    print("| query (docs/schema.md) | median ms |\n|---|---|")
    for sql in queries:
        first = " ".join(line for line in sql.splitlines() if not line.startswith("--"))[:70]
        print(f"| `{first}` | {timed(lambda: con.execute(sql).fetchall()):.0f} |")
    for text in ["oil prices rise as markets fall", "new space telescope launch", "football team wins the cup"]:
        vector = embedder.embed([text])[0]
        print(f"| query embedding `{text}` | {timed(lambda: embedder.embed([text])):.0f} |")
        print(f"| BM25 top 200 | {timed(lambda: bm25(con, text, SearchFilters())):.0f} |")
        print(f"| cosine top 200 (HNSW when present) | {timed(lambda: nearest(con, vector, MODEL_ID)):.0f} |")
        print(f"| cosine top 200 within one genre | "
              f"{timed(lambda: nearest(con, vector, MODEL_ID, SearchFilters(genre='forum'))):.0f} |")

        def run_search():
            query_vector = embedder.embed([text])[0]
            return fuse(bm25(con, text, SearchFilters()), nearest(con, query_vector, MODEL_ID))[:10]
        print(f"| whole search `{text}` | {timed(run_search):.0f} |")

        def run_filtered():
            query_vector = embedder.embed([text])[0]
            wanted = SearchFilters(genre="forum")
            return fuse(bm25(con, text, wanted), nearest(con, query_vector, MODEL_ID, wanted))[:10]
        print(f"| whole search `{text}`, forum only | {timed(run_filtered):.0f} |")
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=132)
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench")
    parser.add_argument("--reuse", action="store_true", help="measure an existing database")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    db = args.out / f"agnews-x{args.copies}.duckdb"
    embedder = SentenceTransformerEmbedder()
    if not (args.reuse and db.is_file()):
        build(db, base_items(args.out, embedder), args.copies)
    measure(db, embedder)


if __name__ == "__main__":
    main()
