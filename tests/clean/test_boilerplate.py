from pipeline.clean.boilerplate import is_chrome
from tests.conftest import clean_text

PAGE = """Skip to main content
Home | About | Blog | Contact
Co-production in housing

Tenants and the housing association redesigned the repairs service together.[3]
We use cookies to improve your experience on our website. Accept all cookies
Share this: Twitter Facebook LinkedIn
Views: 1184
History edit
The scheme began in 2015 after a tenants' survey.[citation needed]
© 2021 Example Housing. All rights reserved."""


def test_chrome_lines_go_and_prose_stays():
    text, removed = clean_text(PAGE)
    assert text == (
        "Co-production in housing\n\n"
        "Tenants and the housing association redesigned the repairs service together.\n"
        "History\n"
        "The scheme began in 2015 after a tenants' survey."
    )
    assert removed == 6


def test_prose_that_mentions_cookies_or_menus_is_kept():
    assert not is_chrome("The bakery co-operative sold cookies at the council's open day, and "
                         "residents used the stall to talk about the new community centre, its "
                         "opening hours, the volunteers who would staff it, and how the rota "
                         "would be agreed at monthly meetings of the residents' association.")
    assert not is_chrome("Home care workers and families met to talk about the rota.")
    assert is_chrome("Home")


def test_nav_bars_widgets_and_form_fields_are_chrome():
    for line in ["Home  About  Blog  Contact  Donate", "Like Loading...", "Name (required)",
                 "< Previous Post Next Post >", "Home | About | Blog"]:
        assert is_chrome(line), line
    assert not is_chrome("Flood wardens in our village: four winters of watching the brook")


def test_comment_form_challenges_are_chrome():
    for line in ["What colour is the word red?", "Please prove you are not a robot: 3 + four = ?",
                 "I'm not a robot", "What is 3 plus 4?"]:
        assert is_chrome(line), line
    assert not is_chrome("What colour should the new bins be? Residents voted for green.")
