"""Serving the refresh flow as a Prefect deployment on a schedule.

Prefect's scheduler runs inside a Prefect server, so this needs ``PREFECT_API_URL`` pointing
at one (``prefect server start`` runs one locally on SQLite). ``serve`` registers the
deployment with its schedule and then keeps running, starting each scheduled refresh in this
process as it comes due; stop it with Ctrl-C (or SIGTERM from a service manager).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from pipeline.errors import CoprodError

DEPLOYMENT = "scheduled-refresh"


def serve_refresh(corpus: Path, db: Path, report: Path | None, config: Path | None,
                  cron: str | None = None, interval: float | None = None) -> None:
    """Register ``coprod-refresh/scheduled-refresh`` with a cron or interval schedule and serve it."""
    if not os.environ.get("PREFECT_API_URL"):
        raise CoprodError("scheduled refreshes need a Prefect server: start one with "
                          "`prefect server start --host 127.0.0.1` and set "
                          "PREFECT_API_URL=http://127.0.0.1:4200/api (see README, 'Scheduled refreshes')")
    if (cron is None) == (interval is None):
        raise CoprodError("give exactly one of --cron and --interval")
    from flows.refresh import refresh_flow_for
    from pipeline.settings import load_settings

    parameters = {"corpus": str(corpus.resolve()), "db": str(db.resolve()),
                  "report": str(report.resolve()) if report else None,
                  "config": str(config.resolve()) if config else None}
    # The task runner (Dask or not) is fixed when the deployment is served; each run reads
    # the settings file again for everything else.
    refresh_flow_for(load_settings(config)).serve(
        name=DEPLOYMENT, cron=cron, interval=timedelta(seconds=interval) if interval else None,
        parameters=parameters, description=f"coprod refresh of {corpus} into {db}",
        tags=["coprod"], limit=1,  # never two refreshes of one database at once
    )
