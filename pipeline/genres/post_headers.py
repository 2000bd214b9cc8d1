"""Post headers of the common forum, comment and mailing-list platforms, read line by line.

A header names who wrote the post below it and, often, when: Reddit ("u/name 13d ago",
"name · 3y", "name 3 points 2 years ago"), Hacker News ("user 3 hours ago | parent | next",
"42 points by user on July 25, 2014 | hide"), Slashdot ("by name on Friday September 05,
2003 @12:55PM (#6881275)", "Title by name · · Score: 5"), phpBB and vBulletin ("Post by X »
Mon Jan 01, 2020", a name above "Joined:"/"Posts:" lines), comment sections ("Posted by X
December 10, 2020 at 16:18", "by X on ...", "X says:"), Discourse and boards that print a
name above a date line, and mail archives ("From: Name <addr>", "Name name at host.org"
above the date, "On <date>, X wrote:"). Only absolute dates are kept; "3 days ago" is not a
date. Lines of per-post chrome (vote counts, "level 1", "Reply", "Joined: ...") are
recognised so the parser can drop them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.genres.features import DATE, RELATIVE, TIME
from pipeline.sources.fields import parse_loose_date

_BULLET = re.compile(r"^\s*(?:[•·*▪◦–-]|\d{1,3}\.|\[\d+\])\s+")
_NAME_TOKEN = r"@?[A-Za-z0-9][\w.'’-]{1,31}"
_NOT_NAMES = {"posted", "reply", "replies", "quote", "share", "report", "link", "level", "points", "by", "on",
              "the", "a", "an", "and", "published", "updated", "date", "from", "to", "sent", "re", "comment",
              "comments", "views", "joined", "posts", "messages", "yesterday", "today", "edited", "last",
              "original", "originally", "permalink", "parent", "next", "hide", "score", "member", "new",
              "back", "home", "menu", "discussion", "author", "topic", "thread", "forum", "post", "search",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed",
              "thu", "fri", "sat", "sun", "january", "february", "march", "april", "may", "june", "july",
              "august", "september", "october", "november", "december", "reference", "version", "month",
              "week", "day", "year", "time", "page", "users", "user", "guest", "anonymous"}
# "Acceptance Date Nov 2, 2021", "Online Publication Date": a record's dated fields, not posts
_METADATA_LABEL = re.compile(r"\b(?:date|dated|published|publication|available|accepted|acceptance|received|"
                             r"revised|deposit(?:ed)?|submitted|updated|modified|created|issued|copyright|"
                             r"online|print|edition|volume|issue|conference|session|deadline|closing)\b", re.I)
_STAMP = re.compile(rf"(?:{DATE.pattern})|(?:{RELATIVE.pattern})|(?:{TIME.pattern})", re.I)
# what may follow a stamp on a header line: separators, counters and reply/vote chrome
_TRAILER = re.compile(r"^[\s|·•,()\[\]#–—»\d:.-]*(?:(?:utc|gmt|[ap]\.?m\.?|ago|at|edited|parent|next|prev|"
                      r"root|hide|past|favorite|flag|reply|link|permalink|context|points?|votes?|comments?|"
                      r"score|interesting|insightful|funny|informative|\+\d+|[-–]\d+|"
                      r"est|edt|cst|cdt|pst|pdt|bst|cet|cest|utc|gmt|"
                      r"mon|tue|wed|thu|fri|sat|sun)\w*[\s|·•,()\[\]#–—»\d:.-]*)*$", re.I)
_HN_STORY = re.compile(rf"^\d+\s+points?\s+by\s+(?P<name>{_NAME_TOKEN})\s+(?P<when>.+?)(?:\s+\|.*)?$", re.I)
_SLASHDOT = re.compile(rf"^(?:(?:re:)?.{{0,120}}?\s)?by\s+(?P<name>{_NAME_TOKEN}(?:\s[A-Z][\w'’-]+)?)\s*"
                       r"(?:\(\s*\d+\s*\)\s*)?(?:<[^>\s]*>\s*)?(?:on\s+(?P<when>[^(]+?@\s*\d{1,2}:\d{2}\s*[AP]M)|·\s*·?)(?:.*)$", re.I)
_ARROW = re.compile(rf"^(?:post\s+)?by\s+(?P<name>{_NAME_TOKEN}(?:\s[A-Z][\w'’-]+)?)\s*»\s*(?P<when>.+)$", re.I)
_POSTED_BY = re.compile(r"^(?:posted\s+|reply\s+|comment\s+)?by\s+(?P<rest>\S.*)$", re.I)
_AFTER_NAME = re.compile(r"^(?:\s*\([^)]*\))?\s*(?:\bon\b|\||,)?\s*(?:posted\s+)?(?:(?:on|at)\s+)?", re.I)
_SAYS = re.compile(r"^(?P<name>[A-Za-z][\w.'’-]{1,31}(?:\s[A-Z][\w'’-]+)?)\s+(?:says|said|wrote|writes)\s*:"
                   r"\s*(?P<rest>.*)$")
_WRITES = re.compile(r"^(?P<name>(?:[A-Z][\w'’-]+\s){0,2}[\w'’-]+)\s+writes\s+[\"“](?P<rest>.*)$")
_MAIL_FROM = re.compile(r"^(?:from|von|da|de|van)\s*:\s*\"?(?P<name>[^<\"@\n]+?)\"?\s*(?:<[^>]*>|\(.*\))?\s*$", re.I)
_MAIL_NAME = re.compile(r"^(?P<name>[A-Z][\w'’-]+(?:\s[A-Z][\w'’.-]+){0,3})(?:\s+-\s+[^@\n]*?)?\s+"
                        r"[\w.+-]+(?: at |@)[\w-]+(?:\.[\w-]+)+\s*$")
_ON_WROTE = re.compile(r"^(?:on\b.+?,|le\b.+?,|am\b.+?,|il\b.+?,|el\b.+?,|op\b.+?,)?\s*(?P<name>[^,<>\n]{2,60}?)"
                       r"\s*(?:<[^>]*>|\([^)]*\))?\s*(?:wrote|a écrit|schrieb|ha scritto|escribió|schreef)\s*:?\s*$",
                       re.I)
_ORIGINALLY = re.compile(r"^(?:quote:?\s*)?originally posted by\s+(?P<name>.+?)\s*$", re.I)
_ROLE_LINE = re.compile(r"^(?:registered user|new member|senior member|supporting member|member|moderator|"
                        r"administrator|admin|verified\b.*|original poster:?|op|guest|banned|"
                        r"\d\+?\s*year member|[\w ]{0,20} (?:member|supporter|user))$", re.I)
_CHROME = re.compile(r"^(?:level \d+|\d{1,6}|[-+]?\d+\s+(?:points?|upvotes?|votes?|karma)|reply|replies|quote|"
                     r"quotequote all|report|share|save|follow|link|permalink|context|parent|give award|"
                     r"\[deleted\]|\[removed\]|\[[–-]\]|\[\+\]|show parent comments|view all comments|"
                     r"\d+\s+comments? sorted by.*|sorted by:.*|(?:joined|posts|messages|reaction score|location|"
                     r"member since|threads|likes|points|karma)\s*:?\s*[\w ,./'-]{0,30}|"
                     r"(?:joined|posts|messages|reaction score|location)|\d+ posts|\d+ months|"
                     r"(?:«\s*)?reply #\d+.*|«\s*on:.*|re:\s?(?:\S+\s?){1,12}|.{0,20}\s·\s.{0,20}\s·\s.{0,20})$", re.I)
_NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4}|\d{2})\b")
_DAY_MON_YY = re.compile(r"\b(?P<d>\d{1,2})-(?P<m>[A-Za-z]{3})-(?P<y>\d{2})\b")
_UNIX = re.compile(r"\b(?P<m>[A-Za-z]{3})\s+(?P<d>\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+[A-Z]{2,5})?\s+(?P<y>\d{4})\b")
_MON_D_YY = re.compile(r"\b(?P<m>[A-Za-z]{3})[a-z]*\.?\s+(?P<d>\d{1,2}),?\s+'(?P<y>\d{2})\b")  # Mar 14 '23
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                        "nov", "dec"), start=1)}


@dataclass(frozen=True)
class Header:
    author: str | None
    published: date | None = None
    replies_to: str | None = None
    rest: str = ""  # post text printed on the header line itself ("Rosie says: Help, ...")
    consumes_next: bool = False  # the header's date or role sits on the next line
    quote_intro: bool = False  # "On <date>, X wrote:" introduces a quotation, not a new post


def post_date(text: str | None) -> date | None:
    """An absolute date in a header's stamp; relative stamps ("13d ago", "3 hours ago") and
    ambiguous numeric ones (03/04/2020) give None rather than a guess."""
    if not text:
        return None
    if RELATIVE.search(text) and not DATE.search(text):
        return None
    numeric = _NUMERIC_DATE.search(text)
    if numeric and int(numeric.group("a")) <= 12 and int(numeric.group("b")) <= 12 and not re.search(r"[A-Za-z]{3}", text):
        return None  # 03/04/2020: day or month first, the stamp alone does not say
    found = parse_loose_date(text)
    if found:
        return found
    for pattern in (_UNIX, _DAY_MON_YY, _MON_D_YY):
        match = pattern.search(text)
        if match and match.group("m")[:3].lower() in _MONTHS:
            year = int(match.group("y"))
            try:
                return date(year + 2000 if year < 100 else year, _MONTHS[match.group("m")[:3].lower()],
                            int(match.group("d")))
            except ValueError:
                return None
    match = _NUMERIC_DATE.search(text)
    if match:
        a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
        year = year + 2000 if year < 100 else year
        day, month = (a, b) if a > 12 >= b else (b, a) if b > 12 >= a else (None, None)
        if day and 1900 < year < 2100:
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None


def _name_ok(name: str) -> bool:
    name = name.strip()
    return bool(name) and name.lower().removeprefix("u/") not in _NOT_NAMES and not name.isdigit() \
        and len(name.split()) <= 4 and not name.endswith((".", "?", "!"))


def _clean_name(name: str) -> str:
    return name.strip().removeprefix("u/").removeprefix("@").strip(" :·•|,")


def is_stamp_only(line: str) -> bool:
    """A line that is a timestamp and header chrome only ("12-5-11, 10:57pm", "Mar '21")."""
    match = _STAMP.search(line)
    return bool(match) and len(line.split()) <= 8 and bool(_TRAILER.match(line[:match.start()])) \
        and bool(_TRAILER.match(line[match.end():]))


def is_post_chrome(line: str) -> bool:
    text = _BULLET.sub("", line.strip())
    return bool(text) and (bool(_CHROME.match(text)) or bool(_ROLE_LINE.match(text)))


def _posted_by(text: str) -> Header | None:
    """"Posted by X December 10, 2020 at 16:18", "by nic on November 11, 2022 at 09:55AM",
    "By X (registered) | Posted March 24, 2014": the shortest name after which a stamp follows."""
    match = _POSTED_BY.match(text)
    if not match or len(text.split()) > 16:
        return None
    words = match.group("rest").split(" ")
    for size in range(1, min(3, len(words) - 1) + 1):
        name = " ".join(words[:size]).strip()
        if size > 1 and not words[size - 1][:1].isupper():
            break
        rest = " ".join(words[size:])
        when = rest[_AFTER_NAME.match(rest).end():]
        stamp = _STAMP.search(when)
        if stamp and len(when[:stamp.start()].split()) <= 1 and _name_ok(name):
            return Header(_clean_name(name), post_date(when))
    return None


def _stamped(text: str) -> Header | None:
    """NAME [flair] STAMP [chrome]: "u/go5dark Dec 21 '21", "DoomedITellYou · 22/11/2012 14:08",
    "user 3 hours ago | parent | next", "lizbarry 00:41:26", "r/sub • u/name Verified • May 27 '25"."""
    text = re.sub(r"^r/\w+\s*[•·|]?\s*", "", text)
    words = text.split()
    if not 2 <= len(words) <= 14:
        return None
    head = re.match(rf"(?:u/)?{_NAME_TOKEN}", text)
    if not head or not _name_ok(head.group(0)) or _STAMP.match(text) or text[head.end():].startswith(":"):
        return None
    stamp = _STAMP.search(text, head.end())
    if not stamp:
        return None
    between = text[head.end():stamp.start()].strip(" ·•|,-")
    # flair between a name and its stamp is capitalised ("Verified Planner"), not running prose
    if len(between.split()) > 4 or re.search(r"[.!?]\s", between) or re.match(r"[a-z]", between) \
            or _METADATA_LABEL.search(text[:stamp.start()]):
        return None
    if not _TRAILER.match(text[stamp.end():]):
        return None
    return Header(_clean_name(head.group(0)), post_date(text[stamp.start():]))


def read_header(line: str, following: str | None = None) -> Header | None:
    """The post header on ``line`` (``following`` is the next non-blank line), or None."""
    text = _BULLET.sub("", line.strip())
    for pattern in (_SAYS, _WRITES):  # the post's first words follow on the same line
        match = pattern.match(text)
        if match and _name_ok(match.group("name")):
            return Header(_clean_name(match.group("name")), rest=match.group("rest"))
    if not text or len(text) > 240:
        return None
    for pattern in (_HN_STORY, _ARROW, _SLASHDOT):
        match = pattern.match(text)
        if match and _name_ok(match.group("name")):
            return Header(_clean_name(match.group("name")), post_date(match.groupdict().get("when")))
    header = _posted_by(text)
    if header:
        return header
    match = _ORIGINALLY.match(text)
    if match:
        return Header(None, replies_to=_clean_name(match.group("name")), quote_intro=True)
    match = _ON_WROTE.match(text)
    if match and text.lower().startswith(("on ", "le ", "am ", "il ", "el ", "op ")) and _name_ok(match.group("name")):
        return Header(None, replies_to=_clean_name(match.group("name")), quote_intro=True)
    match = _MAIL_FROM.match(text)
    if match and _name_ok(match.group("name")):
        return Header(_clean_name(match.group("name")))
    match = _MAIL_NAME.match(text)
    if match and following and is_stamp_only(following):
        return Header(_clean_name(match.group("name")), post_date(following), consumes_next=True)
    header = _stamped(text)
    if header:
        return header
    # a name on its own line above its date, role or member fields (Discourse, vBulletin, XenForo)
    if following and re.fullmatch(rf"(?:u/)?{_NAME_TOKEN}(?:\s[A-Z][\w'’-]+)?", text) and _name_ok(text) \
            and not _ROLE_LINE.match(text) and not _STAMP.match(text) \
            and (is_stamp_only(following) or _ROLE_LINE.match(following.strip())
                 or re.match(r"^(?:joined|posts|messages)\b", following.strip(), re.I)):
        return Header(_clean_name(text), post_date(following) if is_stamp_only(following) else None,
                      consumes_next=True)
    return None
