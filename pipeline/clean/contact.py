"""Lines that are not writing: contact details, separator rules, encoded data.

Mailing-list archives, forum posts and page footers close with who to reach and how ("Jane
Doe  jdoe@cs.example.edu", "Tel +44 20 7946 0000  Fax ..."), under a row of "=-=-=-=", and old
posts carry attachments pasted as text (uuencoded or base64 blocks, lines of 60 characters
with no space). Kept, they are embedded like prose: a corpus's signatures then gather into a
"theme" of e-mail addresses and universities, and a pasted binary into one of gibberish.
Each rule asks for what such a line is made of, not for any site's wording: a line is contact
details when, its addresses and numbers taken away, a few words at most are left (a name, an
organisation, "phone:"), so a sentence that mentions an address stays.
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)(?!(?:dx\.)?doi\.org/)\S+", re.I)  # a DOI cites, it is no contact
# A phone or fax number: at least seven digits in groups, maybe with a country code or brackets.
_PHONE = re.compile(r"(?<![\w.])(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w.])")
# The words contact details are labelled with ("Phone:", "e-mail", "Internet:").
_LABELS = re.compile(r"\b(?:e-?mail|mail|phone|tel|telephone|fax|voice|mobile|cell|internet|"
                     r"bitnet|uucp|www|web|office|home|work)\b\.?:?", re.I)
_WORD = re.compile(r"[^\W\d_]{3,}")  # "of", "J." and initials do not count
# Left once the addresses and numbers are taken away: a name with a title or an organisation.
MAX_WORDS_LEFT = 6
# An unbroken run of this many characters is no word of any language (encoded data, a hash).
ENCODED_RUN = 40
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]\s*$")


def is_contact_line(line: str) -> bool:
    """A line of contact details: an e-mail address or a labelled phone number with at most a
    few words besides (web addresses count as neither: a list of links is writing's sources),
    and not a sentence ("Write to me at jo@example.org." stays)."""
    text = line.strip()
    emails = _EMAIL.findall(text)
    rest = _URL.sub(" ", _EMAIL.sub(" ", text))
    phones = _PHONE.findall(rest) if (emails or _LABELS.search(rest)) else []
    if not (emails or phones):
        return False
    rest = _LABELS.sub(" ", _PHONE.sub(" ", rest))
    words = len(_WORD.findall(rest))
    if _SENTENCE_END.search(rest) and words > 2:
        return False
    return words <= MAX_WORDS_LEFT


def is_separator_line(line: str) -> bool:
    """A rule drawn with characters ("-----", "/\\/\\/\\", "*=*=*"): no letter or digit."""
    text = line.strip()
    return len(text) >= 3 and not any(c.isalnum() for c in text)


def is_encoded_line(line: str) -> bool:
    """Data pasted as text: a line that is mostly unbroken runs of ENCODED_RUN characters or
    more that are not web addresses (uuencode and base64 write 60-76 characters, no spaces)."""
    text = line.strip()
    if len(text) < ENCODED_RUN:
        return False
    runs = [t for t in text.split() if len(t) >= ENCODED_RUN and not _URL.match(t) and not _EMAIL.fullmatch(t)
            and not t.lower().startswith(("doi:", "10.", "https://doi.org"))]
    return sum(map(len, runs)) >= 0.8 * len(text.replace(" ", ""))


def not_writing(line: str) -> str | None:
    """The reason a line is not writing ("contact", "separator", "encoded-data"), else None."""
    if is_separator_line(line):
        return "separator"
    if is_encoded_line(line):
        return "encoded-data"
    if is_contact_line(line):
        return "contact"
    return None
