"""Labels chosen by what they name: the candidate phrase that picks out a theme's passages."""

import numpy as np

from pipeline.model import Passage, Theme, ThemeModel
from pipeline.themes.naming import best_names, candidates, name_themes
from tests.conftest import FakeEmbedder


def test_candidates_are_the_keyword_label_then_every_short_combination_as_written():
    names = candidates(["ppg", "patients", "practice", "meetings"], {"ppg": "PPG"}, "PPG, patients, practice", pool=3)
    assert names[0] == "PPG, patients, practice"
    assert {"PPG", "Patients", "Practice", "PPG, patients", "Patients, practice"} <= set(names)
    assert all("meetings" not in n for n in names)  # beyond the pool
    assert len(names) == len(set(names)) == 7  # 3 + 3 + 1, the 3-term one being the keyword label


def test_each_group_takes_the_option_that_names_its_own_rows():
    X = np.eye(3, dtype=np.float32)[[0, 0, 1, 1, 2, 2]]
    y = np.array([0, 0, 1, 1, 2, 2])
    # group 0 starts with an option nearer group 1's rows; its second option is its own
    options = [np.array([[0, 1, 0], [1, 0, 0]], dtype=np.float32), np.array([[0, 1, 0]], dtype=np.float32),
               np.array([[0, 0, 1]], dtype=np.float32)]
    assert best_names(X, y, options, fixed=set()) == [1, 0, 0]
    assert best_names(X, y, options, fixed={0}) == [0, 0, 0]  # a researcher's name stays


def test_a_theme_named_by_words_another_theme_shares_is_renamed_by_its_own():
    embedder = FakeEmbedder()
    texts = ["council tenants repairs boilers"] * 5 + ["council tenants gardens allotment"] * 5
    passages = [Passage(f"p{i}", f"d{i}", 0, t, 0, len(t)) for i, t in enumerate(texts)]
    vectors = embedder.embed(texts)
    themes = [Theme(0, "Council, tenants, repairs", ("council", "tenants", "repairs", "boilers"), (1, 1, 1, 1), 5),
              Theme(1, "Council, tenants, gardens", ("council", "tenants", "gardens", "allotment"), (1, 1, 1, 1), 5,
                    label_source="renamed")]
    model = ThemeModel(themes=themes, assignments=[0] * 5 + [1] * 5, scores=[1.0] * 10)
    named = name_themes(model, passages, vectors, embedder)
    first = named.themes[0].label.lower()
    assert "council" not in first and ("repairs" in first or "boilers" in first)
    assert named.themes[1].label == "Council, tenants, gardens"  # renamed by a researcher: kept
