"""Turning file bytes into text: byte-order marks, UTF-8, UTF-16 and Windows-1252, NFC-normalised."""

from __future__ import annotations

import codecs
import re
import unicodedata

# No-break and other typographic spaces: scrapes are full of them, and they defeat patterns.
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


class UndecodableError(ValueError):
    """The bytes are not text (binary) or hold no text at all (empty)."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """Decode document bytes; raise UndecodableError for empty or binary content."""
    if not data.strip():
        raise UndecodableError("empty file")
    text = _decode(data)
    if _looks_binary(text):
        raise UndecodableError("binary file, not text")
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ODD_SPACES.sub(" ", text).replace("\u200b", "").replace("\ufeff", "")
    if not text.strip():
        raise UndecodableError("empty file")
    return text


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    # UTF-16 without a BOM: ASCII-range text has a NUL in every other byte.
    head = data[:4096]
    if len(head) >= 4 and head[1::2].count(0) > 0.4 * len(head[1::2]):
        return data.decode("utf-16-le", errors="replace")
    if len(head) >= 4 and head[0::2].count(0) > 0.4 * len(head[0::2]):
        return data.decode("utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8")  # a file cut off inside its last character
        lenient = data.decode("utf-8", errors="replace")
        damaged = lenient.count("\ufffd")
        valid_multibyte = sum(1 for ch in lenient if ord(ch) > 127) - damaged
        if valid_multibyte >= 3 * damaged and damaged <= max(1, len(lenient) // 1000):
            return lenient  # UTF-8 with a few damaged bytes among many good ones
        # Windows-1252 is what legacy Western scrapes and exports use; it maps almost every byte.
        return data.decode("cp1252", errors="replace")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if "\x00" in sample:
        return True
    control = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    replaced = sample.count("\ufffd")
    return (control + replaced) > 0.05 * len(sample)
