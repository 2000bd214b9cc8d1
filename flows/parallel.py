"""Running the refresh's chunked stages on a Dask cluster through Prefect's Dask task runner.

With ``parallel.dask_address`` (an existing cluster) or ``parallel.workers`` (a local cluster
of worker processes), the flow runs with a ``DaskTaskRunner``, and preparing documents and
embedding passages become one Prefect task per chunk, mapped onto the workers. Everything
else (reading the corpus, themes, storage) stays in the flow's own process, which alone
writes the DuckDB file. Workers need coprod installed and the model reachable at the same
path or name; each loads the model once and keeps it for its later chunks.
"""

from __future__ import annotations

from typing import Any, Callable

from prefect import task, unmapped
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import TaskRunner

from pipeline.partition import ChunkMap
from pipeline.settings import ParallelSettings


def task_runner(settings: ParallelSettings) -> TaskRunner | None:
    """The Dask task runner the settings ask for, or None for Prefect's default."""
    if not settings.distributed:
        return None
    from prefect_dask import DaskTaskRunner

    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    # Processes, one thread each: the stages are CPU-bound Python, which the GIL would
    # serialise in threads. Dask's nanny sets OMP_NUM_THREADS=1 in each worker, which torch
    # and the onnx-int8 backend follow, so N workers use N cores without oversubscribing.
    return DaskTaskRunner(cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1,
                                          "processes": True, "dashboard_address": None})


def _run_chunk(fn: Callable[[list[Any]], Any], chunk: list[Any]) -> Any:
    return fn(chunk)


def task_map(name: str) -> ChunkMap:
    """A chunk map that submits each chunk as a task named ``name`` to the flow's task runner
    and returns the results in the chunks' order. Call it from the flow, not from a task."""
    chunk_task = task(_run_chunk, name=name, cache_policy=NO_CACHE)

    def run(fn: Callable[[list[Any]], Any], chunks: list[list[Any]]) -> list[Any]:
        if not chunks:
            return []
        futures = chunk_task.map(unmapped(fn), chunks)
        return [future.result() for future in futures]

    return run
