from datetime import date

from pipeline.sources.corpus import read_corpus
from pipeline.sources.medline import medline_date, read_medline

NBIB = """
PMID- 10000001
OWN - NLM
DP  - 2018 Nov 25
TI  - Carers and nurses planning hospital discharge together: a
      qualitative study.
LID - 10.5555/carers.2018.7 [doi]
AB  - Carers joined ward rounds to plan discharge. Readmissions fell.
FAU - Okafor, Ngozi
AU  - Okafor N
FAU - Lee, Sam
AU  - Lee S
OT  - co-production
OT  - discharge planning
JT  - Journal of Care Studies
TA  - J Care Stud

PMID- 10000002
DP  - 2019 Jan-Feb
TI  - A record without an abstract.
AID - S0000-0000(19)00001-1 [pii]
JT  - Care Notes
"""


def test_medline_records():
    (first, second), errors = read_medline(NBIB, "citations.nbib")
    assert errors == []
    assert first.title == "Carers and nurses planning hospital discharge together: a qualitative study."
    assert (first.authors, first.published, first.doi, first.venue, first.keywords, first.external_id) == (
        ("Okafor, Ngozi", "Lee, Sam"), date(2018, 11, 25), "10.5555/carers.2018.7", "Journal of Care Studies",
        ("co-production", "discharge planning"), "10000001")
    assert first.text == "Carers joined ward rounds to plan discharge. Readmissions fell."
    assert (second.text, second.doi, second.published) == ("A record without an abstract.", None, date(2019, 1, 1))


def test_medline_dates():
    assert medline_date("2018") == date(2018, 1, 1)
    assert medline_date("2020 Spring") == date(2020, 1, 1)
    assert medline_date("not a date") is None


def test_nbib_and_medline_txt_files_are_discovered(tmp_path):
    (tmp_path / "citations.nbib").write_text(NBIB)
    (tmp_path / "pubmed-result.txt").write_text(NBIB.replace("1000000", "2000000"))
    documents, errors = read_corpus(tmp_path)
    assert errors == [] and len(documents) == 4
