"""The head of a paper whose text layer lost its line breaks: "Title Ann Lee and Bo Chen School
of X, University of Y Abstract Purpose – ...", all on one line.

Such a head is read only when the line is long and an "Abstract" marker comes early in it: the
title is the words before the first person's name (a known given name followed by a
capitalised family name), the authors are the names found between the title and the marker.
"""

from __future__ import annotations

import re

from pipeline.metadata.byline import NOT_NAME_WORDS, known_given_name

_ABSTRACT = re.compile(r"\s(?:abstract|summary|résumé|zusammenfassung|resumen|riassunto)\b[\s:.–-]", re.I)
_FAMILY = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿā-ſ'’]+(?:-[A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿā-ſ'’]+)?[,*]?$")
_INITIAL = re.compile(r"^[A-Z]\.?$")


def _name_at(words: list[str], i: int) -> tuple[str, int] | None:
    """The person's name starting at words[i] ("Paul Waller", "Stephen P. Osborne"), and
    the index after it."""
    if not known_given_name(words[i].strip(",*")) or not words[i][:1].isupper():
        return None
    j = i + 1
    while j < len(words) and j - i <= 2 and _INITIAL.match(words[j]):
        j += 1  # middle initials
    if j < len(words) and _FAMILY.match(words[j]) and words[j].strip(",*").lower() not in NOT_NAME_WORDS:
        return " ".join(w.strip(",*") for w in words[i: j + 1]), j + 1
    return None


def run_on_head(line: str) -> tuple[str, list[str]] | None:
    """(title, authors) of a run-on paper head, or None when the line is not one."""
    marker = _ABSTRACT.search(line[:1500])
    if len(line) < 300 or not marker:
        return None
    words = line[: marker.start()].split()
    start = 1 if words and re.fullmatch(r"\d{1,4}", words[0]) else 0  # a page number first
    first = next((i for i in range(start + 3, min(len(words), start + 40)) if _name_at(words, i)), None)
    if first is None:
        return None
    title = " ".join(words[start:first]).strip(" ,.;:")
    if not 3 <= len(title.split()) <= 30 or title[:1].islower():
        return None
    authors: list[str] = []
    i = first
    while i < len(words):
        found = _name_at(words, i)
        if found:
            if found[0] not in authors:
                authors.append(found[0])
            i = found[1]
        else:
            i += 1
    return title, authors
