"""``coprod review``: serve the latest run's report with controls to edit its themes."""

from __future__ import annotations

import ipaddress
import secrets
from pathlib import Path

import typer

from pipeline.cli.themes import DEFAULT_DB
from pipeline.errors import DatabaseNotFoundError


def review(
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file written by `coprod refresh`."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; any other than loopback "
                                                         "requires the access token printed at start."),
    port: int = typer.Option(8765, "--port", help="Port to listen on."),
) -> None:
    """Review themes in the browser: rename, pin, merge, mark noise, move sub-themes, write memos."""
    if not db.is_file():
        raise DatabaseNotFoundError(str(db))
    import uvicorn

    from pipeline.review.app import create_app

    loopback = host == "localhost" or _is_loopback(host)
    token = None if loopback else secrets.token_urlsafe(24)
    address = f"http://{host}:{port}/" + (f"?token={token}" if token else "")
    typer.echo(f"coprod review of {db}: open {address}  (Ctrl-C stops it)")
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="warning")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
