"""The relevance stage in a refresh, with the fake embedder and a taxonomy written for it (the
real model's end-to-end test is tests/test_relevance_real.py, marked slow)."""

from pipeline.cli.summary import format_summary
from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import TOPICS, query

TAXONOMY = f'''
[[concept]]
id = "flood-wardens"
name = "Flood wardens"
description = "{TOPICS['flood']}"

[[concept]]
id = "school-voice"
name = "School voice"
description = "{TOPICS['school']}"

[[concept]]
id = "care"
name = "Care"
description = "{TOPICS['health']}"

[[off_field]]
id = "baking"
name = "Baking"
description = "Recipes flour butter sugar oven dough yeast knead loaf crust baking ingredients."
'''

BAKING = ("Sourdough tips\n\n" + "Knead the dough with flour and butter, leave the yeast loaf to rise, then bake "
          "the crust in a hot oven with sugar and other baking ingredients from the recipes. " * 3)


def settings_for(tmp_path, **relevance) -> Settings:
    (tmp_path / "taxonomy.toml").write_text(TAXONOMY)
    settings = Settings().replace("themes", min_themes=2, max_themes=3, taxonomy=str(tmp_path / "taxonomy.toml"))
    # the fake embedder is no calibrated model: the filter is told to run with any model
    return settings.replace("relevance", **{"model": "", **relevance})


def test_an_off_topic_page_is_kept_with_its_reason_out_of_every_theme(topic_corpus, tmp_path, fake_embedder):
    (topic_corpus / "baking.txt").write_text(BAKING)
    db, report = tmp_path / "c.duckdb", tmp_path / "c.html"
    result = refresh(topic_corpus, db, report, settings_for(tmp_path), embedder=fake_embedder)
    summary = format_summary(result, "corpus")
    assert "relevance  1 of 13 documents off-topic" in summary
    assert "off-topic  baking.txt: off-topic: closer to Baking" in summary
    assert [line.split()[0] for line in summary.splitlines()].count("themes") == 1  # said once, then listed

    flagged = query(db, """SELECT d.source_uri, r.nearest_off_field, r.reason FROM document_relevance r
                           JOIN documents d USING (doc_id) WHERE r.off_topic""")
    assert [(uri, sense) for uri, sense, _ in flagged] == [("baking.txt", "baking")]
    assert flagged[0][2].startswith("off-topic: closer to Baking")
    assert query(db, "SELECT count(*) FROM document_relevance WHERE NOT off_topic") == [(12,)]
    assert query(db, """SELECT count(*) FROM passage_themes JOIN passages p USING (passage_id)
                        JOIN documents d USING (doc_id) WHERE d.source_uri = 'baking.txt'""") == [(0,)]
    assert query(db, """SELECT DISTINCT p.excluded FROM passages p JOIN documents d USING (doc_id)
                        WHERE d.source_uri = 'baking.txt'""") == [("off-topic",)]
    html = report.read_text()
    assert 'id="off-topic"' in html and "Sourdough tips" in html and "document off-topic" in html
    assert "closer to Baking" in report.with_suffix(".md").read_text()
    # the on-topic pages keep their strongest concepts
    assert query(db, """SELECT count(DISTINCT doc_id) FROM document_concepts""") == [(12,)]


def test_with_the_filter_off_the_page_is_themed(topic_corpus, tmp_path, fake_embedder):
    (topic_corpus / "baking.txt").write_text(BAKING)
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, settings_for(tmp_path, enabled=False), embedder=fake_embedder)
    assert query(db, "SELECT count(*) FROM document_relevance") == [(0,)]
    assert query(db, """SELECT count(*) > 0 FROM passage_themes JOIN passages p USING (passage_id)
                        JOIN documents d USING (doc_id) WHERE d.source_uri = 'baking.txt'""") == [(True,)]


def test_another_model_than_the_one_the_threshold_was_measured_with_skips_the_filter(topic_corpus, tmp_path,
                                                                                      fake_embedder):
    (topic_corpus / "baking.txt").write_text(BAKING)
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, settings_for(tmp_path, model="all-MiniLM-L6-v2"), embedder=fake_embedder)
    assert query(db, "SELECT count(*) FROM document_relevance") == [(0,)]
