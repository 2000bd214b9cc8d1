"""The pipeline without Prefect, on a small corpus, with the fake embedder (the real model runs
in tests/flows and tests/cli)."""

import dataclasses

import pytest

from pipeline.errors import NoUsableDocumentsError
from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import query

SETTINGS = Settings().replace("themes", min_themes=2, max_themes=3)


def test_refresh_fills_every_table_and_writes_the_report(topic_corpus, tmp_path, fake_embedder):
    (topic_corpus / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    db, report = tmp_path / "c.duckdb", tmp_path / "c.html"
    result = refresh(topic_corpus, db, report, SETTINGS, embedder=fake_embedder)

    assert result.run_id == "run-0001"
    assert result.n_documents == 12
    assert [(e.source_uri, e.stage) for e in result.errors] == [("broken.txt", "read")]
    for name in ["documents", "passages", "embeddings", "runs", "themes", "passage_themes",
                 "document_themes", "theme_representatives", "run_documents", "ingest_errors"]:
        assert query(db, f"SELECT count(*) FROM {name}")[0][0] > 0, name
    assert query(db, "SELECT status, n_documents, n_errors FROM runs") == [("succeeded", 12, 1)]
    # every passage's offsets point into its document's cleaned text
    assert query(db, """SELECT count(*) FROM passages p JOIN documents d USING (doc_id)
                        WHERE substr(d.text, p.char_start + 1, p.char_end - p.char_start) <> p.text""") == [(0,)]
    # a document's theme shares add up to one
    assert query(db, "SELECT min(s), max(s) FROM (SELECT sum(share) s FROM document_themes GROUP BY doc_id)") \
        == [(pytest.approx(1.0), pytest.approx(1.0))]
    # the three topics land in three themes
    themes_of = dict(query(db, """SELECT split_part(d.external_id, '-', 1), count(DISTINCT pt.theme_id)
                                  FROM passage_themes pt JOIN passages p USING (passage_id)
                                  JOIN documents d USING (doc_id) GROUP BY ALL"""))
    assert themes_of == {"flood": 1, "school": 1, "health": 1}
    html = report.read_text()
    assert "broken.txt" in html and "Flood story" in html


def test_second_refresh_reuses_embeddings_and_gives_the_same_themes(topic_corpus, tmp_path, fake_embedder):
    db = tmp_path / "c.duckdb"
    first = refresh(topic_corpus, db, tmp_path / "1.html", SETTINGS, embedder=fake_embedder)
    second = refresh(topic_corpus, db, tmp_path / "2.html", SETTINGS, embedder=fake_embedder)
    assert second.run_id == "run-0002"
    assert (second.embeddings_computed, second.embeddings_reused) == (0, first.n_passages)
    assert query(db, "SELECT count(*) FROM embeddings") == [(first.n_passages,)]
    assert query(db, """SELECT count(*) FROM passage_themes a JOIN passage_themes b USING (passage_id)
                        WHERE a.run_id = 'run-0001' AND b.run_id = 'run-0002' AND a.theme_id <> b.theme_id""") == [(0,)]
    assert [t.keywords for t in first.themes.themes] == [t.keywords for t in second.themes.themes]
    # the analysts' views are snapshots of the newest run, not of the first
    assert query(db, "SELECT DISTINCT run_id FROM v_current_themes") == [("run-0002",)]
    assert query(db, "SELECT sql LIKE '%snapshot%.v_document_themes%' FROM duckdb_views() "
                     "WHERE view_name = 'v_document_themes'") == [(True,)]


def test_same_corpus_gives_an_identical_report(topic_corpus, tmp_path, fake_embedder):
    one = refresh(topic_corpus, tmp_path / "a.duckdb", tmp_path / "a.html", SETTINGS, embedder=fake_embedder)
    two = refresh(topic_corpus, tmp_path / "b.duckdb", tmp_path / "b.html", SETTINGS, embedder=fake_embedder)
    assert one.report_path.read_bytes() == two.report_path.read_bytes()


def every_table_but_runs(db):
    tables = [t for (t,) in query(db, "SELECT table_name FROM information_schema.tables "
                                      "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1")]
    return {t: sorted(map(repr, query(db, f"SELECT * FROM {t}"))) for t in tables if t != "runs"}


def test_a_failing_stage_is_recorded_and_leaves_the_last_good_run_untouched(topic_corpus, tmp_path, fake_embedder):
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    before = every_table_but_runs(db)
    views = query(db, "SELECT * FROM v_current_themes")

    class Broken:
        model_id, dimension = "test/broken", 4

        def embed(self, texts):
            raise RuntimeError("model crashed")

    (topic_corpus / "new.txt").write_text("A brand new story about flood wardens and river gauges " * 5)
    with pytest.raises(RuntimeError, match="model crashed"):
        refresh(topic_corpus, db, None, SETTINGS, embedder=Broken())
    assert every_table_but_runs(db) == before
    assert query(db, "SELECT * FROM v_current_themes") == views  # analysts still see run-0001
    assert query(db, "SELECT run_id, status, error FROM runs ORDER BY run_id") == [
        ("run-0001", "succeeded", None),
        ("run-0002", "failed", "RuntimeError in stage embed: model crashed")]
    assert query(db, "SELECT stage_seconds->>'$.split' IS NOT NULL FROM runs WHERE run_id = 'run-0002'") == [(True,)]
    assert not (tmp_path / "c.duckdb.refresh.json").exists()
    # the next refresh completes
    assert refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder).run_id == "run-0003"


