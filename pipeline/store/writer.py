"""Writing one run's documents, passages, embeddings and themes into an open connection."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from pipeline.clean.passage_flags import duplicate_documents
from pipeline.fetch.log import write_fetch_log
from pipeline.model import Document, IngestError, Passage, ThemeModel, modelled
from pipeline.themes.build import inherited_shares
from pipeline.prepared_cache import code_fingerprint, to_json
from pipeline.store.frames import typed_table, vectors_array
from pipeline.store.citation_rows import write_citations
from pipeline.store.subtheme_rows import write_subthemes

# excluded_spans has no key: rows of a document version already stored are not added again.
_NEW_VERSION_ONLY = ("WHERE NOT EXISTS (SELECT 1 FROM excluded_spans e "
                     "WHERE e.doc_id = _frame.doc_id AND e.content_hash = _frame.content_hash)")


@dataclass
class RunRecord:
    """Everything a refresh produced, ready to be stored."""

    corpus: str
    started_at: datetime
    settings: dict[str, Any]
    model_id: str
    documents: list[Document]
    passages: list[Passage]
    new_embeddings: dict[str, np.ndarray]
    embeddings_reused: int
    themes: ThemeModel
    errors: list[IngestError] = field(default_factory=list)
    flow_run_id: str | None = None
    stage_seconds: dict[str, float] = field(default_factory=dict)
    document_changes: dict[str, int] = field(default_factory=dict)
    fetched: Any = None  # pipeline.fetch.stage.Fetched: the fetch log and new raw responses
    relevance: list = field(default_factory=list)  # pipeline.relevance.score.DocumentRelevance, per document


EMBEDDINGS_PER_INSERT = 5000


def next_run_id(con: duckdb.DuckDBPyConnection) -> str:
    """Sequential ids (run-0001, run-0002, ...) so the same history gives the same ids."""
    count = con.execute("SELECT count(*) FROM runs").fetchone()[0]
    return f"run-{count + 1:04d}"


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame | pa.Table, conflict: str = "") -> None:
    """Insert the rows, typed as the table's columns (see frames.py: never guessed from the first rows)."""
    if (frame.num_rows if isinstance(frame, pa.Table) else len(frame)) == 0:
        return
    columns = ", ".join(frame.column_names if isinstance(frame, pa.Table) else frame.columns)
    con.register("_frame", frame if isinstance(frame, pa.Table) else typed_table(con, table, frame))
    try:
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _frame {conflict}")
    finally:
        con.unregister("_frame")


