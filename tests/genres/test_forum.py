from pipeline.genres import forum

THREAD = """Co-design workshops: do you pay participants?
Posted by Maria Santos on March 2, 2011 at 10:41am in Co-design
We are starting workshops with residents and wonder about vouchers.
Maria Santos
Engagement lead, Leeds
Views: 311
Replies to This Discussion
Permalink Reply by Dan Whitaker on March 2, 2011 at 1:15pm
Hi Maria,
We pay a fixed amount per session and cover travel.
-- Dan, recovery worker
Like 2
Permalink Reply by Maria Santos on March 3, 2011 at 9:00am
Thanks Dan, that helps a lot."""

NO_HEADERS = """Has anyone seen good examples of co-creation?
Graham Hill
Customer-centric Innovator
PS. Files attached.
Replies to This Discussion
Hi Graham,
Can you share the resources?
Hi Graham
Finland has a lot of participatory design work.
Best regards, Ralf
ThinkPublic would be another example.
Hi Ralf
Thanks for the leads.
Graham Hill
Customer-centric Innovator"""


def posts(text):
    return [(b.post_index, b.author, b.replies_to,
             [line for n, line in b.lines if line.strip() and n not in b.dropped])
            for b in forum.parse(text).blocks]


def test_headers_give_posts_their_authors_and_replies():
    result = posts(THREAD)
    assert [(i, a, r) for i, a, r, _ in result] == [
        (0, "Maria Santos", None), (1, "Dan Whitaker", "Maria"), (2, "Maria Santos", "Dan")]
    # headers, signatures and the replies marker are not post text
    assert result[0][3] == ["Co-design workshops: do you pay participants?",
                            "We are starting workshops with residents and wonder about vouchers.", "Views: 311"]
    assert result[1][3] == ["Hi Maria,", "We pay a fixed amount per session and cover travel.", "Like 2"]


def test_greetings_and_sign_offs_split_a_thread_without_headers():
    result = posts(NO_HEADERS)
    assert [(i, a, r) for i, a, r, _ in result] == [
        (0, "Graham Hill", None), (1, None, "Graham"), (2, "Ralf", "Graham"), (3, None, None),
        (4, "Graham Hill", "Ralf")]
    assert result[3][3] == ["ThinkPublic would be another example."]
