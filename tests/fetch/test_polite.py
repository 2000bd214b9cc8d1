"""Fetching as a site owner would want it: robots.txt obeyed, a per-host rate limit, a
descriptive User-Agent, retries on 503, permanent failures recorded, conditional requests."""

from __future__ import annotations

import pytest

from pipeline.errors import CoprodError
from pipeline.fetch.manifest import load_live_sources
from pipeline.fetch.stage import fetch
from tests.fetch.conftest import settings_for, write_manifest
from tests.fetch.helpers import by_status, keep_fetch_log


def pages_manifest(site, *paths: str, follow: bool = True) -> str:
    urls = ", ".join(f'"{site.url}{p}"' for p in paths)
    return f'[[sources]]\nname = "pages"\nkind = "pages"\nurls = [{urls}]\nfollow_next = {str(follow).lower()}\n'


def test_robots_txt_is_obeyed_and_the_refused_page_reported(site, tmp_path):
    corpus = write_manifest(tmp_path / "c", pages_manifest(site, "/private/minutes", "/blog/flood-wardens"))
    result = fetch(corpus, settings_for(site))
    assert [d.url for d in result.documents] == [f"{site.url}/blog/flood-wardens"]
    assert not any(p.startswith("/private/") for p in site.state.paths())
    assert site.state.paths().count("/robots.txt") == 1  # read once per host
    (error,) = result.errors
    assert error.source_uri == f"{site.url}/private/minutes" and "robots.txt" in error.message


def test_a_503_is_retried_until_the_page_comes(site, tmp_path):
    corpus = write_manifest(tmp_path / "c", pages_manifest(site, "/flaky"))
    result = fetch(corpus, settings_for(site, retries=2))
    assert [d.url for d in result.documents] == [f"{site.url}/flaky"] and not result.errors
    assert [r.status for r in site.state.requests if r.path == "/flaky"] == [503, 503, 200]
    assert not result.unreachable


def test_a_404_is_recorded_with_its_url_and_the_rest_goes_on(site, tmp_path):
    corpus = write_manifest(tmp_path / "c", pages_manifest(site, "/gone", "/blog/school-council"))
    result = fetch(corpus, settings_for(site))
    assert [d.url for d in result.documents] == [f"{site.url}/blog/school-council"]
    (error,) = result.errors
    assert (error.source_uri, error.stage) == (f"{site.url}/gone", "fetch") and "404" in error.message
    assert [r.status for r in site.state.requests if r.path == "/gone"] == [404]  # never retried


def test_a_page_that_keeps_timing_out_is_reported_and_its_source_named(site, tmp_path):
    corpus = write_manifest(tmp_path / "c", pages_manifest(site, "/slow", "/blog/school-council"))
    result = fetch(corpus, settings_for(site, timeout_s=0.3, retries=1))
    assert [d.url for d in result.documents] == [f"{site.url}/blog/school-council"]
    assert "timed out" in result.unreachable["pages"]
    assert any(e.source_uri == f"{site.url}/slow" and "timed out" in e.message for e in result.errors)


def test_requests_to_one_host_keep_to_the_rate_limit_measured_at_the_server(site, tmp_path):
    paths = [f"/pages/{n}" for n in range(12)]
    corpus = write_manifest(tmp_path / "c", pages_manifest(site, *paths, follow=False))
    result = fetch(corpus, settings_for(site, requests_per_second=5.0, max_connections_per_host=4))
    assert len(result.documents) == 12
    times = sorted(r.at for r in site.state.requests)  # robots.txt included: it is a request too
    rate = (len(times) - 1) / (times[-1] - times[0])
    assert rate <= 5.0 * 1.1, f"{rate:.2f} requests/s against a limit of 5"
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.2 * 0.8  # no burst, even with four connections allowed
    assert {r.headers["User-Agent"] for r in site.state.requests} == {"coprod-test/1.0 (+mailto:research@example.org)"}


def test_an_unchanged_page_costs_a_304_by_etag_or_last_modified(site, tmp_path):
    corpus = write_manifest(tmp_path / "c", pages_manifest(site, "/blog/flood-wardens", "/lm-only"))
    db = tmp_path / "c.duckdb"
    first = fetch(corpus, settings_for(site), db)
    keep_fetch_log(db, first)
    mark = site.mark()
    second = fetch(corpus, settings_for(site), db)
    assert by_status(site.requests_since(mark)) == {304: 3}  # robots.txt and both pages
    assert sorted(d.text for d in second.documents) == sorted(d.text for d in first.documents)
    assert second.outcomes() == {"not-modified": 3} and second.responses == []
    lm = [r for r in site.requests_since(mark) if r.path == "/lm-only"][0]
    assert lm.headers["If-Modified-Since"] == "Mon, 06 Jan 2025 10:00:00 GMT"


def test_a_manifest_with_a_mistake_is_refused_with_the_reason(tmp_path):
    corpus = write_manifest(tmp_path / "c", '[[sources]]\nkind = "rss"\nurl = "https://example.org/feed"\n')
    with pytest.raises(CoprodError, match=r"source 1: kind = 'rss'; use one of feed, pages, works, dois"):
        load_live_sources(corpus)
    corpus = write_manifest(tmp_path / "d", '[[sources]]\nkind = "feed"\nadress = "x"\n')
    with pytest.raises(CoprodError, match="unknown field 'adress'"):
        load_live_sources(corpus)
