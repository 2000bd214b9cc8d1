"""A short readable label from a theme's keywords: the best three distinct terms.

Keywords are lower-cased for counting; in a label, a term the theme's passages mostly write
as an acronym keeps that form ("PPG", "PAs"), so a reader sees "Patients, PPG, practice"
rather than a word that does not exist; and when the passages spell the acronym out
("personal assistants (PAs)", "PPG (patient participation group)"), the label says it in full,
as a reader new to the theme needs it.
"""

from __future__ import annotations

import re
from collections import Counter

# Passages read per theme to find how a term is written: enough to see its usual form, and
# a fixed cost however large the theme.
FORM_SAMPLE = 2000
# joins texts searched at once: a character no pattern here matches, so no match spans two texts
_SEPARATOR = "\x00"
# The letters case-insensitive matching equates with ASCII ones that lower-casing does not
# (Turkish İ and ı, the long s, the Kelvin sign): a text with one is searched the slow way.
_CASE_FOLDS = "\u0130\u0131\u017f\u212a"


def label_from_keywords(keywords: list[str], n_terms: int = 3, forms: dict[str, str] | None = None) -> str:
    # terms as the label writes them: an acronym spelled out ("pb" -> "participatory budgeting")
    # is the same term as the keyword spelled in full, and is left out beside it
    shown: list[str] = []
    for term in keywords:
        written = (forms or {}).get(term, term)
        if any(written.lower() in t.lower() or t.lower() in written.lower() for t in shown):
            continue
        shown.append(written)
        if len(shown) == n_terms:
            break
    if not shown:
        return "(no keywords)"
    label = ", ".join(shown)
    return label[0].upper() + label[1:]


def written_forms(texts: list[str], terms: list[str]) -> dict[str, str]:
    """term -> the way the texts mostly write it, for terms mostly written with capitals
    after the first letter (acronyms, "PAs"); other terms keep their lower-case form."""
    forms: dict[str, str] = {}
    sample = texts[:FORM_SAMPLE]
    # One search of the sample joined by NUL (a non-word character, so a word boundary falls
    # at each text's edges as it does alone), and a literal search of it lower-cased rather
    # than a case-insensitive regex per text: the same matches in a third of the time (labels
    # and keywords' written forms of 10,000 passages took 2.3 s a refresh).
    joined = _SEPARATOR.join(sample)
    lower = joined.lower()
    exact = len(lower) == len(joined) and not any(c in joined for c in _CASE_FOLDS)
    for term in terms:
        seen = Counter(_mentions(joined, lower, term) if exact and term.isascii() and term else
                       re.compile(rf"\b{re.escape(term)}\b", re.IGNORECASE).findall(joined))
        if not seen:
            continue
        form, count = max(seen.items(), key=lambda item: (item[1], item[0]))
        if count * 2 > sum(seen.values()) and any(c.isupper() for c in form[1:]):
            forms[term] = expansion(sample, form) or form
    return forms


def _mentions(joined: str, lower: str, term: str) -> list[str]:
    """Each occurrence of the ASCII ``term`` as a whole word, as ``joined`` writes it: what
    ``re.findall(rf"\\b{term}\\b", joined, re.IGNORECASE)`` finds (scanning left to right,
    going on after each match), a tenth of the time. The search runs on ``lower`` (``joined``
    lower-cased, the same length, none of ``_CASE_FOLDS`` in it) with ``str.find``; the word
    boundaries are checked by hand (Python's word characters are the alphanumeric ones and "_")."""
    found, term = [], term.lower()
    first, last = _word(term[0]), _word(term[-1])
    i = lower.find(term)
    while i != -1:
        end = i + len(term)
        if (i > 0 and _word(lower[i - 1])) != first and last != (end < len(lower) and _word(lower[end])):
            found.append(joined[i:end])
            i = lower.find(term, end)
        else:
            i = lower.find(term, i + 1)
    return found


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"


def expansion(texts: list[str], acronym: str) -> str | None:
    """How the texts spell ``acronym`` out, when they do: the words before "(PAs)" whose
    initials are its capitals, or the words in brackets after it ("PPG (patient participation
    group)"); the most frequent such spelling, lower-cased unless it is a name."""
    letters = [c.lower() for c in acronym if c.isupper()]
    if len(letters) < 2:
        return None
    n = len(letters)
    before = re.compile(rf"((?:[A-Za-z][\w'-]*[\s-]+){{{n}}})\(\s*{re.escape(acronym)}\s*\)")
    after = re.compile(rf"\b{re.escape(acronym)}\s*\(\s*((?:[A-Za-z][\w'-]*[\s-]+){{{n - 1}}}[A-Za-z][\w'-]*)\s*\)")
    found: Counter[str] = Counter()
    # The texts joined by NUL, a character neither pattern matches, so no match spans two texts.
    joined = _SEPARATOR.join(texts)
    if acronym not in joined:  # both patterns need it as written
        return None
    for match in _before_brackets(joined, acronym, before, n) + list(after.finditer(joined)):
        # "Stock Exchange - (NYSE)": a dash between the words and the bracket is not a word
        words = [w for w in re.split(r"[\s-]+", match.group(1).strip()) if w]
        if [w[0].lower() for w in words] == letters:
            spelled = " ".join(words)
            found[spelled if all(w[0].isupper() for w in words) else spelled.lower()] += 1
    if not found:
        return None
    return max(found.items(), key=lambda item: (item[1], item[0]))[0]


_TOKEN_CHAR = re.compile(r"[\w'-]")


def _before_brackets(text: str, acronym: str, before: re.Pattern, n: int) -> list[re.Match]:
    """``before.finditer(text)``, found faster: the pattern is tried only in a stretch of text
    ending at each "(ACRONYM)", wide enough for its n words and starting between tokens, so
    the same matches come back. Scanning the whole text with it, at every letter, was 0.4 s an
    acronym on 3,000 news items."""
    bracket = re.compile(rf"\(\s*{re.escape(acronym)}\s*\)")
    ending = re.compile(before.pattern + r"\Z")
    found = []
    for hit in bracket.finditer(text):
        start = max(0, hit.start() - 80 * n)
        while start > 0 and _TOKEN_CHAR.match(text[start - 1]):
            start -= 1
        match = ending.search(text, start, hit.end())
        if match:
            found.append(match)
    return found
