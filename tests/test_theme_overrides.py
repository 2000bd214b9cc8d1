"""Researchers' theme edits (`coprod theme ...`): applied at once where they can be, and
re-applied after every refresh (fake embedder, real DuckDB)."""

from pipeline.cli import main
from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import TOPICS, query

SETTINGS = Settings().replace("themes", n_themes=3, taxonomy="")


def topic_of(db, run_id):
    return dict(query(db, f"""SELECT DISTINCT split_part(d.external_id, '-', 1), pt.theme_id
                              FROM passage_themes pt JOIN passages p USING (passage_id)
                              JOIN documents d USING (doc_id) WHERE pt.run_id = '{run_id}'"""))


def test_renames_noise_marks_and_merges_survive_refreshes(topic_corpus, tmp_path, fake_embedder, capsys):
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    topics = topic_of(db, "run-0001")
    flood, school, health = topics["flood"], topics["school"], topics["health"]
    sizes = dict(query(db, "SELECT theme_id, size FROM themes"))

    assert main(["theme", "rename", str(flood), "Flood wardens", "--db", str(db)]) == 0
    assert main(["theme", "noise", str(health), "--db", str(db)]) == 0
    assert main(["theme", "merge", str(flood), str(school), "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"theme {flood} is now called 'Flood wardens'", f"theme {health} is marked as noise",
                   f"theme {school} will be merged into theme {flood} at the next refresh"]
    # renames and noise marks show at once, in the analysts' view
    assert query(db, f"SELECT label, label_source FROM v_current_themes WHERE theme_id = {flood}") == [
        ("Flood wardens", "renamed")]
    assert query(db, f"SELECT is_noise FROM v_current_themes WHERE theme_id = {health}") == [(True,)]

    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    after = topic_of(db, "run-0002")
    assert after["flood"] == after["school"] == flood  # merged
    assert query(db, "SELECT theme_id, label, label_source, is_noise, size FROM themes "
                     "WHERE run_id = 'run-0002' ORDER BY theme_id") == sorted([
        (flood, "Flood wardens", "renamed", False, sizes[flood] + sizes[school]),
        (health, query(db, f"SELECT label FROM themes WHERE run_id = 'run-0002' AND theme_id = {health}")[0][0],
         "keywords", True, sizes[health])])
    assert (flood, "run-0001", school, "merged") in query(
        db, "SELECT theme_id, parent_run_id, parent_theme_id, relation FROM theme_lineage WHERE run_id = 'run-0002'")
    # the merged theme's keywords were recomputed from both topics' passages
    keywords = query(db, f"SELECT keywords FROM themes WHERE run_id = 'run-0002' AND theme_id = {flood}")[0][0]
    assert set(keywords) & set(TOPICS["flood"].split()) and set(keywords) & set(TOPICS["school"].split())


def test_editing_a_theme_the_run_does_not_have_is_a_clear_error(topic_corpus, tmp_path, fake_embedder, capsys):
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert main(["theme", "rename", "99", "Anything", "--db", str(db)]) == 1
    assert capsys.readouterr().err.strip() == ("error: theme 99 is not a theme of run-0001 (the latest run); "
                                               "`coprod themes` lists them")
    assert main(["theme", "merge", "1", "1", "--db", str(db)]) == 1
    assert "cannot be merged into itself" in capsys.readouterr().err
    assert query(db, "SELECT count(*) FROM theme_overrides") == [(0,)]


def test_a_moved_passage_and_a_document_set_aside_from_the_command_line(topic_corpus, tmp_path, fake_embedder, capsys):
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    topics = topic_of(db, "run-0001")
    pid, doc = query(db, f"""SELECT p.passage_id, p.doc_id FROM passage_themes pt JOIN passages p USING (passage_id)
                             JOIN documents d USING (doc_id) WHERE d.external_id LIKE 'flood%' LIMIT 1""")[0]
    school_doc = query(db, "SELECT doc_id FROM documents WHERE external_id LIKE 'school%' ORDER BY doc_id LIMIT 1")[0][0]
    assert main(["theme", "move-passage", pid, str(topics["health"]), "--db", str(db)]) == 0
    assert main(["theme", "set-aside", school_doc, "--db", str(db)]) == 0
    assert main(["theme", "move-passage", pid, str(topics["flood"]), "--db", str(db)]) == 1
    assert f"passage {pid} is already in theme {topics['flood']}" in capsys.readouterr().err
    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, f"SELECT theme_id FROM passage_themes WHERE run_id = 'run-0002' AND passage_id = '{pid}'") == [
        (topics["health"],)]
    assert query(db, f"""SELECT count(*) FROM passage_themes pt JOIN passages p USING (passage_id)
                         WHERE pt.run_id = 'run-0002' AND p.doc_id = '{school_doc}'""") == [(0,)]
    assert doc != school_doc


def test_passages_split_off_a_theme_form_a_theme_of_their_own_under_one_id(topic_corpus, tmp_path, fake_embedder,
                                                                          capsys):
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    flood = topic_of(db, "run-0001")["flood"]
    pids = [p for (p,) in query(db, f"SELECT passage_id FROM passage_themes WHERE theme_id = {flood} "
                                    "ORDER BY passage_id LIMIT 2")]
    assert main(["theme", "split", str(flood), *pids, "--label", "Sandbags", "--db", str(db)]) == 0
    new = query(db, "SELECT other_theme_id FROM theme_overrides WHERE action = 'split'")[0][0]
    assert capsys.readouterr().out.strip() == (f"2 passages will leave theme {flood} for a new theme {new} "
                                               "at the next refresh")
    for run in ("run-0002", "run-0003"):  # the same id at every refresh
        refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
        assert {t for (t,) in query(db, f"SELECT theme_id FROM passage_themes WHERE run_id = '{run}' AND passage_id IN "
                                        f"('{pids[0]}', '{pids[1]}')")} == {new}
        assert query(db, f"SELECT label, size FROM themes WHERE run_id = '{run}' AND theme_id = {new}") == [("Sandbags", 2)]
    other = query(db, f"SELECT passage_id FROM passage_themes WHERE run_id = 'run-0003' AND theme_id <> {flood} "
                      f"AND theme_id <> {new} LIMIT 1")[0][0]
    assert main(["theme", "split", str(flood), other, "--db", str(db)]) == 1
    assert f"a split takes passages of theme {flood}" in capsys.readouterr().err
