"""Full-text (BM25, DuckDB fts), semantic (cosine over stored embeddings) and hybrid search
over the modelled passages of the latest run.

The BM25 index is rebuilt in the staging file on every refresh, so the published file always
carries an index that matches its passages. `search_vectors` (and its HNSW index) is brought
up to date with the latest run instead of being rebuilt: most refreshes add a few documents,
and rebuilding the HNSW index took most of such a refresh from 100,000 passages. Hybrid ranking
fuses the two rankings by reciprocal rank fusion (each passage scores the sum of
1 / (k + rank) over the lists).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import duckdb
import numpy as np

from pipeline.store.extensions import load_extension

log = logging.getLogger("coprod")

RRF_K = 60
CANDIDATES = 200  # passages taken from each ranking before fusion
# With filters: neighbours taken per passage wanted, tried in turn, before an exact scan.
OVERFETCH = (10,)


# Below this many passages an exact scan is fast enough and an HNSW index is not worth its
# build time; above it, the published file carries one (the file still opens without vss).
HNSW_MIN_PASSAGES = 100_000
HNSW_INDEX = "search_vectors_hnsw"

# Above this share of changed rows (added, removed, re-embedded or re-themed, over the run's
# passages) search_vectors is built afresh instead of updated. Added rows go to the end of the
# table and re-themed rows stay where they were, so every changed row weakens the genre/theme
# order that lets a filtered exact scan skip blocks; and inserting into the HNSW index one
# vector at a time costs as much per vector as the build or more (up to twice, measured at
# 100,000 passages), so past about a third of the rows updating saves little and leaves a
# worse table than a fresh build. A new model changes every vector and always lands here.
REBUILD_SHARE = 0.3

# vss cannot remove a vector from an HNSW index read back from a file (see _apply), so with an
# index a passage that leaves the run leaves a tombstone: its row stays, with passage_id,
# theme_id and genre NULL, and searches skip it. Past this share of tombstones (over the live
# rows) the table is built afresh, which drops them; until then a refresh that retires or
# re-embeds a few passages costs an update, not a build (about 80 s at 100,000 passages).
TOMBSTONE_SHARE = 0.1

# The latest run's modelled passages, and their rows as search_vectors holds them.
_FROM = """FROM passage_themes pt JOIN v_latest_run r USING (run_id) JOIN passages p USING (passage_id)
           JOIN documents d ON d.doc_id = p.doc_id
           JOIN embeddings e ON e.text_hash = p.text_hash AND e.model_id = r.model_id"""
_LATEST = "SELECT pt.passage_id, pt.theme_id, d.genre, e.embedding::FLOAT[{dim}] AS embedding " + _FROM
_ORDER = "ORDER BY genre, theme_id, passage_id"


def build_search_index(con: duckdb.DuckDBPyConnection, hnsw_min_passages: int = HNSW_MIN_PASSAGES) -> str:
    """BM25 index over all passages; the latest run's vectors as fixed-size arrays for fast
    cosine scans, with an HNSW index when the run is large. Returns how search_vectors was
    brought up to date ("rebuilt" or "updated")."""
    build_bm25_index(con)
    return update_search_vectors(con, hnsw_min_passages)


def build_bm25_index(con: duckdb.DuckDBPyConnection) -> None:
    load_extension(con, "fts")
    con.execute("PRAGMA create_fts_index('passages', 'passage_id', 'text', stemmer = 'english', "
                "stopwords = 'english', strip_accents = 1, lower = 1, overwrite = 1)")


def update_search_vectors(con: duckdb.DuckDBPyConnection, hnsw_min_passages: int = HNSW_MIN_PASSAGES) -> str:
    """Make search_vectors hold exactly the latest run's modelled passages, with the same rows
    a fresh build would give: remove passages that left the run or whose vector changed, set
    theme and genre where they changed, add the new ones. Rebuilt from scratch when the table
    is missing, has another dimension, or too much changed (see REBUILD_SHARE)."""
    row = con.execute(f"SELECT max(len(e.embedding)), count(*) {_FROM}").fetchone()
    dim, count = row if row and row[0] else (1, 0)
    latest = _LATEST.format(dim=dim)
    wants_index = count >= hnsw_min_passages
    if _stored_type(con) != f"FLOAT[{dim}]":
        return _rebuild(con, latest, wants_index, "no search_vectors of this dimension yet")
    has_index = con.execute("SELECT count(*) FROM duckdb_indexes() WHERE index_name = ?",
                            [HNSW_INDEX]).fetchone()[0] > 0
    dead = con.execute("SELECT count(*) FROM search_vectors WHERE passage_id IS NULL").fetchone()[0]
    if has_index:  # a table with an HNSW index can only be written with vss loaded
        _enable_hnsw(con)
    # What differs, by passage: 'add', 'remove', 'replace' (same passage, another vector: a new
    # text or model) or 'retheme' (theme or genre only). Vectors are compared as stored.
    con.execute(f"""CREATE OR REPLACE TEMP TABLE search_changes AS
                    SELECT coalesce(w.passage_id, s.passage_id) AS passage_id,
                           CASE WHEN s.passage_id IS NULL THEN 'add'
                                WHEN w.passage_id IS NULL THEN 'remove'
                                WHEN w.embedding IS DISTINCT FROM s.embedding THEN 'replace'
                                ELSE 'retheme' END AS change,
                           w.theme_id, w.genre
                    FROM ({latest}) w
                    FULL JOIN (SELECT * FROM main.search_vectors WHERE passage_id IS NOT NULL) s
                      ON s.passage_id = w.passage_id
                    WHERE s.passage_id IS NULL OR w.passage_id IS NULL
                       OR w.embedding IS DISTINCT FROM s.embedding
                       OR w.theme_id IS DISTINCT FROM s.theme_id OR w.genre IS DISTINCT FROM s.genre""")
    try:
        changes = dict(con.execute("SELECT change, count(*) FROM search_changes GROUP BY change").fetchall())
        removed = changes.get("remove", 0) + changes.get("replace", 0)
        if sum(changes.values()) > REBUILD_SHARE * max(count, 1):
            return _rebuild(con, latest, wants_index, f"{sum(changes.values())} of {count} rows changed")
        if wants_index and not has_index:
            return _rebuild(con, latest, wants_index, f"{count} passages: the HNSW index is due")
        if has_index and wants_index and dead + removed > TOMBSTONE_SHARE * max(count, 1):
            return _rebuild(con, latest, wants_index, f"{dead + removed} tombstones in the HNSW index")
        if has_index and not wants_index:
            con.execute(f"DROP INDEX {HNSW_INDEX}")  # as a fresh build of a small run has none
        _apply(con, latest, tombstones=has_index and wants_index)
    finally:
        con.execute("DROP TABLE IF EXISTS search_changes")
    log.info("search vectors updated: %s", ", ".join(f"{n} {c}" for c, n in sorted(changes.items())) or "no change")
    return "updated"


def _stored_type(con: duckdb.DuckDBPyConnection) -> str | None:
    """search_vectors' vector type, if the table has the expected columns."""
    columns = dict(con.execute("""SELECT column_name, data_type FROM duckdb_columns()
                                  WHERE database_name = current_database() AND schema_name = 'main'
                                    AND table_name = 'search_vectors'""").fetchall())
    if set(columns) != {"passage_id", "theme_id", "genre", "embedding"}:
        return None
    return columns["embedding"]


