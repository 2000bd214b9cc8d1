from tests.conftest import clean_text

REPEATED = "Volunteers checked the rain gauges every morning and phoned the readings to the agency."


def test_second_copy_of_a_paragraph_is_dropped():
    text = f"Intro line\n{REPEATED}\nSomething else entirely happened in the village later that year.\n{REPEATED}"
    cleaned, removed = clean_text(text)
    assert cleaned.count(REPEATED) == 1
    assert removed == 1


def test_a_teaser_of_the_next_paragraph_is_dropped():
    teaser = "Value co-creation is a dynamic process that involves many stakeholders and ..."
    full = ("Value co-creation is a dynamic process that involves many stakeholders and their "
            "interactions over time, in public services as elsewhere.")
    cleaned, removed = clean_text(f"Title\n{teaser}\n{full}")
    assert cleaned == f"Title\n{full}"
    assert removed == 1


def test_short_lines_may_repeat():
    # ("Reply" would now go as page chrome; a short line of prose shows the repeat rule alone)
    cleaned, removed = clean_text("Noted\nGood point.\nNoted\nGood point.")
    assert removed == 0
    assert cleaned.count("Noted") == 2


def test_a_flattened_copy_of_the_page_is_contained_in_what_came_before():
    from pipeline.clean.duplicates import contained_lines

    first = ["Co-production is an approach in which citizens and providers design services together, "
             "sharing power and responsibility.", "The term was coined by Elinor Ostrom and colleagues in the "
             "late 1970s to explain why crime rose when police left the streets for their cars."]
    flattened = " ".join(first).lower().replace(",", "").replace(".", "").replace("-", " ")
    lines = first + ["read, download, free, mp3 " + flattened * 2]
    assert contained_lines(lines, min_words=20) == {2}
