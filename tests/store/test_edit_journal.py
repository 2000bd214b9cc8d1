"""Edits are journalled beside the database first, so one made while a refresh runs (after the
refresh read the edits, before it published) is in the file that refresh publishes, shown at
once (fake embedder, real DuckDB, the real stage functions)."""

import dataclasses

import pytest

from pipeline import refresh as stages
from pipeline.errors import CoprodError
from pipeline.settings import Settings
from pipeline.store.edit_journal import append, entries, journal_path
from pipeline.store.edits import record_memo, record_override
from pipeline.themes.overrides import Override
from tests.conftest import query

SETTINGS = Settings().replace("themes", n_themes=3, taxonomy="")


def test_an_edit_made_during_a_refresh_is_in_the_file_it_publishes(topic_corpus, tmp_path, fake_embedder):
    db = tmp_path / "c.duckdb"
    stages.refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)

    def map_then_edit(model, passages, embeddings, db_path, settings):
        # the refresh has read the edits and matched its themes; a reviewer renames theme 1 now
        record_override(db_path, Override("rename", 1, label="Renamed mid-refresh"), reviewer="Ana")
        record_memo(db_path, "Check the school quotes", theme_id=1, reviewer="Ana")
        return stages.theme_map(model, passages, embeddings, db_path, settings)

    run_id, _ = stages.run_stages(topic_corpus, db, SETTINGS, fake_embedder,
                                  fns=dataclasses.replace(stages.Stages(), map=map_then_edit))
    assert run_id == "run-0002"
    assert query(db, "SELECT action, theme_id, label, reviewer FROM theme_overrides") == [
        ("rename", 1, "Renamed mid-refresh", "Ana")]
    assert query(db, "SELECT label, label_source FROM themes WHERE run_id = 'run-0002' AND theme_id = 1") == [
        ("Renamed mid-refresh", "renamed")]
    assert query(db, "SELECT reviewer, theme_id, text FROM memos") == [("Ana", 1, "Check the school quotes")]
    # the next refresh applies it like any edit, and merges nothing twice
    stages.refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, "SELECT label FROM themes WHERE run_id = 'run-0003' AND theme_id = 1") == [("Renamed mid-refresh",)]
    assert query(db, "SELECT count(*) FROM theme_overrides") == [(1,)] and query(db, "SELECT count(*) FROM memos") == [(1,)]


def test_a_journalled_edit_whose_own_publish_never_happened_is_merged_by_the_next_refresh(
        topic_corpus, tmp_path, fake_embedder):
    db = tmp_path / "c.duckdb"
    stages.refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    append(db, {"edit_id": "e1", "created_at": "2026-01-01T00:00:00", "reviewer": None, "action": "noise",
                "theme_id": 2, "other_theme_id": None, "label": None, "subtheme_id": None, "other_subtheme_id": None})
    with open(journal_path(db), "a", encoding="utf-8") as journal:
        journal.write('{"edit_id": "torn", "created')  # a crash mid-line: skipped, not fatal
    assert [e["edit_id"] for e in entries(db)] == ["e1"]
    stages.refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, "SELECT edit_id, action FROM theme_overrides") == [("e1", "noise")]
    assert query(db, "SELECT is_noise FROM themes WHERE run_id = 'run-0002' AND theme_id = 2") == [(True,)]


def test_undo_takes_back_a_rename_and_a_memo_at_once_and_for_good(topic_corpus, tmp_path, fake_embedder):
    from pipeline.store.edits import record_undo

    db = tmp_path / "c.duckdb"
    stages.refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    before = query(db, "SELECT label FROM themes WHERE theme_id = 1")[0][0]
    record_override(db, Override("rename", 1, label="Wrong name"), reviewer="Ana")
    record_memo(db, "A hasty memo", theme_id=1)
    rename_id, = query(db, "SELECT edit_id FROM theme_overrides WHERE action = 'rename'")[0]
    memo_id, = query(db, "SELECT edit_id FROM memos")[0]
    assert record_undo(db, rename_id, reviewer="Ana") == f"rename {rename_id} undone"
    record_undo(db, memo_id)
    label, source = query(db, "SELECT label, label_source FROM themes WHERE theme_id = 1")[0]
    assert source == "keywords" and label != "Wrong name"
    assert query(db, "SELECT count(*) FROM memos") == [(0,)]
    with pytest.raises(CoprodError, match="undone already"):
        record_undo(db, rename_id)
    stages.refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, "SELECT label FROM themes WHERE run_id = 'run-0002' AND theme_id = 1") == [(before,)]
