"""docs/schema.md is the analysts' contract: it must match a real database column for column,
and its example queries must run."""

import json
import re
from pathlib import Path

import duckdb
import pytest

from pipeline.refresh import refresh
from pipeline.settings import Settings

DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def documented_tables() -> dict[str, list[tuple[str, str]]]:
    tables: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### `(\w+)`", line)
        if heading:
            current = tables.setdefault(heading.group(1), [])
            continue
        row = re.match(r"^\| `(\w+)` \| ([^|]+?) \|", line)
        if row and current is not None:
            current.append((row.group(1), row.group(2)))
    return tables


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    from tests.conftest import FakeEmbedder, write_subtopic_corpus, write_topic_corpus

    root = tmp_path_factory.mktemp("schema")
    db = root / "c.duckdb"
    corpus = write_topic_corpus(root / "corpus")
    # dated, authored records so that the year and author views have rows
    (corpus / "records.jsonl").write_text("\n".join(json.dumps({
        "id": f"r{i}", "genre": "abstract", "date": f"20{10 + i}-01-01", "authors": ["Okafor, Ngozi", f"Author {i}"],
        "text": f"Carers and patients redesigned hospital discharge support number {i} with nurses and social care."
                " " * 2 + "The study followed patients home and measured how care packages were arranged." * 2,
    }) for i in range(3)))
    write_subtopic_corpus(corpus / "notes")  # themes large and varied enough to have sub-themes
    refresh(corpus, db, None, Settings(), embedder=FakeEmbedder())
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def test_every_table_and_column_is_documented_with_its_type(database):
    live: dict[str, list[tuple[str, str]]] = {}
    for table, column, dtype in database.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position").fetchall():
        live.setdefault(table, []).append((column, re.sub(r"FLOAT\[\d+\]", "FLOAT[n]", dtype)))
    assert documented_tables() == live


def test_every_view_is_documented_with_an_example_query():
    text = DOC.read_text(encoding="utf-8")
    for view in re.findall(r"CREATE OR REPLACE VIEW (\w+)", (DOC.parents[1] / "pipeline/store/views.sql").read_text()):
        section = text.split(f"### `{view}`", 1)[1].split("\n### ", 1)[0]
        assert "```sql" in section and f"FROM {view}" in section, view


def test_example_queries_run(database):
    queries = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(queries) >= 10
    for sql in queries:
        assert database.execute(sql).fetchall(), sql


def test_every_documented_table_view_and_column_carries_its_description_in_the_file(database):
    from pipeline.store.comments import descriptions

    documented = descriptions()
    rows = database.execute("SELECT table_name, column_name, comment FROM duckdb_columns() "
                            "WHERE schema_name = 'main'").fetchall()
    ours = [(t, c, comment) for t, c, comment in rows if t in documented]
    assert sum(1 for *_, comment in ours if comment) / len(ours) >= 0.95
    # the words are the page's, without its Markdown
    assert ("passage_themes", "subtheme_id", "its sub-theme (NULL when its theme has none)") in ours
    tables = dict(database.execute("SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'main'"
                                   ).fetchall())
    views = dict(database.execute("SELECT view_name, comment FROM duckdb_views() WHERE schema_name = 'main'"
                                  ).fetchall())
    assert tables["ingest_errors"] == "Every document or file a run could not use, and why."
    assert views["v_current_subthemes"] == "The latest run's sub-themes, theme by theme."
