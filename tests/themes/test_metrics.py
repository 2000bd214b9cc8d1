import numpy as np
import pytest

from pipeline.themes.hierarchy import theme_hierarchy
from pipeline.themes.metrics import npmi_coherence, topic_diversity


def test_topic_diversity():
    assert topic_diversity([["flood", "river"], ["school", "pupils"]]) == 1.0
    assert topic_diversity([["flood", "river"], ["flood", "pupils"]]) == 0.75


def test_npmi_is_high_for_words_that_appear_together():
    texts = ["flood river", "flood river", "school pupils", "school pupils", "river school"]
    assert npmi_coherence([["flood", "river"], ["school", "pupils"]], texts) > 0.3
    assert npmi_coherence([["flood", "pupils"]], texts) == pytest.approx(-1.0)


def test_hierarchy_merges_the_closest_themes_first():
    centroids = np.array([[1, 0, 0], [0.95, 0.05, 0], [0, 1, 0], [0, 0, 1]], dtype=np.float32)
    rows = theme_hierarchy(centroids)
    level3 = {theme: group for level, theme, group in rows if level == 3}
    assert level3 == {0: 0, 1: 0, 2: 2, 3: 3}  # themes 0 and 1 are the first to merge
    assert {level for level, _, _ in rows} == {2, 3}
