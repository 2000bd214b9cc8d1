from datetime import date

from pipeline.genres import record

PAGE = """Skip to main content
Research Repository
Public value as lived experience in council services
Lindqvist, Anna; Brennan, Thomas
Authors
ANNA LINDQVIST anna@example.ac.uk
Abstract
IMPACT: Councils can use the findings. ABSTRACT: This paper applies public service logic.
Citation
Lindqvist, A., & Brennan, T. (2020). Public value as lived experience. J. Public Services, 3(2). https://doi.org/10.5555/copro.2020.017
Journal Article Type Article
Online Publication Date Feb 3, 2020
Publication Date Jun 30, 2020
Journal Journal of Public Service Studies
DOI https://doi.org/10.5555/copro.2020.017
Keywords public value; service logic"""


def test_repository_record_metadata_and_text():
    page = record.parse(PAGE)
    assert page.metadata == {
        "authors": ["Lindqvist, Anna", "Brennan, Thomas"],
        "doi": "10.5555/copro.2020.017",
        "published": date(2020, 6, 30),
        "venue": "Journal of Public Service Studies",
        "keywords": ["public value", "service logic"],
    }
    body, meta = page.blocks
    text = [line for n, line in body.lines if n not in body.dropped]
    assert "IMPACT: Councils can use the findings. ABSTRACT: This paper applies public service logic." in text
    assert not any("Journal Article Type" in line or "Citation" in line for line in text)
    assert meta.excluded == "metadata"


def test_author_block_with_affiliations():
    page = record.parse("A conference paper on co-creation\nAbstract\nWe study things.\nAuthors\n-\n"
                        "Victoria Cluley\n(University of Leicester)\n-\nZoe Radnor\n(University of Leicester)\n"
                        "Topic Area\nThe practice panel")
    assert page.metadata == {"authors": ["Victoria Cluley", "Zoe Radnor"],
                             "affiliations": ["University of Leicester"]}


def test_a_conference_sessions_abstract_after_its_session_fields_is_text():
    # a programme page: "Session" then the session's short fields, then a paper and its abstract
    page = record.parse("Session Overview\nSession\nPanel 3: Tenants and repairs\nTime:\nThursday, 5 Sept:\n"
                        "Location: Room 4\nPresentations\nTenant panels in three towns\nAda Rowe\nBackground\n"
                        "Tenant panels have been set up by social landlords to let residents decide how repair "
                        "budgets are spent, and we followed three of them for two years to see who came and what changed.")
    text = "\n".join(line for block in page.blocks if block.excluded is None for _, line in block.lines)
    assert "Tenant panels have been set up by social landlords" in text
    assert "Location: Room 4" not in text
