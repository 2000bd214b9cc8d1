"""Embedding progress: log lines with the rate and the time left; a bar only on a terminal."""

import io
import logging

from pipeline.embed.progress import Progress, map_with_progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_logs_rate_and_time_left_and_draws_a_bar_only_on_a_terminal(caplog):
    ticks = iter([0.0, 10.0, 20.0])
    pipe = io.StringIO()
    with caplog.at_level(logging.INFO, logger="coprod.embed"):
        progress = Progress(2000, stream=pipe, clock=lambda: next(ticks))
        progress.advance(500)
        progress.advance(1500)
        progress.close()
    assert [r.getMessage() for r in caplog.records] == [
        "embedded 500/2000 passages (50/s, about 30 s left)", "embedded 2000/2000 passages (100/s, done)"]
    assert pipe.getvalue() == ""  # not a terminal: no bar
    terminal = Terminal()
    bar = Progress(10, stream=terminal)
    bar.advance(5)
    bar.close()
    assert "0/10 [" in terminal.getvalue() and "passage/s" in terminal.getvalue()  # the bar, drawn


def test_chunks_are_worked_in_order():
    assert map_with_progress(lambda chunk: sum(chunk), [[1, 2], [3]], 3) == [3, 3]
