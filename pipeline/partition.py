"""Work split into chunks that can run anywhere: in this process, in local worker processes,
or as tasks on a Dask cluster.

A stage that parallelises (preparing documents, embedding passages) cuts its input into
chunks of a fixed size (``parallel.documents_per_chunk``, ``parallel.passages_per_chunk``) and
hands a function and the chunks to a ``ChunkMap``. ``serial_map`` runs them one after another
here; ``local_map`` on a pool of this machine's cores (preparing documents is pure Python, one
core a process); the Prefect flow on a Dask cluster passes one that submits them as tasks to
its Dask task runner. Chunks are cut the same way in every case and their results come back
in order, so a parallel run computes exactly what a single-process run does, chunk for chunk.
"""

from __future__ import annotations

import logging
import os
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ChunkMap = Callable[[Callable[[list[T]], R], list[list[T]]], list[R]]

log = logging.getLogger("coprod")


def chunked(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


def serial_map(fn: Callable[[list[T]], R], chunks: list[list[T]]) -> list[R]:
    return [fn(chunk) for chunk in chunks]


def usable_cores() -> int:
    """The cores this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def local_map(processes: int) -> ChunkMap:
    """A ChunkMap over ``processes`` local worker processes (0: one per usable core). With one
    process, or one chunk, the chunks run here: starting a worker costs about a second of
    imports, more than a single chunk takes."""
    def run(fn: Callable[[list[T]], R], chunks: list[list[T]]) -> list[R]:
        workers = min(processes or usable_cores(), len(chunks))
        if workers < 2:
            return serial_map(fn, chunks)
        # joblib's loky workers (scikit-learn's own), not multiprocessing's: they start fresh
        # interpreters that do not run the caller's main script again (an unguarded script or
        # notebook would otherwise re-run its refresh in every worker), and stay up for the
        # next stage that maps chunks instead of starting again.
        from joblib import Parallel, delayed
        from joblib.externals.loky.process_executor import TerminatedWorkerError

        try:
            return Parallel(n_jobs=workers, backend="loky")(delayed(fn)(chunk) for chunk in chunks)
        except (TerminatedWorkerError, OSError) as exc:
            # A worker killed (out of memory) or no processes allowed: the same work, here.
            log.warning("worker processes failed (%s); running the %d chunks in this process", exc, len(chunks))
            return serial_map(fn, chunks)
    return run
