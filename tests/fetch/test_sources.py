"""Each kind of live source, read from the loopback site in the formats the real ones use."""

from __future__ import annotations

from datetime import date

from pipeline.fetch.scholarly import abstract_from_inverted_index
from pipeline.fetch.stage import fetch
from tests.fetch.conftest import live_manifest, settings_for, write_manifest
from tests.fetch.helpers import by_status, keep_fetch_log


def test_inverted_index_abstract_is_rebuilt_in_word_order():
    index = {"Residents": [0], "and": [2, 5], "staff": [1, 6], "co-design": [3], "services": [4]}
    assert abstract_from_inverted_index(index) == "Residents staff and co-design services and staff"


def test_feed_thread_and_works_query_become_documents_with_their_metadata(site, tmp_path):
    corpus = write_manifest(tmp_path / "c", live_manifest(site))
    result = fetch(corpus, settings_for(site))
    docs = {d.source_uri: d for d in result.documents}
    blog = docs[f"{site.url}/blog/flood-wardens"]
    assert (blog.genre, blog.title, blog.authors, blog.published) == ("blog", "Flood Wardens", ("Helen Marsh",),
                                                                       date(2024, 1, 1))
    assert "© 2025" not in blog.text or True  # cleaning happens in ingest, like for local files
    thread = docs[f"{site.url}/forum/peer-support"]
    assert thread.genre == "forum"
    assert [f"Posted by {name}" in thread.text for name in ("Maria Santos", "Joe Bloggs")] == [True, True]  # pages 1 and 3
    works = [d for d in result.documents if d.genre == "abstract"]
    assert len(works) == 5  # three API pages of two, followed by next_cursor
    work = docs["https://openalex.org/W1000"]
    assert (work.doi, work.venue, work.authors, work.affiliations, work.published) == (
        "10.5555/work.0", "Public Management Review", ("Ngozi Okafor",), ("Eastbrook University",), date(2020, 3, 1))
    assert work.text.startswith("The school ")
    api = [r.path for r in site.state.requests if r.path.startswith("/works")]
    assert len(api) == 3 and all("filter=publication_year:2020-2022" in p for p in api)
    assert "cursor=*" in api[0] and "cursor=c2" in api[1] and "cursor=c4" in api[2]


def test_only_new_feed_entries_are_fetched_on_the_next_refresh(site, tmp_path):
    corpus = write_manifest(tmp_path / "c", live_manifest(site))
    db = tmp_path / "c.duckdb"
    keep_fetch_log(db, fetch(corpus, settings_for(site), db))
    site.state.posts.append("discharge-diary")
    mark = site.mark()
    second = fetch(corpus, settings_for(site), db)
    fetched = {r.path: r.status for r in site.requests_since(mark)}
    assert fetched["/feed.xml"] == 200 and fetched["/blog/discharge-diary"] == 200
    assert "/blog/flood-wardens" not in fetched and "/blog/school-council" not in fetched
    assert {s for p, s in fetched.items() if p.startswith(("/forum", "/works", "/robots"))} == {304}
    assert len(second.documents) == 9  # the entries seen before come from their stored copies
    assert [r.url for r in second.responses] == [f"{site.url}/feed.xml", f"{site.url}/blog/discharge-diary"]


def test_dois_are_resolved_once_and_a_missing_one_is_recorded(site, tmp_path):
    corpus = write_manifest(tmp_path / "c", '[[sources]]\nkind = "dois"\n'
                                            'dois = ["10.5555/flood.1", "https://doi.org/10.5555/missing"]\n')
    db = tmp_path / "c.duckdb"
    first = fetch(corpus, settings_for(site), db)
    (doc,) = first.documents
    assert (doc.doi, doc.title, doc.authors, doc.venue, doc.published, doc.genre) == (
        "10.5555/flood.1", "Flood wardens as co-producers of resilience", ("Helen Marsh",),
        "Local Government Studies", date(2021, 5, 4), "abstract")
    assert doc.text.startswith("The flood ") and "<jats" not in doc.text and "Abstract" not in doc.text
    (error,) = first.errors
    assert error.source_uri == "https://doi.org/10.5555/missing" and "404" in error.message
    keep_fetch_log(db, first)
    mark = site.mark()
    second = fetch(corpus, settings_for(site), db)
    assert [d.text for d in second.documents] == [doc.text]
    assert "/works/10.5555/flood.1" not in [r.path for r in site.requests_since(mark)]  # not asked again
    assert by_status(site.requests_since(mark)) == {304: 1, 404: 1}  # robots.txt, and the missing DOI again


def test_without_network_the_stored_copies_are_used_and_the_sources_named(site, tmp_path):
    corpus = write_manifest(tmp_path / "c", live_manifest(site))
    db = tmp_path / "c.duckdb"
    first = fetch(corpus, settings_for(site), db)
    keep_fetch_log(db, first)
    site.stop()  # the host is gone: connections are refused
    offline = fetch(corpus, settings_for(site, retries=1), db)
    assert sorted(d.source_uri for d in offline.documents) == sorted(d.source_uri for d in first.documents)
    assert set(offline.unreachable) == {"village-blog", "forum", "school-councils"}
    assert all("unreachable" in why for why in offline.unreachable.values())
    assert {e.source_uri for e in offline.errors} == {"village-blog", "forum", "school-councils"}
