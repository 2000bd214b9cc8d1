import pytest

from pipeline.sources.bibliographic import read_bibtex, read_ris
from pipeline.sources.screening import label_decision, rayyan_decision
from pipeline.sources.tabular import read_csv

ASREVIEW = ("record_id,title,abstract,authors,year,label_included\n"
            "1,Included record,Tenants ran the estate board.,Sam Lee,2020,1\n"
            "2,Excluded record,A study of soil bacteria.,Kim Brown,2020,0\n"
            "3,Not screened yet,Parents on school boards.,Ana Diaz,2021,-1\n"
            "4,Also not screened,Volunteers in parks.,Ana Diaz,2021,\n")
RAYYAN_CSV = ('key,title,authors,journal,year,url,abstract,notes,doi,keywords\n'
              'r1,Ward forums,Lee S and Brown K,Local Gov,2019,,Residents met monthly.,'
              '"RAYYAN-INCLUSION: {""Ana""=>""Excluded"", ""Ben""=>""Excluded""} | RAYYAN-LABELS: off-topic",,\n'
              'r2,Street repairs,Lee S,Local Gov,2019,,Residents chose repairs.,'
              '"RAYYAN-INCLUSION: {""Ana""=>""Included"", ""Ben""=>""Excluded""}",,\n')
RAYYAN_RIS = ("TY  - JOUR\nTI  - Ward forums\nAB  - Residents met monthly.\n"
              'N1  - RAYYAN-INCLUSION: {"Ana"=>"Included"}\nER  - \n')
RAYYAN_BIB = ('@article{r1, title = {Ward forums}, abstract = {Residents met monthly.},\n'
              ' note = {RAYYAN-INCLUSION: {"Ana"=>"Excluded"} | RAYYAN-EXCLUSION-REASONS: wrong population}}\n')


@pytest.mark.parametrize("value, decision", [
    ("1", "included"), (1, "included"), ("0", "excluded"), ("0.0", "excluded"), ("-1", "undecided"),
    ("", None), (None, None)])
def test_asreview_labels(value, decision):
    assert label_decision(value) == decision


@pytest.mark.parametrize("notes, decision", [
    ('RAYYAN-INCLUSION: {"Ana"=>"Excluded"}', "excluded"),
    ('RAYYAN-INCLUSION: {"Ana"=>"Included", "Ben"=>"Included"} | RAYYAN-LABELS: a', "included"),
    ('RAYYAN-INCLUSION: {"Ana"=>"Included", "Ben"=>"Excluded"}', "undecided"),
    ('RAYYAN-INCLUSION: {"Ana"=>"Maybe"}', "undecided"),
    ("An ordinary note", None)])
def test_rayyan_notes(notes, decision):
    assert rayyan_decision(notes) == decision


def test_decisions_reach_the_documents_of_every_format():
    documents, _ = read_csv(ASREVIEW, "labelled.csv")
    assert [d.screening for d in documents] == ["included", "excluded", "undecided", None]
    documents, _ = read_csv(RAYYAN_CSV, "rayyan.csv")
    assert [(d.screening, d.authors) for d in documents] == [
        ("excluded", ("Lee S", "Brown K")), ("undecided", ("Lee S",))]
    assert [d.screening for d in read_ris(RAYYAN_RIS, "rayyan.ris")[0]] == ["included"]
    assert [d.screening for d in read_bibtex(RAYYAN_BIB, "rayyan.bib")[0]] == ["excluded"]
