"""Blog posts: the byline read for author and date; the comment section set apart.

Bylines come as "Posted by Sam Lee on 4 May 2021", "12 March 2019 - Dr. Jane Doe (City
University)" or "By Sam Lee | 4 May 2021". Everything from the comment section's heading
("3 Comments", "Leave a comment", "Responses") or a "Related" list onwards is other people's
text, or other pages', kept but not modelled as the post. The lines above the title (site
name, tagline) are masthead, and so are their repeats in the footer.
"""

from __future__ import annotations

import re

from pipeline.clean.boilerplate import CAPTCHA
from pipeline.genres.blocks import Block, ParsedPage, drop_masthead, numbered, title_above
from pipeline.sources.fields import parse_loose_date

_POSTED_BY = re.compile(r"^(?:posted|written|published)?\s*by\s+(?P<author>[^|•\n]{2,60}?)"
                        r"(?:\s+(?:on|[|•·-])\s+(?P<date>.+))?$", re.I)
_DATE_DASH_AUTHOR = re.compile(r"^(?P<date>\d{1,2} \w+ \d{4}|\w+ \d{1,2},? \d{4})\s*[-–|]\s*(?P<author>.+)$")
_AFTER_POST = re.compile(r"^(?:\d+\s+(?:comments?|responses?|replies)|comments?|responses?|"
                         r"(?:\d+\s+)?thoughts? on .+|leave a (?:comment|reply)|join the discussion|"
                         r"related(?: posts| articles| reading)?|you (?:may|might) also like|more from .{1,40})\s*:?$",
                         re.I)
_TITLES = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|mx)\.?\s+", re.I)


def clean_author(text: str) -> str:
    """'Dr. Sophie Flemig (University of Edinburgh Business School)' -> 'Sophie Flemig'."""
    text = re.sub(r"\s*\(.*?\)\s*", " ", text).strip(" ,;")
    return _TITLES.sub("", text).strip()


def parse(text: str) -> ParsedPage:
    post, after = Block(), Block(excluded="after-post")
    metadata: dict = {}
    masthead: set[str] = set()
    target = post
    for number, line in numbered(text):
        stripped = line.strip()
        if target is post and "author" not in metadata and len(stripped) <= 160:
            byline = _POSTED_BY.match(stripped) or _DATE_DASH_AUTHOR.match(stripped)
            if byline and (byline.group("date") or stripped.lower().startswith(("posted", "by "))):
                metadata["author"] = clean_author(byline.group("author"))
                # The line above the byline is the title (pipeline.metadata reads it as such):
                # the lines above it are the masthead.
                masthead = drop_masthead(post, title_above(post))
                if byline.group("date"):
                    metadata["published"] = parse_loose_date(byline.group("date"))
                post.drop(number, line, "byline")
                continue
        if target is post and (_AFTER_POST.match(stripped) or CAPTCHA.search(stripped)) and post.has_text:
            target = after  # comments, related links: other people's text, or other pages'
        if stripped in masthead:
            target.drop(number, line, "masthead")
            continue
        target.add(number, line)
    return ParsedPage([b for b in (post, after) if b.lines], {k: v for k, v in metadata.items() if v})
