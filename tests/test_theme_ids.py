"""Theme ids survive refreshes: a continuing theme keeps its id, a new one gets a fresh id,
and theme_lineage says what happened (the pipeline without Prefect, fake embedder)."""

import random

from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import query

SETTINGS = Settings().replace("themes", min_themes=2, max_themes=6, taxonomy="")
ENERGY = ("solar panels roof cooperative tariff kilowatt battery turbine meter grid heat pump "
          "insulation shares members generation export savings bills").split()


def add_energy_topic(folder, n=4, seed=1):
    rng = random.Random(seed)
    for i in range(n):
        body = "\n\n".join(" ".join("The energy " + " ".join(rng.sample(ENERGY, 9)) + "." for _ in range(3))
                           for _ in range(3))
        (folder / f"energy-{i}.txt").write_text(f"Energy story {i}\n\n{body}\n")


def topic_theme(db, run_id):
    """topic -> theme id in a run, from the documents' names."""
    return dict(query(db, f"""SELECT DISTINCT split_part(d.external_id, '-', 1), pt.theme_id
                              FROM passage_themes pt JOIN passages p USING (passage_id)
                              JOIN documents d USING (doc_id) WHERE pt.run_id = '{run_id}'"""))


def test_continuing_themes_keep_their_ids_and_a_new_topic_gets_a_new_id(topic_corpus, tmp_path, fake_embedder):
    db = tmp_path / "c.duckdb"
    first = refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    before = topic_theme(db, first.run_id)
    assert sorted(before.values()) == [0, 1, 2]
    assert query(db, "SELECT count(*), min(relation), max(relation) FROM theme_lineage") == [(3, "new", "new")]

    add_energy_topic(topic_corpus)
    second = refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    after = topic_theme(db, second.run_id)
    assert {t: after[t] for t in before} == before  # flood, school, health keep their ids
    assert after["energy"] == 3  # never used before
    assert query(db, f"""SELECT theme_id, parent_theme_id, relation FROM theme_lineage
                         WHERE run_id = '{second.run_id}' ORDER BY theme_id""") == [
        (0, 0, "continued"), (1, 1, "continued"), (2, 2, "continued"), (3, None, "new")]

    # the energy documents leave: its theme is retired ...
    for path in topic_corpus.glob("energy-*.txt"):
        path.unlink()
    third = refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, f"""SELECT theme_id, parent_theme_id, relation FROM theme_lineage
                         WHERE run_id = '{third.run_id}' AND relation <> 'continued'""") == [(None, 3, "retired")]
    # ... and its id is never given out again, even to a theme about the same topic
    add_energy_topic(topic_corpus, seed=2)
    fourth = refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert topic_theme(db, fourth.run_id)["energy"] == 4


def test_a_refresh_with_few_new_passages_starts_from_the_last_runs_themes(topic_corpus, tmp_path, fake_embedder):
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    swept = "SELECT count(*) FROM run_metrics WHERE run_id = '{}' AND metric LIKE 'screen_k%'"
    assert query(db, swept.format("run-0001"))[0][0] == 5  # k = 2..6 screened
    flood = (topic_corpus / "flood-0.txt").read_text()
    (topic_corpus / "flood-9.txt").write_text(flood.replace("Flood story 0", "Flood story 9")
                                              .replace("wardens", "stewards"))
    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, swept.format("run-0002"))[0][0] == 0  # no search: one k-means run from the 3 known centres
    fitted = swept.replace("screen_k", "silhouette_k")
    assert query(db, fitted.format("run-0002"))[0][0] == 1
    # the theme map keeps every passage's place, and places the new document's passages too
    assert query(db, "SELECT count(*) FROM passage_map a JOIN passage_map b USING (passage_id) "
                     "WHERE a.run_id = 'run-0001' AND b.run_id = 'run-0002' AND (a.x <> b.x OR a.y <> b.y)") == [(0,)]
    assert query(db, "SELECT count(*) FROM passage_map WHERE run_id = 'run-0002'") == \
        query(db, "SELECT count(*) FROM passage_themes WHERE run_id = 'run-0002'")
    assert query(db, "SELECT relation, count(*) FROM theme_lineage WHERE run_id = 'run-0002' GROUP BY 1") == [
        ("continued", 3)]
    # with many new passages the number of themes is chosen afresh
    add_energy_topic(topic_corpus)
    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, swept.format("run-0003"))[0][0] == 5


def test_a_small_refresh_of_a_large_corpus_keeps_every_seen_passages_theme():
    import numpy as np
    from sklearn.datasets import make_moons

    from pipeline import refresh as stages
    from pipeline.embed.cache import EmbeddingResult
    from pipeline.model import Passage
    from pipeline.themes.lineage import PreviousThemes

    # 600 passages (enough for the spectral fit): two crescents the last run cut straight
    points, _ = make_moons(n_samples=600, noise=0.05, random_state=0)
    vectors = np.hstack([points, np.ones((600, 1))]).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    passages = [Passage(f"p{i:04d}", f"d{i:04d}", 0, f"text {i}", 0, 6) for i in range(600)]
    cut = {p.passage_id: (5 if x > 0.5 else 9) for p, (x, _) in zip(passages, points)}
    centres = np.vstack([vectors[[cut[p.passage_id] == t for p in passages]].mean(axis=0) for t in (5, 9)])
    previous = PreviousThemes("run-0001", [5, 9], centres / np.linalg.norm(centres, axis=1, keepdims=True),
                              {pid: t for pid, t in cut.items() if pid >= "p0010"}, next_id=10)  # 10 new
    settings = SETTINGS.replace("themes", min_themes=2, max_themes=6)
    embeddings = EmbeddingResult(vectors, "fake", 0, 600, {})
    model = stages.themes(passages, embeddings, settings, previous)
    model = stages.lineage(model, passages, previous, settings)
    kept = {p.passage_id: t for p, t in zip(passages, model.assignments)}
    assert {pid: kept[pid] for pid in previous.members} == previous.members
    assert {kept[f"p{i:04d}"] for i in range(10)} <= {5, 9}
