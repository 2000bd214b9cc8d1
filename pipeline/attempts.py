"""Every refresh attempt ends up in ``runs``, including the ones that failed or were killed.

A refresh writes a small journal file beside the database when it starts (its process id and
the stage it is in) and removes it when it ends. A refresh that raised records itself as
``failed`` with the error; one that was killed cannot, so the next refresh finds its journal,
sees that its process is gone, and records it as ``interrupted`` in the stage it reached.
Both are published like any run (staging copy, atomic rename), so the last good run's
tables are never touched: only a row is added to ``runs``.
"""

from __future__ import annotations

import json
import logging
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from pipeline.store.publish import publish, remove_stale_staging
from pipeline.store.writer import write_attempt

log = logging.getLogger("coprod")


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class Attempt:
    """One refresh attempt: when it started, the stage it is in, and seconds per finished stage."""

    db_path: Path
    corpus: str
    started_at: datetime = field(default_factory=now)
    stage_name: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    flow_run_id: str | None = None

    @property
    def journal(self) -> Path:
        return journal_path(self.db_path)

    def begin(self) -> "Attempt":
        recover_interrupted(self.db_path)
        self._write_journal()
        return self

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time a stage, and note it in the journal so a killed run says where it stopped."""
        self.stage_name = name
        self._write_journal()
        log.info("stage %s started", name)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = round(time.perf_counter() - start, 3)

    def failed(self, error: BaseException) -> None:
        """Record the attempt as failed (the published runs are left as they were)."""
        message = f"{type(error).__name__} in stage {self.stage_name}: {error}"
        try:
            publish(self.db_path, lambda con: write_attempt(con, "failed", self.started_at, now(), self.corpus,
                                                             self.seconds, message, self.flow_run_id))
        except Exception as exc:  # the run's own error matters more than this one
            log.error("could not record the failed run in %s: %s", self.db_path, exc)
        self.end()

    def end(self) -> None:
        self.journal.unlink(missing_ok=True)

    def _write_journal(self) -> None:
        self.journal.parent.mkdir(parents=True, exist_ok=True)
        state = {"pid": os.getpid(), "pid_started": _process_start(os.getpid()), "corpus": self.corpus, "started_at": self.started_at.isoformat(),
                 "stage": self.stage_name, "seconds": self.seconds, "flow_run_id": self.flow_run_id}
        partial = self.journal.with_name(self.journal.name + ".partial")
        partial.write_text(json.dumps(state))
        os.replace(partial, self.journal)


def journal_path(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.name}.refresh.json")


def recover_interrupted(db_path: str | Path) -> str | None:
    """Record a previous attempt whose process died without finishing; remove its leftovers.
    Returns the run id given to it, if there was one."""
    db_path = Path(db_path)
    remove_stale_staging(db_path)
    journal = journal_path(db_path)
    if not journal.is_file():
        return None
    try:
        state = json.loads(journal.read_text())
    except (OSError, json.JSONDecodeError):
        journal.unlink(missing_ok=True)
        return None
    if state.get("pid") != os.getpid() and _alive(state.get("pid"), state.get("pid_started")):
        from pipeline.errors import RefreshRunningError

        raise RefreshRunningError(str(db_path), state.get("pid"), state.get("stage"))
    message = (f"the refresh process ({state.get('pid')}) stopped without finishing, during stage "
               f"{state.get('stage') or 'start'} (killed, or the machine went down)")
    run_id = publish(db_path, lambda con: write_attempt(
        con, "interrupted", datetime.fromisoformat(state["started_at"]), None, state.get("corpus") or "",
        state.get("seconds") or {}, message, state.get("flow_run_id")))
    journal.unlink(missing_ok=True)
    log.warning("recorded an interrupted refresh as %s: %s", run_id, message)
    return run_id


def _process_start(pid: int) -> int | None:
    """When the process started (clock ticks since boot), to tell it from a later process
    that reuses its id; None where /proc is not available."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def _alive(pid: object, started: object = None) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process its parent has not reaped yet is a zombie: dead for our purpose
        if Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1] == "Z":
            return False
    except (OSError, IndexError):
        return True
    # the same id, but a process started at another time: the refresh is gone
    return started is None or _process_start(pid) in (None, started)
