import json
from datetime import date

from pipeline.sources.corpus import read_corpus
from pipeline.sources.json_exports import read_csl_json, read_openalex_json

CSL = [
    {"id": "http://zotero.org/users/1/items/AAA", "type": "article-journal",
     "title": "Tenants co-managing their estate", "container-title": "Housing Review",
     "abstract": "Tenants and the landlord shared the repairs budget.",
     "DOI": "10.5555/housing.1", "keyword": "co-management, tenants",
     "author": [{"family": "Okafor", "given": "Ngozi"}, {"literal": "Tenants' Federation"}],
     "issued": {"date-parts": [["2024", 11, 13]]}},
    {"id": "http://zotero.org/users/1/items/BBB", "type": "book", "title": "A book without an abstract",
     "issued": {"date-parts": [[2020]]}},
]
OPENALEX = {"meta": {"count": 2}, "results": [
    {"id": "https://openalex.org/W11", "display_name": "Parents on school boards", "doi": None,
     "publication_date": "2011-05-02", "publication_year": 2011,
     "abstract_inverted_index": {"Parents": [0], "joined": [1], "the": [2], "board.": [3]},
     "authorships": [{"author": {"display_name": "Sam Lee"}}],
     "primary_location": {"source": {"display_name": "School Governance"}},
     "keywords": [{"display_name": "Governance"}]},
    {"id": "https://openalex.org/W12", "display_name": "No abstract here", "doi": "https://doi.org/10.5555/W12",
     "publication_year": 2012, "abstract_inverted_index": None, "authorships": []},
]}


def test_csl_json_items():
    (first, second), errors = read_csl_json(json.dumps(CSL, indent="\t"), "Exported Items.json")
    assert errors == []
    assert (first.title, first.text, first.authors, first.published, first.doi, first.venue, first.keywords) == (
        "Tenants co-managing their estate", "Tenants and the landlord shared the repairs budget.",
        ("Okafor, Ngozi", "Tenants' Federation"), date(2024, 11, 13), "10.5555/housing.1", "Housing Review",
        ("co-management", "tenants"))
    assert (second.text, second.published) == ("A book without an abstract", date(2020, 1, 1))


def test_openalex_page_abstracts_rebuilt_from_the_inverted_index():
    (first, second), errors = read_openalex_json(json.dumps(OPENALEX), "works.json")
    assert errors == []
    assert (first.text, first.doi, first.published, first.authors, first.venue, first.keywords, first.external_id) == (
        "Parents joined the board.", None, date(2011, 5, 2), ("Sam Lee",), "School Governance", ("Governance",), "W11")
    assert (second.text, second.doi) == ("No abstract here", "10.5555/w12")


def test_json_files_are_discovered_and_a_strange_one_is_an_error(tmp_path):
    (tmp_path / "zotero.json").write_text(json.dumps(CSL))
    (tmp_path / "openalex.json").write_text(json.dumps(OPENALEX, indent=2))
    (tmp_path / "settings.json").write_text('{"theme": "dark"}')
    documents, errors = read_corpus(tmp_path)
    assert len(documents) == 4
    assert [(e.source_uri, e.message) for e in errors] == [
        ("settings.json", "JSON file is not a recognised export (CSL-JSON, an OpenAlex works page, JSON lines)")]
