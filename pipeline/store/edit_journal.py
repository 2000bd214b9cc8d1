"""Researchers' edits and memos, journalled beside the database before anything else, so none is
lost to a refresh publishing at the same moment.

An edit is appended (and fsynced) to ``<db>.edits.jsonl`` first, then merged into the file's
``theme_overrides`` / ``memos`` by its own publish. A refresh copies the published file when it
starts storing; an edit published after that copy would be overwritten by the refresh's swap,
so every publish (the edit's and the refresh's) merges the whole journal again: an entry
already in the file (by ``edit_id``) is skipped, one that is not is inserted and its immediate
effect (a new label, a noise mark) applied to the run being published. The journal is the
record; the tables are its merged copy.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb

from pipeline.themes.labels import label_from_keywords
from pipeline.themes.overrides import Override

COLUMNS = ("edit_id", "created_at", "reviewer", "action", "theme_id", "other_theme_id", "label",
           "subtheme_id", "other_subtheme_id", "target")


def journal_path(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".edits.jsonl")


def append(db_path: str | Path, entry: dict) -> None:
    """Add one entry (an edit, or ``{"kind": "memo", ...}``) durably."""
    path = journal_path(db_path)
    with open(path, "a", encoding="utf-8") as journal:
        journal.write(json.dumps(entry, sort_keys=True, default=str) + "\n")
        journal.flush()
        os.fsync(journal.fileno())


def entries(db_path: str | Path) -> list[dict]:
    """Every journalled entry, oldest first (a torn last line from a crash is skipped)."""
    path = journal_path(db_path)
    if not path.is_file():
        return []
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            found.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return sorted(found, key=lambda e: (e["created_at"], e["edit_id"]))


def as_override(entry: dict) -> Override:
    return Override(entry["action"], entry["theme_id"], entry.get("other_theme_id"), entry.get("label"),
                    entry.get("subtheme_id"), entry.get("other_subtheme_id"), entry.get("target"))


def merge_journal(con: duckdb.DuckDBPyConnection, db_path: str | Path, run_id: str | None) -> int:
    """Insert the journal's entries the open (staging) file lacks, applying each edit's
    immediate effect to ``run_id``'s rows; returns how many were added."""
    added, undone = 0, False
    for entry in unmerged(con, db_path):
        if entry.get("action") == "undo":
            undone = True
            con.execute("DELETE FROM memos WHERE edit_id = ?", [entry["target"]])
        if entry.get("kind") == "memo":
            con.execute("INSERT INTO memos (edit_id, created_at, reviewer, theme_id, subtheme_id, text) "
                        "VALUES (?, ?, ?, ?, ?, ?)", [entry["edit_id"], entry["created_at"], entry.get("reviewer"),
                                                      entry.get("theme_id"), entry.get("subtheme_id"), entry["text"]])
        else:
            con.execute(f"INSERT INTO theme_overrides ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                        [entry.get(c) for c in COLUMNS])
            if run_id is not None and entry.get("action") != "undo":
                apply_at_once(con, run_id, as_override(entry))
        added += 1
    if undone and run_id is not None:
        reapply_all(con, run_id)  # what the undone edits did at once is taken back
    return added


def apply_at_once(con: duckdb.DuckDBPyConnection, run_id: str, edit: Override) -> None:
    """The part of an edit that shows without re-describing themes: names and noise marks."""
    if edit.action in ("rename", "pin") and edit.label:
        con.execute("UPDATE themes SET label = ?, label_source = ? WHERE run_id = ? AND theme_id = ?",
                    [edit.label, "renamed" if edit.action == "rename" else "pinned", run_id, edit.theme_id])
    elif edit.action == "split" and edit.label and edit.other_theme_id is not None:
        # the split-off theme exists from the next refresh; from then on it keeps this name
        con.execute("UPDATE themes SET label = ?, label_source = 'renamed' WHERE run_id = ? AND theme_id = ?",
                    [edit.label, run_id, edit.other_theme_id])
    elif edit.action in ("noise", "restore"):
        con.execute("UPDATE themes SET is_noise = ? WHERE run_id = ? AND theme_id = ?",
                    [edit.action == "noise", run_id, edit.theme_id])
    elif edit.action == "rename-subtheme" and edit.label:
        con.execute("UPDATE subthemes SET label = ?, label_source = 'renamed' WHERE run_id = ? AND subtheme_id = ?",
                    [edit.label, run_id, edit.subtheme_id])


def in_force(entries_: list[dict]) -> list[dict]:
    """The edits that count: every edit but the undos and the edits they undo."""
    undone = {e.get("target") for e in entries_ if e.get("action") == "undo"}
    return [e for e in entries_ if e.get("action") != "undo" and e.get("edit_id") not in undone]


IN_FORCE = ("action <> 'undo' AND coalesce(edit_id, '') NOT IN "
            "(SELECT target FROM theme_overrides WHERE action = 'undo' AND target IS NOT NULL)")


def reapply_all(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Every edit in force, its immediate effect on ``run_id``'s rows, oldest first, after the
    names and noise marks of earlier edits are cleared (a theme renamed by an edit since undone
    is named by its keywords again until the next refresh names it). A refresh applied the
    edits it read; this brings in those made while it ran (already in the copy it started
    storing from, so not new to ``merge_journal``); replaying the rest is what it did anyway."""
    for table in ("themes", "subthemes"):
        for key, label_source, keywords in con.execute(
                f"SELECT {'theme_id' if table == 'themes' else 'subtheme_id'}, label_source, keywords FROM {table} "
                "WHERE run_id = ? AND label_source IN ('renamed', 'pinned')", [run_id]).fetchall():
            con.execute(f"UPDATE {table} SET label = ?, label_source = 'keywords' WHERE run_id = ? AND "
                        f"{'theme_id' if table == 'themes' else 'subtheme_id'} = ?",
                        [label_from_keywords(list(keywords)), run_id, key])
    con.execute("UPDATE themes SET is_noise = false WHERE run_id = ?", [run_id])
    rows = con.execute("SELECT action, theme_id, other_theme_id, label, subtheme_id, other_subtheme_id, target "
                       f"FROM theme_overrides WHERE {IN_FORCE} ORDER BY created_at, rowid").fetchall()
    for row in rows:
        apply_at_once(con, run_id, Override(*row))


def unmerged(con: duckdb.DuckDBPyConnection, db_path: str | Path) -> list[dict]:
    """Journal entries the file lacks: made in the moment between a refresh's last merge and its
    swap, or whose own publish was cut short."""
    known = {e for (e,) in con.execute("SELECT edit_id FROM theme_overrides WHERE edit_id IS NOT NULL "
                                       "UNION SELECT edit_id FROM memos").fetchall()}
    return [e for e in entries(db_path) if e["edit_id"] not in known]
