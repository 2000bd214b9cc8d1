"""A page's title: the most title-like line of its head, on generic evidence.

Each line of the head is scored: its length and case (a title is a few to thirty words, most
of them capitalised or in sentence case, not a paragraph of sentences), its position (near the
top), what follows it (a byline, a date, an "Abstract" heading: pages print their title just
above those), and against it: page chrome (short menu and action lines, "Skip to", cookie
notices, a site's repeated banner), a line repeated elsewhere on the page, a field label, a
date, a person's name. No line good enough means no title: a page whose head shows none
(a post that opens with its first paragraph) gets none rather than its first sentence.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.clean.boilerplate import is_chrome
from pipeline.metadata.byline import names_in_line
from pipeline.metadata.dates import find_dates
from pipeline.metadata.structured import _KEY_LINE

# Interface words that start menu, widget and action lines, in the pages' languages.
_CHROME_START = re.compile(
    r"^(?:skip|jump|menu|search|sign|log|register|subscribe|follow|share|download|print|cite|view|show|hide|"
    r"back|next|previous|translate|install|click|press|tap|open access|rights|permissions|get|go to|toggle|"
    r"accept|close|home|help|login|logout|cookie|cookies|loading|hostname|render|advanced|filter|sort|"
    r"posted|published|updated|recommended|related|saved in|full (?:text|description)|add to|email|tweet|"
    r"photo|image|cover image|embed|zur |aller |ir a |aller au |passa a |naar )\b", re.I)
# Section headings are not the document's title.
_SECTIONS = frozenset("""abstract summary introduction background methods results discussion conclusion
conclusions keywords references contents overview article research article original research
résumé zusammenfassung resumen riassunto анотація аннотация""".split("\n")[0].split()) | {
    "research article", "original research", "original article", "table of contents", "full text", "author",
    "authors", "organization", "organisation", "affiliation", "affiliations", "downloads", "metrics",
    "full article", "details", "bibliographic details", "share", "citation", "cite"}
_SITE_WORDS = re.compile(r"\b(?:official website|website|homepage|repository|\.gov|\.com|\.org|www\.|https?://|"
                         r"all rights|©|cookies?|javascript|window\.|function\s*\()", re.I)
# Interface phrases anywhere in a line (a scrape often glues them to the site's name).
_CHROME_ANYWHERE = re.compile(r"\bskip to\b|\b(?:view|show|read) (?:less|more|all)\b|add to (?:home screen|list|cart|basket|"
                              r"favou?rites)|look up in|install (?:the|this) app|sign in to|log in to|"
                              r"cookie|javascript|\blicen[cs]e[ds]?\b|\bcopyright\b|\b(?:text|font) size\b|"
                              r"\b\d+\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|[smhdwy])\s+ago\b|"
                              r"\blogo$|^originally posted by\b|\bthis (?:topic|thread|post|discussion) (?:is|has been|was) "
                              r"(?:archived|closed|locked)\b|\S+ at \S+\.[a-z]{2,4}\b", re.I)
# Alt text, archive labels and journal-issue lines, whatever their length.
_NOT_TITLE_START = re.compile(r"^(?:photo|image|cover image|picture|illustration|icon|logo|(?:tag|category|author|"
                              r"monthly|yearly)\s+archives?|archives?:|vol\.?\s*\d|volume\s+\d|issue\s+\d)", re.I)
# A line cut before its end: "Search for other papers by Ann Lee in".
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_CUT = re.compile(r"\s(?:in|by|of|for|and|or|the|a|an)$", re.I)
# Words of an affiliation line ("University of Birmingham", "Faculty of Business and Law").
_AFFILIATION = re.compile(r"\b(?:university|universit[äàé]t?|universidad|college|faculty|department|institute|"
                          r"school of|centre for|center for|laboratory)\b", re.I)
_LABEL = re.compile(r"^[^\W\d_][\w ()/.-]{0,40}:\s*$")
_NEXT_EVIDENCE = re.compile(r"^(?:abstract|summary|résumé|zusammenfassung|resumen|riassunto|анотація|аннотация|"
                            r"by\s|posted|published|authors?\b|written by|\d+ points by)", re.I)
# Two sentences; a title's "What is co-production? Conceptualising ..." has a question first.
_SENTENCE_BREAK = re.compile(r"\.\s+[A-Z]|[?!]\s+[A-Z][^?!]*[.?!]\s+[A-Z]")
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


def _words(line: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", line)


def _line_score(line: str, repeats: int) -> float | None:
    """How title-like one line is by itself; None when it cannot be a title."""
    words = _words(line)
    if not words or len(line) > 300 or len(line) < 3:
        return None
    field = _KEY_LINE.match(line)
    if field and ":" in (field.group("colon") or ""):
        return None  # "Title: ...", "Published: ...": a field, read by the structured readers
    if is_chrome(line) or (_CHROME_START.match(line) and len(words) <= 4) or _SITE_WORDS.search(line) \
            or _LABEL.match(line):
        return None
    if line[0].islower() or re.match(r"^[\W\d]+$", line) or line.endswith((":", ",", ";")):
        return None
    if sum(len(w) == 1 for w in words) > len(words) / 2 and len(words) >= 3:
        return None  # "T O P": letter-spaced widget text
    if line.lower().strip(" .") in _SECTIONS or line.count("|") >= 2 \
            or re.match(r"^[•·▪◦*>-]|^\[(?![\w.-]+\]\s)", line):  # a list item, not "[list-name] Subject"
        return None
    if (find_dates(line) and len(words) <= 6) or _CHROME_ANYWHERE.search(line) or _CUT.search(line) \
            or _NOT_TITLE_START.match(line):
        return None
    score = 2.0
    if len(words) <= 2:
        score -= 1.2
    if len(words) > 25:
        score -= 2.5
    if _SENTENCE_BREAK.search(line):
        score -= 2.5  # several sentences: a paragraph
    elif line.endswith(".") and len(words) > 12:
        score -= 2.0  # one long sentence: the opening of the text
    elif line.endswith(".") and len(words) > 5:
        score -= 1.2
    if repeats > 1:
        score -= 2.0  # a banner or a running head, printed again further down
    if _AFFILIATION.search(line) and len(words) <= 10:
        score -= 1.5  # where the authors work
    long_words = [w for w in words if len(w) >= 4]
    if long_words and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6:
        score += 0.5
    return score


def title_candidates(lines: list[str], page: list[str], author_lines: set[int] = frozenset(),
                     skip: set[int] = frozenset()) -> list[tuple[float, int]]:
    """(score, index) of every line of the head that could be the title, best first.
    ``page`` is the whole page (to see repeats); the byline's lines are evidence for the line
    just above them, ``skip`` are lines already read as fields."""
    counts = Counter(line for line in page if line)
    # Lines that cite the page (they give a year): a title printed again there is the page's.
    text = " | ".join(" ".join(_words(line)).lower() for line in page[:400] if _YEAR.search(line))
    scored: list[tuple[float, int]] = []
    rank = 0
    for index, line in enumerate(lines):
        if not line or index in author_lines or index in skip:
            continue
        rank += 1
        if rank > 40:
            break
        if names_in_line(line) is not None:
            continue
        score = _line_score(line, counts[line])
        if score is None:
            continue
        score -= 0.3 * min(rank - 1, 8) + 0.05 * max(rank - 9, 0)  # pages print their title first
        if len(_words(line)) >= 4 and counts[line] == 1 and text.count(" ".join(_words(line)).lower()) >= 1 \
                and not _YEAR.search(line):
            score += 1.0  # the page cites itself ("How to cite: ... (2017). Title. Journal")
        following = [i for i in range(index + 1, min(len(lines), index + 8)) if lines[i]][:3]
        key = " ".join(_words(re.sub(r"\s*\([^)]*\)", "", line))).lower()  # "Co-production (approach)"
        if key and len(line) <= 60 and any(len(lines[i].split()) >= 12 and key in " ".join(_words(lines[i])).lower()
                                   for i in following):
            score += 1.5  # "By-product" / "A by-product is ...": a term, then its definition
        # a byline or dateline is evidence for the title it stands under, not for every line above
        # it: a menu two lines higher gets nothing from it
        evidence = [i in author_lines or bool(_NEXT_EVIDENCE.match(lines[i])) or _dateline(lines[i]) for i in following]
        first = next((k for k, found in enumerate(evidence) if found), None)
        if first == 0:
            score += 1.5
        elif first is not None and all(len(lines[i].split()) <= 8 for i in following[:first]):
            score += 1.5  # only a subtitle, a kicker or a short line between them
        if not any(evidence) and rank == 1 and following and _prose(lines[following[0]]) and not line.endswith("."):
            score += 1.0  # a heading that opens the page, then its text: a plain note or article
        scored.append((score, index))
    return sorted(scored, key=lambda item: (-item[0], item[1]))


def find_title(lines: list[str], page: list[str], author_lines: set[int] = frozenset(),
               skip: set[int] = frozenset(), threshold: float = 1.5) -> tuple[str | None, int | None]:
    """The title among the head's lines and its index; (None, None) if no line is title-like
    enough."""
    scored = title_candidates(lines, page, author_lines, skip)
    if not scored or scored[0][0] < threshold:
        return None, None
    index = scored[0][1]
    return clean_title(lines[index], Counter(line for line in page if line)), index


def _prose(line: str) -> bool:
    """A paragraph of running text: many words and a sentence end."""
    return len(line.split()) >= 25 and bool(re.search(r"[.!?][\"'”’)]?\s", line + " "))


def _dateline(line: str) -> bool:
    """A short line that gives a date: a page's dateline under its title."""
    return len(line.split()) <= 12 and bool(find_dates(line))


def clean_title(line: str, counts: Counter | None = None) -> str:
    """Markup around a title taken off: '= Title =', '# Title', a site's name after ' | '
    when the page also prints the title alone."""
    text = re.sub(r"^=+\s*(.*?)\s*=+$", r"\1", line.strip())
    text = re.sub(r"(?<=[?.!])\s+[A-Z]$", "", text)  # a stray mark a PDF's text layer leaves after it
    text = re.sub(r"^(?:[Oo]pen[- ][Aa]ccess|[Ff]ree [Aa]ccess|NEWS)\s+(?=\S)", "", text)  # a badge before it
    text = re.sub(r"^#{1,6}\s+", "", text)
    text = re.sub(r"^[^:]{2,30}\s:\s(?=\S)", "", text)  # a breadcrumb: "Forum archive : Title"
    suffix = _SITE_SUFFIX.search(text)
    if suffix and counts is not None and counts.get(text[: suffix.start()], 0):
        text = text[: suffix.start()]
    return text.strip()
