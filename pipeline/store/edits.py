"""Recording a researcher's theme edit in ``theme_overrides``, published like a refresh.

The edit is journalled first (``edit_journal.py``: nothing is lost to a refresh publishing at
the same moment), then merged into the file. A rename, pin or noise mark also changes the
latest run's ``themes`` row at once (and the views' snapshots), so the next report shows it; a
merge needs the passages re-described and takes effect at the next refresh. Every edit is
re-applied by every later refresh.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from pathlib import Path

from pipeline.errors import CoprodError
from pipeline.store.connect import connect_readonly
from pipeline.store.edit_journal import append, merge_journal
from pipeline.store.publish import publish
from pipeline.store.reader import latest_run_id, reserved_theme_id
from pipeline.store.snapshot import snapshot_views
from pipeline.themes.overrides import ACTIONS, Override
from pipeline.themes.subtheme_edits import SUBTHEME_ACTIONS


def _journal_and_publish(db_path: str | Path, run_id: str, edit: Override, reviewer: str | None) -> None:
    append(db_path, {"edit_id": uuid.uuid4().hex, "created_at": _now().isoformat(), "reviewer": reviewer,
                     "action": edit.action, "theme_id": edit.theme_id, "other_theme_id": edit.other_theme_id,
                     "label": edit.label, "subtheme_id": edit.subtheme_id, "other_subtheme_id": edit.other_subtheme_id,
                     "target": edit.target})

    def write(con) -> None:
        merge_journal(con, db_path, run_id)
        snapshot_views(con)

    publish(db_path, write)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def record_memo(db_path: str | Path, text: str, theme_id: int | None = None, subtheme_id: int | None = None,
                reviewer: str | None = None) -> str:
    """Store a researcher's memo on a theme or sub-theme of the latest run."""
    if not text.strip():
        raise CoprodError("a memo cannot be empty")
    con = connect_readonly(db_path)
    try:
        run_id = latest_run_id(con, str(db_path))
        if theme_id is not None and not con.execute("SELECT count(*) FROM themes WHERE run_id = ? AND theme_id = ?",
                                                    [run_id, theme_id]).fetchone()[0]:
            raise CoprodError(f"theme {theme_id} is not a theme of {run_id} (the latest run)")
        if subtheme_id is not None and not con.execute(
                "SELECT count(*) FROM subthemes WHERE run_id = ? AND subtheme_id = ?", [run_id, subtheme_id]).fetchone()[0]:
            raise CoprodError(f"sub-theme {subtheme_id} is not a sub-theme of {run_id} (the latest run)")
    finally:
        con.close()
    append(db_path, {"kind": "memo", "edit_id": uuid.uuid4().hex, "created_at": _now().isoformat(),
                     "reviewer": reviewer, "theme_id": theme_id, "subtheme_id": subtheme_id, "text": text.strip()})
    publish(db_path, lambda con: (merge_journal(con, db_path, run_id), snapshot_views(con)))
    return f"memo saved on {'sub-theme ' + str(subtheme_id) if subtheme_id is not None else 'theme ' + str(theme_id)}"


def record_undo(db_path: str | Path, edit_id: str, reviewer: str | None = None) -> str:
    """Take back an edit or memo (by its ``edit_id``, in the history): names and noise marks at
    once, merges, moves and set-asides from the next refresh."""
    con = connect_readonly(db_path)
    try:
        run_id = latest_run_id(con, str(db_path))
        found = con.execute("SELECT action FROM theme_overrides WHERE edit_id = ? UNION ALL "
                            "SELECT 'memo' FROM memos WHERE edit_id = ?", [edit_id, edit_id]).fetchone()
        undone = con.execute("SELECT count(*) FROM theme_overrides WHERE action = 'undo' AND target = ?",
                             [edit_id]).fetchone()[0]
    finally:
        con.close()
    if found is None or found[0] == "undo":
        raise CoprodError(f"no edit {edit_id!r} to undo; the edit history lists them")
    if undone:
        raise CoprodError(f"edit {edit_id} is undone already")
    _journal_and_publish(db_path, run_id, Override("undo", -1, target=edit_id), reviewer)
    return f"{found[0]} {edit_id} undone"


