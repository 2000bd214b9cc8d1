"""Short scikit-learn fits run two at a time, on threads of this process.

The fits of the theme search and of the sub-themes are short (0.1-3 s each) and much of each
is serial: k-means++ seeding, and Python between the OpenMP loops of Lloyd's iterations. A
second fit running beside the first fills those gaps, with no copy of the vectors (threads
share them) and no change to any result: each fit is exactly the fit it would be alone. On
the two cores of the reference machine, four k-means of ten starts each on AG News take 3.7 s
two at a time against 8.2 s one after another, and the sub-themes of bbc's five themes 5.8 s
against 15.7 s (docs/benchmarks.md). More than two would only add OpenMP threads on top of
OpenMP threads (each k-means already uses every core).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

FITS_AT_ONCE = 2


def map_fits(fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """``fn`` of every item, FITS_AT_ONCE at a time, results in the items' order. An error in
    any fit is raised here, as it would be in a loop."""
    items = list(items)
    if len(items) < 2:
        return [fn(item) for item in items]
    with ThreadPoolExecutor(max_workers=FITS_AT_ONCE, thread_name_prefix="coprod-fit") as pool:
        return list(pool.map(fn, items))