def _apply(con: duckdb.DuckDBPyConnection, latest: str, tombstones: bool) -> None:
    """Apply search_changes to search_vectors. theme_id and genre carry no index, so DuckDB
    updates them in place; new rows are appended in genre/theme order among themselves.

    With ``tombstones`` (the table has an HNSW index) a removed or re-embedded passage's row is
    kept with its passage_id, theme_id and genre set to NULL rather than deleted: vss 1.5.5
    cannot remove a row from an HNSW index read back from a file (the row leaves the table but
    stays in the graph, so a top-k search returns fewer rows, and its stale key can collide
    with a row id DuckDB hands out again; duckdb-vss pull request 93 fixes it). Updating
    columns the index does not cover is safe, as re-theming shows."""
    gone = "SELECT passage_id FROM search_changes WHERE change IN ('remove', 'replace')"
    if tombstones:
        con.execute(f"UPDATE search_vectors SET passage_id = NULL, theme_id = NULL, genre = NULL "
                    f"WHERE passage_id IN ({gone})")
    else:  # no index: rows really go, and so do tombstones of an index just dropped
        con.execute(f"DELETE FROM search_vectors WHERE passage_id IN ({gone}) OR passage_id IS NULL")
    con.execute("""UPDATE search_vectors s SET theme_id = c.theme_id, genre = c.genre FROM search_changes c
                   WHERE c.passage_id = s.passage_id AND c.change = 'retheme'""")
    con.execute(f"""INSERT INTO search_vectors SELECT * FROM ({latest}) w
                    WHERE w.passage_id IN (SELECT passage_id FROM search_changes WHERE change IN ('add', 'replace'))
                    {_ORDER}""")


