"""What each candidate line of a page's head shows about being the page's title.

The features are generic page evidence, the same in any site's layout and most languages:
where the line stands (among all lines, among the lines that could be a title, before the
text starts), its shape (length, case, sentence ends, digits), what stands next to it (a
byline, a dateline, an "Abstract" heading, the first paragraph, a definition of the term),
whether the page repeats it (a banner, a running head) or cites it ("Rowe (2019). Title."),
and whether the page's text is about the words it uses. They are weighed by the line model
(title_model.py), fitted on labelled pages by benchmarks/titles.py.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from pipeline.metadata.dates import YEAR, find_dates

FEATURES = (
    "rank", "candidate_rank", "first_line", "words", "short", "long", "sentences", "long_sentence",
    "sentence", "question", "colon", "repeated_far", "repeated_near", "affiliation", "capitalised",
    "all_caps", "cites_itself", "defined_next", "evidence_next", "evidence_after_short", "opens_text",
    "text_gap", "about_text", "venue", "digits", "relative_length", "site_suffix", "menu_start",
    "text_above", "full_stop", "wrapped", "printed_fuller", "fuller_of", "dated", "tally", "byline_words",
    "first_person", "quoted_elsewhere", "field_like", "set_apart", "joined_lines",
)

_AFFILIATION = re.compile(r"\b(?:university|universit[äàé]t?|universidad|università|universiteit|college|faculty|"
                          r"department|institute|school of|centre for|center for|laboratory)\b", re.I)
_NEXT_EVIDENCE = re.compile(r"^(?:abstract|summary|résumé|zusammenfassung|resumen|riassunto|samenvatting|"
                            r"анотація|аннотация|by\s|posted|published|authors?\b|written by|\d+ points by|"
                            r"[\w.-]+(?: [\w.-]+)? (?:writes|wrote)\b)", re.I)  # "Ann Lee writes ...": a news board's byline
# Several sentences; a title's "What is co-production? Conceptualising ..." has a question first.
_SENTENCE_BREAK = re.compile(r"\.\s+[A-Z]|[?!]\s+[A-Z][^?!]*[.?!]\s+[A-Z]")
SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")
# The names publications, series and sites give themselves: a venue or a site, not a document.
_VENUE = re.compile(r"\b(?:journal|proceedings|handbook|conference|congress|symposium|transactions|annals|"
                    r"bulletin|quarterly|magazine|gazette|press|publishing|publications|series|encyclop(?:a)?edia|"
                    r"wiki|forums?|community|discussions?|board|blog|news|talk|zeitschrift|revista|rivista|"
                    r"tijdschrift|cahiers)\b", re.I)
_MENU_START = re.compile(r"^(?:skip|jump|menu|search|sign|log|register|subscribe|follow|share|download|print|"
                         r"cite|view|show|hide|back|next|previous|translate|install|click|home|help|get|go to|"
                         r"posted|published|updated|recommended|related|add to|email|open|access|buy|more)\b", re.I)
# "21 votes", "8 comments", "113 downloads": a widget's counter
_TALLY = re.compile(r"\b\d[\d,.]*\s*(?:k\s*)?(?:votes?|comments?|replies|repl(?:y|ies)|points?|views?|likes?|upvotes?|"
                    r"shares?|answers?|downloads?|citations?|reads?|posts?|members?|followers?)\b", re.I)
_BYLINE_WORDS = re.compile(r"^by\s|\b(?:posted|written|submitted|published|updated|edited)\b|\bavatar\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|my|we|our|us)\b")
# "Version: Version of Record", "Avatar: Official debate": a one-word label and a short value
_FIELD_LIKE = re.compile(r"^[^\W\d_][\w-]{1,20}(?:\s+[\w-]+)?:\s+(?:\S+\s*){1,4}$")
_STOP = frozenset("""the and for with from that this into over under about what when where which while their
there these those have been were your more than then them they some such only also between among within
through other after before without della delle dello degli und der die das den dem des une des les pour dans
avec sur het een van voor zijn niet los las del para como con por""".split())


def words_of(line: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", line)


def prose(line: str) -> bool:
    """A paragraph of running text: many words and a sentence end."""
    return len(line.split()) >= 25 and bool(re.search(r"[.!?][\"'”’)]?\s", line + " "))


def dateline(line: str) -> bool:
    """A short line that gives a date: a page's dateline under its title."""
    return len(line.split()) <= 12 and bool(find_dates(line))


def _content(line: str) -> set[str]:
    return {w.lower() for w in words_of(line) if len(w) >= 4 and w.lower() not in _STOP and not w.isdigit()}


class PageContext:
    """What the features of every candidate line look up: the page's line counts, its text's
    words, the lines that cite something (they give a year) and where prose paragraphs are."""

    def __init__(self, lines: list[str], page: list[str], author_lines: set[int]):
        self.lines = lines
        self.author_lines = author_lines
        self.counts = Counter(line for line in page if line)
        self.head_counts = Counter(line for line in lines if line)
        self.citing = " | ".join(" ".join(words_of(line)).lower() for line in page[:400] if YEAR.search(line))
        self.vocabulary = Counter(w for line in page[:2000] if line for w in _content(line))
        self.prose_at = [i for i, line in enumerate(lines) if line and prose(line)]
        self.positions: dict[str, list[int]] = {}
        for i, line in enumerate(page):
            if line:
                self.positions.setdefault(line, []).append(i)
        self.page_prose = [i for i, line in enumerate(page[:2000]) if line and prose(line)]
        self.footer = set([i for i, line in enumerate(page) if line][-5:])  # the page's last lines
        self.normalised = sorted({" ".join(words_of(line)).lower() for line in page[:2000] if line}, key=len)

    def longer_lines(self, text: str) -> list[str]:
        """The page's lines (their words, lower-cased) longer than ``text`` by a few words."""
        return [other for other in self.normalised if len(other) > len(text) + 12]


