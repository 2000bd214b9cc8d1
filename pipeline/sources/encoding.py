"""Turning file bytes into text: byte-order marks, UTF-8, UTF-16 and Windows-1252, NFC-normalised.

Bytes that are not text are refused by what they are, not by the file's name: the magic
number of a common binary format (an image, a PDF, an archive, an office file, a database),
or, after decoding, too many characters no text holds (control characters, replacement
characters for undecodable bytes, unassigned or private code points), or, for the
Windows-1252 fallback that maps almost any byte to some character, a text that is mostly
not ASCII (Western text is mostly ASCII; random or compressed bytes are not).
"""

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


# Leading bytes of common binary formats: what it is, and (offset, bytes) that must all match.
# Signatures made of letters only are paired with a binary byte, so no text is taken for one.
_MAGIC: tuple[tuple[str, tuple[tuple[int, bytes], ...]], ...] = (
    ("PNG image", ((0, b"\x89PNG\r\n\x1a\n"),)), ("JPEG image", ((0, b"\xff\xd8\xff"),)),
    ("GIF image", ((0, b"GIF8"), (5, b"a"), (7, b"\x00"))), ("WebP image", ((0, b"RIFF"), (8, b"WEBP"))),
    ("TIFF image", ((0, b"II*\x00"),)), ("TIFF image", ((0, b"MM\x00*"),)),
    ("MP4/QuickTime video or HEIC image", ((0, b"\x00\x00"), (4, b"ftyp"))),
    ("MP3 audio", ((0, b"ID3"), (4, b"\x00"))), ("Ogg audio", ((0, b"OggS\x00"),)),
    ("PDF document (convert it to text first)", ((0, b"%PDF-"),)),
    ("ZIP archive (or a Word, Excel or OpenDocument file)", ((0, b"PK\x03\x04"),)),
    ("legacy Office document (.doc, .xls, .ppt)", ((0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),)),
    ("gzip archive", ((0, b"\x1f\x8b\x08"),)), ("bzip2 archive", ((0, b"BZh"), (4, b"1AY&SY"))),
    ("xz archive", ((0, b"\xfd7zXZ\x00"),)), ("7-Zip archive", ((0, b"7z\xbc\xaf\x27\x1c"),)),
    ("RAR archive", ((0, b"Rar!\x1a\x07"),)), ("SQLite database", ((0, b"SQLite format 3\x00"),)),
    ("DuckDB database", ((8, b"DUCK"), (13, b"\x00\x00\x00"))), ("program (ELF)", ((0, b"\x7fELF"),)),
)
# Above these shares of a decoded sample, the bytes were not text.
MAX_ODD_SHARE = 0.05
MAX_NON_ASCII_CP1252 = 0.3


def binary_kind(head: bytes) -> str | None:
    """What a known binary format's leading bytes say it is, or None."""
    return next((kind for kind, parts in _MAGIC
                 if all(head[offset:offset + len(magic)] == magic for offset, magic in parts)), None)


def decode(data: bytes) -> str:
    """Decode document bytes; raise UndecodableError for empty or binary content."""
    if not data.strip():
        raise UndecodableError("empty file")
    kind = binary_kind(data[:64])
    if kind:
        raise UndecodableError(f"binary file ({kind}), not text")
    text, encoding = _decode(data)
    if _looks_binary(text, encoding):
        raise UndecodableError("binary file, not text")
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ODD_SPACES.sub(" ", text).replace("\u200b", "").replace("\ufeff", "")
    if not text.strip():
        raise UndecodableError("empty file")
    return text


def _decode(data: bytes) -> tuple[str, str]:
    """(text, the encoding it was decoded from)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    # UTF-16 without a BOM: ASCII-range text has a NUL in every other byte.
    head = data[:4096]
    if len(head) >= 4 and head[1::2].count(0) > 0.4 * len(head[1::2]):
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > 0.4 * len(head[0::2]):
        return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8"), "utf-8"  # a file cut off inside its last character
        lenient = data.decode("utf-8", errors="replace")
        damaged = lenient.count("\ufffd")
        valid_multibyte = sum(1 for ch in lenient if ord(ch) > 127) - damaged
        if valid_multibyte >= 3 * damaged and damaged <= max(1, len(lenient) // 1000):
            return lenient, "utf-8"  # UTF-8 with a few damaged bytes among many good ones
        # Windows-1252 is what legacy Western scrapes and exports use; it maps almost every byte.
        return data.decode("cp1252", errors="replace"), "cp1252"


def _looks_binary(text: str, encoding: str) -> bool:
    sample = text[:8192]
    if "\x00" in sample:
        return True
    odd = sum(1 for ch in sample if (unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") and ch not in "\n\r\t\f")
              or ch == "\ufffd")
    if odd > MAX_ODD_SHARE * len(sample):
        return True
    return encoding == "cp1252" and sum(1 for ch in sample if ord(ch) > 127) > MAX_NON_ASCII_CP1252 * len(sample)
