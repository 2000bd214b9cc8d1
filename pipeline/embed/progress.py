"""Progress of a long stage: a bar in a terminal (tqdm), and log lines with the rate and the time
left everywhere (Prefect's logs, a cron job's mail), so an operator sees how far embedding is."""

from __future__ import annotations

import logging
import sys
import time
from typing import Callable, TextIO

from tqdm import tqdm

log = logging.getLogger("coprod.embed")


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class Progress:
    """``advance(n)`` after each chunk of ``total`` items; the bar shows only on a terminal."""

    def __init__(self, total: int, what: str = "passages", stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total, self.what, self.clock = total, what, clock
        self.done = 0
        self.started = clock()
        stream = stream if stream is not None else sys.stderr
        self.bar = (tqdm(total=total, unit=what.rstrip("s"), file=stream, dynamic_ncols=True, leave=False)
                    if total and getattr(stream, "isatty", lambda: False)() else None)

    def advance(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else float("inf")
        log.info("embedded %d/%d %s (%.0f/s, %s)", self.done, self.total, self.what, rate,
                 "done" if self.done >= self.total else f"about {_duration(left)} left")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def map_with_progress(work: Callable[[list], object], chunks: list[list], total: int) -> list:
    """``work`` on each chunk in turn, reporting progress after each."""
    progress = Progress(total)
    try:
        results = []
        for chunk in chunks:
            results.append(work(chunk))
            progress.advance(len(chunk))
        return results
    finally:
        progress.close()
