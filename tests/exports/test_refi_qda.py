"""REFI-QDA exports (`coprod export --format qdpx|qdc`): valid against the published schemas,
and read back, every selection is its passage and every code reference resolves (fake
embedder, real DuckDB)."""

import zipfile
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.exports.refi_qda import guid
from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import SHARED, query, write_subtopic_corpus

SCHEMAS = SHARED / "refi-qda"
P = "{urn:QDA-XML:project:1.0}"
C = "{urn:QDA-XML:codebook:1.0}"


def validate(xml: bytes, schema: str) -> None:
    """Validate against ../shared/refi-qda/<schema>, which QDA tools validate imports against."""
    if not (SCHEMAS / schema).is_file():
        pytest.skip(f"the REFI-QDA schemas are not in {SCHEMAS}: exports not validated")
    from lxml import etree

    xsd = etree.XMLSchema(etree.parse(str(SCHEMAS / schema)))
    assert xsd.validate(etree.fromstring(xml)), [str(e) for e in xsd.error_log]


def read_back(path: Path):
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde")), {
            n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("sources/")}


@pytest.fixture
def exported(tmp_path, fake_embedder):
    db = tmp_path / "s.duckdb"
    settings = Settings().replace("themes", n_themes=2, taxonomy="").replace("relevance", enabled=False)
    refresh(write_subtopic_corpus(tmp_path / "corpus"), db, None, settings, embedder=fake_embedder)
    assert main(["theme", "rename", "0", "Tenants and their homes", "--db", str(db)]) == 0
    assert main(["theme", "noise", "1", "--db", str(db)]) == 0
    for fmt in ("qdpx", "qdc"):
        assert main(["export", str(tmp_path / "qda"), "--format", fmt, "--db", str(db)]) == 0
    return db, tmp_path / "qda" / "corpus-run-0001.qdpx", tmp_path / "qda" / "corpus-run-0001.qdc"


def test_the_project_validates_and_every_selection_is_its_passage(exported):
    db, qdpx, _ = exported
    with zipfile.ZipFile(qdpx) as archive:
        validate(archive.read("project.qde"), "Project.xsd")
    project, files = read_back(qdpx)
    codes = {c.get("guid"): c for c in project.iter(f"{P}Code")}
    passages = dict(query(db, "SELECT p.passage_id, p.text FROM passage_themes pt JOIN passages p USING (passage_id)"))
    seen = 0
    for source in project.iter(f"{P}TextSource"):
        text = files[source.get("plainTextPath").replace("internal://", "sources/")]
        for selection in source.iter(f"{P}PlainTextSelection"):
            pid = selection.get("name").removeprefix("passage ")
            assert guid("passage", pid) == selection.get("guid")
            assert text[int(selection.get("startPosition")):int(selection.get("endPosition"))] == passages[pid]
            refs = [r.get("targetGUID") for r in selection.iter(f"{P}CodeRef")]
            assert refs and all(r in codes for r in refs)  # every code reference resolves
            seen += 1
    assert seen == len(passages)  # every themed passage is a coded selection
    # every document of the run is a source, with its genre as a variable
    assert len(files) == query(db, "SELECT count(*) FROM run_documents")[0][0]
    assert {v.text for v in project.iter(f"{P}TextValue")} >= {"other"}


def test_the_codebook_is_the_edited_themes_with_their_sub_themes_nested(exported):
    db, qdpx, qdc = exported
    validate(qdc.read_bytes(), "Codebook.xsd")
    book = __import__("lxml.etree").etree.fromstring(qdc.read_bytes())
    top = book.find(f"{C}Codes").findall(f"{C}Code")
    assert [c.get("name") for c in top][0] == "Tenants and their homes"  # the researcher's name
    assert "Marked as noise" in top[1].find(f"{C}Description").text
    nested = {(t.get("name"), s.get("name")) for t in top for s in t.findall(f"{C}Code")}
    stored = set(query(db, "SELECT t.label, s.label FROM subthemes s JOIN themes t USING (run_id, theme_id)"))
    assert nested == stored and len(stored) == 4
    # the project's codebook is the same, and exporting again gives the same bytes
    project, _ = read_back(qdpx)
    assert [c.get("guid") for c in project.iter(f"{P}Code")] == [c.get("guid") for c in book.iter(f"{C}Code")]
    again = qdpx.with_name("again")
    assert main(["export", str(again), "--format", "qdpx", "--db", str(db)]) == 0
    assert (again / qdpx.name).read_bytes() == qdpx.read_bytes()


def test_an_unknown_run_is_a_clear_error(exported, capsys):
    db, _, _ = exported
    assert main(["export", "out", "--format", "qdc", "--run", "run-0099", "--db", str(db)]) == 1
    assert "run-0099 is not a succeeded run" in capsys.readouterr().err
