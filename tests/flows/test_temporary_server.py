import os
import subprocess
import sys
import urllib.request

import pytest

from flows.temporary_server import TemporaryServer, start_before_prefect
from pipeline.errors import TemporaryServerError


def test_the_server_answers_prefects_health_check_until_stopped(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    server = TemporaryServer(timeout=180).start()
    try:
        server.wait()
        with urllib.request.urlopen(f"{server.api_url}/health", timeout=5) as response:
            assert response.status == 200
        process = server.process
    finally:
        server.stop()
    assert process.poll() is not None  # the process is gone, not left behind
    assert (tmp_path / "prefect" / "prefect.db").is_file()


def test_a_server_that_exits_is_a_clear_error(tmp_path):
    server = TemporaryServer(timeout=30)
    server.port = 9
    server.process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(1)"])
    with pytest.raises(TemporaryServerError, match="exited with code 1.*PREFECT_API_URL"):
        server.wait()


def test_nothing_is_started_when_prefect_is_configured_or_already_loaded(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert start_before_prefect(owned=False) is None  # the user's own Prefect settings
    import prefect  # noqa: F401 - once Prefect has read its settings, it is too late to set its API URL

    assert start_before_prefect(owned=True) is None
    assert "PREFECT_API_URL" not in os.environ


def test_a_port_taken_before_the_server_bound_it_is_a_clear_error():
    server = TemporaryServer(timeout=30)
    server.port = 9
    server.process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])  # uvicorn's code
    with pytest.raises(TemporaryServerError, match="port 9 was taken.*run the refresh again"):
        server.wait()
