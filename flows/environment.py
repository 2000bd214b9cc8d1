"""Prefect's environment for coprod runs: no server, state kept beside the outputs.

Must run before ``prefect`` is first imported, because Prefect reads its settings then. Runs
use Prefect's ephemeral mode (no server to start or keep), with PREFECT_HOME in the output
folder rather than the user's home, so refreshes don't pile up run history there.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def prepare_prefect_environment(state_dir: str | Path) -> bool:
    """Point PREFECT_HOME at ``state_dir`` unless the user configured Prefect themselves; True
    when coprod's settings apply (no API URL, no PREFECT_HOME of the user's)."""
    owned = "PREFECT_API_URL" not in os.environ and "PREFECT_HOME" not in os.environ
    if "PREFECT_API_URL" not in os.environ:
        os.environ.setdefault("PREFECT_HOME", str(Path(state_dir).resolve()))
        os.environ.setdefault("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "true")
        # The first start in a new PREFECT_HOME creates its database; on a small machine that
        # takes longer than Prefect's default 20 s wait.
        os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
        os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        # Nobody watches a temporary server's log view; the console gets every line anyway.
        os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
    # The pipeline logs progress on the "coprod" logger; Prefect forwards it to the flow run.
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "coprod")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return owned


def start_temporary_server() -> threading.Thread | None:
    """Start Prefect's temporary server in the background, when the run will use one (no
    PREFECT_API_URL, ephemeral mode allowed); join the returned thread before the flow runs.

    The server is a process of its own that takes seconds to come up (6 s on a 2-core machine,
    more when it first creates its database); the flow would start it and wait. Started
    before the pipeline's modules are imported, it comes up while they load. The flow then
    finds it running: Prefect keeps one temporary server per process.
    """
    from prefect.settings import get_current_settings

    current = get_current_settings()
    if current.api.url or not current.server.ephemeral.enabled:
        return None
    from prefect.server.api.server import SubprocessASGIServer

    thread = threading.Thread(target=_start_quietly, args=(SubprocessASGIServer(),),
                              name="prefect-temporary-server", daemon=True)
    thread.start()
    return thread


def _start_quietly(server) -> None:
    try:
        server.start()
    except Exception:  # noqa: BLE001 - the flow starts it again and reports the failure itself
        pass
