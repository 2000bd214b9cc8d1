from datetime import date

import pytest

from pipeline.metadata.dates import find_dates, parse_date_text, publication_date


@pytest.mark.parametrize("text, value, precision", [
    ("Published online: 9 Dec 2024", date(2024, 12, 9), "day"),
    ("15 october 2015", date(2015, 10, 15), "day"),
    ("venerdì 31 gennaio 2014", date(2014, 1, 31), "day"),
    ("9 januari 2024", date(2024, 1, 9), "day"),
    ("Jun 08 '25", date(2025, 6, 8), "day"),
    ("March 2019", date(2019, 3, 1), "month"),
    ("2023 Aug", date(2023, 8, 1), "month"),
    ("2016", date(2016, 1, 1), "year"),
    ("Saturday 26th January 2019", date(2019, 1, 26), "day"),
    ("Tue Mar 6 14:07:31 UTC 2012", date(2012, 3, 6), "day"),
    ("16-Aug-16", date(2016, 8, 16), "day"),
    ("06.08.2021", date(2021, 8, 6), "day"),  # dots: day first
    ("2023/5/1", date(2023, 5, 1), "day"),
])
def test_dates_in_common_formats_and_languages(text, value, precision):
    found = parse_date_text(text)
    assert (found.value, found.precision) == (value, precision)


def test_relative_dates_times_and_bare_months_are_not_dates():
    assert find_dates("posted 3 days ago") == []
    assert find_dates("1d ago · 14:05") == []
    assert parse_date_text("in May we met") is None


def test_dates_inside_links_are_not_shown_dates():
    assert find_dates("see https://example.org/2019/05/12/our-post") == []


def test_the_announced_publication_date_beats_received_and_rendered_dates():
    head = ["Render date: 2024-12-18T09:54:24Z", "", "Council budgets and residents", "",
            "Received: 2 April 2021", "Accepted: 13 July 2021", "Published online: 6 August 2021"]
    assert publication_date(head).value == date(2021, 8, 6)


def test_the_date_near_the_top_beats_dates_further_down():
    head = ["Street lighting survey", "Posted 4 May 2021", "", "Text of the post.", "", "Edited 9 June 2022"]
    assert publication_date(head).value == date(2021, 5, 4)


def test_a_page_that_writes_day_first_reads_its_ambiguous_dates_day_first():
    head = ["Meeting notes", "03/04/2022", "", "Reply 26/05/2022"]
    assert publication_date(head).value == date(2022, 4, 3)


def test_copyright_years_are_not_publication_dates():
    assert publication_date(["Parish plan", "© 2024 Anytown Council"]) is None


def test_several_dates_on_one_line_each_have_their_own_announcement():
    head = ["Tenant panels", "Received: 2 March 2019; Accepted: 4 June 2019; Published: 6 June 2019"]
    assert publication_date(head).value == date(2019, 6, 6)


def test_publication_beats_early_online():
    head = ["Tenant panels", "Early online date | 9 Mar 2016 |", "Status | Published - 31 May 2016 |"]
    assert publication_date(head).value == date(2016, 5, 31)


def test_a_members_join_date_and_a_year_cited_in_a_sentence_are_not_publication_dates():
    assert publication_date(["Brewing help", "Joined", "Dec 17, 2012"]) is None
    assert publication_date(["Living labs", "Following Berg et al. (2009) a living lab is a space."]) is None


def test_a_year_after_a_journal_name_is_the_publication_year():
    found = publication_date(["Tenant panels", "Journal: Housing Review, 2021, № 4, p. 12-30"])
    assert (found.value, found.precision) == (date(2021, 1, 1), "year")


def test_a_date_inside_a_paragraph_is_not_the_publication_date():
    paragraph = ("Our carers group met many times over the summer to plan the new respite service with the "
                 "council's commissioners, and during national carers week (2-6 July 2018) we held an open day "
                 "in the library for everyone who wanted to join in.")
    assert publication_date(["Carers and the respite service", "", paragraph]) is None
    assert publication_date(["Carers and the respite service", "Posted 9 July 2018", "", paragraph]).value == \
        date(2018, 7, 9)


def test_a_field_value_in_another_script_goes_through_dateparser():
    found = parse_date_text("2024年3月5日")
    assert (found.value, found.precision) == (date(2024, 3, 5), "day")
    assert parse_date_text("3 days ago") is None


def test_a_lines_dates_are_read_once_and_each_caller_gets_its_own_list():
    line = "Posted 3 March 2021, updated 2022-05-04"
    first = find_dates(line)
    first.clear()  # a caller that edits its list does not change what the next caller reads
    again = find_dates(line)
    assert [d.value for d in again] == [date(2021, 3, 3), date(2022, 5, 4)]
