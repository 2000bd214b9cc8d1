"""The refresh journal: a live refresh blocks a second one; a dead one is recorded as interrupted."""

import json
import os
import subprocess
import sys

import pytest

from pipeline.attempts import Attempt, journal_path, recover_interrupted
from pipeline.errors import RefreshRunningError
from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import query

SETTINGS = Settings().replace("themes", n_themes=3, taxonomy="")


def test_a_second_refresh_of_a_database_refuses_while_the_first_is_alive(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        Attempt(tmp_path / "c.duckdb", "corpus").begin()  # writes the journal of this process...
        state = json.loads(journal_path(tmp_path / "c.duckdb").read_text())
        state["pid"] = sleeper.pid  # ... handed to a live process that is not us
        state["pid_started"] = None
        journal_path(tmp_path / "c.duckdb").write_text(json.dumps(state))
        with pytest.raises(RefreshRunningError, match=f"another refresh of .*c.duckdb is running \\(process {sleeper.pid}"):
            recover_interrupted(tmp_path / "c.duckdb")
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_journal_whose_process_id_was_reused_is_a_dead_refresh(topic_corpus, tmp_path, fake_embedder):
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    # a journal naming a live process (this one) that started at another time than the journal says
    journal_path(db).write_text(json.dumps({"pid": os.getppid(), "pid_started": 1, "corpus": "corpus",
                                            "started_at": "2026-01-01T03:00:00", "stage": "embed", "seconds": {}}))
    assert recover_interrupted(db) == "run-0002"
    assert query(db, "SELECT status, error FROM runs WHERE run_id = 'run-0002'") == [
        ("interrupted", f"the refresh process ({os.getppid()}) stopped without finishing, during stage embed "
                        "(killed, or the machine went down)")]
    assert not journal_path(db).exists()
