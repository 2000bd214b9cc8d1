"""Forum threads: split into posts, each with its author, position and who it replies to.

Scraped threads run their posts together. A post starts at a reply header ("Permalink Reply
by Dan Whitaker on March 2, 2011 at 1:15pm"), or, below the "Replies to This Discussion" line
of pages that show no headers, at a greeting ("Hi Graham,"). A post's author comes from its
header, else from its signature (a name on its own line, maybe with a tagline, at the end);
signatures and headers leave the text so they don't become theme keywords.
"""

from __future__ import annotations

import re

from pipeline.clean.boilerplate import is_chrome
from pipeline.genres.blocks import Block, ParsedPage, drop_masthead, numbered, title_above
from pipeline.genres.post_headers import Header, is_post_chrome, read_header
from pipeline.sources.fields import parse_loose_date

_REPLIES_MARKER = re.compile(r"^(replies to this discussion|\d+\s+repl(y|ies)|replies)$", re.I)
_HEADER = re.compile(r"^(?:permalink\s+)?(?:reply|posted|comment) by (?P<author>[^\d\n]{2,60}?) on (?P<when>.+?)"
                     r"(?: in .+)?$", re.I)
_GREETING = re.compile(r"^(?i:hi|hello|hey|dear|thanks|thank you|many thanks)\b[\s,]+(?P<name>[A-Z][a-z]+)\b")
_PART = r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*"  # Maria, O'Neill, Kerry-Ann
_NAME = re.compile(rf"^(?:--\s*)?(?P<name>{_PART}(?: {_PART}){{0,3}})(?:\s*[,(].*)?$")
_SIGN_OFF = re.compile(r"^(?:best regards|kind regards|regards|best wishes|best|cheers|thanks|many thanks|"
                       r"thanks again|thanks in advance|all the best)[,!.]?(?:\s+(?P<name>[A-Z][a-z]+))?$", re.I)
_MENTION = re.compile(r"(?<![\w/@.])@([A-Za-z][\w-]{1,31}[A-Za-z0-9])(?![\w@.-]*\.\w)")  # not an e-mail
_FULL_NAME = re.compile(rf"^{_PART}(?: {_PART}){{1,2}}$")
_NOT_NAMES = {"Thanks", "Regards", "Cheers", "Hi", "Hello", "Yes", "No", "Agreed", "Reply", "Like", "Share"}


def _is_signature_line(line: str, last: bool) -> re.Match | None:
    """A name on its own ("Maria Santos", "-- Dan, recovery worker"), or, as a post's last
    line, a name with its tagline ("Claire (user researcher, city council)")."""
    match = _NAME.match(line)
    if not match or match.group("name") in _NOT_NAMES or line.endswith((".", "?", "!", ":")):
        return None
    words = len(line.split())
    tagged = line[len(match.group("name")):].lstrip().startswith((",", "("))
    if line.startswith("--") or words <= 4 or (last and tagged and words <= 16):
        return match
    return None


def _signature(block: Block) -> str | None:
    """Mark the closing signature lines of a post as dropped; return the name they give."""
    content = [(n, line.strip()) for n, line in block.lines
               if line.strip() and n not in block.dropped and not is_chrome(line)]
    if len(content) < 2:
        return None
    tail = content[-3:]
    name = None
    for i, (number, line) in enumerate(tail):
        match = _is_signature_line(line, last=i == len(tail) - 1)
        if match:
            # a name line, possibly followed by one short tagline line
            rest = tail[i + 1:]
            if len(rest) <= 1 and all(len(r.split()) <= 12 and not r.endswith((".", "?")) for _, r in rest):
                name = match.group("name")
                start = len(content) - len(tail) + i
                # "Maria" on the line above "Maria Santos / Service user lead" signs too
                if start > 0 and re.fullmatch(r"[A-Z][a-z'’-]+", content[start - 1][1]) \
                        and name.startswith(content[start - 1][1]):
                    start -= 1
                for n, _ in content[start:]:
                    block.dropped[n] = "signature"
                break
    last_number, last_line = content[-1]
    sign_off = _SIGN_OFF.match(last_line)
    if name is None and sign_off:
        block.dropped[last_number] = "signature"  # "Best regards" closing the post
        name = sign_off.group("name")
    return name


def _inline_signature(block: Block) -> str | None:
    """A full name on its own line followed by a short tagline, inside the post (before a PS)."""
    lines = [(n, line.strip()) for n, line in block.lines if n not in block.dropped]
    for (n, line), (m, after) in zip(lines, lines[1:]):
        match = _FULL_NAME.match(line)
        if match and after and len(after.split()) <= 6 and not after.endswith((".", "?", "!")):
            block.dropped[n] = block.dropped[m] = "signature"
            return line
    return None


