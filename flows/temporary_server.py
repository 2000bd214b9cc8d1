"""Prefect's temporary server for one `coprod refresh`, started before Prefect is imported.

Prefect starts the same server itself when a flow runs with no PREFECT_API_URL (its
"ephemeral" mode), but only after importing its whole server package into the flow's process
to reach the class that launches it: about 4 s on a 2-core machine, spent before anything else
can start, for code that runs in the other process. Launched here with the same command and
environment Prefect uses, the server comes up while the stages' modules load, the flow's
process never imports the server, and the flow talks to it through PREFECT_API_URL as to any
Prefect server. When the user configured Prefect (an API URL, their own PREFECT_HOME), nothing
is started here and Prefect does as it always does.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from pipeline.errors import TemporaryServerError

# Uvicorn exits with 3 when its port was taken between choosing it and binding it.
_PORT_TAKEN = 3


class TemporaryServer:
    """One Prefect server process on a free local port; ``wait`` until it answers, ``stop``."""

    def __init__(self, timeout: float = 180.0):
        self.timeout = timeout
        self.port: int | None = None
        self.process: subprocess.Popen | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> "TemporaryServer":
        self.port = _free_port()
        self.process = _launch(self.port)
        return self

    def wait(self) -> None:
        """Block until the server answers its health check; TemporaryServerError if it exits or
        does not answer within ``timeout`` seconds."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code == _PORT_TAKEN:
                # Not restarted on another port: Prefect has already read PREFECT_API_URL.
                raise TemporaryServerError(f"port {self.port} was taken before Prefect's temporary "
                                           "server could use it; run the refresh again")
            if code is not None:
                raise TemporaryServerError(f"Prefect's temporary server exited with code {code} "
                                           "(its messages, if any, are above)")
            if _healthy(self.api_url):
                return
            time.sleep(0.1)
        self.stop()
        raise TemporaryServerError(f"Prefect's temporary server did not answer on {self.api_url} "
                                   f"within {self.timeout:.0f} s")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def start_before_prefect(owned: bool) -> TemporaryServer | None:
    """Start the server and point PREFECT_API_URL at it, when coprod owns Prefect's settings
    (``owned``: prepare_prefect_environment put PREFECT_HOME in the output folder and no API URL
    is set) and Prefect is not imported yet; None otherwise, leaving the server to Prefect."""
    if not owned or "prefect" in sys.modules or _ephemeral_disallowed():
        return None
    if importlib.util.find_spec("uvicorn") is None:
        return None
    timeout = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180"))
    server = TemporaryServer(timeout).start()
    os.environ["PREFECT_API_URL"] = server.api_url
    # The server serves no UI: no "View at" link to a page that does not exist.
    os.environ.setdefault("PREFECT_UI_URL", "")
    return server


def _ephemeral_disallowed() -> bool:
    return os.environ.get("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "true").lower() in ("0", "false", "no")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _launch(port: int) -> subprocess.Popen:
    # The command and settings of Prefect's own temporary server (SubprocessASGIServer).
    prefect_dir = Path(importlib.util.find_spec("prefect").origin).parent
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
           "PREFECT__SERVER_FINAL": "1"}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_UI_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect_dir.parent), "--factory",
         "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "error", "--lifespan", "on"],
        env=env)  # its output, if any, goes to the console as with Prefect's own


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False

