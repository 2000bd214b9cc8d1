from pathlib import Path

import duckdb
import pytest

from pipeline.errors import CoprodError
from pipeline.refresh import refresh
from pipeline.settings import Settings
from pipeline.store.migrations import LATEST

V1 = Path(__file__).resolve().parents[1] / "data" / "schema_v1.sql"


def columns(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT table_name, column_name, data_type FROM information_schema.columns "
                           "ORDER BY table_name, ordinal_position").fetchall()
    finally:
        con.close()
    out: dict = {}
    for table, column, dtype in rows:
        out.setdefault(table, []).append((column, dtype))
    return out


def make_v1(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute(V1.read_text())
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    con.execute("INSERT INTO runs (run_id, started_at, status, corpus, settings) "
                "VALUES ('run-0001', now(), 'succeeded', 'old', '{}')")
    con.close()


def test_a_version_1_file_is_upgraded_and_keeps_its_runs(tmp_path, topic_corpus, fake_embedder):
    old = tmp_path / "old.duckdb"
    make_v1(old)
    result = refresh(topic_corpus, old, None, Settings(), embedder=fake_embedder)
    assert result.run_id == "run-0002"
    fresh = tmp_path / "fresh.duckdb"
    refresh(topic_corpus, fresh, None, Settings(), embedder=fake_embedder)
    assert columns(old) == columns(fresh)  # same tables, same columns in the same order
    con = duckdb.connect(str(old), read_only=True)
    assert con.execute("SELECT version FROM schema_version ORDER BY version").fetchall() == [(v,) for v in range(1, LATEST + 1)]
    assert con.execute("SELECT corpus FROM runs WHERE run_id = 'run-0001'").fetchone() == ("old",)
    con.close()


def test_a_file_from_a_newer_coprod_is_refused_untouched(tmp_path, topic_corpus, fake_embedder):
    db = tmp_path / "new.duckdb"
    refresh(topic_corpus, db, None, Settings(), embedder=fake_embedder)
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version VALUES (99, now())")
    con.close()
    before = db.read_bytes()
    with pytest.raises(CoprodError, match="schema version 99, newer than this coprod understands"):
        refresh(topic_corpus, db, None, Settings(), embedder=fake_embedder)
    assert db.read_bytes() == before


def test_reading_commands_refuse_an_old_file_and_say_how_to_upgrade(tmp_path):
    from pipeline.store.connect import connect_readonly

    old = tmp_path / "old.duckdb"
    make_v1(old)
    with pytest.raises(CoprodError, match=r"schema version 1, older than this coprod's \(" + str(LATEST) + r"\); run `coprod refresh`"):
        connect_readonly(old)
