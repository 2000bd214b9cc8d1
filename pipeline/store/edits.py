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
from pipeline.themes.subtheme_edits import SUBTHEME_ACTIONS


def record_override(db_path: str | Path, edit: Override) -> str:
    """Store the edit; returns a sentence saying what changed."""
    if edit.action in SUBTHEME_ACTIONS:
        return record_subtheme_edit(db_path, edit)
    if edit.action not in ACTIONS:
        raise CoprodError(f"unknown theme edit {edit.action!r}; use one of {', '.join(ACTIONS + SUBTHEME_ACTIONS)}")
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
        con.execute("INSERT INTO theme_overrides (created_at, action, theme_id, other_theme_id, label) "
                    "VALUES (?, ?, ?, ?, ?)",
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


def record_subtheme_edit(db_path: str | Path, edit: Override) -> str:
    """Store a sub-theme edit (rename-subtheme, merge-subthemes, move-subtheme); a rename
    shows at once, a merge or move from the next refresh on."""
    con = connect_readonly(db_path)
    try:
        run_id = latest_run_id(con, str(db_path))
        parent = dict(con.execute("SELECT subtheme_id, theme_id FROM subthemes WHERE run_id = ?", [run_id]).fetchall())
        themes = {t for (t,) in con.execute("SELECT theme_id FROM themes WHERE run_id = ?", [run_id]).fetchall()}
    finally:
        con.close()
    for subtheme_id in (edit.subtheme_id, edit.other_subtheme_id):
        if subtheme_id is not None and subtheme_id not in parent:
            raise CoprodError(f"sub-theme {subtheme_id} is not a sub-theme of {run_id} (the latest run); "
                              "`coprod themes --subthemes` lists them")
    if edit.action == "merge-subthemes":
        if edit.subtheme_id == edit.other_subtheme_id:
            raise CoprodError("a sub-theme cannot be merged into itself")
        if parent[edit.subtheme_id] != parent[edit.other_subtheme_id]:
            raise CoprodError(f"sub-themes {edit.subtheme_id} and {edit.other_subtheme_id} belong to different themes "
                              f"({parent[edit.subtheme_id]} and {parent[edit.other_subtheme_id]}); "
                              "move one first (`coprod subtheme move`)")
    if edit.action == "move-subtheme":
        if edit.theme_id not in themes:
            raise CoprodError(f"theme {edit.theme_id} is not a theme of {run_id} (the latest run); "
                              "`coprod themes` lists them")
        if parent[edit.subtheme_id] == edit.theme_id:
            raise CoprodError(f"sub-theme {edit.subtheme_id} is already in theme {edit.theme_id}")
    label = (edit.label or "").strip()
    if edit.action == "rename-subtheme" and not label:
        raise CoprodError("a sub-theme's new name cannot be empty")
    theme_id = edit.theme_id if edit.action == "move-subtheme" else parent[edit.subtheme_id]

    def write(con) -> None:
        con.execute("INSERT INTO theme_overrides (created_at, action, theme_id, other_theme_id, label, subtheme_id, "
                    "other_subtheme_id) VALUES (?, ?, ?, NULL, ?, ?, ?)",
                    [datetime.now(timezone.utc).replace(tzinfo=None), edit.action, theme_id, label or None,
                     edit.subtheme_id, edit.other_subtheme_id])
        if edit.action == "rename-subtheme":
            con.execute("UPDATE subthemes SET label = ?, label_source = 'renamed' WHERE run_id = ? AND subtheme_id = ?",
                        [label, run_id, edit.subtheme_id])
        snapshot_views(con)

    publish(db_path, write)
    return {
        "rename-subtheme": f"sub-theme {edit.subtheme_id} is now called {label!r}",
        "merge-subthemes": f"sub-theme {edit.other_subtheme_id} will be merged into sub-theme {edit.subtheme_id} "
                           "at the next refresh",
        "move-subtheme": f"sub-theme {edit.subtheme_id} will move to theme {edit.theme_id} at the next refresh",
    }[edit.action]
