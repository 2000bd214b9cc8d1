"""The five real scraped documents in ../shared/seeds: what must come out of them clean."""

from datetime import date

import pytest

from pipeline.refresh import ingest, split
from pipeline.settings import Settings
from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")

CHROME = ["Skip to main content", "Advanced Search", "Powered by", "Report an Issue", "Views:",
          "Replies to This Discussion", "fbpx", "mp3", "free download", "Created by", "Terms of Service",
          "Customer-centric Innovator", "Journal Article Type", "Deposit Date", "What colour is the word",
          "Geen items", "Tweets #", "Badges", "Seventh Framework Programme Flag"]


@pytest.fixture(scope="module")
def seeds():
    documents, errors = ingest(SEEDS)
    passages = split(documents, Settings())
    return {d.source_uri: d for d in documents}, passages, errors


def test_all_five_are_read_without_error(seeds):
    documents, _, errors = seeds
    assert len(documents) == 5 and errors == []
    assert sorted(d.genre for d in documents.values()) == ["abstract", "abstract", "blog", "encyclopedia", "forum"]


def test_no_modelled_passage_holds_page_chrome(seeds):
    _, passages, _ = seeds
    for passage in passages:
        if passage.excluded is None:
            for chrome in CHROME:
                assert chrome not in passage.text, (chrome, passage.text[:200])


def test_the_flattened_copy_of_the_article_yields_no_passage(seeds):
    documents, passages, _ = seeds
    wiki = documents["002_f6ee9b77d0684652.txt"]
    assert wiki.title == "Co-production (approach)"
    assert "production, approach, production, coproduction" not in wiki.text
    assert any(e.reason == "keyword-spam" for e in wiki.excluded)
    references = [p for p in passages if p.doc_id == wiki.doc_id and p.excluded == "references"]
    assert references and all(p.section for p in references)


def test_the_forum_thread_is_split_into_posts_with_authors(seeds):
    documents, passages, _ = seeds
    thread = documents["003_082e86b491bd874e.txt"]
    posts = [s for s in thread.segments if s.post_index is not None]
    assert len(posts) >= 8
    assert {"Graham Hill", "Ralf"} <= {s.author for s in posts}
    assert {p.post_index for p in passages if p.doc_id == thread.doc_id} >= {0, 1, 2, 3}


def test_the_repository_record_metadata(seeds):
    documents, _, _ = seeds
    record = documents["004_d48fe57853fba116.txt"]
    assert record.title == ("Rethinking co-creation: the fluid and relational process of value "
                            "co-creation in public service organizations")
    assert record.authors == ("Victoria Cluley", "Zoe Radnor")
    assert record.published == date(2021, 10, 3)
    assert record.doi == "10.1080/09540962.2020.1719672"
    assert record.venue == "Public Money & Management"
    abstract = documents["000_0dd20a75e91e2dc7.txt"]
    assert abstract.authors == ("Victoria Cluley", "Zoe Radnor", "Federica Salvatoria")


def test_the_blog_byline(seeds):
    documents, _, _ = seeds
    post = documents["001_7f1cddac9202d2ac.txt"]
    assert post.authors == ("Sophie Flemig",)
    assert post.published == date(2015, 10, 15)
