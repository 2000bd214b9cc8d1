"""docs/schema.md is the analysts' contract: it must match a real database column for column,
and its example queries must run."""

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
        row = re.match(r"^\| `(\w+)` \| ([A-Z\[\]]+) \|", line)
        if row and current is not None:
            current.append((row.group(1), row.group(2)))
    return tables


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    from tests.conftest import FakeEmbedder, write_topic_corpus

    root = tmp_path_factory.mktemp("schema")
    db = root / "c.duckdb"
    refresh(write_topic_corpus(root / "corpus"), db, None, Settings(), embedder=FakeEmbedder())
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def test_every_table_and_column_is_documented_with_its_type(database):
    live: dict[str, list[tuple[str, str]]] = {}
    for table, column, dtype in database.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "ORDER BY table_name, ordinal_position").fetchall():
        live.setdefault(table, []).append((column, dtype))
    assert documented_tables() == live


def test_example_queries_run(database):
    queries = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(queries) >= 2
    for sql in queries:
        assert database.execute(sql).fetchall(), sql
