"""BibTeX field values as the text they print: LaTeX escapes, symbol macros and accents.

Reference managers and databases write a field's special characters as LaTeX: Scopus writes
"p {\\textless} 0.001" for "p < 0.001", Zotero "Caf{\\'e}" or "\\&". Left as they are, a quote
in a theme report reads "p \\textless 0.001". Only text-mode macros that stand for one
character are replaced (an unknown macro is kept as written, so nothing is silently lost);
accents become the letter with its combining mark, composed (NFC). pylatexenc, which
bibtexparser can use, drops ``\\textless`` and ``\\textgreater`` altogether.
"""

from __future__ import annotations

import re
import unicodedata

SYMBOLS = {
    "textless": "<", "textgreater": ">", "textbar": "|", "textendash": "–", "textemdash": "—",
    "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
    "textasciitilde": "~", "textasciicircum": "^", "textbackslash": "\\", "textunderscore": "_",
    "textdegree": "°", "textregistered": "®", "textcopyright": "©", "texttrademark": "™",
    "textbullet": "•", "textperiodcentered": "·", "textpm": "±", "texttimes": "×", "textmu": "µ",
    "textellipsis": "…", "ldots": "…", "dots": "…", "S": "§", "P": "¶", "ss": "ß", "ae": "æ",
    "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł",
    "i": "ı", "pounds": "£", "euro": "€", "textpercent": "%",
}
# accent commands and the combining mark each puts on the letter after it
ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
           ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "k": "\u0328",
           "r": "\u030a"}

# an escaped character (\& \% \_ \$ \# \{ \}) stays as itself; a bare brace only groups
_ESCAPED_OR_BRACE = re.compile(r"\\([&%_$#{}])|[{}]")
# \'e, \'{e}, {\'e}, \c{c}, \v s: a letter accent needs a brace or a space before its letter
_ACCENT = re.compile(r"\\(?:([`'^\"~=.])\s*|([cvuHkr])(?=[\s{]))\s*\{?\s*(\\i|[A-Za-z])\}?")
# a control word; "{}" after it (\textless{}) is part of it
_MACRO = re.compile(r"\\([A-Za-z]+)(?:\{\})?")


def unlatex(value: str | None) -> str | None:
    """The printed text of a BibTeX field value (None stays None)."""
    if value is None:
        return None
    value = _ACCENT.sub(_accented, value)
    value = _MACRO.sub(lambda m: SYMBOLS.get(m.group(1), m.group(0)), value)
    value = _ESCAPED_OR_BRACE.sub(lambda m: m.group(1) or "", value)
    return unicodedata.normalize("NFC", value)


def _accented(match: re.Match) -> str:
    letter = "i" if match.group(3) == "\\i" else match.group(3)
    return letter + ACCENTS[match.group(1) or match.group(2)]
