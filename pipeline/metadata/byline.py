"""Bylines and author lists: "By X and Y", "X, Y and Z", "Family, Given; ...", initials,
superscripts and affiliations, "et al.", one name a line with affiliations between.

A part of a line is taken as a person's name only when it has the shape of one (two to five
capitalised words or initials, particles such as "de" or "von" allowed) and no word of an
organisation or of page chrome ("University", "Council", "Search", "Download" ...). A line
without a cue ("By", "Authors:") must also show evidence that its parts are people: most of
them start with a known given name (gender-guesser's list of 40,000 names from many
countries) or with initials.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nameparser import HumanName

from pipeline.metadata.dates import YEAR

# Words that make a capitalised phrase an organisation, a place or page chrome, not a person.
NOT_NAME_WORDS = frozenset("""
university universität universidad università université universiteit college school faculty department
dept institute institut centre center council press journal review society group team foundation trust
nhs service services public policy research news home search menu about contact blog read more share
download abstract introduction open access article articles view skip content main site page sign log
cookie cookies privacy terms posted published comment comments reply editor editors admin staff government
city county ministry office agency lab labs laboratory committee network association project programme
program management health care social international national european union commission studies study wiki
hospital clinic company ltd inc llc gmbh corporation library repository archive archives publishing
publisher publications publication edition volume issue chapter book books conference proceedings
online digital full text pdf html google scholar pubmed crossref orcid email mail follow subscribe
login register account help support faq policy privacy accessibility settings language english
introduction background methods results conclusion conclusions discussion keywords summary references
citation cite permissions rights reserved copyright affiliation affiliations correspondence author authors
the of and for in on at to with from by a an is are was this that our your we you it its new first next
previous back top more less all show hide close open menu street road avenue building floor room
monday tuesday wednesday thursday friday saturday sunday january february march july september
october november december today yesterday week month year
his her their my our what how why when who where which not no yes can will should would do does
""".split())
_ORG_WORDS = frozenset("""university universität universidad università université universiteit universitet
universitat universidade hochschule politecnico college school
faculty department institute institut centre center council foundation trust hospital laboratory ministry agency
company corporation library""".split())
_PARTICLES = frozenset("de da di du del della der den van von ten ter le la dos das bin ibn al el y e".split())
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,4}$|^(?:[A-Z]\.){1,4}$")
_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿā-ſ'’]+(?:-[A-ZÀ-ÖØ-ÞĀ-ſ]?[a-zß-öø-ÿā-ſ'’]+)*$")
_CAPS_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ]{2,}(?:-[A-ZÀ-ÖØ-ÞĀ-ſ]{2,})?$")

CUE = re.compile(
    r"^(?:(?:posted|written|authored|published|words|text|story)\s+by|by|von|par|door|por|di|"
    r"author(?:s|\(s\)|/s)?|main authors?|autor(?:en|es|zy|i)?|auteurs?|autori|автори|авторы)\s*[:\-–]?\s+",
    re.I)
_SPLIT = re.compile(r"\s*;\s*|\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&|und|et|e|y|en|og|och|ja|и|та|і)\s+")
_NOISE = [
    (re.compile(r"\S+@\S+|\[email\s*protected\]", re.I), " "),
    (re.compile(r"\((?:[^()]|\([^()]*\))*\)"), " "),  # affiliations and roles in brackets
    (re.compile(r"\b(?:orcid(?: logo)?|ID|ORCID)\b"), " "),
    (re.compile(r"[*†‡⁎§¶✉]+"), " "),
    (re.compile(r"(?<=[^\W\d])\s*\d+(?:\s*,\s*\d+)*\b"), " "),  # superscript affiliation numbers
    (re.compile(r"^\s*(?:[•·▪◦*-]|\d+\.)\s*"), ""),  # bullets and list numbers
    (re.compile(r"\bet al\.?", re.I), " "),
]
# "Bandola-GillUniversity of Edinburgh": an affiliation glued to the name by the scrape.
_GLUED = re.compile(r"(?<=[a-z])(?=(?:University|Universit|Institute|School|College|Department|Faculty|"
                    r"Centre|Center|Hospital|Council)\b)")


@lru_cache(maxsize=1)
def _given_names():
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


def known_given_name(word: str) -> bool:
    word = word.strip(".")
    return len(word) >= 2 and _given_names().get_gender(word) != "unknown"


def _name_words(words: list[str]) -> bool:
    """Two to five words shaped like a person's name (given names or initials, a family name)."""
    if not 2 <= len(words) <= 6:
        return False
    if _CAPS_WORD.match(words[0]) and not all(_CAPS_WORD.match(w) or _INITIALS.match(w) for w in words):
        return False  # "NYC Opportunity", "HBT Supporter": an acronym starts an organisation's name
    shaped = 0
    for position, word in enumerate(words):
        low = word.lower().strip(".")
        if low in NOT_NAME_WORDS and not (word[:1].isupper() and _INITIALS.match(word)):
            return False  # "A." is an initial, "A" before a noun is not a name
        if low in _PARTICLES and 0 < position < len(words) - 1:
            continue
        if _INITIALS.match(word) or _WORD.match(word):
            shaped += 1
        elif word.endswith(("'s", "’s")):
            return False  # "Lulu Wang’s": a possessive in a sentence, not a byline
        elif _CAPS_WORD.match(word) and position == len(words) - 1 and position > 0 and len(words) == 2:
            shaped += 1  # "Denita CEPIKU": a family name in capitals
        else:
            return False
    last = words[-1]
    return shaped >= 2 and not _INITIALS.match(last) or _family_first_initials(words)


