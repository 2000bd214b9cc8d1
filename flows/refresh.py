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
from pipeline.attempts import Attempt
from pipeline.errors import CoprodError
from pipeline.refresh import RefreshResult
from pipeline.report.build import build_report
from pipeline.settings import Settings, load_settings

def _transient(task, task_run, state) -> bool:
    """Retry what may pass (a network share that hiccups), never a user's error (no corpus)."""
    try:
        state.result()
    except CoprodError:
        return False
    except Exception:
        return True
    return False


# Reading a corpus on a network share can fail for a moment; a second try is cheap.
ingest_task = task(stages.ingest, name="ingest", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=10,
                   retry_condition_fn=_transient)
split_task = task(stages.split, name="split-passages", cache_policy=NO_CACHE)
embed_task = task(stages.embed, name="embed", cache_policy=NO_CACHE)
themes_task = task(stages.themes, name="themes", cache_policy=NO_CACHE)
concepts_task = task(stages.concepts, name="concepts", cache_policy=NO_CACHE)
lineage_task = task(stages.lineage, name="theme-lineage", cache_policy=NO_CACHE)
overrides_task = task(stages.overrides, name="theme-overrides", cache_policy=NO_CACHE)
store_task = task(stages.store, name="store", cache_policy=NO_CACHE)
report_task = task(build_report, name="report", cache_policy=NO_CACHE)


@flow(name="coprod-refresh", log_prints=True, validate_parameters=False)
def refresh_flow(corpus: str, db: str, report: str | None = None, config: str | None = None,
                 settings: Settings | None = None) -> RefreshResult:
    """Ingest a corpus folder, find its themes, publish them to DuckDB and write the report."""
    settings = settings or load_settings(config)
    attempt = Attempt(Path(db), stages.corpus_name(corpus),
                      flow_run_id=str(flow_run.id) if flow_run.id else None).begin()
    try:
        with attempt.stage("ingest"):
            documents, errors = ingest_task(corpus, settings, db)
        with attempt.stage("split"):
            passages = split_task(documents, settings, db)
        with attempt.stage("embed"):
            embedder = stages.make_embedder(settings)  # shared by embedding and concept mapping
            embeddings = embed_task(passages, db, settings, embedder)
        with attempt.stage("themes"):
            model = themes_task(passages, embeddings, settings, db)
        with attempt.stage("lineage"):
            model = lineage_task(model, passages, db, settings)
            model = overrides_task(model, passages, embeddings, db, settings)
        with attempt.stage("concepts"):
            model = concepts_task(model, passages, embeddings, settings, embedder)
        record = stages.make_record(corpus, attempt.started_at, settings, documents, passages, embeddings, model,
                                    errors, flow_run_id=attempt.flow_run_id, stage_seconds=attempt.seconds)
        with attempt.stage("store"):
            run_id = store_task(db, record, settings.store.keep_snapshots)
    except BaseException as exc:
        attempt.failed(exc)
        raise
    attempt.end()
    report_path = report_task(db, report, run_id) if report else None
    return stages.make_result(run_id, Path(db), report_path, record)
