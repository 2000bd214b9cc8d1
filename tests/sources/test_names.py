from pipeline.sources.names import normalise_name, normalise_names


def test_one_person_however_the_page_writes_the_name():
    assert {normalise_name(n) for n in ["Cluley, Victoria", "VICTORIA CLULEY", "Victoria Cluley",
                                        "VICTORIA CLULEY Victoria.Cluley3@nottingham.ac.uk"]} == {"Victoria Cluley"}


def test_particles_and_mixed_case_are_kept_and_duplicates_go():
    assert normalise_name("McDonald, Aileen") == "Aileen McDonald"
    assert normalise_names(["Radnor, Zoe", "Zoe Radnor", "Okafor, Ngozi"]) == ("Zoe Radnor", "Ngozi Okafor")
