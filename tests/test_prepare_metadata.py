"""Metadata a prepared document gets from its page when the source gives none, and the
source's own metadata keeping precedence."""

from datetime import date

from pipeline.model import RawDocument
from pipeline.prepare import prepare_document

RECORD = """Skip to main content
Search our website:
Next Article in Journal

Neighbourhood repair cafes and the council

Published online: 9 Dec 2024

Hannah Ostrova and Felix Brandt

Abstract
Repair cafes run by residents with council support have spread across three districts, and this
paper follows how volunteers and officers share the work of running them.

doi: 10.5555/Repair.2024.11.

References
Mole, T. (2018). Fixing things. doi:10.5555/other.2018
"""


def _raw(text: str, **fields) -> RawDocument:
    return RawDocument(key="page.txt", source_uri="page.txt", external_id="page.txt", text=text, **fields)


def test_title_authors_date_and_doi_from_the_page():
    doc = prepare_document(_raw(RECORD))
    assert doc.title == "Neighbourhood repair cafes and the council"
    assert doc.authors == ("Hannah Ostrova", "Felix Brandt")
    assert doc.published == date(2024, 12, 9)
    assert doc.doi == "10.5555/repair.2024.11"


def test_the_sources_metadata_comes_first():
    doc = prepare_document(_raw(RECORD, title="Given title", authors=("Ada Quinn",), doi="10.5555/given"))
    assert (doc.title, doc.authors, doc.doi) == ("Given title", ("Ada Quinn",), "10.5555/given")


def test_a_page_that_shows_no_title_gets_none_not_its_first_sentence():
    text = ("We started working with carers last spring and did not expect how much the meetings would "
            "change the service. Over six months, the carers rewrote the leaflets and ran two sessions.")
    assert prepare_document(_raw(text)).title is None


def test_the_line_above_a_blog_byline_and_a_records_author_line_are_titles():
    blog = prepare_document(_raw("Home  About  Blog\nFlood wardens in our village\nPosted by Helen Marsh on "
                                 "9 February 2020\nWhen I agreed to become a flood warden I did not expect this.",
                                 genre="blog"))
    assert (blog.title, blog.authors, blog.published) == ("Flood wardens in our village", ("Helen Marsh",),
                                                           date(2020, 2, 9))
    record = prepare_document(_raw("Skip to main content\nResearch Repository\nPublic value in council services\n"
                                   "Lindqvist, Anna; Brennan, Thomas\nAbstract\nThis paper applies public service "
                                   "logic to council services and asks residents what they value.", genre="abstract"))
    assert (record.title, record.authors) == ("Public value in council services", ("Anna Lindqvist", "Thomas Brennan"))


def test_a_threads_posters_keep_the_usernames_their_headers_show():
    text = ("Bin collections every three weeks?\n\n"
            "by nic on November 11, 2022 at 09:55AM\n\n"
            "The council wants to collect the bins less often; has anyone been asked what they think of it?\n\n"
            "Posted by petes_pov November 11, 2022 at 13:36\n\n"
            "Nobody asked us. The consultation closed before the leaflet came through the door.\n\n"
            "Posted by rosa.k November 12, 2022 at 08:02\n\n"
            "We were asked, but only online, and the survey had no question about collection days.")
    doc = prepare_document(_raw(text, genre="forum"))
    assert [a.casefold() for a in doc.authors[:3]] == ["nic", "petes_pov", "rosa.k"]
