import shutil
from pathlib import Path

import duckdb
import numpy as np
import pytest

from pipeline.refresh import refresh
from pipeline.settings import Settings
from pipeline.store.connect import apply_schema
from pipeline.store.extensions import load_extension
from pipeline.store.search import (HNSW_MIN_PASSAGES, TOMBSTONE_SHARE, SearchFilters, bm25, build_search_index, fuse,
                                   nearest)
from tests.conftest import FakeEmbedder, write_topic_corpus


def test_hnsw_index_answers_and_the_file_opens_without_vss(tmp_path, topic_corpus, fake_embedder):
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, Settings(), embedder=fake_embedder)
    con = duckdb.connect(str(db))
    build_search_index(con, hnsw_min_passages=1)
    assert con.execute("SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'search_vectors_hnsw'").fetchone() == (1,)
    target = con.execute("SELECT passage_id, embedding FROM search_vectors LIMIT 1").fetchone()
    hits = nearest(con, np.asarray(target[1], dtype=np.float32), fake_embedder.model_id)
    assert hits[0][0] == target[0] and abs(hits[0][1] - 1.0) < 1e-5
    con.execute("CHECKPOINT")
    con.close()
    plain = duckdb.connect(str(db), read_only=True)  # an analyst's DuckDB without vss loaded
    plain.execute("SET autoload_known_extensions = false")
    assert plain.execute("SELECT count(*) FROM search_vectors").fetchone()[0] > 0
    plain.close()


def test_bm25_ranks_the_passage_with_the_rare_words_first(tmp_path, topic_corpus, fake_embedder):
    (topic_corpus / "canal.txt").write_text("Canal\n\n" + "Volunteers cleared the canal towpath of brambles "
                                            "and the canal trust repaired two locks over the winter. " * 2)
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, Settings(), embedder=fake_embedder)
    con = duckdb.connect(str(db), read_only=True)
    ranked = bm25(con, "canal locks")
    assert len(ranked) == 1
    text = con.execute("SELECT text FROM passages WHERE passage_id = ?", [ranked[0][0]]).fetchone()[0]
    assert "towpath" in text
    assert bm25(con, "canal locks", SearchFilters(genre="forum")) == []
    con.close()


def test_a_refresh_can_write_a_file_that_has_an_hnsw_index(tmp_path, topic_corpus, fake_embedder):
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, Settings(), embedder=fake_embedder)
    con = duckdb.connect(str(db))
    build_search_index(con, hnsw_min_passages=1)
    con.close()
    second = refresh(topic_corpus, db, None, Settings(), embedder=fake_embedder)
    assert second.run_id == "run-0002"


# search_vectors kept up to date across runs: one refresh's published file, then a second run
# written by hand into a copy of it, so each test controls which passages are added, removed
# and re-themed.

CANAL = "Volunteers cleared the canal towpath of brambles and the canal trust repaired two locks."
MODEL = FakeEmbedder.model_id


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("published")
    db = folder / "c.duckdb"
    refresh(write_topic_corpus(folder / "corpus"), db, None, Settings(), embedder=FakeEmbedder())
    return db


def _open(db: Path) -> duckdb.DuckDBPyConnection:
    """The file as a refresh writes its staging copy: vss loaded, the views over the tables."""
    con = duckdb.connect(str(db))
    load_extension(con, "vss")
    apply_schema(con)
    return con


def _copy(published: Path, folder: Path, hnsw_min_passages: int) -> Path:
    """The published file with search_vectors built at this threshold and checkpointed, so an
    HNSW index is read back from the file as in a refresh's staging copy."""
    db = folder / "c.duckdb"
    shutil.copy(published, db)
    con = _open(db)
    build_search_index(con, hnsw_min_passages=hnsw_min_passages)
    con.execute("CHECKPOINT")
    con.close()
    return db


