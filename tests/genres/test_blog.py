from datetime import date

from pipeline.genres import blog


def test_byline_and_comment_section():
    page = blog.parse("Home  About  Blog\nFlood wardens in our village\nPosted by Helen Marsh on 9 February 2020\n"
                      "When I agreed to become a flood warden I did not expect this.\n3 Comments\n"
                      "Great post! Check my site for cheap loans.")
    assert page.metadata == {"author": "Helen Marsh", "published": date(2020, 2, 9)}
    post, comments = page.blocks
    assert comments.excluded == "after-post"
    assert [line for _, line in comments.lines] == ["3 Comments", "Great post! Check my site for cheap loans."]


def test_date_dash_author_byline():
    page = blog.parse("Learning from innovation\n15 october 2015 - Dr. Sophie Flemig (University of Edinburgh)\nBody text here.")
    assert page.metadata == {"author": "Sophie Flemig", "published": date(2015, 10, 15)}
