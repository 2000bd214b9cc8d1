import datetime

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from pipeline.store.frames import typed_table, vectors_array

N = 3_001  # DuckDB samples every third row of a frame this long: row 1 is never looked at


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("CREATE TABLE t (name VARCHAR, tags VARCHAR[], day DATE, n INTEGER, vec FLOAT[], doc JSON)")
    yield con
    con.close()


def _insert(con, frame):
    con.register("_frame", typed_table(con, "t", frame))
    con.execute(f"INSERT INTO t ({', '.join(frame.columns)}) SELECT * FROM _frame")


def test_a_value_after_thousands_of_empty_rows_is_stored(con):
    frame = pd.DataFrame({"name": [None] * N, "tags": [[] for _ in range(N)], "day": [None] * N,
                          "n": pd.array([None] * N, dtype="Int32")})
    frame.at[1, "name"], frame.at[1, "tags"], frame.at[1, "day"], frame.at[1, "n"] = \
        "Victoria", ["co-production"], datetime.date(2021, 3, 4), 7
    _insert(con, frame)
    assert con.execute("SELECT name, tags, day, n FROM t WHERE name IS NOT NULL").fetchall() == [
        ("Victoria", ["co-production"], datetime.date(2021, 3, 4), 7)]
    assert con.execute("SELECT count(*), count(name), count(day), count(n) FROM t").fetchall() == [(N, 1, 1, 1)]


def test_values_first_and_none_after_are_stored_as_nulls(con):
    frame = pd.DataFrame({"name": ["a"] + [None] * (N - 1), "tags": [["x"]] + [None] * (N - 1),
                          "doc": ['{"k": 1}'] + [None] * (N - 1)})
    _insert(con, frame)
    assert con.execute("SELECT count(name), count(tags), count(doc), any_value(doc->>'k') FROM t").fetchall() == [
        (1, 1, 1, "1")]


def test_a_value_of_the_wrong_type_names_its_column(con):
    with pytest.raises(ValueError, match=r"t\.n: value does not fit int32"):
        typed_table(con, "t", pd.DataFrame({"n": ["seven"]}))



def test_vectors_go_in_as_one_list_column(con):
    con.register("_frame", pa.table({"vec": vectors_array([np.array([0.5, 1.0]), np.array([2.0, 3.0, 4.0])])}))
    con.execute("INSERT INTO t (vec) SELECT vec FROM _frame")
    assert con.execute("SELECT vec FROM t").fetchall() == [([0.5, 1.0],), ([2.0, 3.0, 4.0],)]
