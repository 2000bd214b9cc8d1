"""Writing a database through a staging copy, published by atomic rename.

Readers of the published file never see a half-written run: the new state is built in a
staging file next to it, checkpointed, fsynced and renamed over the old one. If anything fails
before the rename, the staging file is removed and the published file is untouched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import duckdb

from pipeline.store.connect import apply_schema
from pipeline.store.extensions import load_extension

T = TypeVar("T")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def staging_copy(db_path: Path) -> Iterator[Path]:
    # One name per publish, not per process: the review app publishes reviewers' edits from
    # several threads at once, and two publishes must never write the same staging file.
    staging = db_path.with_name(f"{db_path.name}.staging-{os.getpid()}-{uuid.uuid4().hex[:12]}")
    for leftover in (staging, staging.with_name(staging.name + ".wal")):
        leftover.unlink(missing_ok=True)
    try:
        if db_path.exists():
            shutil.copy2(db_path, staging)
        yield staging
    finally:
        staging.unlink(missing_ok=True)
        staging.with_name(staging.name + ".wal").unlink(missing_ok=True)


def remove_stale_staging(db_path: str | Path) -> list[Path]:
    """Remove staging files left by refreshes whose process is gone (killed mid-write)."""
    db_path = Path(db_path)
    removed = []
    for leftover in db_path.parent.glob(f"{db_path.name}.staging-*"):
        pid = leftover.name.rsplit(".staging-", 1)[-1].split("-")[0].split(".")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not Path(f"/proc/{pid}").exists():
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def publish(db_path: str | Path, write: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Run ``write`` on a staging copy of the database, then atomically replace the original."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with staging_copy(db_path) as staging:
        con = duckdb.connect(str(staging))
        try:
            # A file with an HNSW index can only be written with vss loaded.
            load_extension(con, "vss")
            apply_schema(con, str(db_path))
            # No enclosing transaction: the staging file is private and only its rename
            # publishes it, so a failed write is simply discarded. One transaction around a
            # whole run would hold every row of it in memory until commit (2.8 GB instead of
            # 0.8 GB above the run's own data, at 100,000 passages).
            result = write(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _fsync(staging)
        os.replace(staging, db_path)
        _fsync(db_path.parent)
    return result


def keep_snapshot(db_path: str | Path, name: str, keep: int) -> Path | None:
    """Keep the just-published file as ``<db>.snapshots/<name>.duckdb`` and only the ``keep``
    newest snapshots. A hard link costs no space until the next refresh replaces the published
    file; where links are not supported, the file is copied."""
    if keep <= 0:
        return None
    db_path = Path(db_path)
    folder = db_path.with_name(f"{db_path.name}.snapshots")
    folder.mkdir(exist_ok=True)
    target = folder / f"{name}.duckdb"
    target.unlink(missing_ok=True)
    try:
        os.link(db_path, target)
    except OSError:
        shutil.copy2(db_path, target)
    for old in sorted(folder.glob("*.duckdb"))[:-keep]:
        old.unlink(missing_ok=True)
    return target
