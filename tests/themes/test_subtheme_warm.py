"""Sub-themes kept from the last run: a theme that hardly changed keeps its sub-themes (or
stays whole), one that changed more is split afresh."""

import numpy as np

from pipeline.model import Passage
from pipeline.themes.lineage import PreviousThemes
from pipeline.themes.subtheme_warm import nearest_parts, previous_splits
from pipeline.themes.subthemes import SubThemeSplitter, split_themes


def passages_for(n: int) -> list[Passage]:
    return [Passage(f"p{i:04d}", f"d{i}", 0, f"text {i}", 0, 6) for i in range(n)]


def unit(M: np.ndarray) -> np.ndarray:
    return (M / np.linalg.norm(M, axis=1, keepdims=True)).astype(np.float32)


# Last run: theme 0 = passages 0-59, split into sub-themes 7 (0-29) and 8 (30-59);
# theme 1 = passages 60-99, left whole.
CENTRES = unit(np.array([[1.0, 0.2, 0.0], [0.2, 1.0, 0.0]]))
THEMES = PreviousThemes("run-0001", [0, 1], unit(np.eye(3)[:2]),
                        {f"p{i:04d}": 0 if i < 60 else 1 for i in range(100)}, next_id=2)
SUBTHEMES = PreviousThemes("run-0001", [7, 8], CENTRES,
                           {f"p{i:04d}": 7 if i < 30 else 8 for i in range(60)}, next_id=9)


def test_a_theme_that_hardly_changed_keeps_its_sub_themes_and_a_whole_one_stays_whole():
    passages = passages_for(104)  # four new passages
    labels = np.array([0] * 62 + [1] * 42)
    known = previous_splits(passages, labels, THEMES, SUBTHEMES, refit_share=0.1)
    assert set(known) == {0, 1}
    assert np.allclose(known[0], CENTRES)
    assert known[1] is None


def test_a_theme_that_changed_more_than_the_refit_share_is_split_afresh():
    passages = passages_for(100)
    labels = np.array([0] * 50 + [1] * 50)  # theme 1 took ten of theme 0's passages
    known = previous_splits(passages, labels, THEMES, SUBTHEMES, refit_share=0.1)
    assert 0 not in known and 1 not in known  # theme 0 lost a sixth; theme 1 gained a fifth
    assert previous_splits(passages_for(100), np.array([0] * 60 + [1] * 40), THEMES, None, 0.1) == {}


def test_passages_join_the_nearest_previous_sub_theme_unless_one_would_be_too_small():
    X = unit(np.array([[1.0, 0.1, 0.0]] * 6 + [[0.1, 1.0, 0.0]] * 5))
    assert nearest_parts(X, CENTRES, min_size=5).tolist() == [0] * 6 + [1] * 5
    assert nearest_parts(X, CENTRES, min_size=6) is None
    assert nearest_parts(X[:6], CENTRES, min_size=1) is None  # all in one: split afresh
    assert nearest_parts(X, None, min_size=5).tolist() == [0] * 11


def test_a_kept_split_takes_the_place_of_a_new_one():
    rng = np.random.default_rng(0)
    X = unit(np.vstack([CENTRES[0] + 0.05 * rng.standard_normal((40, 3)),
                        CENTRES[1] + 0.05 * rng.standard_normal((40, 3))]))
    passages, labels = passages_for(80), np.zeros(80, dtype=int)
    # a theme the last run left whole stays whole, though it falls apart in two
    assert set(split_themes(passages, X, labels, SubThemeSplitter(), {0: None}).tolist()) == {-1}
    fresh = split_themes(passages, X, labels, SubThemeSplitter())
    assert sorted(set(fresh.tolist())) == [0, 1]
    kept = split_themes(passages, X, labels, SubThemeSplitter(), {0: CENTRES})
    assert kept.tolist() == fresh.tolist()
