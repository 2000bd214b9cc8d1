"""HTML character references left in text: "&amp;", "&#39;", and ones that lost their "&".

Feeds, exports and scraped datasets often carry text that was HTML-escaped once too often
("Apple&lt;AAPL.O&gt;", "the &quot;big society&quot;") or whose ampersands were stripped on
the way ("Labour #39;s quot;big society quot;"). Left alone, "quot", "lt" and "gt" become
theme keywords; decoded, they are the punctuation they stood for.
"""

from __future__ import annotations

import html
import re

# An entity name or number with its ";" but no "&", standing alone or glued after a word.
_ORPHANED = re.compile(r"(?<![&\w#])(#\d{2,4}|quot|amp|apos|lt|gt|nbsp);")
_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def repair_entities(text: str) -> str:
    """Decode character references, including ones that lost their ampersand."""
    if ";" not in text:
        return text
    text = _ORPHANED.sub(r"&\1;", text)
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
