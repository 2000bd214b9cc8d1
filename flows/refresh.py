"""The refresh flow: each pipeline stage as a Prefect task, in the order pipeline.refresh runs them.

Tasks pass plain Python values in memory; nothing is cached or persisted by Prefect (the
database is the record), so every task uses NO_CACHE rather than hashing large inputs.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from pipeline import refresh as stages
from pipeline.refresh import RefreshResult
from pipeline.report.build import build_report
from pipeline.settings import Settings, load_settings

ingest_task = task(stages.ingest, name="ingest", cache_policy=NO_CACHE)
split_task = task(stages.split, name="split-passages", cache_policy=NO_CACHE)
embed_task = task(stages.embed, name="embed", cache_policy=NO_CACHE)
themes_task = task(stages.themes, name="themes", cache_policy=NO_CACHE)
concepts_task = task(stages.concepts, name="concepts", cache_policy=NO_CACHE)
lineage_task = task(stages.lineage, name="theme-lineage", cache_policy=NO_CACHE)
store_task = task(stages.store, name="store", cache_policy=NO_CACHE)
report_task = task(build_report, name="report", cache_policy=NO_CACHE)


@flow(name="coprod-refresh", log_prints=True, validate_parameters=False)
def refresh_flow(corpus: str, db: str, report: str | None = None, config: str | None = None,
                 settings: Settings | None = None) -> RefreshResult:
    """Ingest a corpus folder, find its themes, publish them to DuckDB and write the report."""
    settings = settings or load_settings(config)
    started = stages.now()
    documents, errors = ingest_task(corpus, settings)
    passages = split_task(documents, settings)
    embedder = stages.make_embedder(settings)  # shared by embedding and concept mapping
    embeddings = embed_task(passages, db, settings, embedder)
    model = concepts_task(themes_task(passages, embeddings, settings), passages, embeddings, settings, embedder)
    model = lineage_task(model, passages, db, settings)
    record = stages.make_record(corpus, started, settings, documents, passages, embeddings, model,
                                errors, flow_run_id=str(flow_run.id) if flow_run.id else None)
    run_id = store_task(db, record)
    report_path = report_task(db, report, run_id) if report else None
    return stages.make_result(run_id, Path(db), report_path, record)
