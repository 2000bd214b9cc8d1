import codecs
from datetime import date

from pipeline.sources.corpus import read_corpus
from pipeline.sources.wos import read_wos_plain

PLAIN = """FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Okafor, N
   Lee, S
AF Okafor, Ngozi
   Lee, Sam
TI Ward forums and the
   co-production of street services
SO JOURNAL OF LOCAL GOVERNANCE
DE co-production; ward forums
AB Residents and officers met monthly to plan street repairs together.
   The forums changed which repairs came first.
PY 2019
DI 10.5555/ward.2019.1
UT WOS:000000000000001
ER

PT J
AU Brown, K
TI A record without an abstract
SO LOCAL STUDIES
PY 2004
UT WOS:000000000000002
ER

EF
"""

TAB_HEADER = ["PT", "AU", "AF", "TI", "SO", "DE", "AB", "PY", "DI", "UT"]
TAB_ROWS = [
    ["J", "Okafor, N; Lee, S", "Okafor, Ngozi; Lee, Sam", "Ward forums and street services",
     "JOURNAL OF LOCAL GOVERNANCE", "co-production; ward forums",
     'Residents "co-designed" the repairs plan with officers.', "2019", "10.5555/ward.2019.1",
     "WOS:000000000000001"],
    ["J", "Brown, K", "Brown, Kim", "A record without an abstract", "LOCAL STUDIES", "", "", "2004", "",
     "WOS:000000000000002"],
]


def test_plain_text_records_with_continuation_lines():
    (first, second), errors = read_wos_plain(PLAIN, "savedrecs.txt")
    assert errors == []
    assert first.title == "Ward forums and the co-production of street services"
    assert first.authors == ("Okafor, Ngozi", "Lee, Sam")
    assert first.text == ("Residents and officers met monthly to plan street repairs together. "
                          "The forums changed which repairs came first.")
    assert (first.doi, first.published, first.venue, first.keywords, first.external_id) == (
        "10.5555/ward.2019.1", date(2019, 1, 1), "JOURNAL OF LOCAL GOVERNANCE", ("co-production", "ward forums"),
        "WOS:000000000000001")
    assert (second.title, second.text) == ("A record without an abstract", "A record without an abstract")


def test_savedrecs_txt_files_are_read_as_records_in_utf8_and_utf16(tmp_path):
    (tmp_path / "savedrecs.txt").write_text(PLAIN, encoding="utf-8-sig")
    lines = ["\t".join(TAB_HEADER)] + ["\t".join(row) + "\t" for row in TAB_ROWS]  # WoS ends rows in a tab
    (tmp_path / "savedrecs(1).txt").write_bytes(codecs.BOM_UTF16_LE + ("\r\n".join(lines) + "\r\n").encode("utf-16-le"))
    documents, errors = read_corpus(tmp_path)
    assert errors == []
    by_file: dict[str, list] = {}
    for d in documents:
        by_file.setdefault(d.source_uri.split(":")[0], []).append(d)
    assert [len(v) for v in by_file.values()] == [2, 2]
    tab = by_file["savedrecs(1).txt"]
    assert tab[0].authors == ("Okafor, Ngozi", "Lee, Sam")
    assert tab[0].text == 'Residents "co-designed" the repairs plan with officers.'
    assert (tab[0].doi, tab[0].external_id, tab[1].text) == (
        "10.5555/ward.2019.1", "WOS:000000000000001", "A record without an abstract")


def test_month_of_publication_is_kept():
    (doc,), _ = read_wos_plain("PT J\nTI A title\nPD MAR 15\nPY 2005\nER\n", "savedrecs.txt")
    assert doc.published == date(2005, 3, 1)


def test_a_large_export_txt_is_limited_per_record_not_per_file(tmp_path):
    (tmp_path / "savedrecs.txt").write_text(PLAIN)
    documents, errors = read_corpus(tmp_path, max_file_mb=0.0002)  # the file is over, each record is not
    assert len(documents) == 2 and errors == []