def _second_run(con, drop: int = 0, retheme: int = 0, add: bool = True, model_id: str | None = None) -> None:
    """A succeeded run after the latest: its passages (by id) without the first ``drop``, the
    next ``retheme`` in another theme, and a new passage about a canal when ``add``."""
    previous = con.execute("SELECT run_id FROM v_latest_run").fetchone()[0]
    con.execute("""INSERT INTO runs SELECT * REPLACE ('run-0002' AS run_id, finished_at + INTERVAL 1 HOUR AS finished_at,
                   coalesce(?, model_id) AS model_id) FROM runs WHERE run_id = ?""", [model_id, previous])
    con.execute("""INSERT INTO passage_themes
                   SELECT * EXCLUDE (n) REPLACE ('run-0002' AS run_id,
                          CASE WHEN n <= ? + ? THEN theme_id + 100 ELSE theme_id END AS theme_id)
                   FROM (SELECT *, row_number() OVER (ORDER BY passage_id) AS n FROM passage_themes WHERE run_id = ?)
                   WHERE n > ?""", [drop, retheme, previous, drop])
    if add:
        con.execute("INSERT INTO documents SELECT * REPLACE ('doc-canal' AS doc_id, 'canal' AS external_id, ? AS text) "
                    "FROM documents LIMIT 1", [CANAL])
        con.execute("INSERT INTO passages SELECT * REPLACE ('passage-canal' AS passage_id, 'doc-canal' AS doc_id, "
                    "? AS text, 'hash-canal' AS text_hash) FROM passages LIMIT 1", [CANAL])
        con.execute("INSERT INTO embeddings VALUES (?, 'hash-canal', ?)",
                    [model_id or MODEL, FakeEmbedder().embed([CANAL])[0].tolist()])
        con.execute("INSERT INTO passage_themes (run_id, passage_id, theme_id, score) "
                    "VALUES ('run-0002', 'passage-canal', 0, 0.5)")


def _rows(con) -> set:
    """The live rows (tombstones left out)."""
    return {(p, t, g, tuple(e)) for p, t, g, e in con.execute(
        "SELECT passage_id, theme_id, genre, embedding FROM search_vectors WHERE passage_id IS NOT NULL").fetchall()}


def _tombstones(con) -> int:
    return con.execute("SELECT count(*) FROM search_vectors WHERE passage_id IS NULL").fetchone()[0]


def _fresh(con, db: Path, hnsw_min_passages: int) -> duckdb.DuckDBPyConnection:
    """A copy of the file with search_vectors built from nothing, to compare with."""
    con.execute("CHECKPOINT")
    copy = db.with_name("fresh.duckdb")
    shutil.copy(db, copy)
    con = _open(copy)
    con.execute("DROP TABLE search_vectors")
    assert build_search_index(con, hnsw_min_passages=hnsw_min_passages) == "rebuilt"
    return con


def _has_hnsw(con) -> bool:
    return con.execute("SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'search_vectors_hnsw'").fetchone() == (1,)


def _vector(con, passage_id: str) -> np.ndarray:
    return np.asarray(con.execute("SELECT embedding FROM search_vectors WHERE passage_id = ?",
                                  [passage_id]).fetchone()[0], dtype=np.float32)


def test_search_vectors_follow_a_run_that_adds_removes_and_rethemes_passages(published, tmp_path):
    db = _copy(published, tmp_path, hnsw_min_passages=HNSW_MIN_PASSAGES)
    con = _open(db)
    removed = con.execute("SELECT min(passage_id) FROM search_vectors").fetchone()[0]
    removed_vector = _vector(con, removed)
    _second_run(con, drop=2, retheme=3)
    assert build_search_index(con) == "updated"
    fresh = _fresh(con, db, hnsw_min_passages=HNSW_MIN_PASSAGES)
    assert _rows(con) == _rows(fresh)
    assert con.execute("SELECT count(*) FROM search_vectors WHERE theme_id >= 100").fetchone() == (3,)
    assert removed not in [p for p, _ in nearest(con, removed_vector, MODEL)]
    assert nearest(con, removed_vector, MODEL) == nearest(fresh, removed_vector, MODEL)
    fresh.close()
    con.close()


def test_an_hnsw_index_read_from_the_file_is_kept_and_finds_a_new_passage(published, tmp_path):
    db = _copy(published, tmp_path, hnsw_min_passages=1)
    con = _open(db)
    _second_run(con, retheme=3)
    assert build_search_index(con, hnsw_min_passages=1) == "updated"
    con.execute("CHECKPOINT")
    con.close()
    con = _open(db)  # the updated index, written and read back
    fresh = _fresh(con, db, hnsw_min_passages=1)
    assert _has_hnsw(con) and _rows(con) == _rows(fresh)
    canal = _vector(con, "passage-canal")
    hits = nearest(con, canal, MODEL)
    assert hits[0][0] == "passage-canal" and abs(hits[0][1] - 1.0) < 1e-5
    assert hits == nearest(fresh, canal, MODEL)
    for query in ["canal towpath", "flood wardens river"]:
        vector = FakeEmbedder().embed([query])[0]
        for filters in [SearchFilters(), SearchFilters(theme=0)]:
            assert (fuse(bm25(con, query, filters), nearest(con, vector, MODEL, filters))
                    == fuse(bm25(fresh, query, filters), nearest(fresh, vector, MODEL, filters)))
    fresh.close()
    con.close()


