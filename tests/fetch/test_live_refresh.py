"""Refreshes of a corpus made only of live sources: a feed, a forum thread and an API query,
served from loopback. The second refresh downloads only what changed, and the database holds
the fetch log, the raw responses and the documents."""

from __future__ import annotations

import pytest

from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import query
from tests.fetch.conftest import fetch_settings, live_manifest, write_manifest
from tests.fetch.helpers import by_status


def live_settings(site) -> Settings:
    # few documents: let the themes stay small
    return Settings(fetch=fetch_settings(site)).replace("themes", n_themes=2, min_theme_size=1)


def test_second_refresh_downloads_only_what_changed_and_offline_keeps_the_documents(site, tmp_path, fake_embedder):
    corpus = write_manifest(tmp_path / "live", live_manifest(site))
    db = tmp_path / "live.duckdb"
    first = refresh(corpus, db, None, live_settings(site), embedder=fake_embedder)
    assert first.n_documents == 8 and not first.errors
    assert query(db, "SELECT count(*) FROM documents WHERE source_uri LIKE 'http://127.0.0.1:%/blog/%'") == [(2,)]
    assert query(db, "SELECT genre, count(*) FROM documents GROUP BY genre ORDER BY genre") == [
        ("abstract", 5), ("blog", 2), ("forum", 1)]

    site.state.posts.append("discharge-diary")
    mark = site.mark()
    second = refresh(corpus, db, None, live_settings(site), embedder=fake_embedder)
    requests = site.requests_since(mark)
    assert by_status(requests) == {200: 2, 304: 7}  # feed + new post; robots, 3 thread pages, 3 API pages
    assert {r.path for r in requests if r.status == 200} == {"/feed.xml", "/blog/discharge-diary"}
    assert second.document_changes == {"new": 1, "changed": 0, "unchanged": 8, "retired": 0}
    assert query(db, "SELECT outcome, count(*) FROM fetches WHERE run_id = 'run-0002' GROUP BY ALL ORDER BY 1") == [
        ("downloaded", 2), ("not-modified", 7), ("seen", 2)]
    assert query(db, "SELECT count(*) FROM raw_responses") == [(12,)]  # 10 of the first run + 2, each body once
    assert query(db, "SELECT title FROM documents WHERE first_run_id = 'run-0002'") == [("Discharge Diary",)]

    site.stop()
    third = refresh(corpus, db, None, live_settings(site).replace("fetch", retries=0), embedder=fake_embedder)
    assert third.n_documents == 9 and third.document_changes["retired"] == 0
    assert set(third.fetched.unreachable) == {"village-blog", "forum", "school-councils"}
    assert query(db, "SELECT count(*) FROM ingest_errors WHERE run_id = 'run-0003' AND message LIKE "
                     "'source not reached%'") == [(3,)]


@pytest.mark.slow
def test_the_prefect_flow_refreshes_live_sources_twice(site, tmp_path, prefect_home):
    from flows.refresh import refresh_flow

    corpus = write_manifest(tmp_path / "live", live_manifest(site))
    db = tmp_path / "live.duckdb"
    first = refresh_flow(corpus=str(corpus), db=str(db), settings=live_settings(site))
    assert first.n_documents == 8 and not first.errors
    site.state.posts.append("discharge-diary")
    mark = site.mark()
    second = refresh_flow(corpus=str(corpus), db=str(db), settings=live_settings(site))
    assert {r.path for r in site.requests_since(mark) if r.status == 200} == {"/feed.xml", "/blog/discharge-diary"}
    assert by_status(site.requests_since(mark)) == {200: 2, 304: 7}
    assert second.document_changes["new"] == 1 and second.embeddings_reused > 0
    assert query(db, "SELECT run_id, count(*) FILTER (outcome = 'downloaded') FROM fetches GROUP BY ALL ORDER BY 1") == [
        ("run-0001", 10), ("run-0002", 2)]  # robots.txt, feed, 2 posts, 3 thread and 3 API pages
    assert query(db, "SELECT count(*) FROM documents") == [(9,)]
