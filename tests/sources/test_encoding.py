import codecs

import pytest

from pipeline.sources.encoding import UndecodableError, decode

TEXT = "Co-production café: citizens’ “voice” in services"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # with BOM
    TEXT.encode("utf-16-le"),  # without BOM
    TEXT.encode("cp1252"),
])
def test_common_encodings_decode_to_the_same_text(data):
    assert decode(data) == TEXT


def test_decomposed_unicode_is_normalised():
    assert decode("cafe\u0301 services".encode("utf-8")) == "caf\u00e9 services"


def test_windows_line_endings_become_newlines():
    assert decode(b"one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_empty_and_binary_files_are_refused():
    with pytest.raises(UndecodableError, match="empty file"):
        decode(b"  \n\t ")
    with pytest.raises(UndecodableError, match="binary"):
        decode(bytes(range(256)) * 20)


def test_no_break_spaces_become_plain_spaces():
    assert decode("Hi\u00a0Graham,\u202fthanks".encode("utf-8")) == "Hi Graham, thanks"


def test_text_that_starts_like_a_binary_signature_is_still_text():
    from pipeline.sources.encoding import decode
    for text in ("ID3 tags explained for the library's audio guides.", "GIF89a is an image format, said the volunteer.",
                 "My rubber DUCK database of ward volunteers.", "PK notes from the parish council meeting."):
        assert decode(text.encode()) == text
