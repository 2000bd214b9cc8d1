"""Prefect's environment for coprod runs: no server, state kept beside the outputs.

Must run before ``prefect`` is first imported, because Prefect reads its settings then. Runs
use Prefect's ephemeral mode (no server to start or keep), with PREFECT_HOME in the output
folder rather than the user's home, so refreshes don't pile up run history there.
"""

from __future__ import annotations

import os
from pathlib import Path


def prepare_prefect_environment(state_dir: str | Path) -> None:
    """Point PREFECT_HOME at ``state_dir`` unless the user configured Prefect themselves."""
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
