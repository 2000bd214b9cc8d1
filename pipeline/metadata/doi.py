"""DOIs printed in a page's head: bare, "doi:"-prefixed or as doi.org links.

Returned bare and lower-cased (DOIs are case-insensitive), with the punctuation that ends the
sentence or bracket around them stripped, and with a label glued on by a scrape
("...V6I1P104Keywords:") cut off. Only the head is read (see head.py): the DOIs of a
reference list or a "Cited by" list are other papers'.
"""

from __future__ import annotations

import re

_DOI = re.compile(r"(?:(?<=doi)|(?<=DOI)|(?<![\w.]))(?:doi:\s*)?(10\.\d{4,9}/[^\s\"<>]+)", re.I)
# A word stuck to the DOI's end by a scrape that lost the line break: capitalised, after
# a digit or a capital ("...P104Keywords:"), which DOI suffixes (all one case) do not have.
_GLUED_LABEL = re.compile(r"(?<=[\dA-Z])[A-Z][a-z]{2,}:?$")


def clean_doi(candidate: str) -> str | None:
    doi = re.sub(r"^doi:\s*", "", candidate.strip(), flags=re.I)
    doi = _GLUED_LABEL.sub("", doi)
    while doi and doi[-1] in ".,;:)]}'’”":
        if doi[-1] in ")]}" and doi.count("(" if doi[-1] == ")" else "[" if doi[-1] == "]" else "{") >= \
                doi.count(doi[-1]):
            break  # a bracket that belongs to the DOI, as in 10.1016/S0140-6736(20)30183-5
        doi = doi[:-1]
    return doi.lower() if re.fullmatch(r"10\.\d{4,9}/\S+", doi) else None


def find_doi(lines: list[str]) -> str | None:
    """The first DOI in the head's lines."""
    for line in lines:
        for match in _DOI.finditer(line):
            doi = clean_doi(match.group(1))
            if doi:
                return doi
    return None
