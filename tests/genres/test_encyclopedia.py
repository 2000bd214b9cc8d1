from pipeline.genres import encyclopedia

PAGE = """Living lab
A living lab is a user-centred innovation setting.[1]
History edit
The idea spread in the 2000s.
See also edit
  • Co-design
References edit
  1. ^ Someone (2009). A book.
Further reading
  • Another book."""


def test_sections_are_named_and_reference_sections_set_apart():
    blocks = encyclopedia.parse(PAGE).blocks
    assert [(b.section, b.excluded) for b in blocks] == [
        (None, None), ("History", None), ("See also", "references"), ("References", "references"),
        ("Further reading", "references")]
    assert blocks[1].lines[0][1] == "History"  # the heading stays as context, without " edit"
