"""Dates as pages print them, in any common format and language, with the precision shown.

"Published online: 9 Dec 2024", "15 october 2015", "venerdì 31 gennaio 2014", "12-04-2022",
"Jun 08 '25", "March 2019", "2023 Aug", "Tue Mar 6 14:07:31 UTC 2012". Month names come from
dateparser's locale data (205 languages), read once; the date shapes are matched here, which
is a hundred times faster than asking dateparser to search every line and never reads
"3 days ago", a bare "May" or a time as a date. A date without a day is stored as the first
day of its month (or year) with its precision, "day", "month" or "year", beside it.

The publication date of a page is the best-placed date of its head: one announced as
published/posted ("Published online", "Post Date:", "Veröffentlicht") beats one that is not,
dates announced as received, accepted, revised, rendered, accessed or copyrighted are never
it, and otherwise the earliest date near the title and byline wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")


@dataclass(frozen=True)
class FoundDate:
    value: date
    precision: str  # "day", "month" or "year"
    start: int = 0  # where in the line it was read
    end: int = 0


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Month names and abbreviations of every dateparser locale, lower-cased -> 1..12.

    English names decide a clash; other languages' names shorter than four letters are left
    out, because "out", "lab" or "mar" are ordinary words in the pages' languages."""
    from dateparser.languages.loader import default_loader

    names: dict[str, int] = {}
    for locale in default_loader.get_locales():
        english = locale.shortname == "en"
        for number, key in enumerate(MONTH_KEYS, start=1):
            for name in locale.info.get(key, []):
                low = name.lower().rstrip(".")
                if (english or len(low) >= 4) and re.fullmatch(r"[^\W\d_]+", low):
                    names.setdefault(low, number)
    return names


def month_number(word: str) -> int | None:
    return month_names().get(word.lower().rstrip("."))


_W = r"(?P<m>[^\W\d_]{3,12})\.?"
_D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?"
_Y = r"(?P<y>(?:1[89]|20)\d\d)"
_SHAPES = [
    # "Tue Mar 6 14:07:31 UTC 2012" (mail archives)
    re.compile(rf"\b{_W}\s+{_D}\s+\d\d?:\d\d(?::\d\d)?(?:\s+[A-Z]{{2,5}})?\s+{_Y}\b"),
    # "2023-05-01", "2023/5/1", "2020-03"
    re.compile(rf"(?<![\d/.-]){_Y}(?P<sep>[-/.])(?P<n>[01]?\d)(?:(?P=sep)(?P<d>[0-3]?\d))?(?![\d/.])"),
    # "12-04-2022", "06.08.2021", "7/16/2025", "12-5-11"
    re.compile(r"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[-/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:1[89]|20)\d\d|\d\d)(?![\d/.])"),
    # "9 Dec 2024", "21st September 2015", "16-Aug-16", "05/Sept/2024", "9 - 10 April 2015", "3 de mayo de 2020"
    re.compile(rf"(?<![\d.])(?<![\d.]\s){_D}(?:\s*[-–]\s*[0-3]?\d)?(?:\s+|[-/.])(?:of\s+|de\s+)?{_W},?(?:\s+|[-/])"
               rf"(?:de\s+)?(?P<y>(?:1[89]|20)\d\d|\d\d)(?![\d/])"),
    # "August 19, 2016", "Sep. 27th, 2021", "Nov 27 '24", "May-27-11"
    re.compile(rf"\b{_W}(?:\s+|-){_D},?(?:\s+|-)(?:(?P<y>(?:1[89]|20)\d\d)|'(?P<y2>\d\d)|(?<=-)(?P<y3>\d\d))(?![\d:])"),
    # "2023 Aug", "2023 Jun 8"
    re.compile(rf"(?<![\d/.-]){_Y}\s+{_W}(?:\s+(?P<d>[0-3]?\d)(?![\d:]))?"),
    # "May 2017", "June 2023", "gennaio, 2014"
    re.compile(rf"\b{_W},?\s+{_Y}\b"),
]
# A four-digit year of this or the last century, not part of a longer number.
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\S+\.(?:html?|php|aspx?)\b\S*", re.I)


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        return 2000 + value if value <= 50 else 1900 + value
    return value


