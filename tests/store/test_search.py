import duckdb
import numpy as np

from pipeline.refresh import refresh
from pipeline.settings import Settings
from pipeline.store.search import SearchFilters, bm25, build_search_index, nearest


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
