from pathlib import Path

import duckdb
import pytest

from pipeline.store.publish import publish


def rows(path: Path) -> list:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT run_id FROM runs ORDER BY run_id").fetchall()
    finally:
        con.close()


def add_run(run_id: str):
    def write(con):
        con.execute("INSERT INTO runs (run_id, started_at, status, corpus, settings) "
                    "VALUES (?, now(), 'succeeded', 'c', '{}')", [run_id])
        return run_id
    return write


def test_publish_creates_then_replaces_the_file(tmp_path: Path):
    db = tmp_path / "out" / "c.duckdb"
    assert publish(db, add_run("run-0001")) == "run-0001"
    publish(db, add_run("run-0002"))
    assert rows(db) == [("run-0001",), ("run-0002",)]
    assert sorted(p.name for p in db.parent.iterdir()) == ["c.duckdb"]  # no staging or WAL left


def test_a_failed_write_leaves_the_published_file_untouched(tmp_path: Path):
    db = tmp_path / "c.duckdb"
    publish(db, add_run("run-0001"))
    before = db.read_bytes()

    def broken(con):
        add_run("run-0002")(con)
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        publish(db, broken)
    assert db.read_bytes() == before
    assert rows(db) == [("run-0001",)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.duckdb"]


def test_a_reader_holding_the_old_file_keeps_reading_it(tmp_path: Path):
    db = tmp_path / "c.duckdb"
    publish(db, add_run("run-0001"))
    reader = duckdb.connect(str(db), read_only=True)
    try:
        publish(db, add_run("run-0002"))
        assert reader.execute("SELECT count(*) FROM runs").fetchone() == (1,)
    finally:
        reader.close()
    assert rows(db) == [("run-0001",), ("run-0002",)]