def _enable_hnsw(con: duckdb.DuckDBPyConnection) -> None:
    """vss loaded, and HNSW indexes allowed in a file (the published file carries one)."""
    load_extension(con, "vss")
    con.execute("SET hnsw_enable_experimental_persistence = true")


def _rebuild(con: duckdb.DuckDBPyConnection, latest: str, wants_index: bool, reason: str) -> str:
    """search_vectors afresh, stored by genre, then theme: a filtered exact scan then reads
    only the blocks of that genre (or theme), as DuckDB skips blocks whose min/max cannot match."""
    log.info("search vectors rebuilt: %s", reason)
    con.execute("DROP TABLE IF EXISTS search_vectors")
    con.execute(f"CREATE TABLE search_vectors AS {latest} {_ORDER}")
    if wants_index:
        _enable_hnsw(con)
        con.execute(f"CREATE INDEX {HNSW_INDEX} ON search_vectors USING HNSW (embedding) "
                    "WITH (metric = 'cosine')")
    return "rebuilt"


@dataclass(frozen=True)
class SearchFilters:
    theme: int | None = None
    genre: str | None = None


def _scope(filters: SearchFilters) -> tuple[str, list]:
    """WHERE conditions on search_vectors (the latest run's modelled passages) and parameters."""
    conditions, params = ["passage_id IS NOT NULL"], []  # not a tombstone (see _apply)
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
    """Passages closest to the query vector (cosine similarity, highest first). The HNSW
    index answers, when the file has one; with filters (or tombstones) its answer is filtered,
    and an exact scan answers when too few of its rows pass."""
    dim = int(vector.shape[0])
    stored = con.execute("SELECT model_id FROM v_latest_run").fetchone()
    if stored is None or stored[0] != model_id:
        return []
    load_extension(con, "vss")
    # The HNSW index answers only "ORDER BY distance to a constant LIMIT k" selecting no
    # computed column, so take the ids first and score those few afterwards. With filters,
    # take many more neighbours than needed and filter them; if too few pass, scan exactly.
    literal = "[" + ",".join(f"{float(x):.8g}" for x in vector) + f"]::FLOAT[{dim}]"
    # Tombstones (see _apply) are filtered out like rows of another genre: without filters the
    # index's first ``limit`` rows are tried first, as they rarely hold one.
    scope, params = _scope(filters)
    where = f"WHERE {scope}"
    factors = (1, *OVERFETCH) if filters == SearchFilters() else OVERFETCH
    for fetch in [limit * factor for factor in factors]:
        hits = con.execute(f"""
            WITH top AS MATERIALIZED (
                SELECT passage_id, theme_id, genre, embedding FROM search_vectors
                ORDER BY array_cosine_distance(embedding, {literal}) LIMIT ?)
            SELECT passage_id, 1 - array_cosine_distance(embedding, {literal}) AS similarity
            FROM top {where} ORDER BY similarity DESC, passage_id LIMIT ?""", [fetch, *params, limit]).fetchall()
        if len(hits) == limit:
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
