from pipeline.metadata.head import page_lines
from pipeline.metadata.title import clean_title, find_title


def _title(text: str) -> str | None:
    lines = page_lines(text)
    return find_title(lines, lines)[0]


def test_chrome_above_the_title_is_passed_over():
    text = ("Skip to main content\nSearch our website:\nMenu\n\n"
            "Neighbourhood budgets that residents decide\n\nBy Maya Lind\n\n"
            "This post looks at how three towns handed part of their budget to residents.")
    assert _title(text) == "Neighbourhood budgets that residents decide"


def test_a_page_that_opens_with_its_text_has_no_title():
    text = ("When our team started working with carers last spring, we did not expect how much the "
            "meetings would change the service. Over six months, the carers rewrote the leaflets.\n\n"
            "They also chose the venues and ran two of the sessions themselves.")
    assert _title(text) is None


def test_a_banner_repeated_on_the_page_is_not_the_title():
    text = ("Anytown Community News\n\nFlood wardens meet the council\n\nPosted 3 May 2021\n\n"
            "Wardens from four villages met ...\n\nAnytown Community News")
    assert _title(text) == "Flood wardens meet the council"


def test_wiki_and_markdown_heading_marks_and_site_suffixes_are_removed():
    assert clean_title("= Participatory mapping =") == "Participatory mapping"
    assert clean_title("# Participatory mapping") == "Participatory mapping"