def _build(year: int, month: int | None, day: int | None) -> FoundDate | None:
    try:
        if month is None:
            return FoundDate(date(year, 1, 1), "year")
        if day is None:
            return FoundDate(date(year, month, 1), "month")
        return FoundDate(date(year, month, day), "day")
    except ValueError:
        return None


def _from_match(match: re.Match, day_first: bool | None) -> FoundDate | None:
    groups = match.groupdict()
    if groups.get("a"):  # numeric day and month in an order the page decides
        a, b, sep = int(groups["a"]), int(groups["b"]), groups["sep"]
        if a > 12 or (b <= 12 and (day_first if day_first is not None else sep == ".")):
            day, month = a, b
        else:
            month, day = a, b
        return _build(_year(groups["y"]), month, day)
    if groups.get("n"):
        return _build(_year(groups["y"]), int(groups["n"]), int(groups["d"]) if groups.get("d") else None)
    month = month_number(groups["m"])
    if month is None:
        return None
    year = groups.get("y") or groups.get("y2") or groups.get("y3")
    return _build(_year(year), month, int(groups["d"]) if groups.get("d") else None)


def find_dates(line: str, day_first: bool | None = None) -> list[FoundDate]:
    """Every date shown in one line, left to right (dates inside URLs are not shown dates)."""
    return list(_dates_in(line, day_first))


# The title, byline and date readers and the genre features all ask about the same head lines
# (three to four times a line): each line's dates are read once. A copy of a page's chrome
# repeats across a site's pages too.
@lru_cache(maxsize=16384)
def _dates_in(line: str, day_first: bool | None) -> tuple[FoundDate, ...]:
    text = _URL.sub(lambda m: " " * len(m.group()), line)
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for shape in _SHAPES:
        for match in shape.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            value = _from_match(match, day_first)
            if value is not None:
                found.append(FoundDate(value.value, value.precision, start, end))
                taken.append((start, end))
    return tuple(sorted(found, key=lambda f: f.start))


def parse_date_text(text: str | None, day_first: bool | None = None) -> FoundDate | None:
    """The first date in a field's value ("Published online: 9 Dec 2024", "2016", "May 2017");
    a value in a form the shapes here do not know ("2024年3月5日") goes to dateparser."""
    if not text:
        return None
    found = find_dates(text, day_first)
    if found:
        return found[0]
    year = re.search(r"(?<![\d/.-])((?:1[89]|20)\d\d)(?![\d/.-])", text)
    if year and not re.search(r"\d", text[: year.start()] + text[year.end():]):
        return _build(int(year.group(1)), None, None)  # "2016", "(2016)", "Published 2016"
    parsed = _dateparser(text) if len(text) <= 60 else None
    if parsed:
        return parsed
    return _build(int(year.group(1)), None, None) if year else None


@lru_cache(maxsize=1)
def _date_data_parser():
    from datetime import datetime

    from dateparser.date import DateDataParser

    # Absolute dates only ("3 days ago" is not a date), a year required, and a fixed base so
    # that the same text always gives the same date.
    return DateDataParser(settings={"REQUIRE_PARTS": ["year"], "PARSERS": ["custom-formats", "absolute-time"],
                                    "RELATIVE_BASE": datetime(2000, 1, 1), "PREFER_DAY_OF_MONTH": "first"})


def _dateparser(text: str) -> FoundDate | None:
    if not re.search(r"(?:1[89]|20)\d\d", text):
        return None
    try:
        data = _date_data_parser().get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    precision = data.period if data.period in ("day", "month", "year") else "day"
    value = data.date_obj.date()
    return _build(value.year, None if precision == "year" else value.month,
                  value.day if precision == "day" else None)


def page_day_first(lines: list[str]) -> bool | None:
    """Whether the page writes numeric dates day first, judged from its unambiguous ones
    ("26/05/2022" is day first, "7/16/2025" month first); None when none tells."""
    votes = 0
    for line in lines:
        for match in _SHAPES[2].finditer(_URL.sub(" ", line)):
            a, b = int(match.group("a")), int(match.group("b"))
            votes += (a > 12 >= b) - (b > 12 >= a)
    return None if votes == 0 else votes > 0


