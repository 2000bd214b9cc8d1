from datetime import date

from pipeline.metadata.html_meta import html_metadata

PAGE = """<html><head><title>Journal site | Tenant boards</title>
<meta name="citation_title" content="Tenant boards and repairs">
<meta name="citation_author" content="Lund, Sara">
<meta name="citation_author" content="Okafor, Ben">
<meta name="citation_publication_date" content="2021/03/09">
<meta name="citation_doi" content="10.5555/TB.2021">
<meta property="og:title" content="Tenant boards (og)">
</head><body><p>Text</p></body></html>"""


def test_citation_tags_give_title_authors_date_and_doi():
    found = html_metadata(PAGE)
    assert found.title == "Tenant boards and repairs"
    assert found.authors == ["Lund, Sara", "Okafor, Ben"]
    assert found.published.value == date(2021, 3, 9)
    assert found.doi == "10.5555/tb.2021"


def test_dublin_core_and_open_graph_when_there_are_no_citation_tags():
    page = ('<html><head><meta name="DC.title" content="Repair cafes"><meta name="DC.creator" '
            'content="Ada Ng"><meta name="DC.date" content="2019-05"><meta property="og:title" '
            'content="Other"></head><body></body></html>')
    found = html_metadata(page)
    assert (found.title, found.authors, found.published.precision) == ("Repair cafes", ["Ada Ng"], "month")
