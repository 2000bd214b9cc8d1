from pipeline.clean.structured import clean_record, split_copyright
from pipeline.model import EXCLUDED_AT_SCREENING
from pipeline.prepare import prepare_documents
from pipeline.sources.bibliographic import read_ris

# A one-line abstract that ends with its copyright notice, as Scopus and Web of Science give them.
RIS = ("TY  - JOUR\nTI  - Neighbourhood boards\n"
       "AB  - Residents sat on the boards. © 2020 University of Somewhere. All rights reserved.\nER  - \n"
       "TY  - JOUR\nTI  - Short\nER  - \n"
       "TY  - JOUR\nTI  - Only a notice\nAB  - © 2021 The Authors. Published by Example Press.\nER  - \n")


def test_export_records_keep_their_abstract_and_lose_only_the_copyright_sentence():
    raws, _ = read_ris(RIS, "export.ris")
    documents, errors = prepare_documents(raws)
    assert errors == []
    boards, short, notice = documents
    assert boards.text == "Residents sat on the boards."
    assert [(e.reason, e.text) for e in boards.excluded] == [
        ("copyright", "© 2020 University of Somewhere. All rights reserved.")]
    assert (short.text, short.genre) == ("Short", "abstract")  # a title-only record is a document
    assert notice.text == "© 2021 The Authors. Published by Example Press."  # never all the text


def test_copyright_notices_and_sentences_that_only_mention_copyright():
    assert split_copyright("We studied parks. (C) 2004 Elsevier Ltd. All rights reserved.") == (
        "We studied parks.", "(C) 2004 Elsevier Ltd. All rights reserved.")
    assert split_copyright("Findings differ. Crown Copyright © 2019 Published by Elsevier.") == (
        "Findings differ.", "Crown Copyright © 2019 Published by Elsevier.")
    text = "Libraries lend books. Copyright law shapes what they can lend."
    assert split_copyright(text) == (text, None)


def test_a_record_excluded_at_screening_keeps_its_text_and_is_flagged():
    text, segments, excluded, kept = clean_record("Soil bacteria.\nA second paragraph.", "excluded")
    assert text == "Soil bacteria.\nA second paragraph." and excluded == ()
    assert [(s.start, s.end, s.excluded) for s in segments] == [(0, len(text), EXCLUDED_AT_SCREENING)]
    assert kept == ((1, 0, 14), (2, 15, 34))
