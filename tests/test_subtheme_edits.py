"""Sub-themes end to end (fake embedder, real DuckDB, the `coprod` command): stored and in the
views, the same ids on a rerun, and researchers' renames, merges and moves surviving refreshes."""

from pipeline.cli import main
from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import query, write_subtopic_corpus as write_corpus

SETTINGS = Settings().replace("themes", n_themes=2, taxonomy="").replace("relevance", enabled=False)

def subtopic_of(db, run_id):
    """sub-topic (from the file name) -> (theme id, sub-theme id) of its passages, when one."""
    rows = query(db, f"""SELECT DISTINCT split_part(split_part(d.source_uri, '/', -1), '-', 2), pt.theme_id,
                                pt.subtheme_id
                         FROM passage_themes pt JOIN passages p USING (passage_id) JOIN documents d USING (doc_id)
                         WHERE pt.run_id = '{run_id}'""")
    found = {}
    for part, theme, sub in rows:
        found.setdefault(part, set()).add((theme, sub))
    return found


def test_each_theme_is_split_into_its_sub_topics_and_keeps_its_ids(tmp_path, fake_embedder):
    corpus, db = write_corpus(tmp_path / "corpus"), tmp_path / "s.duckdb"
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    first = subtopic_of(db, "run-0001")
    # every sub-topic lies in one sub-theme of its own; the two of a theme share the theme
    assert all(len(v) == 1 for v in first.values()), first
    (repairs,), (gardens,), (discharge,), (mental,) = (first[p] for p in ("repairs", "gardens", "discharge", "mental"))
    assert repairs[0] == gardens[0] != discharge[0] == mental[0]
    assert len({repairs[1], gardens[1], discharge[1], mental[1]}) == 4
    rows = query(db, "SELECT subtheme_id, theme_id, keywords, n_documents FROM v_current_subthemes")
    keywords = {s: set(k) for s, _, k, _ in rows}
    assert keywords[repairs[1]] & {"boilers", "heating", "damp", "mould"}
    assert keywords[gardens[1]] & {"allotment", "compost", "planting", "seeds"}
    assert {n for *_, n in rows} == {24}
    assert query(db, f"SELECT DISTINCT subtheme_label IS NOT NULL FROM v_passages_in_context "
                     f"WHERE subtheme_id = {mental[1]}") == [(True,)]
    # a rerun of the same corpus: the same sub-theme ids, every one continued
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert subtopic_of(db, "run-0002") == first
    assert {r for (r,) in query(db, "SELECT relation FROM subtheme_lineage WHERE run_id = 'run-0002'")} == {"continued"}



def test_a_refresh_of_an_unchanged_corpus_keeps_its_sub_themes_without_splitting_again(
        tmp_path, fake_embedder, monkeypatch):
    from pipeline.themes.subthemes import SubThemeSplitter

    corpus, db = write_corpus(tmp_path / "corpus"), tmp_path / "s.duckdb"
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    first = subtopic_of(db, "run-0001")

    def no_split(self, X):
        raise AssertionError("a theme that did not change was split again")

    monkeypatch.setattr(SubThemeSplitter, "fit", no_split)
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert subtopic_of(db, "run-0002") == first

def test_sub_theme_renames_merges_and_moves_survive_refreshes(tmp_path, fake_embedder, capsys):
    corpus, db = write_corpus(tmp_path / "corpus"), tmp_path / "s.duckdb"
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    parts = {k: next(iter(v)) for k, v in subtopic_of(db, "run-0001").items()}
    housing, health = parts["repairs"][0], parts["discharge"][0]
    repairs, gardens, discharge, mental = (parts[p][1] for p in ("repairs", "gardens", "discharge", "mental"))

    assert main(["subtheme", "rename", str(repairs), "Repairs and damp", "--db", str(db)]) == 0
    assert main(["subtheme", "merge", str(discharge), str(mental), "--db", str(db)]) == 0
    assert main(["subtheme", "move", str(gardens), str(health), "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"sub-theme {repairs} is now called 'Repairs and damp'",
        f"sub-theme {mental} will be merged into sub-theme {discharge} at the next refresh",
        f"sub-theme {gardens} will move to theme {health} at the next refresh"]
    assert query(db, f"SELECT label, label_source FROM v_current_subthemes WHERE subtheme_id = {repairs}") == [
        ("Repairs and damp", "renamed")]

    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    after = {k: next(iter(v)) for k, v in subtopic_of(db, "run-0002").items()}
    assert after["discharge"] == after["mental"] == (health, discharge)  # merged
    assert after["gardens"] == (health, gardens)  # moved, with its id
    assert after["repairs"] == (housing, repairs)
    assert query(db, f"SELECT label FROM subthemes WHERE run_id = 'run-0002' AND subtheme_id = {repairs}") == [
        ("Repairs and damp",)]
    sizes = dict(query(db, "SELECT theme_id, size FROM themes WHERE run_id = 'run-0002'"))
    before = dict(query(db, "SELECT theme_id, size FROM themes WHERE run_id = 'run-0001'"))
    moved = query(db, f"SELECT size FROM subthemes WHERE run_id = 'run-0001' AND subtheme_id = {gardens}")[0][0]
    assert sizes == {housing: before[housing] - moved, health: before[health] + moved}
    assert (discharge, "run-0001", mental, "merged") in query(
        db, "SELECT subtheme_id, parent_run_id, parent_subtheme_id, relation FROM subtheme_lineage "
            "WHERE run_id = 'run-0002'")


def test_sub_theme_edits_that_cannot_apply_are_clear_errors(tmp_path, fake_embedder, capsys):
    corpus, db = write_corpus(tmp_path / "corpus"), tmp_path / "s.duckdb"
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    parts = {k: next(iter(v)) for k, v in subtopic_of(db, "run-0001").items()}
    assert main(["subtheme", "rename", "99", "Anything", "--db", str(db)]) == 1
    assert capsys.readouterr().err.strip() == ("error: sub-theme 99 is not a sub-theme of run-0001 (the latest run); "
                                               "`coprod themes --subthemes` lists them")
    assert main(["subtheme", "merge", str(parts["repairs"][1]), str(parts["mental"][1]), "--db", str(db)]) == 1
    assert "belong to different themes" in capsys.readouterr().err
    assert main(["subtheme", "move", str(parts["repairs"][1]), str(parts["gardens"][0]), "--db", str(db)]) == 1
    assert f"is already in theme {parts['gardens'][0]}" in capsys.readouterr().err
    assert query(db, "SELECT count(*) FROM theme_overrides") == [(0,)]
