"""Sub-themes: a varied theme is split into its parts, a homogeneous one is left whole, and
the split does not depend on the order of the passages."""

import numpy as np

from pipeline.model import Passage
from pipeline.themes.subthemes import SubThemeSplitter, describe_subthemes, split_themes


def cloud(centres: list[np.ndarray], per: int, spread: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    rows = [c + spread * rng.standard_normal((per, len(c))) for c in centres]
    X = np.vstack(rows).astype(np.float32)
    return X / np.linalg.norm(X, axis=1, keepdims=True)


def directions(n: int, dim: int = 48, seed: int = 1) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(dim) for _ in range(n)]


def test_a_theme_of_three_distinct_groups_is_split_into_three():
    base = directions(1)[0]
    parts = [base + 0.8 * d for d in directions(3, seed=2)]
    X = cloud(parts, 40, 0.15)
    labels = SubThemeSplitter().fit(X).labels_
    assert len(set(labels.tolist())) == 3
    # each group of 40 lies in one sub-theme
    assert all(len(set(labels[i * 40:(i + 1) * 40].tolist())) == 1 for i in range(3))


def test_a_homogeneous_theme_has_no_sub_themes():
    X = cloud(directions(1), 200, 0.3)
    splitter = SubThemeSplitter().fit(X)
    assert set(splitter.labels_.tolist()) == {0}
    assert not splitter.silhouette_ > splitter.reference_ * 1.1


def test_a_small_theme_is_not_split():
    base = directions(1)[0]
    X = cloud([base + d for d in directions(2, seed=3)], 12, 0.1)  # 24 passages < 30
    assert set(SubThemeSplitter().fit(X).labels_.tolist()) == {0}


def passages_for(n: int) -> list[Passage]:
    return [Passage(f"p{i:04d}", f"d{i // 2}", i % 2, f"text {i}", 0, 6) for i in range(n)]


def test_the_split_is_the_same_whatever_the_order_of_the_passages():
    base = directions(1)[0]
    X = cloud([base + 0.8 * d for d in directions(2, seed=4)], 40, 0.2)
    passages = passages_for(len(X))
    labels = np.zeros(len(X), dtype=int)
    first = split_themes(passages, X, labels, SubThemeSplitter())
    order = np.random.default_rng(5).permutation(len(X))
    shuffled = split_themes([passages[i] for i in order], X[order], labels[order], SubThemeSplitter())
    assert dict(zip([p.passage_id for p in passages], first.tolist())) == \
        dict(zip([passages[i].passage_id for i in order], shuffled.tolist()))
    assert sorted(set(first.tolist())) == [0, 1]


def test_sub_theme_keywords_tell_the_sibling_sub_themes_apart():
    texts = (["tenants repair boilers heating flats landlord"] * 20 + ["tenants garden allotment compost planting"] * 20
             + ["pupils classroom lessons homework teachers"] * 10)
    passages = [Passage(f"p{i:03d}", f"d{i}", 0, t, 0, len(t)) for i, t in enumerate(texts)]
    X = np.eye(3, dtype=np.float32)[[0] * 20 + [1] * 20 + [2] * 10]
    themes = np.array([0] * 40 + [1] * 10)
    parts = np.array([0] * 20 + [1] * 20 + [-1] * 10)
    split = describe_subthemes(passages, X, themes, parts, n_keywords=4, n_representatives=2)
    assert [(s.subtheme_id, s.theme_id, s.size) for s in split.subthemes] == [(0, 0, 20), (1, 0, 20)]
    # "tenants" is shared by both: it names the theme, not either sub-theme
    assert "tenants" not in split.subthemes[0].keywords[:3]
    words = [set(" ".join(s.keywords).split()) for s in split.subthemes]
    assert {"repair", "boilers", "heating"} & words[0] and not {"garden", "allotment", "compost"} & words[0]
    assert {"garden", "allotment", "compost"} & words[1] and not {"repair", "boilers", "heating"} & words[1]
    assert split.assignments[45] == -1 and np.isnan(split.scores[45])
    assert len(split.representatives[0]) == 2 and split.representatives[0][0].startswith("p0")
