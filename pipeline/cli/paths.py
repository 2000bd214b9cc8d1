"""Default output locations: ``outputs/<corpus>.duckdb`` and ``outputs/<corpus>-report.html``."""

from __future__ import annotations

from pathlib import Path

OUTPUT_DIR = Path("outputs")


def default_db(corpus: Path) -> Path:
    return OUTPUT_DIR / f"{corpus.resolve().name}.duckdb"


def default_report(db: Path) -> Path:
    return db.with_name(f"{db.stem}-report.html")
