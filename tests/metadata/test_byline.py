from pipeline.metadata.byline import cited_authors, find_authors, names_in_line, person_name


def test_by_lines_and_lists_with_and():
    assert names_in_line("Marta Quill and Tobias Ferrante") == ["Marta Quill", "Tobias Ferrante"]
    assert names_in_line("Anna Berg, Piet de Vries and Li Wen") == ["Anna Berg", "Piet de Vries", "Li Wen"]


def test_superscripts_affiliations_and_orcid_marks_are_not_part_of_names():
    assert names_in_line("Helena Marsh 1,2, * ID , Jonas K. Ruud 3") == ["Helena Marsh", "Jonas K. Ruud"]
    assert names_in_line("• Clara Voss orcid logo (University of Elsewhere, UK)") == ["Clara Voss"]
    assert person_name("Dan Kettle Westfield Business School") == "Dan Kettle"


def test_family_name_first_lists():
    assert names_in_line("Orwin, Beatrix; Tallis, Hugo and Mbeki, Sara") == ["Beatrix Orwin", "Hugo Tallis",
                                                                             "Sara Mbeki"]
    assert cited_authors("Orwin, Beatrix and Tallis, Hugo (2019). Street councils. Journal 4(1).") == [
        "Beatrix Orwin", "Hugo Tallis"]


def test_organisations_menus_and_sentences_are_not_people():
    assert names_in_line("Policy Lab") is None
    assert names_in_line("NYC Opportunity") is None
    assert names_in_line("Department of Health") is None
    assert names_in_line("Sarah Lund who chairs the panel said the plan works") is None
    assert names_in_line("Skip to main content") is None


def test_an_author_list_one_name_a_line_with_affiliations_between():
    head = ["Tenant panels in practice", "", "Greta Holm", "Affiliation:", "Northfield University",
            "Samuel Okoro", "Affiliation:", "Eastbay College", "", "Abstract", "Panels are ..."]
    names, used = find_authors(head, 0, len(head))
    assert names == ["Greta Holm", "Samuel Okoro"]
    assert 2 in used and 5 in used


def test_names_broken_over_lines_by_commas_and_and():
    head = ["Tenant panels in practice", "Stephen Q Ardent,", "Zara Pell and", "Kit Moreau", "Review, 2016"]
    assert find_authors(head, 0, len(head))[0] == ["Stephen Q Ardent", "Zara Pell", "Kit Moreau"]


def test_initials_that_are_also_words_and_long_names_with_particles():
    assert names_in_line("Ingrid J. Mulder 1 ID and Derk A. Loorbach 2") == ["Ingrid J. Mulder", "Derk A. Loorbach"]
    assert names_in_line("Jotte I. J. C. de Koning 1,2") == ["Jotte I. J. C. de Koning"]


def test_editors_and_reviewers_are_not_authors():
    head = ["Tenant panels in practice", "Edited by:", "Maria Lopez,", "Eastbay University, Spain",
            "Reviewed by:", "Tom Hale,", "Westfield College, UK", "", "Correspondence:", "Ana Ruiz"]
    assert find_authors(head, 0, len(head))[0] == ["Ana Ruiz"]


def test_an_emoji_after_a_name_is_not_part_of_it():
    assert person_name("Sam Okafor 👩🏽‍💻") == "Sam Okafor"


def test_vancouver_style_family_name_then_initials():
    assert names_in_line("Okafor BT, Lund S, Reyes M") == ["B. T. Okafor", "S. Lund", "M. Reyes"]


def test_a_quote_attribution_and_a_photo_caption_are_not_bylines():
    assert names_in_line("Mara Voss, Head of Policy at Northfield Trust and Chair of the panel said:") is None
    head = ["Residents and the budget", "", "A long paragraph " * 14, "", "Pia Lund en Ole Berg", "© Photo agency"]
    assert find_authors(head, 0, len(head))[0] == []


def test_an_index_short_citation_names_its_first_author():
    from pipeline.metadata.byline import cited_authors

    assert cited_authors("Naledi Okoro et al. Health Expect. 2023 Aug.") == ["Naledi Okoro"]
    assert cited_authors("Naledi Okoro et al. describe three panels.") is None  # no year: a sentence


def test_one_name_over_where_the_person_works_is_an_authors_card_even_below_the_text():
    lines = ["Neighbourhood repair panels", "",
             " ".join(["Tenants and officers met every month to set the repair priorities of the estate."] * 5), "",
             "Ilse Vandermeer", "Universiteit Gent", "", "Read more"]
    names, used = find_authors(lines, 0, len(lines))
    assert names == ["Ilse Vandermeer"] and used == [4]


def test_a_lines_names_are_read_once_and_each_caller_gets_its_own_list():
    line = "Tina Nabatchi and Alessandro Sancino"
    first = names_in_line(line)
    first.append("Someone Else")
    assert names_in_line(line) == ["Tina Nabatchi", "Alessandro Sancino"]
