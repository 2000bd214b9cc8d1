"""Citations: one definition (CSL items formatted by citeproc-py with coprod's style), stored
per document and per forum post author, and the same in the view, the report and the CSV."""

from datetime import date

from pipeline.exports.citations import format_citations
from pipeline.exports.csl import Reference, csl_item, person
from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import query


def ref(**fields) -> Reference:
    base = dict(doc_id="d1", genre="abstract", title="Value co-creation", authors=(), published=None, doi=None,
                url=None, venue=None, source_uri="records.ris#1")
    return Reference(**{**base, **fields})


def test_names_dates_venues_and_links_are_cited_in_one_form():
    items = [csl_item(ref(authors=("Ngozi Okafor", "Sam Lee"), published=date(2020, 5, 1), venue="Public Money",
                          doi="10.5555/v", url="https://example.org"), "a"),
             csl_item(ref(genre="blog", title="Flood wardens", authors=("Ann Lee", "Bo Roe", "Cy Xu", "Di Yu")), "b"),
             csl_item(ref(genre="encyclopedia", title="Living lab", url="https://en.wikipedia.org/wiki/Living_lab"), "c")]
    assert format_citations(items) == {
        "a": "Ngozi Okafor; Sam Lee (2020). Value co-creation. Public Money. https://doi.org/10.5555/v.",
        "b": "Ann Lee; Bo Roe; Cy Xu et al. Flood wardens.",
        "c": "Unknown author. Living lab. https://en.wikipedia.org/wiki/Living_lab."}
    assert person("Ngozi Okafor") == {"family": "Okafor", "given": "Ngozi"}
    assert person("Forum Moderators") == {"family": "Moderators", "given": "Forum"}
    assert person("ralf") == {"literal": "ralf"}  # a username is not a family name


def test_a_forum_passage_is_cited_to_its_post_author_everywhere(tmp_path, fake_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "thread.jsonl").write_text(
        '{"id": "t1", "genre": "forum", "title": "Repairs panel", "authors": ["Ann Lee"], "date": "2022-05-01", '
        '"url": "https://forum.example.org/t/1", "text": "Our tenants panel co-designed the repairs service with '
        'the housing officers and now checks the contractors work every month on a shared sheet."}\n')
    db = tmp_path / "c.duckdb"
    result = refresh(corpus, db, tmp_path / "c.html", Settings().replace("themes", taxonomy="")
                     .replace("relevance", enabled=False), embedder=fake_embedder)
    cited = "Ann Lee (2022). Repairs panel. https://forum.example.org/t/1."
    assert query(db, "SELECT citation FROM citations WHERE post_author = ''") == [(cited,)]
    assert query(db, "SELECT DISTINCT citation FROM v_passages_in_context") == [(cited,)]
    assert cited in result.report_path.read_text(encoding="utf-8")
    assert cited in result.report_path.with_name("c-assignments.csv").read_text(encoding="utf-8")
    # a second refresh of unchanged documents formats nothing again
    refresh(corpus, db, None, Settings().replace("themes", taxonomy="").replace("relevance", enabled=False),
            embedder=fake_embedder)
    assert query(db, "SELECT count(*) FROM citations") == [(1,)]
