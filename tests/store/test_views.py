"""The analysts' views read on rows written by hand into a real DuckDB file."""

import duckdb

from pipeline.store.connect import apply_schema


def _database(tmp_path, themes: list[tuple[str, int, float, float | None]]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(tmp_path / "views.duckdb"))
    apply_schema(con)
    con.execute("""INSERT INTO runs (run_id, started_at, finished_at, status, corpus, settings)
                   VALUES ('run-0001', TIMESTAMP '2026-01-01 10:00', TIMESTAMP '2026-01-01 10:05',
                           'succeeded', 'corpus', '{}')""")
    for theme_id, label in ((0, "Parks, volunteers"), (1, "Libraries, reading")):
        con.execute("INSERT INTO themes (run_id, theme_id, label, keywords, keyword_scores, size) "
                    "VALUES ('run-0001', ?, ?, [], [], 1)", [theme_id, label])
    for doc_id in sorted({row[0] for row in themes}):
        con.execute("""INSERT INTO documents (doc_id, external_id, source_uri, genre, content_hash, text,
                       first_run_id, last_run_id) VALUES (?, ?, 'file', 'forum', 'h', 't', 'run-0001', 'run-0001')""",
                    [doc_id, doc_id])
    con.executemany("INSERT INTO document_themes (run_id, doc_id, theme_id, share, score) "
                    "VALUES ('run-0001', ?, ?, ?, ?)", themes)
    return con


def test_a_post_split_evenly_between_two_themes_gets_the_one_its_passages_are_closest_to(tmp_path):
    # two posts of two passages each, one passage in either theme: equal shares. Each post's
    # main theme is the one its passage lies closer to, whichever theme id that is.
    con = _database(tmp_path, [("first", 0, 0.5, 0.41), ("first", 1, 0.5, 0.73),
                               ("second", 0, 0.5, 0.66), ("second", 1, 0.5, 0.52),
                               ("third", 0, 0.25, 0.9), ("third", 1, 0.75, 0.3)])
    rows = con.execute("SELECT doc_id, main_theme_id, main_theme_label, main_share FROM v_document_themes "
                       "ORDER BY doc_id").fetchall()
    assert rows == [("first", 1, "Libraries, reading", 0.5), ("second", 0, "Parks, volunteers", 0.5),
                    ("third", 1, "Libraries, reading", 0.75)]


def test_equal_shares_without_scores_go_to_the_lower_theme_id(tmp_path):
    # runs stored before document themes had a score: the choice is still the same every time
    # (in either order of insertion)
    con = _database(tmp_path, [("old-a", 1, 0.5, None), ("old-a", 0, 0.5, None),
                               ("old-b", 0, 0.5, None), ("old-b", 1, 0.5, None)])
    assert con.execute("SELECT doc_id, main_theme_id FROM v_document_themes ORDER BY doc_id").fetchall() == [
        ("old-a", 0), ("old-b", 0)]
