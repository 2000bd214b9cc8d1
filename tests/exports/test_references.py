"""References (`coprod export --format ris|bibtex|csl-json [--theme ID]`), read back with the
libraries reference managers' formats are read with (fake embedder, real DuckDB)."""

import json

import bibtexparser
import rispy

from pipeline.cli import main
from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import query, write_topic_corpus

RECORDS = [
    {"id": "r1", "genre": "abstract", "title": "Co-producing {flood} resilience", "authors": ["Ngozi Okafor", "Sam Lee"],
     "date": "2020-03-04", "doi": "10.5555/flood", "venue": "Public Money",
     "text": "Flood wardens river gauges rain sandbags brook village banks warning agency levels culvert drains."},
    {"id": "r2", "genre": "abstract", "title": "Okafor again", "authors": ["Ngozi Okafor"], "date": "2020-06-01",
     "text": "Pupils teachers lessons parents classroom homework council students voice curriculum headteacher."},
]


def exported(tmp_path, fake_embedder, *args):
    corpus = write_topic_corpus(tmp_path / "corpus")
    (corpus / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    db = tmp_path / "c.duckdb"
    refresh(corpus, db, None, Settings().replace("themes", n_themes=3, taxonomy=""), embedder=fake_embedder)
    for fmt in ("ris", "bibtex", "csl-json"):
        assert main(["export", str(tmp_path / "refs"), "--format", fmt, "--db", str(db), *args]) == 0
    return db, tmp_path / "refs"


def test_every_document_reads_back_from_ris_bibtex_and_csl_json(tmp_path, fake_embedder):
    db, out = exported(tmp_path, fake_embedder)
    n = query(db, "SELECT count(*) FROM run_documents")[0][0]
    ris = rispy.loads((out / "corpus-run-0001.ris").read_text(encoding="utf-8"))
    bib = bibtexparser.parse_string((out / "corpus-run-0001.bib").read_text(encoding="utf-8"))
    csl = json.loads((out / "corpus-run-0001.json").read_text(encoding="utf-8"))
    assert len(ris) == len(bib.entries) == len(csl) == n == 14 and not bib.failed_blocks
    paper = next(r for r in ris if r["title"] == "Co-producing {flood} resilience")
    assert paper["type_of_reference"] == "JOUR" and paper["authors"] == ["Okafor, Ngozi", "Lee, Sam"]
    assert paper["doi"] == "10.5555/flood" and paper["year"] == "2020" and paper["journal_name"] == "Public Money"
    assert paper["abstract"].startswith("Flood wardens river gauges")  # ASReview screens on the abstract
    entries = {e.fields_dict["title"].value: e for e in bib.entries}
    assert entries["Co-producing (flood) resilience"].fields_dict["author"].value == "Okafor, Ngozi and Lee, Sam"
    # the same first author and year: okafor2020, then okafor2020a
    assert {entries["Co-producing (flood) resilience"].key, entries["Okafor again"].key} == {"okafor2020", "okafor2020a"}
    item = next(i for i in csl if i.get("DOI") == "10.5555/flood")
    assert item["author"][0] == {"family": "Okafor", "given": "Ngozi"} and item["issued"] == {"date-parts": [[2020, 3, 4]]}


def test_one_themes_documents(tmp_path, fake_embedder):
    db, out = exported(tmp_path, fake_embedder, "--theme", "0")
    docs = {d for (d,) in query(db, "SELECT doc_id FROM document_themes WHERE theme_id = 0")}
    csl = json.loads((out / "corpus-run-0001-theme-0.json").read_text(encoding="utf-8"))
    assert {i["id"] for i in csl} == docs
    assert len(rispy.loads((out / "corpus-run-0001-theme-0.ris").read_text(encoding="utf-8"))) == len(docs)
