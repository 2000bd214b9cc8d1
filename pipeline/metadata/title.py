"""A page's title: the head's line (or wrapped lines) a fitted line model finds most title-like.

Lines that cannot be a title are passed over first: fields ("Published: ..."), menu and action
lines, cookie and site notices, list items, dates, section headings, people's names, lines cut
off at "of the". Every other line of the head is described by generic features
(title_features.py: position, shape, the byline or dateline under it, repeats, the page citing
it, what the page is about) and scored by a conditional logit fitted on labelled pages
(title_model.py, by benchmarks/titles.py, cross-validated by site). The best line is the title
when the model puts it above "no title": a page whose head shows none (a post that opens with
its first paragraph) gets none rather than its first sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from pipeline.clean.boilerplate import is_chrome
from pipeline.metadata.byline import names_in_line
from pipeline.metadata.dates import find_dates
from pipeline.metadata.linear import LinearModel
from pipeline.metadata.structured import _KEY_LINE
from pipeline.metadata.title_features import SITE_SUFFIX, PageContext, line_features, words_of
from pipeline.metadata.title_model import THRESHOLD

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
_CUT = re.compile(r"\s(?:in|by|of|for|and|or|the|a|an)$", re.I)
# A wrapped title's lines: at most this many, each at most this wide.
_SPAN_LINES = 4
_SPAN_WIDTH = 90
_LIST_ITEM = re.compile(r"^[•·▪◦*>-]")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
# "Vincent et al. 2018": a short citation, the label of a reference, not a title
_SHORT_CITATION = re.compile(r"\bet\.? al\b\.?", re.I)
_LABEL = re.compile(r"^[^\W\d_][\w ()/.-]{0,40}:\s*$")
# Where a sentence may end inside a line: a full stop before a capital (or a quote). Not "?"
# or "!": a paper's title goes on after its question ("Two to Tango? Understanding ..."); so
# not the sentence end the passage splitter and clean/long_lines.py cut prose at, which has them.
_BREAK = re.compile(r"\.\s+(?=[\"'‘“(]?[A-Z])")
# Words after the first sentence that make the rest a body, not a subtitle: a subtitle or a
# venue ("Part I: Statistical Analysis", "Working paper 17/02") is shorter than a sentence of news.
_BODY_WORDS = 12
# A headline is short (news headlines run to about a dozen words); a longer first sentence,
# or one in the first person, opens the text itself and is not offered as a title.
_HEADLINE_WORDS = 14
_FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us", "i'm", "i've", "we're", "we've"})
# Words of three letters or more that a full stop follows inside a title ("Apple Inc. Reports").
_ABBREVIATIONS = frozenset("inc ltd corp gov sen rep gen col sgt vol fig dept univ est approx nos mrs".split())



def candidate(line: str) -> bool:
    """Whether one line could be a title at all: not a field, a menu item, a site notice, a
    list item, a date, a section heading, a sentence cut off. How title-like the lines that
    pass are is the line model's to weigh."""
    words = words_of(line)
    if not words or len(line) > 300 or len(line) < 3:
        return False
    field = _KEY_LINE.match(line)
    if field and ":" in (field.group("colon") or ""):
        return False  # "Title: ...", "Published: ...": a field, read by the structured readers
    if is_chrome(line) or (_CHROME_START.match(line) and len(words) <= 4) or _SITE_WORDS.search(line) \
            or _LABEL.match(line):
        return False
    if line[0].islower() or re.match(r"^[\W\d]+$", line) or line.endswith((":", ",", ";")):
        return False
    if sum(len(w) == 1 for w in words) > len(words) / 2 and len(words) >= 3:
        return False  # "T O P": letter-spaced widget text
    # a section heading, a menu, a list item (but "[list-name] Subject" is a mail's subject)
    if line.lower().strip(" .") in _SECTIONS or line.count("|") >= 2 \
            or _LIST_ITEM.match(line) or re.match(r"^\[(?![\w.-]+\]\s)", line):
        return False
    if _SHORT_CITATION.search(line) and len(words) <= 8:
        return False
    return not ((find_dates(line) and len(words) <= 6) or _CHROME_ANYWHERE.search(line) or _CUT.search(line)
                or _NOT_TITLE_START.match(line) or names_in_line(line) is not None)


