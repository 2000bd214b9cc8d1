"""Fixtures for the fetch tests: a real HTTP server on loopback, and settings that point the
scholarly APIs at it. Nothing here reaches the internet."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.settings import FetchSettings, Settings
from tests.fetch.site import Site


@pytest.fixture
def site():
    site = Site()
    yield site
    site.stop()


def fetch_settings(site: Site, **overrides) -> FetchSettings:
    values = dict(user_agent="coprod-test/1.0 (+mailto:research@example.org)", timeout_s=1.0,
                  requests_per_second=100.0, max_connections_per_host=4, retries=2, retry_delay_s=0.01,
                  openalex_url=site.url, crossref_url=site.url)
    values.update(overrides)
    return FetchSettings(**values)


def settings_for(site: Site, **overrides) -> Settings:
    return Settings(fetch=fetch_settings(site, **overrides))


def write_manifest(folder: Path, sources: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.toml").write_text('[corpus]\nname = "live"\n\n' + sources, encoding="utf-8")
    return folder


def live_manifest(site: Site) -> str:
    """A feed, a forum thread and an API query: the sources of a followed literature."""
    return f'''
[[sources]]
name = "village-blog"
kind = "feed"
url = "{site.url}/feed.xml"
genre = "blog"

[[sources]]
name = "forum"
kind = "pages"
urls = ["{site.url}/forum/peer-support"]
genre = "forum"

[[sources]]
name = "school-councils"
kind = "works"
query = "co-production school councils"
filter = "publication_year:2020-2022"
max_results = 10
'''