def _family_first_initials(words: list[str]) -> bool:
    """'Osborne SP', 'Zhu Q. L.': a family name then initials."""
    return (len(words) >= 2 and bool(_WORD.match(words[0])) and words[0].lower() not in NOT_NAME_WORDS
            and all(_INITIALS.match(w) and len(w.replace(".", "")) <= 3 for w in words[1:]))


_SYMBOLS = re.compile(r"[^\w\s.'’-]")


def clean_part(text: str) -> str:
    for pattern, replacement in _NOISE:
        text = pattern.sub(replacement, text)
    text = " ".join(text.split()).strip(" ,;:.-–|")
    return re.sub(r"^(?:and|&)\s+", "", text)


def person_name(text: str) -> str | None:
    """The person's name a short text is, or starts with before an affiliation; else None."""
    text = clean_part(_GLUED.sub(" ", text))
    words = text.split()
    while len(words) > 2 and _SYMBOLS.search(words[-1]):
        words.pop()  # an emoji (or its mis-decoded bytes) after the name
    text = " ".join(words)
    if _family_first_initials(words) and not _INITIALS.match(words[0]):
        # "Mahmoud IH" (Vancouver style): initials first, dotted, as the other forms write them
        initials = " ".join(f"{c}." for w in words[1:] for c in w if c.isalpha())
        return f"{initials} {words[0]}"
    if _name_words(words):
        return text
    # "Dan Williams Baruch College": a name, then where they work; three words when the
    # second is a middle name or an initial ("Rhodri Ivor Leng University of ...").
    sizes = (3, 2) if len(words) > 1 and (known_given_name(words[1]) or _INITIALS.match(words[1])) else (2,)
    for size in sizes:
        rest = [w.strip(",.") for w in words[size:]]
        if len(words) > size and _name_words(words[:size]) and any(w.lower() in _ORG_WORDS for w in rest) \
                and sum(w[:1].isupper() for w in rest if len(w) > 3) >= 0.6 * max(1, sum(len(w) > 3 for w in rest)):
            return " ".join(words[:size])
    return None


_FAMILY_GIVEN = re.compile(r"^(?P<family>[A-ZÀ-ÖØ-Þ][\w'’-]+(?: [A-ZÀ-ÖØ-Þ][\w'’-]+)?)\s*,\s*"
                           r"(?P<given>(?:[A-ZÀ-ÖØ-Þ][\w'’-]*\.?\s?){1,4})$")


