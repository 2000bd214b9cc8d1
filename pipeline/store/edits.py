"""Recording a researcher's theme edit in ``theme_overrides``, published like a refresh.

A rename, pin or noise mark also changes the latest run's ``themes`` row at once (and the
views' snapshots), so the next report shows it; a merge needs the passages re-described and
takes effect at the next refresh. Every edit is re-applied by every later refresh.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from pipeline.errors import CoprodError
from pipeline.store.connect import connect_readonly
from pipeline.store.publish import publish
from pipeline.store.reader import latest_run_id
from pipeline.store.snapshot import snapshot_views
from pipeline.themes.overrides import ACTIONS, Override


def record_override(db_path: str | Path, edit: Override) -> str:
    """Store the edit; returns a sentence saying what changed."""
    if edit.action not in ACTIONS:
        raise CoprodError(f"unknown theme edit {edit.action!r}; use one of {', '.join(ACTIONS)}")
    con = connect_readonly(db_path)
    try:
        run_id = latest_run_id(con, str(db_path))
        labels = dict(con.execute("SELECT theme_id, label FROM themes WHERE run_id = ?", [run_id]).fetchall())
    finally:
        con.close()
    for theme_id in (edit.theme_id, edit.other_theme_id):
        if theme_id is not None and theme_id not in labels:
            raise CoprodError(f"theme {theme_id} is not a theme of {run_id} (the latest run); "
                              "`coprod themes` lists them")
    if edit.action == "merge" and edit.theme_id == edit.other_theme_id:
        raise CoprodError("a theme cannot be merged into itself")
    if edit.action in ("rename", "pin"):
        label = (edit.label or "").strip() or (labels[edit.theme_id] if edit.action == "pin" else "")
        if not label:
            raise CoprodError("a theme's new name cannot be empty")
        edit = Override(edit.action, edit.theme_id, None, label)

    def write(con) -> None:
        con.execute("INSERT INTO theme_overrides VALUES (?, ?, ?, ?, ?)",
                    [datetime.now(timezone.utc).replace(tzinfo=None), edit.action, edit.theme_id,
                     edit.other_theme_id, edit.label])
        if edit.action in ("rename", "pin"):
            con.execute("UPDATE themes SET label = ?, label_source = ? WHERE run_id = ? AND theme_id = ?",
                        [edit.label, "renamed" if edit.action == "rename" else "pinned", run_id, edit.theme_id])
        elif edit.action in ("noise", "restore"):
            con.execute("UPDATE themes SET is_noise = ? WHERE run_id = ? AND theme_id = ?",
                        [edit.action == "noise", run_id, edit.theme_id])
        snapshot_views(con)

    publish(db_path, write)
    return {
        "rename": f"theme {edit.theme_id} is now called {edit.label!r}",
        "pin": f"theme {edit.theme_id} keeps the label {edit.label!r} in every refresh",
        "merge": f"theme {edit.other_theme_id} will be merged into theme {edit.theme_id} at the next refresh",
        "noise": f"theme {edit.theme_id} is marked as noise",
        "restore": f"theme {edit.theme_id} is no longer marked as noise",
    }[edit.action]