def candidate_lines(lines: list[str], author_lines: set[int] = frozenset(),
                    skip: set[int] = frozenset(), limit: int = 40) -> list[tuple[int, int, int, str]]:
    """(index, rank, end, text) of the candidates among the first ``limit`` non-empty lines;
    ``rank`` counts the non-empty lines from the top. A title wrapped over several lines (a
    PDF's columns, a narrow heading) is a candidate too, joined up to line ``end``: a line cut
    at "of the" or "and" always goes on; any line may go on into the lines right under it,
    and the line model weighs the joined text against the single lines."""
    found, rank = [], 0
    taken = set(author_lines) | set(skip)
    for index, line in enumerate(lines):
        if not line or index in taken:
            continue
        rank += 1
        if rank > limit:
            break
        if candidate(line):
            found.append((index, rank, index, line))
            found += [(index, rank, end, text) for end, text in _spans(lines, index, taken)]
        elif glued := _glued_title(line):
            found.append((index, rank, index, glued))
        elif _CUT.search(line):
            end, text = _wrapped(lines, index, taken)
            if end > index and candidate(text):
                found.append((index, rank, end, text))
    return found


def _wrapped(lines: list[str], index: int, taken: set[int]) -> tuple[int, str]:
    """The line at ``index`` joined with the lines under it while they go on from a cut word."""
    text, end = lines[index], index
    for _ in range(3):
        after = next((i for i in range(end + 1, min(len(lines), end + 3)) if lines[i]), None)
        if after is None or after in taken or len(text) + len(lines[after]) > 300 or _stands_alone(lines[after]):
            break
        text, end = f"{text} {lines[after]}", after
        if not _CUT.search(text):
            break
    return end, text


def _spans(lines: list[str], index: int, taken: set[int]) -> list[tuple[int, str]]:
    """(end, text) of the line at ``index`` joined with the next one, two or three lines right
    under it (no blank line between), while each line is short and none ends a sentence. A
    line of one or two words only ends a span: a masthead's short lines ("North State",
    "BioReview") are not a wrapped title, whose column holds more than that."""
    spans, text, end = [], lines[index], index
    while end - index < _SPAN_LINES - 1:
        after = end + 1
        if after >= len(lines) or not lines[after] or after in taken or len(lines[after]) > _SPAN_WIDTH \
                or len(lines[end]) > _SPAN_WIDTH or re.search(r"[.!;,]$", lines[end]) \
                or len(words_of(lines[end])) <= 2 or _stands_alone(lines[after]):
            break
        text, end = f"{text} {lines[after]}", after
        if candidate(text):
            spans.append((end, text))
    return spans


def candidate_features(lines: list[str], page: list[str], author_lines: set[int] = frozenset(),
                       skip: set[int] = frozenset()) -> list[tuple[int, str, dict[str, float]]]:
    """(index, text, features) of every candidate of the head, as the line model sees them.
    A candidate's rank among candidates and its relative length count single lines only, so
    the wrapped spans offered beside them do not push the lines under them down."""
    found = candidate_lines(lines, author_lines, skip)
    context = PageContext(lines, page, set(author_lines))
    longest = max((len(text) for index, _, end, text in found if end == index), default=1)
    start_rank = {index: n for n, index in enumerate(sorted({index for index, *_ in found}), start=1)}
    return [(index, text, line_features(context, index, rank, start_rank[index], longest, end, text))
            for index, rank, end, text in found]


def _stands_alone(line: str) -> bool:
    """A line no title goes on into: a date or a clock time ("bitsybot 05:55:16"), a menu or list item,
    a person's name ("Ann Lee 1 *"), affiliation marks ("a,b,* c d"), a line that goes on
    itself ("Ann Lee 1 *,")."""
    if line.endswith((",", ";")) or _CLOCK.search(line) or find_dates(line):
        return True
    if is_chrome(line) or _CHROME_START.match(line) or _LIST_ITEM.match(line):
        return True  # a menu, a list item
    return names_in_line(re.sub(r"[\s\d,*†‡§]+$", "", line)) is not None \
        or sum(len(word) >= 3 for word in words_of(line)) < 2


def _glued_title(line: str) -> str | None:
    """'Title | Site window.settings = {...}': a page's title element glued to the script after it
    (a flattened scrape's first line); the part before the first ' | ' when it could be a title."""
    head = line[:200].split(" | ", 1)
    if len(head) == 2 and (len(line) > 300 or _SITE_WORDS.search(head[1])) and candidate(head[0]):
        return head[0]
    return None


def title_candidates(lines: list[str], page: list[str], author_lines: set[int] = frozenset(),
                     skip: set[int] = frozenset(), model: LinearModel | None = None) -> list[tuple[float, int, str]]:
    """(score, index, text) of every candidate of the head, best first: the score is the line
    model's probability that it is the title rather than none. ``page`` is the whole page (to
    see repeats and what it is about); the byline's lines are evidence for the line above them,
    ``skip`` are lines already read as fields."""
    model = model or shipped_model()
    scored = [(model.probability(features), index, text)
              for index, text, features in candidate_features(lines, page, author_lines, skip)]
    return sorted(scored, key=lambda item: (-item[0], item[1]))