def parse(text: str) -> ParsedPage:
    posts = [Block(post_index=0)]
    metadata: dict = {}
    masthead: set[str] = set()
    in_replies = False
    pending_new = False

    def start(author: str | None = None, replies_to: str | None = None) -> Block:
        post = Block(post_index=len(posts), author=author, replies_to=replies_to)
        posts.append(post)
        return post

    lines = numbered(text)
    following = _next_nonblank(lines)
    consumed: set[int] = set()
    platform = False  # a platform's post header was seen: its per-post chrome lines go too
    quoted_authors: list[str] = []
    header_authors: list[str] = []  # names printed in post headers (not guessed from sign-offs)

    def open_post(header: Header, number: int, line: str) -> None:
        nonlocal pending_new, masthead
        current = posts[-1]
        if current.post_index == 0 and not in_replies and not current.author and _before_body(current):
            current.author = header.author  # the opening post's header, under the thread's title
            metadata.setdefault("title", title_above(current))
            masthead = masthead or drop_masthead(current, metadata.get("title"))
            metadata["published"] = metadata.get("published") or header.published
            post = current
        else:
            post = start(author=header.author)
            pending_new = False
        post.published = header.published
        if header.author:
            header_authors.append(header.author)
        if header.rest:
            post.add(number, line)
        else:
            post.drop(number, line, "post-header")

    for index, (number, line) in enumerate(lines):
        stripped = line.strip()
        current = posts[-1]
        if number in consumed:
            current.drop(number, line, "post-header")
            continue
        if stripped.startswith(">"):
            current.drop(number, line, "quoted")  # a quotation of an earlier post
            continue
        if _REPLIES_MARKER.match(stripped):
            current.drop(number, line, "forum-chrome")
            in_replies, pending_new = True, True
            continue
        header = _HEADER.match(stripped)
        if header:
            author = header.group("author").strip()
            header_authors.append(author)
            if current.post_index == 0 and not in_replies and not current.author:
                current.author = author  # "Posted by X on ..." above the opening post
                metadata["title"] = title_above(current)
                masthead = drop_masthead(current, metadata["title"])
                metadata["published"] = parse_loose_date(header.group("when"))
                current.drop(number, line, "post-header")
            else:
                start(author=author).drop(number, line, "post-header")
                pending_new = False
            continue
        generic = read_header(stripped, following[index][1]) if stripped else None
        if generic and generic.quote_intro:
            current.replies_to = current.replies_to or generic.replies_to
            quoted_authors.append(generic.replies_to)
            current.drop(number, line, "post-header")
            continue
        if generic:
            platform = True
            if generic.consumes_next and following[index][0]:
                consumed.add(following[index][0])
            open_post(generic, number, line)
            continue
        if platform and is_post_chrome(stripped):
            current.drop(number, line, "forum-chrome")
            continue
        if stripped in masthead:
            current.drop(number, line, "masthead")
            continue
        sign_off = _SIGN_OFF.match(stripped)
        if sign_off and sign_off.group("name"):
            # "Best regards, Ralf" closes a post: Ralf wrote it, and what follows is a new post
            current.drop(number, line, "signature")
            current.author = current.author or sign_off.group("name")
            pending_new = in_replies
            continue
        greeting = _GREETING.match(stripped) if in_replies else None
        if stripped and (pending_new or (greeting and current.has_text)):
            current = start(replies_to=greeting.group("name") if greeting else None)
            pending_new = False
        elif greeting and current.replies_to is None and current.post_index:
            current.replies_to = greeting.group("name")
        current.add(number, line)

    for post in posts:
        name = _signature(post) or (None if post.author else _inline_signature(post))
        if post.author is None:
            post.author = name
    mentioned = [m.group(1) for m in _MENTION.finditer(text)] if header_authors or quoted_authors else []
    if header_authors or quoted_authors:
        # the thread's authors are the names its headers show, the opening poster first
        opener = [posts[0].author] if posts[0].author and posts[0].author in header_authors else []
        # ... then those quoted, then those @mentioned: names the thread shows as its people
        metadata["authors"] = list(dict.fromkeys(opener + header_authors + quoted_authors + mentioned))
    return ParsedPage([p for p in posts if p.lines], {k: v for k, v in metadata.items() if v})


def _next_nonblank(lines: list[tuple[int, str]]) -> list[tuple[int | None, str | None]]:
    """For each line, the number and text of the next non-blank line after it."""
    result: list[tuple[int | None, str | None]] = [(None, None)] * len(lines)
    after: tuple[int | None, str | None] = (None, None)
    for i in range(len(lines) - 1, -1, -1):
        result[i] = after
        if lines[i][1].strip():
            after = (lines[i][0], lines[i][1].strip())
    return result


def _before_body(block: Block) -> bool:
    """Nothing but a title and page chrome so far, not the opening post's own text: no long line
    and at most one line of eight words or more (a title, a site's tagline)."""
    words = [len(line.split()) for n, line in block.lines
             if n not in block.dropped and not is_chrome(line.strip()) and line.count("|") < 2]
    return not any(w >= 20 for w in words) and sum(w >= 8 for w in words) <= 1
