from pipeline.clean.long_lines import LONG_LINE_CHARS, PARAGRAPH_CHARS, paragraphs


def prose(n: int) -> str:
    return " ".join(f"Residents of ward {i} met the council and agreed how the \"library\" opens." for i in range(n))


def test_a_long_prose_line_is_cut_into_paragraphs_of_whole_sentences():
    line = prose(400)
    pieces = paragraphs(line)
    assert len(line) > LONG_LINE_CHARS and len(pieces) > 10
    assert all(p.startswith("Residents") and p.endswith("opens.") for p in pieces)
    assert all(PARAGRAPH_CHARS <= len(p) < PARAGRAPH_CHARS + 100 for p in pieces[:-1])
    assert " ".join(pieces) == line


def test_a_paragraph_of_ordinary_length_is_left_as_it_is():
    assert paragraphs(prose(20)) == [prose(20)]


def test_code_data_and_word_lists_are_not_prose():
    minified = "function(a){return a.b(c)}var x=1;if(x){y=2}. " * 400
    blob = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk" * 200
    keywords = ", ".join(["production", "approach", "coproduction", "services"] * 400)
    for line in (minified, blob, keywords):
        assert paragraphs(line) == [line]
