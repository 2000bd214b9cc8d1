"""Work split into chunks that can run anywhere: in this process, or as tasks on a Dask cluster.

A stage that parallelises (preparing documents, embedding passages) cuts its input into
chunks of a fixed size (``parallel.documents_per_chunk``, ``parallel.passages_per_chunk``) and hands a function and the chunks to a ``ChunkMap``. The default
runs them one after another here; the Prefect flow passes one that submits them as tasks to
its Dask task runner. Chunks are cut the same way in both cases, so a distributed run computes
exactly what a single-process run does, chunk for chunk.
"""

from __future__ import annotations

from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ChunkMap = Callable[[Callable[[list[T]], R], list[list[T]]], list[R]]

def chunked(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


def serial_map(fn: Callable[[list[T]], R], chunks: list[list[T]]) -> list[R]:
    return [fn(chunk) for chunk in chunks]
