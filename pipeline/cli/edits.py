"""Recording one theme or sub-theme edit from the CLI (`coprod theme ...`, `coprod subtheme ...`)."""

from __future__ import annotations

from pathlib import Path


def record_edit(db: Path, *args, **fields) -> str:
    """Record one edit; the edit machinery (the theme stages it replays through, scikit-learn)
    is imported only when an edit is made, so the CLI starts quickly."""
    from pipeline.store.edits import record_override
    from pipeline.themes.overrides import Override

    return record_override(db, Override(*args, **fields))