# Words that announce a publication date just before it ("Published: ", "Post Date:", "Epub").
_ANNOUNCED = re.compile(
    r"\b(?:published|publication|publish|posted|post date|pub date|date|dated|issued|released|"
    r"(?:first|published|early) online|online publication|epub|veröffentlicht|erschienen|publié|publiée|"
    r"pubblicato|publicado|gepubliceerd|julkaistu|opublikowano|опубліковано|опубликовано|дата)\b", re.I)
_PUBLISHED = re.compile(r"\b(?:published|publication|publish|veröffentlicht|publié|publiée|pubblicato|publicado|"
                        r"gepubliceerd|julkaistu|opublikowano|опубліковано|опубликовано)\b", re.I)
_NOT_PUBLICATION = re.compile(
    r"\b(?:received|accepted|revised|submitted|render(?:ed)?|loading|retrieved|accessed|copyright|cited|"
    r"downloaded|printed|current (?:conference )?time|last (?:edited|modified|updated|reviewed)|updated|"
    r"modified|expires?|deadline|closes|closing|born|joined|member since|registered|"
    r"eingereicht|angenommen|reçu|accepté)\b|©", re.I)
# A year alone is a date only where a page prints it as one: on a line of its own, in
# brackets after names ("Nabatchi, Tina (2017)."), or after a journal ("Review, 2016, vol. 18").
_YEAR_ALONE = [
    re.compile(r"^\(?(?P<y>(?:1[89]|20)\d\d)\)?\.?$"),
    # "Nabatchi, Tina; Sancino, Alessandro (2017)." — not "Bergvall et al. (2009)" in a sentence
    re.compile(r"^[^()]{3,200}?(?<!al\.)(?<!al)\s\((?P<y>(?:1[89]|20)\d\d)\)"),
    # "Public Management Review, 2016, vol. 18", "Governance, 2021, № 4", "2020, Kybernetes, № 7"
    re.compile(r"[^\W\d_][,.]?\s(?P<y>(?:1[89]|20)\d\d)[,;]\s*(?:vol\b|volume\b|no\b|issue\b|№|\d)", re.I),
    re.compile(r"^(?P<y>(?:1[89]|20)\d\d),\s[^\W\d_][^,]{1,80},\s*(?:vol\b|volume\b|no\b|issue\b|№|\d)", re.I),
]


def _years_alone(line: str) -> list[FoundDate]:
    text = _URL.sub(lambda m: " " * len(m.group()), line)
    for shape in _YEAR_ALONE:
        match = shape.search(text)
        if match:
            value = _build(int(match.group("y")), None, None)
            return [FoundDate(value.value, "year", *match.span("y"))] if value else []
    return []


_PRECISION_BONUS = {"day": 0.3, "month": 0.2, "year": -0.8}


def publication_date(lines: list[str], near: tuple[int, ...] = ()) -> FoundDate | None:
    """The publication date among the head's lines; ``near`` are the indexes of the title and
    byline lines, where a page prints its own date."""
    day_first = page_day_first(lines)
    best: tuple[float, int, FoundDate] | None = None
    seen = 0
    previous = ""
    for index, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        candidates = find_dates(line, day_first) or _years_alone(line)
        since = 0  # what announces a date is written after the date before it
        for found in candidates:
            before = line[since: found.start]
            since = found.end
            label = (before if before.strip(" :-|•·,;") else previous)[-60:]
            if _NOT_PUBLICATION.search(label) or _NOT_PUBLICATION.search(line[found.end: found.end + 3]):
                continue
            announced = _ANNOUNCED.search(label)
            if not announced and len(line.split()) > 25 and found.start > 120 and found.precision != "year" \
                    and index not in near:
                continue  # a date inside a paragraph is what the text talks about, not when it was written
            score = -0.04 * seen + _PRECISION_BONUS[found.precision]
            if announced:
                score += 3 if _PUBLISHED.search(label) else 2.5
            if any(abs(index - n) <= 3 for n in near):
                score += 1
            if best is None or score > best[0]:
                best = (score, index, found)
        previous = line if len(line.split()) <= 4 else ""
    return best[2] if best else None