def line_features(ctx: PageContext, index: int, rank: int, candidate_rank: int, longest: int,
                  end: int | None = None, line: str | None = None) -> dict[str, float]:
    """The features of the candidate at line ``index``: ``rank`` counts the head's non-empty
    lines above it, ``candidate_rank`` the candidates above it, ``longest`` is the longest
    candidate's length. A title wrapped over several lines is one candidate, ``line``, which
    ends at line ``end``."""
    lines = ctx.lines
    end = index if end is None else end
    line = lines[index] if line is None else line
    words = words_of(line)
    long_words = [w for w in words if len(w) >= 4]
    following = [i for i in range(end + 1, min(len(lines), end + 8)) if lines[i]][:3]
    evidence = [i in ctx.author_lines or bool(_NEXT_EVIDENCE.match(lines[i])) or dateline(lines[i])
                for i in following]
    first = next((k for k, found in enumerate(evidence) if found), None)
    key = " ".join(words_of(re.sub(r"\s*\([^)]*\)", "", line))).lower()  # "Co-production (approach)"
    defined = bool(key) and len(line) <= 60 and any(
        len(lines[i].split()) >= 12 and key in " ".join(words_of(lines[i])).lower() for i in following)
    later_prose = [i for i in ctx.prose_at if i > end]
    gap = sum(1 for i in range(end + 1, later_prose[0]) if lines[i]) if later_prose else 20
    repeats = ctx.counts[line]
    content = _content(line)
    # words other lines of the page use too (its own repeats aside): the page is about them,
    # as it is not about a menu's or a banner's words
    about = sum(ctx.vocabulary[w] > repeats for w in content) / len(content) if content else 0.0
    # printed again after the text has begun, in the footer, or many times: a banner or a running head; twice
    # in the head (a heading, then the same title over the abstract) is not
    far = repeats > 2 or any(j >= len(lines) or j in ctx.footer or any(index < k < j for k in ctx.page_prose)
                             for j in ctx.positions.get(line, ()) if j > index)
    joined = " ".join(words).lower()
    # the same words at the start of a longer line: a title printed short, then in full (a
    # sentence that starts with them is a definition of the term, not its title in full)
    fuller = any(len(other) > len(line) + 10 and other.startswith(line) and not other.endswith(".")
                 for other in ctx.head_counts)
    parts = [lines[i] for i in range(index, end + 1) if lines[i]]
    shorter = any(len(other) >= 12 and len(line) > len(other) + 10 and line.startswith(other)
                  for other in ctx.head_counts if other not in parts)
    return {
        "rank": math.log1p(rank - 1),
        "candidate_rank": math.log1p(candidate_rank - 1),
        "first_line": float(rank == 1),
        "words": math.log1p(len(words)),
        "short": float(len(words) <= 2),
        "long": float(len(words) > 25),
        "sentences": float(bool(_SENTENCE_BREAK.search(line))),
        "long_sentence": float(line.endswith(".") and len(words) > 12),
        "sentence": float(line.endswith(".") and 5 < len(words) <= 12),
        "question": float("?" in line),
        "colon": float(":" in line),
        "repeated_far": float(far),
        "repeated_near": float(repeats == 2 and not far),
        "affiliation": float(bool(_AFFILIATION.search(line)) and len(words) <= 10),
        "capitalised": sum(w[0].isupper() for w in long_words) / len(long_words) if long_words else 0.0,
        "all_caps": float(len(long_words) >= 2 and all(w.isupper() for w in long_words)),
        "cites_itself": float(len(words) >= 4 and repeats == 1 and not YEAR.search(line)
                              and ctx.citing.count(joined) >= 1),
        "defined_next": float(defined),
        "evidence_next": float(first == 0),
        "evidence_after_short": float(bool(first) and all(len(lines[i].split()) <= 8 for i in following[:first])),
        "opens_text": float(not any(evidence) and rank == 1 and bool(following) and prose(lines[following[0]])),
        "text_gap": math.log1p(min(gap, 20)),
        "about_text": about,
        "venue": float(bool(_VENUE.search(line))),
        "digits": sum(c.isdigit() for c in line) / len(line),
        "relative_length": min(1.0, len(line) / max(1, longest)),
        "site_suffix": float(bool(SITE_SUFFIX.search(line))),
        "menu_start": float(bool(_MENU_START.match(line))),
        # a title stands above the text it heads: a line after paragraphs is in the text (a reply's line)
        "text_above": math.log1p(sum(i < index for i in ctx.prose_at)),
        "full_stop": float(line.endswith(".")),
        "wrapped": float(end > index),
        "printed_fuller": float(fuller),
        "fuller_of": float(shorter),
        "dated": float(bool(find_dates(line))),
        "tally": float(bool(_TALLY.search(line))),
        "byline_words": float(bool(_BYLINE_WORDS.search(line))),
        "first_person": float(bool(_FIRST_PERSON.search(line))),
        # printed again inside a longer line: a citation, a breadcrumb, "a summary of: Title, Journal"
        "quoted_elsewhere": float(len(words) >= 3 and any(joined in other for other in ctx.longer_lines(joined))),
        "field_like": float(bool(_FIELD_LIKE.match(line))),
        # a blank line above and under it: a heading block, not a line of a run of lines
        "set_apart": float((index == 0 or not lines[index - 1]) and (end + 1 >= len(lines) or not lines[end + 1])),
        # a title wrapped over lines
        "joined_lines": float(len(parts) - 1),
    }
