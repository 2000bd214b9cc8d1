"""The PRISMA-style flow of a run's records (`v_flow`): every record read is counted once,
in the first reason it left, and the numbers add up (fake embedder, real DuckDB)."""

import shutil

from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import query, write_topic_corpus


def test_the_flow_counts_every_record_once_and_adds_up(tmp_path, fake_embedder):
    corpus = write_topic_corpus(tmp_path / "corpus")
    shutil.copy(corpus / "flood-0.txt", corpus / "flood-0-copy.txt")  # the same page saved twice
    (corpus / "broken.txt").write_bytes(b"\x00\x01" * 40)  # unreadable
    (corpus / "screened.csv").write_text(
        "record_id,title,abstract,year,label_included\n"
        "1,Tenants co-design repairs,Tenants and officers co-designed the repairs service together on the estate,2020,1\n"
        "2,Crystal growth,Crystals grown under pressure in a laboratory furnace for three weeks,2019,0\n",
        encoding="utf-8")
    db = tmp_path / "f.duckdb"
    refresh(corpus, db, None, Settings().replace("themes", n_themes=3, taxonomy=""), embedder=fake_embedder)
    flow = {(stage, what): n for stage, what, n in query(db, "SELECT stage, what, n FROM v_flow")}
    assert flow[("identified", "txt")] == 14 and flow[("identified", "csv")] == 2
    assert flow[("removed", "unreadable")] == 1
    assert flow[("removed", "duplicate")] == 1
    assert flow[("removed", "excluded at screening")] == 1
    identified = sum(n for (stage, _), n in flow.items() if stage == "identified")
    removed = sum(n for (stage, _), n in flow.items() if stage == "removed")
    assert identified == removed + flow[("included", "modelled")] == 16
    # the copy is not modelled, but takes its original's themes
    assert flow[("in themes", "through a copy of its passages")] == 1
    assert flow[("in themes", "modelled")] == flow[("included", "modelled")]


def test_the_report_and_its_markdown_show_the_flow(tmp_path, fake_embedder):
    corpus = write_topic_corpus(tmp_path / "corpus")
    (corpus / "broken.txt").write_bytes(b"\x00\x01" * 40)
    result = refresh(corpus, tmp_path / "f.duckdb", tmp_path / "f.html",
                     Settings().replace("themes", n_themes=3, taxonomy=""), embedder=fake_embedder)
    html = result.report_path.read_text(encoding="utf-8")
    assert '<tr class="flow-removed"><td>removed</td><td>unreadable</td><td>1</td></tr>' in html
    assert "| included | modelled | 12 |" in result.report_path.with_suffix(".md").read_text(encoding="utf-8")
