"""What analysts do with a published database, as Python functions (the CLI wraps these):
hybrid search over passages, read-only SQL, and export of every table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.embed.base import Embedder
from pipeline.errors import CoprodError
from pipeline.settings import EmbeddingSettings
from pipeline.store.connect import connect_readonly
from pipeline.store.reader import latest_run_id
from pipeline.store.search import SearchFilters, bm25, fuse, nearest


@dataclass(frozen=True)
class SearchHit:
    rank: int
    score: float
    passage_id: str
    text: str
    theme_id: int
    theme_label: str
    genre: str
    title: str | None
    citation: str


def search(db_path: str | Path, text: str, filters: SearchFilters = SearchFilters(), limit: int = 10,
           embedder: Embedder | None = None, settings: EmbeddingSettings | None = None) -> list[SearchHit]:
    """Passages of the latest run ranked by BM25 and by meaning, fused (reciprocal rank).
    The query is embedded by the backend that embedded the passages (``settings`` says where
    its exported model is kept)."""
    if not text.strip():
        raise CoprodError("search needs some words to look for")
    con = connect_readonly(db_path)
    try:
        latest_run_id(con, str(db_path))
        model_id = con.execute("SELECT model_id FROM v_latest_run").fetchone()[0]
        if embedder is None:
            # the recorded id names the model and the backend that embedded the passages
            from pipeline.embed.backends import embedder_for

            embedder = embedder_for(model_id, settings or EmbeddingSettings())
        if embedder.model_id != model_id:
            raise CoprodError(f"the database's passages were embedded with {model_id}, not {embedder.model_id}")
        vector = embedder.embed([text])[0]
        ranked = fuse(bm25(con, text, filters), nearest(con, vector, model_id, filters))[:limit]
        if not ranked:
            return []
        context = {row[0]: row for row in con.execute(
            "SELECT passage_id, text, theme_id, theme_label, genre, title, citation "
            "FROM v_passages_in_context WHERE passage_id IN (SELECT unnest(?))",
            [[pid for pid, _ in ranked]]).fetchall()}
    finally:
        con.close()
    return [SearchHit(rank, score, *context[pid]) for rank, (pid, score) in enumerate(ranked, start=1)]


def read_only_query(db_path: str | Path, sql: str) -> pd.DataFrame:
    """Run SQL on a read-only connection that can touch nothing but the database itself."""
    con = connect_readonly(db_path)
    try:
        # No files, no other databases, no extensions: a query can only read this file.
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        try:
            return con.execute(sql).df()
        except duckdb.Error as exc:
            message = str(exc).splitlines()[0]
            refused = ("read-only", "external access", "lock_configuration", "Permission Error",
                       "disabled by configuration", "configuration has been locked")
            if any(word in message for word in refused):
                raise CoprodError(f"coprod query is read-only and cannot change anything: {message}") from exc
            raise CoprodError(f"query failed: {message}") from exc
    finally:
        con.close()


def export_tables(db_path: str | Path, folder: str | Path, fmt: str = "parquet") -> list[Path]:
    """Every table of the database as one file in ``folder`` (parquet or csv); or, for "sql",
    what DuckDB's EXPORT DATABASE writes (schema.sql, load.sql and a Parquet file per table),
    which ``IMPORT DATABASE`` reads into any DuckDB."""
    if fmt not in ("parquet", "csv", "sql"):
        raise CoprodError(f"unknown export format {fmt!r}; use parquet, csv or sql")
    folder = Path(folder)
    if fmt == "sql" and folder.exists() and any(folder.iterdir()):
        raise CoprodError(f"{folder} is not empty; EXPORT DATABASE writes into an empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    con = connect_readonly(db_path)
    written = []
    try:
        if fmt == "sql":
            con.execute(f"EXPORT DATABASE '{folder.as_posix()}' (FORMAT parquet)")
            return sorted(folder.iterdir())
        tables = [t for (t,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
        for table in tables:
            path = folder / f"{table}.{fmt}"
            con.execute(f"COPY {table} TO '{path.as_posix()}' (FORMAT {fmt})")
            written.append(path)
    finally:
        con.close()
    return written
