"""Full-text (BM25, DuckDB fts), semantic (cosine over stored embeddings) and hybrid search
over the modelled passages of the latest run.

The BM25 index is rebuilt in the staging file on every refresh, so the published file always
carries an index that matches its passages. Hybrid ranking fuses the two rankings by
reciprocal rank fusion (each passage scores the sum of 1 / (k + rank) over the lists).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np

from pipeline.store.extensions import load_extension

RRF_K = 60
CANDIDATES = 200  # passages taken from each ranking before fusion
# With filters: neighbours taken per passage wanted, tried in turn, before an exact scan.
OVERFETCH = (10,)


# Below this many passages an exact scan is fast enough and an HNSW index is not worth its
# build time; above it, the published file carries one (the file still opens without vss).
HNSW_MIN_PASSAGES = 100_000


def build_search_index(con: duckdb.DuckDBPyConnection, hnsw_min_passages: int = HNSW_MIN_PASSAGES) -> None:
    """BM25 index over all passages; the latest run's vectors as fixed-size arrays for fast
    cosine scans, with an HNSW index when the run is large. The rows are stored by genre, then
    theme: a filtered exact scan then reads only the blocks of that genre (or theme), as
    DuckDB skips blocks whose min/max cannot match."""
    load_extension(con, "fts")
    con.execute("PRAGMA create_fts_index('passages', 'passage_id', 'text', stemmer = 'english', "
                "stopwords = 'english', strip_accents = 1, lower = 1, overwrite = 1)")
    row = con.execute("""SELECT max(len(e.embedding)), count(*) FROM passage_themes pt
                         JOIN v_latest_run r USING (run_id) JOIN passages p USING (passage_id)
                         JOIN embeddings e ON e.text_hash = p.text_hash AND e.model_id = r.model_id""").fetchone()
    dim, count = row if row and row[0] else (1, 0)
    con.execute("DROP TABLE IF EXISTS search_vectors")
    con.execute(f"""CREATE TABLE search_vectors AS
                    SELECT pt.passage_id, pt.theme_id, d.genre, e.embedding::FLOAT[{dim}] AS embedding
                    FROM passage_themes pt JOIN v_latest_run r USING (run_id) JOIN passages p USING (passage_id)
                    JOIN documents d ON d.doc_id = p.doc_id
                    JOIN embeddings e ON e.text_hash = p.text_hash AND e.model_id = r.model_id
                    ORDER BY d.genre, pt.theme_id, pt.passage_id""")
    if count >= hnsw_min_passages:
        load_extension(con, "vss")
        con.execute("SET hnsw_enable_experimental_persistence = true")
        con.execute("CREATE INDEX search_vectors_hnsw ON search_vectors USING HNSW (embedding) "
                    "WITH (metric = 'cosine')")


@dataclass(frozen=True)
class SearchFilters:
    theme: int | None = None
    genre: str | None = None


def _scope(filters: SearchFilters) -> tuple[str, list]:
    """WHERE conditions on search_vectors (the latest run's modelled passages) and parameters."""
    conditions, params = ["TRUE"], []
    if filters.genre:
        conditions.append("genre = ?")
        params.append(filters.genre)
    if filters.theme is not None:
        conditions.append("theme_id = ?")
        params.append(filters.theme)
    return " AND ".join(conditions), params


def bm25(con: duckdb.DuckDBPyConnection, query: str, filters: SearchFilters = SearchFilters(),
         limit: int = CANDIDATES, k1: float = 1.2, b: float = 0.75) -> list[tuple[str, float]]:
    """Okapi BM25 over the posting lists of the query's terms only (the fts extension's own
    match_bm25 scores every passage, which is slow on large files); same tokenizer, stemmer
    and parameters as match_bm25."""
    load_extension(con, "fts")
    scope, params = _scope(filters)
    return con.execute(f"""
        WITH tokens AS (SELECT DISTINCT stem(unnest(fts_main_passages.tokenize(?)), 'english') AS t),
        q AS (SELECT d.termid, d.df FROM fts_main_passages.dict d JOIN tokens ON d.term = tokens.t),
        tf AS (SELECT termid, docid, count(*) AS tf FROM fts_main_passages.terms
               WHERE termid IN (SELECT termid FROM q) GROUP BY termid, docid),
        scored AS (
            SELECT docs.name AS passage_id,
                   sum(ln((stats.num_docs - q.df + 0.5) / (q.df + 0.5) + 1)
                       * tf.tf * ({k1} + 1) / (tf.tf + {k1} * (1 - {b} + {b} * docs.len / stats.avgdl))) AS score
            FROM tf JOIN q USING (termid) JOIN fts_main_passages.docs docs USING (docid),
                 fts_main_passages.stats stats
            GROUP BY docs.name)
        SELECT passage_id, score FROM scored
        WHERE passage_id IN (SELECT passage_id FROM search_vectors WHERE {scope})
        ORDER BY score DESC, passage_id LIMIT ?""", [query, *params, limit]).fetchall()


def nearest(con: duckdb.DuckDBPyConnection, vector: np.ndarray, model_id: str,
            filters: SearchFilters = SearchFilters(), limit: int = CANDIDATES) -> list[tuple[str, float]]:
    """Passages closest to the query vector (cosine similarity, highest first). Without
    filters the HNSW index answers, when the file has one; with filters, an exact scan."""
    dim = int(vector.shape[0])
    stored = con.execute("SELECT model_id FROM v_latest_run").fetchone()
    if stored is None or stored[0] != model_id:
        return []
    load_extension(con, "vss")
    # The HNSW index answers only "ORDER BY distance to a constant LIMIT k" selecting no
    # computed column, so take the ids first and score those few afterwards. With filters,
    # take many more neighbours than needed and filter them; if too few pass, scan exactly.
    literal = "[" + ",".join(f"{float(x):.8g}" for x in vector) + f"]::FLOAT[{dim}]"
    unfiltered = filters == SearchFilters()
    scope, params = _scope(filters)
    where = f"WHERE {scope}"
    tiers = [limit] if unfiltered else [limit * factor for factor in OVERFETCH]
    for fetch in tiers:
        hits = con.execute(f"""
            WITH top AS MATERIALIZED (
                SELECT passage_id, theme_id, genre, embedding FROM search_vectors
                ORDER BY array_cosine_distance(embedding, {literal}) LIMIT ?)
            SELECT passage_id, 1 - array_cosine_distance(embedding, {literal}) AS similarity
            FROM top {where} ORDER BY similarity DESC, passage_id LIMIT ?""", [fetch, *params, limit]).fetchall()
        if unfiltered or len(hits) == limit:
            return hits
    return con.execute(f"""
        SELECT passage_id, 1 - array_cosine_distance(embedding, {literal}) AS similarity
        FROM search_vectors {where}
        ORDER BY similarity DESC, passage_id LIMIT ?""", [*params, limit]).fetchall()


def fuse(*rankings: list[tuple[str, float]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Reciprocal rank fusion of several rankings of passage ids."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, (passage_id, _) in enumerate(ranking, start=1):
            scores[passage_id] = scores.get(passage_id, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))
