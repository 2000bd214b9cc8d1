"""People's names in one form, so "Cluley, Victoria", "VICTORIA CLULEY" and "Victoria Cluley"
are one person: "Victoria Cluley". nameparser does the splitting into given and family names."""

from __future__ import annotations

import re

from nameparser import HumanName

_EMAIL = re.compile(r"\S+@\S+")


def normalise_name(raw: str) -> str:
    text = " ".join(_EMAIL.sub(" ", raw).split()).strip(" ,;")
    if not text:
        return ""
    name = HumanName(text)
    # Only recapitalise names written all in capitals or all in lower case: "McDonald",
    # "van der Berg" and "d'Ancona" are already right as written.
    if text.isupper() or text.islower():
        name.capitalize(force=True)
    parts = [name.first, name.middle, name.last, name.suffix]
    return " ".join(p for p in parts if p) or text


def normalise_names(raw: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in raw:
        name = normalise_name(item)
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return tuple(seen.values())