def record_override(db_path: str | Path, edit: Override, reviewer: str | None = None) -> str:
    """Store the edit; returns a sentence saying what changed."""
    if edit.action == "undo":
        return record_undo(db_path, edit.target or "", reviewer)
    if edit.action in SUBTHEME_ACTIONS:
        return record_subtheme_edit(db_path, edit, reviewer)
    if edit.action not in ACTIONS:
        raise CoprodError(f"unknown theme edit {edit.action!r}; use one of {', '.join(ACTIONS + SUBTHEME_ACTIONS)}")
    aside = "document"
    con = connect_readonly(db_path)
    try:
        run_id = latest_run_id(con, str(db_path))
        labels = dict(con.execute("SELECT theme_id, label FROM themes WHERE run_id = ?", [run_id]).fetchall())
        if edit.action == "move-passage":
            found = con.execute("SELECT theme_id FROM passage_themes WHERE run_id = ? AND passage_id = ?",
                                [run_id, edit.target]).fetchone()
            if found is None:
                raise CoprodError(f"passage {edit.target} is not a themed passage of {run_id} (the latest run)")
            if found[0] == edit.theme_id:
                raise CoprodError(f"passage {edit.target} is already in theme {edit.theme_id}")
        if edit.action == "split":
            pids = sorted({p.strip() for p in (edit.target or "").split(",") if p.strip()})
            found = dict(con.execute("SELECT passage_id, theme_id FROM passage_themes WHERE run_id = ? "
                                     "AND passage_id IN (SELECT unnest(?::VARCHAR[]))", [run_id, pids]).fetchall())
            if not pids or set(found) != set(pids) or set(found.values()) != {edit.theme_id}:
                raise CoprodError(f"a split takes passages of theme {edit.theme_id} in {run_id}; "
                                  f"{', '.join(p for p in pids if found.get(p) != edit.theme_id) or 'none'} "
                                  "are not")
            if len(pids) == sum(1 for _ in con.execute("SELECT 1 FROM passage_themes WHERE run_id = ? AND theme_id = ?",
                                                       [run_id, edit.theme_id]).fetchall()):
                raise CoprodError(f"a split must leave theme {edit.theme_id} some passages; rename it instead")
            used = max(con.execute("SELECT coalesce(max(theme_id), 0) FROM themes").fetchone()[0],
                       con.execute("SELECT coalesce(max(theme_id), 0) FROM theme_lineage").fetchone()[0],
                       reserved_theme_id(con) or 0)
            edit = Override("split", edit.theme_id, used + 1, edit.label, target=",".join(pids))
        if edit.action == "set-aside":
            # a document (all its passages) or one passage the latest run modelled
            is_document = con.execute("SELECT count(*) FROM run_documents WHERE run_id = ? AND doc_id = ?",
                                      [run_id, edit.target]).fetchone()[0]
            is_passage = con.execute("SELECT count(*) FROM passage_themes WHERE run_id = ? AND passage_id = ?",
                                     [run_id, edit.target]).fetchone()[0]
            aside = "document" if is_document else "passage"
            if not (is_document or is_passage):
                raise CoprodError(f"{edit.target} is neither a document nor a modelled passage of {run_id} "
                                  "(the latest run)")
            edit = Override("set-aside", -1, target=edit.target)
    finally:
        con.close()
    for theme_id in (edit.theme_id, edit.other_theme_id if edit.action != "split" else None):
        if edit.action == "set-aside":
            break
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
    if edit.action in ("move-passage", "set-aside", "split") and not edit.target:
        needs = {"move-passage": "passage id", "set-aside": "document or passage id", "split": "passage ids"}
        raise CoprodError(f"{edit.action} needs the {needs[edit.action]}")

    _journal_and_publish(db_path, run_id, edit, reviewer)
    return {
        "rename": f"theme {edit.theme_id} is now called {edit.label!r}",
        "pin": f"theme {edit.theme_id} keeps the label {edit.label!r} in every refresh",
        "merge": f"theme {edit.other_theme_id} will be merged into theme {edit.theme_id} at the next refresh",
        "noise": f"theme {edit.theme_id} is marked as noise",
        "restore": f"theme {edit.theme_id} is no longer marked as noise",
        "move-passage": f"passage {edit.target} will move to theme {edit.theme_id} at the next refresh",
        "set-aside": f"{aside} {edit.target} will be set aside, left out of the themes from the next refresh",
        "split": f"{len((edit.target or '').split(','))} passages will leave theme {edit.theme_id} for a new theme "
                 f"{edit.other_theme_id} at the next refresh",
    }[edit.action]


def record_subtheme_edit(db_path: str | Path, edit: Override, reviewer: str | None = None) -> str:
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

    _journal_and_publish(db_path, run_id, Override(edit.action, theme_id, None, label or None, edit.subtheme_id,
                                                   edit.other_subtheme_id), reviewer)
    return {
        "rename-subtheme": f"sub-theme {edit.subtheme_id} is now called {label!r}",
        "merge-subthemes": f"sub-theme {edit.other_subtheme_id} will be merged into sub-theme {edit.subtheme_id} "
                           "at the next refresh",
        "move-subtheme": f"sub-theme {edit.subtheme_id} will move to theme {edit.theme_id} at the next refresh",
    }[edit.action]
