"""The refresh flow: each pipeline stage as a Prefect task, in the order pipeline.refresh runs them.

Tasks pass plain Python values in memory; nothing is cached or persisted by Prefect (the
database is the record), so every task uses NO_CACHE rather than hashing large inputs.
"""

from __future__ import annotations

import dataclasses
import functools
from functools import partial
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from flows.artifacts import publish_artifacts
from flows.fetch import fetch_stage
from pipeline import refresh as stages
from pipeline.errors import CoprodError
from pipeline.refresh import RefreshResult
from pipeline.report.build import build_report
from pipeline.settings import Settings, load_settings
from flows.parallel import task_map, task_runner

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
relevance_task = task(stages.relevance, name="relevance", cache_policy=NO_CACHE)
context_task = task(stages.context, name="posts-in-context", cache_policy=NO_CACHE)
themes_task = task(stages.themes, name="themes", cache_policy=NO_CACHE)
concepts_task = task(stages.concepts, name="concepts", cache_policy=NO_CACHE)
lineage_task = task(stages.lineage, name="theme-lineage", cache_policy=NO_CACHE)
overrides_task = task(stages.overrides, name="theme-overrides", cache_policy=NO_CACHE)
subthemes_task = task(stages.subthemes, name="subthemes", cache_policy=NO_CACHE)
labels_task = task(stages.labels, name="theme-labels", cache_policy=NO_CACHE)
map_task = task(stages.theme_map, name="theme-map", cache_policy=NO_CACHE)
store_task = task(stages.store, name="store", cache_policy=NO_CACHE)
report_task = task(build_report, name="report", cache_policy=NO_CACHE)


def opaque(stage_task):
    """Call ``stage_task`` with its arguments quoted, so that Prefect passes them through as they
    are instead of walking them: before a task runs, Prefect visits every object nested in its
    arguments to find upstream futures, which on AG News (7,600 passages, their documents and
    themes) cost 1-2.5 s a task, 15 s a refresh. The stages pass plain values, never futures;
    what is lost is only the arrows between the tasks in Prefect's run graph."""
    @functools.wraps(stage_task.fn)
    def call(*args, **kwargs):
        return stage_task(*(quote(a) for a in args), **{k: quote(v) for k, v in kwargs.items()})
    return call


TASKS = stages.Stages(fetch=fetch_stage, **{name: opaque(t) for name, t in dict(
    ingest=ingest_task, split=split_task, embed=embed_task, relevance=relevance_task, context=context_task,
    themes=themes_task, lineage=lineage_task, overrides=overrides_task, subthemes=subthemes_task,
    labels=labels_task, concepts=concepts_task, map=map_task, store=store_task).items()})


@flow(name="coprod-refresh", log_prints=True, validate_parameters=False)
def refresh_flow(corpus: str, db: str, report: str | None = None, config: str | None = None,
                 settings: Settings | None = None) -> RefreshResult:
    """Ingest a corpus folder, find its themes, publish them to DuckDB and write the report."""
    settings = settings or load_settings(config)
    run_id, record = stages.run_stages(corpus, db, settings, fns=stages_for(settings),
                                       flow_run_id=str(flow_run.id) if flow_run.id else None)
    report_path = report_task(db, report, run_id) if report else None
    result = stages.make_result(run_id, Path(db), report_path, record)
    publish_artifacts(result, corpus)
    return result


def stages_for(settings: Settings) -> stages.Stages:
    """The flow's tasks; on a Dask cluster, ingest and embed run in the flow and map their
    chunks onto the workers as tasks instead (a task cannot wait on tasks of its own there)."""
    if not settings.parallel.distributed:
        return TASKS
    return dataclasses.replace(TASKS, ingest=partial(stages.ingest, chunk_map=task_map("prepare-documents")),
                               embed=partial(stages.embed, chunk_map=task_map("embed-passages")))


def refresh_flow_for(settings: Settings):
    """The refresh flow with the task runner the settings ask for (Dask, or Prefect's default)."""
    runner = task_runner(settings.parallel)
    return refresh_flow.with_options(task_runner=runner) if runner is not None else refresh_flow
