import pytest

from pipeline.genres.detect import detect_genre

FORUM = """How do you pay participants in co-design workshops?
We are starting a series of workshops with residents.
Views: 842
Replies to This Discussion
Permalink Reply by Maria Santos on March 3, 2011 at 9:14pm
We give vouchers."""

ENCYCLOPEDIA = """Living lab
From the free online encyclopedia
A living lab is a user-centred innovation setting.[1] It involves citizens.[2]
History edit
The idea spread in Europe in the 2000s.[3]
References
1. Someone (2009)."""

ABSTRACT = """Rethinking value in public services
Abstract
This paper examines how service users and providers co-create value."""

BLOG = """Home | About | Blog | Contact
Flood wardens in our village
Posted by Sam Lee on 4 May 2021
Last winter the brook came up faster than anyone expected.
Leave a comment"""


@pytest.mark.parametrize("text, genre", [
    (FORUM, "forum"), (ENCYCLOPEDIA, "encyclopedia"), (ABSTRACT, "abstract"), (BLOG, "blog"),
    ("A short note with nothing that marks its genre at all.", "other"),
])
def test_genre_from_page_chrome(text, genre):
    assert detect_genre(text) == genre


def test_a_record_with_doi_and_authors_is_an_abstract():
    assert detect_genre("Plain text of a study about co-production.", has_doi=True, has_authors=True) == "abstract"