def test_a_corpus_of_only_broken_files_is_a_clear_error(tmp_path, fake_embedder):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("   ")
    with pytest.raises(NoUsableDocumentsError, match=r"no usable documents in .*: all 1 failed.*a.txt: empty file"):
        refresh(tmp_path / "c", tmp_path / "c.duckdb", None, SETTINGS, embedder=fake_embedder)


def test_a_copied_document_points_at_its_original_and_is_not_modelled(topic_corpus, tmp_path, fake_embedder):
    original = (topic_corpus / "flood-0.txt").read_text()
    (topic_corpus / "zz-copy.txt").write_text(original.upper())  # same page, shouting
    db = tmp_path / "c.duckdb"
    first = refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, """SELECT c.source_uri, o.source_uri FROM documents c JOIN documents o
                        ON c.duplicate_of = o.doc_id""") == [("zz-copy.txt", "flood-0.txt")]
    assert query(db, """SELECT count(*) FROM passages p JOIN documents d USING (doc_id)
                        WHERE d.source_uri = 'zz-copy.txt' AND p.excluded IS DISTINCT FROM 'duplicate'""") == [(0,)]
    # the copy is themed through its original, and says so
    assert query(db, """SELECT c.main_theme_id = o.main_theme_id, c.via_duplicate, o.via_duplicate
                        FROM documents d JOIN v_document_themes c ON c.doc_id = d.doc_id
                        JOIN v_document_themes o ON o.doc_id = d.duplicate_of
                        WHERE d.source_uri = 'zz-copy.txt'""") \
        == [(True, True, False)]
    # reading the same files again adds no facts
    counts = "SELECT (SELECT count(*) FROM passages), (SELECT count(*) FROM excluded_spans), (SELECT count(*) FROM posts)"
    before = query(db, counts)
    second = refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, counts) == before and second.embeddings_computed == 0
    assert first.n_modelled == second.n_modelled


def test_the_last_published_databases_are_kept_as_snapshots(topic_corpus, tmp_path, fake_embedder):
    db = tmp_path / "c.duckdb"
    settings = SETTINGS.replace("store", keep_snapshots=2)
    for _ in range(3):
        refresh(topic_corpus, db, None, settings, embedder=fake_embedder)
    snapshots = tmp_path / "c.duckdb.snapshots"
    assert sorted(p.name for p in snapshots.iterdir()) == ["run-0002.duckdb", "run-0003.duckdb"]
    # a snapshot is the database as that run published it, untouched by later refreshes
    assert query(snapshots / "run-0002.duckdb", "SELECT max(run_id) FROM runs") == [("run-0002",)]
    assert query(db, "SELECT max(run_id) FROM runs") == [("run-0003",)]


def test_changed_documents_get_a_new_version_and_removed_ones_are_retired(topic_corpus, tmp_path, fake_embedder):
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    (topic_corpus / "flood-0.txt").unlink()
    school = topic_corpus / "school-0.txt"
    school.write_text(school.read_text() + "\nThe school governors agreed a new homework timetable for pupils.\n")
    second = refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert second.embeddings_reused > 0
    assert second.document_changes == {"new": 0, "changed": 1, "unchanged": 10, "retired": 1}
    from pipeline.cli.summary import format_summary

    assert "changes    since the last run: 0 new, 1 changed, 10 unchanged, 1 retired documents" \
        in format_summary(second, "corpus")
    rows = dict((ext, (retired, versions)) for ext, retired, versions in query(
        db, "SELECT external_id, retired_run_id, n_versions FROM documents"))
    assert rows["flood-0.txt"] == ("run-0002", 1)  # kept, marked retired
    assert rows["school-0.txt"] == (None, 2)
    assert rows["health-0.txt"] == (None, 1)
    # both versions' texts are kept, and each version's passages point into its own text
    assert query(db, """SELECT count(*) FROM passages p JOIN document_versions v USING (doc_id, content_hash)
                        WHERE substr(v.text, p.char_start + 1, p.char_end - p.char_start) <> p.text""") == [(0,)]
    assert query(db, "SELECT count(*) FROM document_versions d JOIN documents USING (doc_id) "
                     "WHERE external_id = 'school-0.txt'") == [(2,)]
    # analysts' views only show the documents of the latest run
    assert query(db, "SELECT count(*) FROM v_document_themes WHERE title LIKE 'Flood story 0%'") == [(0,)]
    # a document that comes back is active again
    (topic_corpus / "flood-0.txt").write_text((topic_corpus / "flood-1.txt").read_text().replace("story 1", "story 0"))
    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, "SELECT retired_run_id FROM documents WHERE external_id = 'flood-0.txt'") == [(None,)]


def test_passages_signed_on_worker_processes_get_the_flags_signed_in_process(topic_corpus, monkeypatch):
    # A large corpus's duplicate signatures are computed in chunks on local worker processes;
    # the chunks must give the flags the whole corpus signed at once gives.
    import pipeline.refresh as stages
    from pipeline.refresh import ingest, split

    documents, _ = ingest(topic_corpus)
    copy = dataclasses.replace(documents[0], doc_id="copy", external_id="zz-copy.txt")
    documents = documents + [copy]
    settings = Settings().replace("parallel", prepare_processes=1)
    alone = split(documents, settings)
    monkeypatch.setattr(stages, "SIGNATURES_PER_CHUNK", 3)
    chunked = split(documents, Settings().replace("parallel", prepare_processes=2))
    assert [(p.passage_id, p.excluded, p.duplicate_of) for p in chunked] == \
        [(p.passage_id, p.excluded, p.duplicate_of) for p in alone]
    assert any(p.duplicate_of for p in chunked)  # the copy's passages point at the original's