def _finite(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def write_run(con: duckdb.DuckDBPyConnection, record: RunRecord, finished_at: datetime) -> str:
    run_id = next_run_id(con)
    copies = duplicate_documents(record.passages)
    documents = pd.DataFrame([{
        "doc_id": d.doc_id, "external_id": d.external_id, "source_uri": d.source_uri, "genre": d.genre,
        "title": d.title, "authors": list(d.authors), "published": d.published, "doi": d.doi, "url": d.url,
        "language": d.language, "content_hash": d.content_hash, "text": d.text,
        "removed_lines": d.removed_lines, "first_run_id": run_id, "last_run_id": run_id,
        "venue": d.venue, "keywords": list(d.keywords), "affiliations": list(d.affiliations),
        "duplicate_of": copies.get(d.doc_id), "retired_run_id": None, "screening": d.screening,
    } for d in record.documents])
    _upsert_documents(con, documents, run_id)
    _store_prepared(con, record.documents)
    write_citations(con, record.documents, record.passages, lambda table, frame: _insert(con, table, frame),
                    processes=record.settings.get("parallel", {}).get("prepare_processes", 1))
    _insert(con, "run_documents", pd.DataFrame({
        "run_id": run_id, "doc_id": [d.doc_id for d in record.documents],
        "content_hash": [d.content_hash for d in record.documents]}))
    _insert(con, "document_versions", pd.DataFrame({
        "doc_id": [d.doc_id for d in record.documents], "content_hash": [d.content_hash for d in record.documents],
        "first_run_id": run_id, "text": [d.text for d in record.documents]}), "ON CONFLICT DO NOTHING")
    # A document missing from this run's corpus is retired (kept, with the run it left in);
    # one that comes back is active again (the upsert above cleared its retired_run_id).
    con.execute("UPDATE documents SET retired_run_id = ? WHERE retired_run_id IS NULL AND doc_id NOT IN "
                "(SELECT doc_id FROM run_documents WHERE run_id = ?)", [run_id, run_id])
    con.execute("UPDATE documents SET n_versions = v.n FROM (SELECT doc_id, count(*) AS n FROM document_versions "
                "GROUP BY doc_id) v WHERE v.doc_id = documents.doc_id AND documents.last_run_id = ?", [run_id])
    version = {d.doc_id: d.content_hash for d in record.documents}
    _insert(con, "passages", pd.DataFrame([{
        "passage_id": p.passage_id, "doc_id": p.doc_id, "position": p.position, "text": p.text,
        "char_start": p.char_start, "char_end": p.char_end, "text_hash": p.text_hash,
        "content_hash": version[p.doc_id], "post_index": p.post_index, "author": p.author,
        "section": p.section, "language": p.language, "excluded": p.excluded, "duplicate_of": p.duplicate_of,
    } for p in record.passages]), "ON CONFLICT DO NOTHING")
    _insert(con, "posts", pd.DataFrame([{
        "doc_id": d.doc_id, "content_hash": d.content_hash, "post_index": s.post_index,
        "author": s.author, "replies_to": s.replies_to, "char_start": s.start, "char_end": s.end,
    } for d in record.documents for s in d.segments if s.post_index is not None]), "ON CONFLICT DO NOTHING")
    _insert(con, "excluded_spans", pd.DataFrame([{
        "doc_id": d.doc_id, "content_hash": d.content_hash, "line": e.line, "text": e.text, "reason": e.reason,
    } for d in record.documents for e in d.excluded]), _NEW_VERSION_ONLY)
    hashes = list(record.new_embeddings)
    # Vectors go in as one Arrow list column, 4 bytes a number, and in blocks, so memory
    # stays flat however many are new.
    for start in range(0, len(hashes), EMBEDDINGS_PER_INSERT):
        block = hashes[start:start + EMBEDDINGS_PER_INSERT]
        _insert(con, "embeddings", pa.table({
            "model_id": pa.array([record.model_id] * len(block), pa.string()), "text_hash": pa.array(block, pa.string()),
            "embedding": vectors_array([record.new_embeddings[h] for h in block]),
        }), "ON CONFLICT DO NOTHING")
    model = record.themes
    _insert(con, "theme_hierarchy", pd.DataFrame(
        [(run_id, *row) for row in model.hierarchy], columns=["run_id", "level", "theme_id", "group_theme_id"]))
    _insert(con, "run_metrics", pd.DataFrame(
        [(run_id, name, _finite(value)) for name, value in sorted(model.quality.items())],
        columns=["run_id", "metric", "value"]))
    match = model.concept_match
    _insert(con, "themes", pd.DataFrame([{
        "run_id": run_id, "theme_id": t.theme_id, "label": t.label, "keywords": list(t.keywords),
        "keyword_scores": list(t.keyword_scores), "size": t.size,
        "emergent": (t.theme_id in match.emergent) if match else None,
        "centroid": None if model.centroids is None else model.centroids[i].astype(np.float32).tolist(),
        "label_source": t.label_source, "is_noise": t.is_noise,
    } for i, t in enumerate(model.themes)]))
    _insert(con, "theme_lineage", pd.DataFrame(
        [(run_id, r.theme_id, r.parent_run_id, r.parent_theme_id, r.relation) for r in model.lineage],
        columns=["run_id", "theme_id", "parent_run_id", "parent_theme_id", "relation"]).astype(
        {"theme_id": "Int32", "parent_theme_id": "Int32"}))
    if match:
        used = modelled(record.passages)
        _insert(con, "concepts", pd.DataFrame([{
            "run_id": run_id, "concept_id": c.concept_id, "name": c.name, "description": c.description,
            "keywords": list(c.keywords)} for c in model.concepts]))
        _insert(con, "theme_concepts", pd.DataFrame(
            [(run_id, *row) for row in match.theme_concepts],
            columns=["run_id", "theme_id", "concept_id", "rank", "score", "similarity", "keyword_evidence"]))
        _insert(con, "passage_concepts", pd.DataFrame(
            [(run_id, used[row].passage_id, concept, sim) for row, concept, sim in match.passage_concepts],
            columns=["run_id", "passage_id", "concept_id", "similarity"]))
        _insert(con, "document_concepts", pd.DataFrame(
            [(run_id, *row) for row in match.document_concepts],
            columns=["run_id", "doc_id", "concept_id", "rank", "score"]))
    _insert(con, "document_relevance", pd.DataFrame([{
        "run_id": run_id, "doc_id": v.doc_id, "score": v.score, "field_similarity": v.field_similarity,
        "off_field_similarity": v.off_field_similarity, "corpus_similarity": v.corpus_similarity,
        "nearest_concept": v.nearest_concept, "nearest_off_field": v.nearest_off_field,
        "off_topic": v.off_topic, "reason": v.reason} for v in record.relevance]))
    _insert(con, "passage_themes", pd.DataFrame({
        "run_id": run_id, "passage_id": [p.passage_id for p in modelled(record.passages)],
        "theme_id": model.assignments, "score": model.scores,
        "second_theme_id": pd.array(_or_none(model.second_assignments, -1, len(model.assignments)), dtype="Int32"),
        "second_score": _or_none(model.second_scores, None, len(model.assignments)),
        "subtheme_id": pd.array(_or_none(model.subtheme_assignments, -1, len(model.assignments)), dtype="Int32"),
        "subtheme_score": _or_none(model.subtheme_scores, None, len(model.assignments))}))
    write_subthemes(lambda table, frame: _insert(con, table, frame), run_id, model)
    _insert(con, "passage_map", pd.DataFrame(
        [(run_id, pid, x, y) for pid, x, y in model.map_points], columns=["run_id", "passage_id", "x", "y"]))
    inherited = inherited_shares(record.passages, modelled(record.passages), model.assignments, model.scores)
    _insert(con, "document_themes", pd.DataFrame(
        [(run_id, *row, False) for row in model.document_shares]
        + [(run_id, *row, True) for row in inherited],
        columns=["run_id", "doc_id", "theme_id", "share", "score", "via_duplicate"]))
    _insert(con, "theme_representatives", pd.DataFrame(
        [(run_id, t, rank, pid) for t, ids in sorted(model.representatives.items())
         for rank, pid in enumerate(ids, start=1)],
        columns=["run_id", "theme_id", "rank", "passage_id"]))
    _insert(con, "ingest_errors", pd.DataFrame(
        [(run_id, e.source_uri, e.stage, e.message) for e in record.errors],
        columns=["run_id", "source_uri", "stage", "message"]))
    con.execute(
        "INSERT INTO runs (run_id, started_at, finished_at, status, corpus, settings, model_id, n_documents, "
        "n_passages, n_themes, n_errors, embeddings_computed, embeddings_reused, quality, flow_run_id, "
        "n_modelled, stage_seconds) VALUES (?, ?, ?, 'succeeded', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [run_id, record.started_at, finished_at, record.corpus, json.dumps(record.settings),
         record.model_id, len(record.documents), len(record.passages), len(model.themes),
         len(record.errors), len(record.new_embeddings), record.embeddings_reused,
         json.dumps({k: _finite(v) for k, v in model.quality.items()}), record.flow_run_id,
         len(model.assignments), json.dumps(record.stage_seconds)],
    )
    if record.fetched is not None:
        write_fetch_log(con, run_id, record.fetched.rows, record.fetched.responses)
    return run_id


