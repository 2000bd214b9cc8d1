from pipeline.metadata.doi import clean_doi, find_doi


def test_dois_bare_prefixed_and_linked_come_back_bare_and_lower_case():
    assert find_doi(["doi: 10.5555/ABC.2020.17."]) == "10.5555/abc.2020.17"
    assert find_doi(["Link: https://doi.org/10.5555/Copro-7)"]) == "10.5555/copro-7"
    assert find_doi(["http://dx.doi.org/doi:10.5555/X14440619792955"]) == "10.5555/x14440619792955"


def test_brackets_that_belong_to_the_doi_are_kept():
    assert clean_doi("10.5555/S0140-6736(20)30183-5") == "10.5555/s0140-6736(20)30183-5"


def test_a_label_glued_on_by_the_scrape_is_cut_off():
    assert find_doi(["https://doi.org/10.5555/3050-922X.ABC-V6I1P104Keywords:"]) == "10.5555/3050-922x.abc-v6i1p104"


def test_no_doi_no_value():
    assert find_doi(["ISBN 978-1-922069-72-6", "Volume 10.5 of the series"]) is None


def test_a_doi_glued_to_its_label():
    assert find_doi(["DOI10.5555/frsc.2021.0001"]) == "10.5555/frsc.2021.0001"
