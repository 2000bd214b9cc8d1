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


REDDIT = """r/localplanning 2y ago
Should councils pay residents to sit on design panels?
Our ward keeps asking the same six volunteers to review every scheme. Is paying people fair?
57 Upvotes
12 comments sorted by
level 1
31
u/kettle_and_toast 2y ago
Paying people widens who turns up, in my experience as a panel member.
Reply
level 2
8
u/Marrow-Lane Verified Planner 2y ago
We pay a flat fee per session and it changed the mix of ages a lot.
level 1
u/quiet_bollard Mar 14 '23
Vouchers worked for us, cash was harder to get through finance."""

HACKER_NEWS = """Hacker News new | past | comments | ask | show | jobs | submit login
Ask HN: Tools for running a participatory budget?
57 points by fenwick_dev on March 3, 2021 | hide | past | favorite | 12 comments
Our town is trying participatory budgeting and the voting tool is a spreadsheet.
ottoline 3 hours ago | parent | next [–]
We used an open-source platform and printed ballots for people offline.
brackwater9 2 hours ago | parent | next [–]
Printed ballots matter more than the software, in my view."""

PHPBB = """Community garden rota
Post by greenfinger » Mon Jan 06, 2020 9:12 am
Who wants the Tuesday watering slot this spring?
Joined: Mar 2014
Posts: 211
Re: Community garden rota
Post by Holly_Ash » Mon Jan 06, 2020 11:40 am
I can take Tuesdays if someone covers the school holidays."""

MAIL = """[civic-list] Notes from the budget assembly

Tamsin Okafor tamsin at example-assembly.org
Tue Mar 6 14:07:31 UTC 2012

Thanks for the notes, they match what I heard at table three.

On Mon, Mar 5, 2012 at 9:02 PM, Pieter Vos wrote:
> Here are the notes from last week's assembly.
> Please add anything I missed.

Tamsin"""

SLASHDOT = """Councils Move Consultations Online
Ada Brightwater writes "My council now runs all its planning consultations on a web platform. Does it reach more people?"
Comments Filter:
by Anonymous Coward on Friday September 05, 2003 @12:55PM (#6881275)
It reaches the people who already had broadband.
Re:Reach by lanternfish ( 671233 ) on Friday September 05, 2003 @01:09PM (#6881390)
The paper notices still go up in the library, so nobody is left out."""

COMMENTS = """Stop raising the parking charges
Shops on the high street are losing trade and the consultation was too short.
by cobble_street on November 11, 2022 at 09:55AM
Current Rating
  • Posted by Harbour_Gull November 11, 2022 at 13:36

    Short consultations favour people with time on their hands.
  • Posted by cobble_street November 25, 2022 at 15:15

    Agreed, and the survey closed before the market traders heard about it."""


def thread(text):
    page = forum.parse(text)
    return page, [(b.author, [line.strip() for n, line in b.lines if line.strip() and n not in b.dropped])
                  for b in page.blocks]


def test_reddit_front_end_posts_carry_usernames_and_drop_vote_chrome():
    page, result = thread(REDDIT)
    assert page.metadata["authors"] == ["kettle_and_toast", "Marrow-Lane", "quiet_bollard"]
    assert [a for a, _ in result][1:] == ["kettle_and_toast", "Marrow-Lane", "quiet_bollard"]
    assert result[1][1] == ["Paying people widens who turns up, in my experience as a panel member."]
    # "2y ago" is not a date; "Mar 14 '23" is
    assert forum.parse(REDDIT).blocks[1].published is None
    assert str(forum.parse(REDDIT).blocks[3].published) == "2023-03-14"


def test_hacker_news_story_and_comments():
    page, result = thread(HACKER_NEWS)
    assert page.metadata["authors"] == ["fenwick_dev", "ottoline", "brackwater9"]
    assert str(page.metadata["published"]) == "2021-03-03"
    assert result[2] == ("brackwater9", ["Printed ballots matter more than the software, in my view."])


def test_phpbb_posts_and_member_fields():
    page, result = thread(PHPBB)
    assert page.metadata["authors"] == ["greenfinger", "Holly_Ash"]
    assert result[0][1] == ["Community garden rota", "Who wants the Tuesday watering slot this spring?"]
    assert str(forum.parse(PHPBB).blocks[1].published) == "2020-01-06"


def test_mail_archive_sender_and_quoted_message():
    page, result = thread(MAIL)
    assert page.metadata["authors"] == ["Tamsin Okafor", "Pieter Vos"]
    assert str(page.metadata["published"]) == "2012-03-06"
    post = forum.parse(MAIL).blocks[0]
    assert post.replies_to == "Pieter Vos"
    # the quotation repeats an earlier message: it leaves the text
    assert not any("last week's assembly" in line for line in result[0][1])


def test_slashdot_story_and_comments():
    page, result = thread(SLASHDOT)
    assert page.metadata["authors"] == ["Ada Brightwater", "Anonymous Coward", "lanternfish"]
    assert result[-1] == ("lanternfish", ["The paper notices still go up in the library, so nobody is left out."])


def test_comment_section_posted_by_headers():
    page, result = thread(COMMENTS)
    assert page.metadata["authors"] == ["cobble_street", "Harbour_Gull"]
    assert [a for a, _ in result] == ["cobble_street", "Harbour_Gull", "cobble_street"]


def test_mentioned_usernames_join_the_thread_authors_but_not_email_addresses():
    text = COMMENTS + "\n  • Posted by Wren_Ivy November 26, 2022 at 10:02\n\n    @Harbour_Gull quite right, " \
                      "and mail the clerk at clerk@parish.example about it."
    page = forum.parse(text)
    assert page.metadata["authors"] == ["cobble_street", "Harbour_Gull", "Wren_Ivy"]
    text = text.replace("@Harbour_Gull", "@Marsh_Tit")
    assert forum.parse(text).metadata["authors"][-1] == "Marsh_Tit"
