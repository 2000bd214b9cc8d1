from dataclasses import replace

from pipeline.model import Document, Segment
from pipeline.passages import split_document
from pipeline.settings import PassageSettings

SETTINGS = PassageSettings(min_chars=60, target_chars=200, max_chars=400)


def make_doc(text: str) -> Document:
    return Document(doc_id="d1", external_id="x", source_uri="x.txt", genre="blog", title=None,
                    authors=(), published=None, doi=None, url=None, language="en",
                    content_hash="h", text=text)


def sentence(i: int) -> str:
    return f"Sentence number {i} explains how residents and the council shared the work."


def test_offsets_point_at_the_passage_text():
    text = "A heading\n\n" + " ".join(sentence(i) for i in range(20)) + "\n\nShort closing line here."
    doc = make_doc(text)
    passages = split_document(doc, SETTINGS)
    assert len(passages) > 2
    for p in passages:
        assert doc.text[p.char_start:p.char_end] == p.text
        assert len(p.text) <= SETTINGS.max_chars
    assert [p.position for p in passages] == list(range(len(passages)))


def test_a_long_paragraph_is_cut_at_sentence_ends():
    text = " ".join(sentence(i) for i in range(20))
    passages = split_document(make_doc(text), SETTINGS)
    assert all(p.text.endswith(".") for p in passages)


def test_short_lines_merge_and_tiny_fragments_are_not_passages():
    text = "Title\nBy Sam\n" + sentence(1) + "\n" + sentence(2) + "\n\nok"
    passages = split_document(make_doc(text), SETTINGS)
    assert len(passages) == 1
    assert passages[0].text.startswith("Title\nBy Sam\nSentence number 1")
    assert passages[0].text.endswith("ok")  # the tiny tail joins the passage before it


def test_ids_are_stable_and_distinct():
    text = "\n\n".join(sentence(i) * 3 for i in range(4))
    first = split_document(make_doc(text), SETTINGS)
    again = split_document(make_doc(text), SETTINGS)
    assert [p.passage_id for p in first] == [p.passage_id for p in again]
    assert len({p.passage_id for p in first}) == len(first)


def test_a_document_that_is_one_short_line_is_one_passage():
    title = "Co-producing flood plans with residents"  # a paper title, shorter than min_chars
    passages = split_document(make_doc(title), SETTINGS)
    assert [(p.text, p.char_start, p.char_end) for p in passages] == [(title, 0, len(title))]


def test_a_short_document_of_two_sections_keeps_both():
    doc = make_doc("Library opening hours\n\nVolunteers keep it open.")
    doc = replace(doc, segments=(Segment(0, 21, section="a"), Segment(23, len(doc.text), section="b")))
    assert [p.text for p in split_document(doc, SETTINGS)] == ["Library opening hours", "Volunteers keep it open."]


def test_a_fragment_beside_a_full_passage_is_still_dropped():
    text = "Short aside.\n\n" + " ".join(sentence(i) for i in range(3))
    doc = make_doc(text)
    doc = replace(doc, segments=(Segment(0, 12, section="aside"), Segment(14, len(text), section="body")))
    assert [p.section for p in split_document(doc, SETTINGS)] == ["body"]


def test_a_short_text_beside_an_excluded_reference_list_is_kept():
    text = "Residents ran the bus service.\n\n" + " ".join(sentence(i) for i in range(3))
    doc = make_doc(text)
    doc = replace(doc, segments=(Segment(0, 30), Segment(32, len(text), section="References", excluded="references")))
    assert [(p.text, p.excluded) for p in split_document(doc, SETTINGS)][0] == ("Residents ran the bus service.", None)
