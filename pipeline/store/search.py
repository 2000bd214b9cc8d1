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


def build_search_index(con: duckdb.DuckDBPyConnection) -> None:
    load_extension(con, "fts")
    con.execute("PRAGMA create_fts_index('passages', 'passage_id', 'text', stemmer = 'english', "
                "stopwords = 'english', strip_accents = 1, lower = 1, overwrite = 1)")


@dataclass(frozen=True)
class SearchFilters:
    theme: int | None = None
    genre: str | None = None


def _scope(filters: SearchFilters) -> tuple[str, list]:
    """SQL conditions (on v_passages_in_context aliased c) and their parameters."""
    conditions, params = [], []
    if filters.theme is not None:
        conditions.append("c.theme_id = ?")
        params.append(filters.theme)
    if filters.genre:
        conditions.append("c.genre = ?")
        params.append(filters.genre)
    return (" AND " + " AND ".join(conditions)) if conditions else "", params


def bm25(con: duckdb.DuckDBPyConnection, query: str, filters: SearchFilters = SearchFilters(),
         limit: int = CANDIDATES) -> list[tuple[str, float]]:
    load_extension(con, "fts")
    where, params = _scope(filters)
    return con.execute(f"""
        SELECT passage_id, score FROM (
            SELECT c.passage_id, fts_main_passages.match_bm25(c.passage_id, ?) AS score
            FROM v_passages_in_context c WHERE TRUE {where}
        ) WHERE score IS NOT NULL ORDER BY score DESC, passage_id LIMIT ?""",
        [query, *params, limit]).fetchall()


def nearest(con: duckdb.DuckDBPyConnection, vector: np.ndarray, model_id: str,
            filters: SearchFilters = SearchFilters(), limit: int = CANDIDATES) -> list[tuple[str, float]]:
    """Passages closest to the query vector (cosine similarity, highest first)."""
    dim = int(vector.shape[0])
    where, params = _scope(filters)
    return con.execute(f"""
        SELECT c.passage_id,
               1 - array_cosine_distance(e.embedding::FLOAT[{dim}], ?::FLOAT[{dim}]) AS similarity
        FROM v_passages_in_context c
        JOIN passages p USING (passage_id)
        JOIN embeddings e ON e.text_hash = p.text_hash AND e.model_id = ?
        WHERE TRUE {where}
        ORDER BY similarity DESC, c.passage_id LIMIT ?""",
        [vector.astype(np.float32).tolist(), model_id, *params, limit]).fetchall()


def fuse(*rankings: list[tuple[str, float]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Reciprocal rank fusion of several rankings of passage ids."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, (passage_id, _) in enumerate(ranking, start=1):
            scores[passage_id] = scores.get(passage_id, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))
