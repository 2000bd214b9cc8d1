from datetime import date

from pipeline.metadata import extract_metadata


def test_yaml_front_matter():
    text = ("---\ntitle: Street lighting co-design\nauthor: [Ana Ruiz, Tom Bell]\ndate: 2022-03-04\n"
            "doi: 10.5555/Light.1\n---\nResidents walked the streets at night with the engineers ...")
    found = extract_metadata(text)
    assert (found.title, found.authors, found.published, found.doi) == (
        "Street lighting co-design", ("Ana Ruiz", "Tom Bell"), date(2022, 3, 4), "10.5555/light.1")


def test_toml_front_matter():
    text = '+++\ntitle = "Repair cafes"\ndate = "2020-11"\n+++\nVolunteers fix what residents bring.'
    found = extract_metadata(text)
    assert (found.title, found.published, found.precision) == ("Repair cafes", date(2020, 11, 1), "month")


def test_key_value_record_in_another_language():
    text = ("Titel: Bürgerhaushalt in kleinen Gemeinden\nAutoren: Lena Vogt, Jonas Brandt\n"
            "Veröffentlicht: 3. März 2021\nDOI: 10.5555/bh.2021.3\n\nDer Bürgerhaushalt wurde ...")
    found = extract_metadata(text)
    assert found.title == "Bürgerhaushalt in kleinen Gemeinden"
    assert found.authors == ("Lena Vogt", "Jonas Brandt")
    assert found.published == date(2021, 3, 3)
    assert found.doi == "10.5555/bh.2021.3"


def test_values_on_the_line_after_their_key():
    text = ("Tenant voice in housing repairs\n\nAuthors\n\nOmar Haddad, Ines Falk\n\nJournal\n\n"
            "Housing Review\n\nAbstract\n\nTenants reported ...")
    found = extract_metadata(text)
    assert found.authors == ("Omar Haddad", "Ines Falk")
    assert found.venue == "Housing Review"


def test_ris_looking_text():
    text = ("TY - JOUR\nT1 - Library co-design with teenagers\nAU - Pike, Rosa\nAU - Chen, Wei\n"
            "PY - 2019/4/2\nDO - 10.5555/LIB.9\nN2 - Teenagers redesigned the library ...")
    found = extract_metadata(text)
    assert (found.title, found.authors, found.published, found.doi) == (
        "Library co-design with teenagers", ("Rosa Pike", "Wei Chen"), date(2019, 4, 2), "10.5555/lib.9")


def test_json_ld_in_the_text():
    text = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "BlogPosting", '
            '"headline": "Our food bank board", "author": {"@type": "Person", "name": "Ruth Ames"}, '
            '"datePublished": "2023-07-09"}</script>\nOur food bank board now includes users.')
    found = extract_metadata(text)
    assert (found.title, found.authors, found.published) == ("Our food bank board", ("Ruth Ames",),
                                                              date(2023, 7, 9))


def test_mediawiki_title_heading():
    assert extract_metadata("= Citizen juries =\n\nA citizen jury is a group ...").title == "Citizen juries"


def test_dois_in_the_reference_list_are_other_papers():
    text = ("Tenant boards\n\nBy Mira Sol\n\nText of the article about boards.\n\nReferences\n\n"
            "Kay, J. (2019). Boards. doi:10.5555/other.1")
    assert extract_metadata(text).doi is None


def test_nothing_visible_nothing_stored():
    text = ("we went to the meeting and it was fine, the council listened and then did what they "
            "had planned anyway. nobody was surprised, to be honest.")
    found = extract_metadata(text)
    assert (found.title, found.authors, found.published, found.doi) == (None, (), None, None)


def test_the_pages_own_citation_section_is_read_for_its_doi():
    text = ("Tenant boards\n\nBy Mira Sol\n\nText of the article about boards.\n\nCitation\n\n"
            "Sol, M. (2021). Tenant boards. Housing Review. https://doi.org/10.5555/Own.7")
    assert extract_metadata(text).doi == "10.5555/own.7"


def test_a_threads_reply_counter_does_not_end_its_head():
    text = "Parking consultation - fair?\n\n9 replies\n\nsam_k · 22/11/2012 14:08\n\nIs four weeks enough?"
    assert extract_metadata(text, "forum").published == date(2012, 11, 22)
    assert extract_metadata(text, "blog").published is None  # a post's comments are other people's
