"""Analysts' functions on a real database: search with a known answer, read-only SQL, export."""

import duckdb
import pytest

from pipeline.errors import CoprodError
from pipeline.query import export_tables, read_only_query, search
from pipeline.refresh import refresh
from pipeline.settings import Settings
from pipeline.store.search import SearchFilters

NEEDLE = ("Residents planted street trees along the canal towpath, and the canal trust gave them "
          "saplings, mulch and a watering rota for the first dry summer.")


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    from tests.conftest import FakeEmbedder, write_topic_corpus

    root = tmp_path_factory.mktemp("query")
    corpus = write_topic_corpus(root / "corpus")
    (corpus / "trees.txt").write_text(f"Canal trees\n\n{NEEDLE}\n")
    db = root / "c.duckdb"
    refresh(corpus, db, None, Settings().replace("themes", n_themes=3), embedder=FakeEmbedder())
    return db


def test_search_finds_the_passage_whose_answer_is_known(database, fake_embedder):
    fake_embedder.model_id = "test/fake-bag-of-words"
    hits = search(database, "canal towpath trees", embedder=fake_embedder, limit=3)
    assert hits[0].text.endswith(NEEDLE)
    assert hits[0].rank == 1 and hits[0].citation.startswith("Unknown author. Canal trees")


def test_search_filters_by_genre_and_theme(database, fake_embedder):
    assert search(database, "canal towpath trees", SearchFilters(genre="forum"), embedder=fake_embedder) == []
    theme = search(database, "pupils homework", embedder=fake_embedder, limit=1)[0].theme_id
    hits = search(database, "pupils homework", SearchFilters(theme=theme), embedder=fake_embedder, limit=20)
    assert hits and {h.theme_id for h in hits} == {theme}


def test_query_reads_and_refuses_every_write(database):
    frame = read_only_query(database, "SELECT count(*) AS n FROM v_current_themes")
    assert frame["n"].tolist() == [3]
    for sql in ["DELETE FROM runs", "CREATE TABLE x (a INT)", "COPY runs TO '/tmp/coprod-leak.csv'",
                f"ATTACH '{database.parent / 'other.duckdb'}' AS o", "SET enable_external_access = true"]:
        with pytest.raises(CoprodError, match="read-only and cannot change anything"):
            read_only_query(database, sql)
    assert not (database.parent / "other.duckdb").exists()


def test_export_writes_every_table_as_parquet(database, tmp_path):
    written = export_tables(database, tmp_path / "out")
    names = {p.stem for p in written}
    assert {"documents", "passages", "themes", "passage_themes", "runs", "excluded_spans"} <= names
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*) FROM '{tmp_path / 'out' / 'themes.parquet'}'").fetchone() == (3,)


def test_export_as_sql_is_what_import_database_reads_back(database, tmp_path):
    written = export_tables(database, tmp_path / "sql", "sql")
    assert {"schema.sql", "load.sql", "themes.parquet"} <= {p.name for p in written}
    con = duckdb.connect()
    con.execute(f"IMPORT DATABASE '{(tmp_path / 'sql').as_posix()}'")
    # the analysts' views come back with their answers, and the tables with every row
    assert con.execute("SELECT count(*) FROM v_current_themes").fetchone() == (3,)
    assert con.execute("SELECT count(*) FROM passages").fetchone() == duckdb.connect(
        str(database), read_only=True).execute("SELECT count(*) FROM passages").fetchone()
    with pytest.raises(CoprodError, match="is not empty"):
        export_tables(database, tmp_path / "sql", "sql")
