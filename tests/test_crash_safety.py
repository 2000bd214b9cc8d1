"""A refresh killed with SIGKILL at any stage leaves the published database exactly as it was;
the next refresh records the killed attempt as interrupted and completes. Real processes,
the real model, a real DuckDB file."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.attempts import recover_interrupted
from tests.conftest import DEFAULT_CORPUS, PROJECT, query

SCRIPT = """
import logging, sys
logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(name)s: %(message)s")
logging.getLogger("coprod").setLevel(logging.INFO)
from pipeline.refresh import refresh
from pipeline.settings import Settings
refresh(sys.argv[1], sys.argv[2], None, Settings())
print("finished", flush=True)
"""


def start_refresh(corpus: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-c", SCRIPT, str(corpus), str(db)], cwd=PROJECT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_in_stage(process: subprocess.Popen, stage: str, db: Path) -> None:
    """SIGKILL the refresh once it reports starting ``stage`` (for "store": once its staging
    file exists, i.e. in the middle of writing the new database)."""
    for line in process.stderr:
        if f"stage {stage} started" in line:
            break
    else:
        pytest.fail(f"the refresh ended before stage {stage}: {process.wait()}")
    if stage == "store":
        deadline = time.monotonic() + 60
        while not list(db.parent.glob(f"{db.name}.staging-*")) and time.monotonic() < deadline:
            time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_a_refresh_killed_at_any_stage_leaves_the_published_file_untouched(topic_corpus, tmp_path):
    db = tmp_path / "coproduction.duckdb"
    first = start_refresh(topic_corpus, db)
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    themes_before = query(db, "SELECT * FROM v_current_themes")

    for stage in ("ingest", "embed", "themes", "store"):
        recover_interrupted(db)  # what the next refresh does first: record the killed attempt
        before = digest(db)
        kill_in_stage(start_refresh(DEFAULT_CORPUS, db), stage, db)
        assert digest(db) == before, f"killed in {stage}: the published file changed"
        assert query(db, "SELECT * FROM v_current_themes") == themes_before

    last = start_refresh(DEFAULT_CORPUS, db)
    out, err = last.communicate(timeout=600)
    assert last.returncode == 0, err
    runs = query(db, "SELECT run_id, status, error FROM runs ORDER BY run_id")
    assert [(r, s) for r, s, _ in runs] == [
        ("run-0001", "succeeded"), ("run-0002", "interrupted"), ("run-0003", "interrupted"),
        ("run-0004", "interrupted"), ("run-0005", "interrupted"), ("run-0006", "succeeded")]
    for (_, _, error), stage in zip(runs[1:5], ("ingest", "embed", "themes", "store")):
        assert f"during stage {stage}" in error
    assert not list(tmp_path.glob("*.staging-*")) and not list(tmp_path.glob("*.refresh.json"))
    assert query(db, "SELECT n_documents FROM runs WHERE run_id = 'run-0006'") == [(36,)]
