"""A light language check: is the text English? (Other languages are kept but flagged.)"""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[a-zA-Z\u00C0-\u024F']+")


def detect_language(text: str) -> str:
    """'en' when English function words are common, else 'unknown'."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 5:
        return "unknown"
    share = sum(1 for w in words if w in ENGLISH_STOP_WORDS) / len(words)
    return "en" if share >= 0.2 else "unknown"