def write_attempt(con: duckdb.DuckDBPyConnection, status: str, started_at: datetime, finished_at: datetime | None,
                  corpus: str, stage_seconds: dict[str, float], error: str, flow_run_id: str | None) -> str:
    """A runs row for an attempt that published nothing else (failed, or interrupted)."""
    run_id = next_run_id(con)
    con.execute("INSERT INTO runs (run_id, started_at, finished_at, status, corpus, settings, flow_run_id, "
                "stage_seconds, error) VALUES (?, ?, ?, ?, ?, '{}', ?, ?, ?)",
                [run_id, started_at, finished_at, status, corpus, flow_run_id, json.dumps(stage_seconds), error])
    return run_id


def _or_none(values: list | None, missing, n: int) -> list:
    """A nullable column: None where the value is ``missing`` (or NaN), all None without values."""
    if values is None:
        return [None] * n
    return [None if v == missing or (isinstance(v, float) and v != v) else v for v in values]


def _upsert_documents(con: duckdb.DuckDBPyConnection, documents: pd.DataFrame, run_id: str) -> None:
    """A document seen before keeps its first_run_id; its other fields take the latest values.
    One stored exactly as it is now only has its last_run_id set (and a retired_run_id
    cleared): an upsert rewrites whole rows, texts and all, which took 11 s of a refresh of
    100,000 unchanged documents."""
    if documents.empty:
        return
    columns = ", ".join(documents.columns)
    # typed like the table, so lists and dates compare as the stored values do
    con.execute("CREATE OR REPLACE TEMP TABLE _documents AS SELECT * FROM documents LIMIT 0")
    same = " AND ".join(f"d.{c} IS NOT DISTINCT FROM n.{c}" for c in documents.columns
                        if c not in ("doc_id", "first_run_id", "last_run_id", "retired_run_id"))
    try:
        _insert(con, "_documents", documents)
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _unchanged AS
                        SELECT doc_id FROM documents d JOIN _documents n USING (doc_id) WHERE {same}""")
        con.execute("UPDATE documents SET last_run_id = ?, retired_run_id = NULL "
                    "WHERE doc_id IN (SELECT doc_id FROM _unchanged)", [run_id])
        con.execute(f"INSERT INTO documents ({columns}) SELECT {columns} FROM _documents "
                    "WHERE doc_id NOT IN (SELECT doc_id FROM _unchanged) ON CONFLICT (doc_id) DO UPDATE SET "
                    + ", ".join(f"{c} = excluded.{c}" for c in documents.columns if c not in ("doc_id", "first_run_id")))
    finally:
        con.execute("DROP TABLE IF EXISTS _documents")
        con.execute("DROP TABLE IF EXISTS _unchanged")


def _store_prepared(con: duckdb.DuckDBPyConnection, documents: list[Document]) -> None:
    """Cache the prepared form of documents not cached yet; drop entries of older code."""
    version = code_fingerprint()
    con.execute("DELETE FROM prepared_documents WHERE code_version <> ?", [version])
    known = {h for (h,) in con.execute("SELECT raw_hash FROM prepared_documents").fetchall()}
    new = {d.source_hash: d for d in documents if d.source_hash and d.source_hash not in known}
    _insert(con, "prepared_documents", pd.DataFrame({
        "raw_hash": list(new), "code_version": version, "document": [to_json(d) for d in new.values()]}))