def find_title(lines: list[str], page: list[str], author_lines: set[int] = frozenset(),
               skip: set[int] = frozenset(), model: LinearModel | None = None,
               threshold: float | None = None) -> tuple[str | None, int | None]:
    """The title among the head's lines and its index; (None, None) if no line is title-like
    enough (the model's probability under ``threshold``, by default the one fitted with it)."""
    content = [line for line in page if line]
    glued = _headline_and_body(content[0]) if len(content) == 1 and content[0] in lines else None
    if glued:
        # "Headline. The story ...": a news feed's or an export's item on one line is read as
        # the two lines it glues, so the headline is weighed as a title above its text rather
        # than the whole item as one line. Its index is None: the headline has no line of its
        # own, and the dates of the story's text are not a date line beside a title.
        lines = page = content = list(glued)
    scored = title_candidates(lines, page, author_lines, skip, model)
    if threshold is None:
        threshold = THRESHOLD
    if not scored or scored[0][0] < threshold:
        return None, None
    _, index, text = scored[0]
    return clean_title(text, Counter(content)), (None if glued else index)


def _headline_and_body(line: str) -> tuple[str, str] | None:
    """A single line's first sentence and the rest, when the rest is a body (``_BODY_WORDS``
    words or more), not a subtitle or venue ("... landscapes. Part I", "Working paper 17/02"),
    and the sentence can be a headline (``_headline_shaped``); None otherwise, and the line is
    weighed whole as before (a flattened page's title is found in it by the other readers)."""
    for stop in _BREAK.finditer(line):
        end = stop.start()
        if len(words_of(line[end + 1:])) < _BODY_WORDS:
            return None
        # a headline has three words or more: "Mich. Elephant Gets ..." goes on past "Mich."
        if _ends_sentence(line[: end + 1]) and len(words_of(line[:end])) >= 3:
            head = line[:end].strip()
            return (head, line[end + 1:].strip()) if _headline_shaped(head) else None
    return None


def _headline_shaped(sentence: str) -> bool:
    """A first sentence that can be a headline: at most ``_HEADLINE_WORDS`` words and not opening
    in the first person ("We started working with carers ..." opens a post, it heads nothing)."""
    words = words_of(sentence)
    return len(words) <= _HEADLINE_WORDS and words[0].lower() not in _FIRST_PERSON


def _ends_sentence(text: str) -> bool:
    """Whether the full stop at the end of ``text`` ends a sentence: the word before it has three
    letters or more ("welcomed.", "Sky."), not an initial, "U.S." or "Dr.", nor one of the
    abbreviations titles carry."""
    word = re.search(r"(\S+)\.$", text)
    token = word.group(1).strip("\"'’”)") if word else ""
    return len(token) >= 3 and token.isalpha() and token.lower() not in _ABBREVIATIONS


@lru_cache(maxsize=1)
def shipped_model() -> LinearModel:
    """The line model that ships with the package (built once, on first use)."""
    from pipeline.metadata.title_model import MODEL

    return LinearModel.from_dict(MODEL)


def clean_title(line: str, counts: Counter | None = None) -> str:
    """Markup around a title taken off: '= Title =', '# Title', a site's name after ' | '
    when the page also prints the title alone."""
    text = re.sub(r"^=+\s*(.*?)\s*=+$", r"\1", line.strip())
    text = re.sub(r"(?<=[?.!])\s+[A-Z]$", "", text)  # a stray mark a PDF's text layer leaves after it
    text = re.sub(r"^(?:[Oo]pen[- ][Aa]ccess|[Ff]ree [Aa]ccess|NEWS)\s+(?=\S)", "", text)  # a badge before it
    text = re.sub(r"^#{1,6}\s+", "", text)
    text = re.sub(r"^[^:]{2,30}\s:\s(?=\S)", "", text)  # a breadcrumb: "Forum archive : Title"
    count = re.search(r"\s+\d{1,6}$", text)  # "Public Net-work 135": a story's comment count
    if count and counts is not None and counts.get(text[: count.start()], 0):
        text = text[: count.start()]
    suffix = SITE_SUFFIX.search(text)
    if suffix and counts is not None and counts.get(text[: suffix.start()], 0):
        text = text[: suffix.start()]
    return text.strip()
