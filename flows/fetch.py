"""The fetch stage in the flow: each live source is a Prefect task, retried with backoff on
transient failures (timeouts, 429, 5xx, a host that does not answer).

The retries come from the settings (``fetch.retries``, ``fetch.retry_delay_s`` doubling), which
are only known when the flow runs, so the task gets its options then. A retried source does
not download again what its failed attempt already fetched (``Fetcher`` remembers).
"""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from pipeline.fetch.fetcher import Fetcher
from pipeline.fetch.http import TransientFetchError
from pipeline.fetch.manifest import LiveSource
from pipeline.fetch.stage import Fetched, SourceResult, backoff, fetch, fetch_source
from pipeline.settings import FetchSettings, Settings


def _transient(task, task_run, state) -> bool:
    """Retry a source only when its failure may pass; a 404 or a bad feed will not."""
    try:
        state.result()
    except TransientFetchError:
        return True
    except Exception:
        return False
    return False


@task(name="fetch-source", cache_policy=NO_CACHE, retry_condition_fn=_transient)
def fetch_source_task(source: LiveSource, fetcher: Fetcher, settings: FetchSettings) -> SourceResult:
    return fetch_source(source, fetcher, settings)


def fetch_stage(corpus_dir: str | Path, settings: Settings, db_path: str | Path | None = None) -> Fetched | None:
    """``pipeline.fetch.stage.fetch`` with one retried task per live source."""
    delays = backoff(settings.fetch)
    source_task = fetch_source_task.with_options(
        task_run_name="fetch {source.name}",
        retries=settings.fetch.retries, retry_delay_seconds=delays or 0)
    return fetch(corpus_dir, settings, db_path, run_source=source_task)