def _family_given_list(text: str) -> list[str] | None:
    """'Nabatchi, Tina; Sancino, Alessandro and Sicilia, Mariafrancesca' and
    'Zhu, Q. L., Dai, L. C., and Hu, G. Q.': names written family name first."""
    if ";" in text:
        parts = [p for p in re.split(r"\s*;\s*|\s+(?:and|&)\s+", text) if p]
        if parts and all(_FAMILY_GIVEN.match(p.strip()) for p in parts) and _given_evidence(
                [_FAMILY_GIVEN.match(p.strip()).group("given") for p in parts]):
            return [_reorder(p) for p in parts]
        return None
    parts = [p.strip() for p in re.split(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", text) if p.strip()]
    if len(parts) >= 4 and len(parts) % 2 == 0:  # "Mahmoud, Israa Hanafi, Morello, Eugenio"
        families, givens = parts[0::2], parts[1::2]
        if all(_name_words([*g.split(), f]) and len(f.split()) <= 2 for f, g in zip(families, givens)) \
                and _given_evidence(givens) and not _given_evidence(families):
            return [f"{g} {f}" for f, g in zip(families, givens)]
    pairs = re.findall(r"([A-ZÀ-ÖØ-Þ][\w'’-]+),\s((?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)?){1,3})(?:,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+|$)",
                       text)
    if len(pairs) >= 2 and sum(len(f) + len(g) + 2 for f, g in pairs) >= 0.7 * len(text.replace(" and ", ", ")):
        return [f"{g.strip()} {f}" for f, g in pairs]
    return None


def _given_evidence(givens: list[str]) -> bool:
    """Most of these start with a known given name or initials."""
    hits = sum(1 for g in givens if g.split() and (known_given_name(g.split()[0]) or _INITIALS.match(g.split()[0])))
    return hits * 2 > len(givens)


def _reorder(part: str) -> str:
    match = _FAMILY_GIVEN.match(part.strip())
    return f"{match.group('given').strip()} {match.group('family')}" if match else part.strip()


def names_in_line(line: str, cued: bool = False) -> list[str] | None:
    """The names a line lists when the whole line is a list of names (with affiliations,
    superscripts and "and" between them allowed); None otherwise."""
    names = _names_in(line, cued)
    return None if names is None else list(names)


# Asked of the same head lines by the title candidates, the byline finder and the wrapped-title
# reader: each line is read once.
@lru_cache(maxsize=16384)
def _names_in(line: str, cued: bool) -> tuple[str, ...] | None:
    text = clean_part(_GLUED.sub(" ", line))
    if not text or len(text) > 400:
        return None
    listed = _family_given_list(text)
    if listed:
        return tuple(listed)
    parts = [p for p in _SPLIT.split(text) if p and p.strip(" ,;")]
    first = person_name(parts[0]) if parts else None
    if first is None:
        return None  # no parts, or a first part that is never dropped below: not read part by part
    names = [first] + [person_name(p) for p in parts[1:]]
    while len(names) > 1 and names[-1] is None and _affiliation_part(parts[len(names) - 1]):
        names.pop()  # "..., University of Edinburgh, UK": where the last author works
    if not parts or any(n is None for n in names):
        return None
    if not cued:
        evidence = sum(1 for n in names if known_given_name(n.split()[0]) or _INITIALS.match(n.split()[0])
                       or (len(n.split()) > 2 and _INITIALS.match(n.split()[1])))
        if evidence * 2 < len(names) or (len(names) == 1 and evidence == 0):
            return None
    return tuple(n for n in names if HumanName(n).last)


def _affiliation_part(part: str) -> bool:
    """'University of Edinburgh', 'UK': where the last author works (not 'Chair of the panel said:')."""
    words = part.split()
    if part.rstrip().endswith(":") or len(words) > 8:
        return False
    return any(w.lower().strip(",.") in _ORG_WORDS for w in words) or (len(words) == 1 and (
        _CAPS_WORD.match(words[0]) is not None or not known_given_name(words[0])))


_CITED = re.compile(r"(?P<names>(?:[A-ZÀ-ÖØ-Þ][\w'’-]+,\s(?:[A-ZÀ-ÖØ-Þ][\w.'’-]*\s?){1,4}(?:;\s|,\s(?:and\s|&\s)?|\s(?:and|&)\s)?){1,30})"
                    r"\s*\((?:19|20)\d\d[a-z]?\)")


# "Ann Lee et al. Health Expect. 2023": an index's short citation, naming the first author only
_LEAD_AUTHOR = re.compile(r"^(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:\s[A-ZÀ-ÖØ-Þ][\w'’.-]*){1,3}),?\s+et\s+al\b\.?")


def cited_authors(line: str) -> list[str] | None:
    """The authors of a citation the page gives of itself: 'Durose, Catherine; Needham,
    Catherine and Rees, James (2017). Title ...', or its first author: 'Ann Lee et al. 2023'."""
    match = _CITED.search(line)
    if match:
        return _family_given_list(match.group("names").strip(" ,;"))
    lead = _LEAD_AUTHOR.match(line)
    if lead and YEAR.search(line[lead.end():]):
        name = person_name(lead.group("name"))
        return [name] if name and len(line.split()) <= 16 else None
    return None


# Lines that may sit between the names of one author list: affiliations, roles, links.
def _between_names(line: str) -> bool:
    low = line.lower()
    words = re.findall(r"[^\W\d_]+", low)
    return (not words or len(line) <= 3 or low.rstrip(":") in ("affiliation", "affiliations", "and", "close")
            or any(w in ("university", "universität", "universidad", "università", "université", "institute",
                         "school", "college", "department", "faculty", "centre", "center", "hospital")
                   for w in words)
            or low.startswith(("search for other", "google scholar", "current site", "view author", "email"))
            or bool(re.match(r"^[\d\s,*]+$", line)))


def _affiliation_follows(lines: list[str], index: int) -> bool:
    following = next((line for line in lines[index + 1: index + 3] if line), "")
    return len(following.split()) <= 8 and any(
        w.lower().strip(",.") in _ORG_WORDS for w in following.split())


def _credit_follows(lines: list[str], index: int) -> bool:
    following = next((line for line in lines[index + 1: index + 3] if line), "")
    return bool(re.match(r"^(?:©|\(c\)|(?:photo|foto|image|credit|bild|picture)\b)", following, re.I))


# Lines that introduce people who are not the authors: editors, reviewers, translators.
_NOT_AUTHORS = re.compile(r"^(?:(?:edited|reviewed|translated|handled|moderated)\s+by|(?:academic |handling )?"
                          r"editors?|reviewers?|translators?|herausgegeben von|rédigé par)\b\s*:?", re.I)


def find_authors(lines: list[str], start: int, stop: int, cued: bool = False) -> tuple[list[str], list[int]]:
    """Authors listed in lines[start:stop]: the first cued byline or name list, continued
    over the following name lines (affiliations between them skipped). Returns the names and
    the indexes of the lines they came from."""
    names: list[str] = []
    used: list[int] = []
    index = start
    gap = 0
    prose = False  # a paragraph of the text has been passed
    while index < min(stop, len(lines)):
        line = lines[index]
        if not line:
            index += 1
            continue
        joined, last = line, index
        while re.search(r"(?:,|\band|&)$", joined) and last + 1 < len(lines) and lines[last + 1] \
                and len(joined) < 300:
            last += 1
            joined = f"{joined} {lines[last]}"  # "Stephen P Osborne," / "Zoe Radnor and" / ...
        if _NOT_AUTHORS.match(joined):  # skip the editors' names that follow
            index = last + 1
            while index < len(lines) and (not lines[index] or _between_names(lines[index])
                                          or names_in_line(lines[index], cued=True)):
                index += 1
            continue
        cue = CUE.match(joined)
        found = names_in_line(joined[cue.end():] if cue else joined,
                              cued=bool(cue) or (cued and not names)) if len(joined) <= 400 else None
        if found and not (cue or cued or names) and (
                (prose and not (len(found) == 1 and _affiliation_follows(lines, last)))
                or _credit_follows(lines, last)):
            # names under the text's paragraphs, or above a photo credit, are not a byline; one
            # name over where that person works is an author's card, wherever it stands
            found = None
        if found:
            names.extend(n for n in found if n not in names)
            used.extend(range(index, last + 1))
            index, gap = last + 1, 0
            continue
        prose = prose or len(line.split()) >= 40
        if names:
            if _between_names(line) and gap < 8:
                gap += 1
                index += 1
                continue
            break
        index += 1
    return names, used
