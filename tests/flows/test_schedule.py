"""A scheduled refresh for real: a Prefect server on a free loopback port, `coprod schedule`
serving the deployment with a short interval, and a refresh the scheduler started landing in
`runs`. Everything started here is stopped here."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import PROJECT, query

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str, body: dict | None = None):
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def wait_for(condition, timeout: float, what: str, processes=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for p in processes:
            if p.poll() is not None:
                pytest.fail(f"{what}: process {p.args[:3]} exited with {p.returncode}")
        try:
            if condition():
                return
        except Exception:
            pass
        time.sleep(1)
    pytest.fail(f"timed out waiting for {what}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.mark.slow
def test_a_served_deployment_runs_on_its_schedule_and_lands_in_runs(topic_corpus, tmp_path):
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({
        "PREFECT_HOME": str(tmp_path / "prefect-server"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false", "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
        "PREFECT_RUNNER_POLL_FREQUENCY": "2", "HF_HUB_OFFLINE": "1",
    })
    db = tmp_path / "scheduled.duckdb"
    logs = (tmp_path / "server.log").open("w"), (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=logs[0], stderr=subprocess.STDOUT, start_new_session=True)
    served = None
    try:
        wait_for(lambda: get_json(f"{api}/health") is True, 240, "the Prefect server to start", [server])
        served = subprocess.Popen(
            [str(BIN / "coprod"), "schedule", "--interval", "15", "--corpus", str(topic_corpus), "--db", str(db)],
            env={**env, "PREFECT_API_URL": api}, cwd=PROJECT, stdout=logs[1], stderr=subprocess.STDOUT,
            start_new_session=True)
        wait_for(lambda: db.exists() and query(db, "SELECT count(*) FROM runs WHERE status = 'succeeded'")[0][0] >= 1,
                 420, "a scheduled refresh to finish", [server, served])
        (flow_run_id,) = query(db, "SELECT flow_run_id FROM runs WHERE status = 'succeeded' LIMIT 1")[0]
        run = get_json(f"{api}/flow_runs/{flow_run_id}")
        deployment = get_json(f"{api}/deployments/{run['deployment_id']}")
        assert deployment["name"] == "scheduled-refresh"
        assert run["auto_scheduled"] is True  # the scheduler made this run, nobody started it by hand
        assert query(db, "SELECT n_documents, n_themes > 0 FROM runs WHERE status = 'succeeded' LIMIT 1") == [(12, True)]
    finally:
        if served is not None:
            stop(served)
        stop(server)
        for log in logs:
            log.close()
    print((tmp_path / "serve.log").read_text()[-3000:])