def test_removing_vectors_from_an_hnsw_index_leaves_tombstones_that_search_skips(published, tmp_path):
    db = _copy(published, tmp_path, hnsw_min_passages=1)
    con = _open(db)
    removed = con.execute("SELECT min(passage_id) FROM search_vectors").fetchone()[0]
    removed_vector = _vector(con, removed)
    _second_run(con, drop=1, retheme=2)
    assert build_search_index(con, hnsw_min_passages=1) == "updated"
    assert _tombstones(con) == 1
    con.execute("CHECKPOINT")
    con.close()
    con = _open(db)  # the index with its tombstone, written and read back
    fresh = _fresh(con, db, hnsw_min_passages=1)
    assert _has_hnsw(con) and _rows(con) == _rows(fresh) and _tombstones(fresh) == 0
    # The tombstone is the removed vector itself, nearest of all: five places, five passages.
    hits = nearest(con, removed_vector, MODEL, limit=5)
    assert len(hits) == 5 and removed not in [p for p, _ in hits]
    assert hits == nearest(fresh, removed_vector, MODEL, limit=5)
    assert nearest(con, _vector(con, "passage-canal"), MODEL)[0][0] == "passage-canal"
    assert (fuse(bm25(con, "canal towpath"), nearest(con, removed_vector, MODEL))
            == fuse(bm25(fresh, "canal towpath"), nearest(fresh, removed_vector, MODEL)))
    fresh.close()
    con.close()


def test_tombstones_past_a_tenth_of_the_rows_build_the_index_again(published, tmp_path):
    db = _copy(published, tmp_path, hnsw_min_passages=1)
    con = _open(db)
    n = con.execute("SELECT count(*) FROM search_vectors").fetchone()[0]
    _second_run(con, drop=int(TOMBSTONE_SHARE * n) + 1)
    assert build_search_index(con, hnsw_min_passages=1) == "rebuilt"
    fresh = _fresh(con, db, hnsw_min_passages=1)
    assert _has_hnsw(con) and _tombstones(con) == 0 and _rows(con) == _rows(fresh)
    fresh.close()
    con.close()


def test_a_new_model_or_dimension_rebuilds_search_vectors(published, tmp_path):
    db = _copy(published, tmp_path, hnsw_min_passages=1)
    con = _open(db)
    for model_id, vectors in [("test/same-dimension", "list_reverse(embedding)"), ("test/half", "embedding[1:32]")]:
        con.execute("DELETE FROM runs WHERE run_id = 'run-0002'")
        con.execute("DELETE FROM passage_themes WHERE run_id = 'run-0002'")
        con.execute(f"INSERT INTO embeddings SELECT ?, text_hash, {vectors} FROM embeddings WHERE model_id = ?",
                    [model_id, MODEL])
        _second_run(con, add=False, model_id=model_id)
        assert build_search_index(con, hnsw_min_passages=1) == "rebuilt"
        fresh = _fresh(con, db, hnsw_min_passages=1)
        assert _has_hnsw(con) and _rows(con) == _rows(fresh)
        fresh.close()
    assert con.execute("SELECT typeof(embedding) FROM search_vectors LIMIT 1").fetchone() == ("FLOAT[32]",)
    con.close()


def test_a_run_that_changes_many_passages_rebuilds_search_vectors_in_order(published, tmp_path):
    db = _copy(published, tmp_path, hnsw_min_passages=HNSW_MIN_PASSAGES)
    con = _open(db)
    n = con.execute("SELECT count(*) FROM search_vectors").fetchone()[0]
    _second_run(con, retheme=n // 2)
    assert build_search_index(con) == "rebuilt"
    stored = [row[0] for row in con.execute("SELECT passage_id FROM search_vectors").fetchall()]
    assert stored == [row[0] for row in con.execute(
        "SELECT passage_id FROM search_vectors ORDER BY genre, theme_id, passage_id").fetchall()]
    con.close()


def test_vss_still_keeps_rows_deleted_from_an_index_read_back_from_a_file(tmp_path):
    """Why removing vectors builds the HNSW index again. If this fails, the installed vss
    removes such rows (duckdb-vss pull request 93), and update_search_vectors could delete
    from the index in place (then compacting it with PRAGMA hnsw_compact_index)."""
    db = tmp_path / "v.duckdb"
    con = _open(db)
    con.execute("SET hnsw_enable_experimental_persistence = true")
    con.execute("CREATE TABLE t AS SELECT i, [i, 1 + i % 7, 1]::FLOAT[3] AS v FROM range(100) r(i)")
    con.execute("CREATE INDEX t_hnsw ON t USING HNSW (v) WITH (metric = 'cosine')")
    con.execute("CHECKPOINT")
    con.close()
    con = _open(db)
    con.execute("SET hnsw_enable_experimental_persistence = true")
    con.execute("DELETE FROM t WHERE i < 10")
    assert con.execute("SELECT count FROM pragma_hnsw_index_info()").fetchone() == (100,)
    assert con.execute("SELECT count(*) FROM t").fetchone() == (90,)
    con.close()
