from pipeline.metadata import extract_metadata
from pipeline.metadata.runon import run_on_head

HEAD = ("Tenant boards and the repair backlog: a study of six councils Maria Okafor and Jonas Berg "
        "School of Housing, Northfield University, Northfield, UK Abstract Purpose – This study follows tenant "
        "boards in six councils as they took part in deciding the order of repairs over two years, and asks "
        "what changed for tenants and officers when the backlog was shared in the open.")


def test_a_run_on_paper_head_gives_its_title_and_authors():
    assert run_on_head(HEAD) == ("Tenant boards and the repair backlog: a study of six councils",
                                 ["Maria Okafor", "Jonas Berg"])


def test_a_long_line_without_an_abstract_marker_is_left_alone():
    assert run_on_head(HEAD.replace(" Abstract ", " ")) is None


def test_the_page_metadata_reads_it():
    found = extract_metadata("12\n" + HEAD + "\n")
    assert found.title == "Tenant boards and the repair backlog: a study of six councils"
    assert found.authors == ("Maria Okafor", "Jonas Berg")
