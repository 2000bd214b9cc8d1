import numpy as np

from pipeline.themes.projection import extend_map, map_sample, passage_map


def groups(n_per=20, dim=16, seed=0):
    rng = np.random.default_rng(seed)
    X = np.vstack([np.eye(dim)[g] * 4 + rng.normal(scale=0.3, size=(n_per, dim)) for g in range(3)])
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    return X.astype(np.float32), [g for g in range(3) for _ in range(n_per)], [f"p{i:03d}" for i in range(3 * n_per)]


def test_a_large_run_maps_the_same_share_of_every_theme_and_always_the_same_passages():
    ids = [f"p{i}" for i in range(1000)]
    labels = [0] * 800 + [1] * 150 + [2] * 50
    rows = map_sample(ids, labels, 100)
    assert [sum(labels[r] == t for r in rows) for t in range(3)] == [80, 15, 5]
    assert rows == map_sample(ids, labels, 100)
    assert map_sample(ids[:50], labels[:50], 100) == list(range(50))


def test_passages_of_a_theme_lie_together_on_the_map():
    X, labels, ids = groups()
    points = passage_map(ids, labels, X, max_points=100)
    xy = np.array([(x, y) for _, x, y in points])
    assert len(points) == 60 and xy.min() >= 0 and xy.max() == 1.0
    centres = np.array([xy[np.array(labels) == g].mean(axis=0) for g in range(3)])
    spread = max(np.linalg.norm(xy[np.array(labels) == g] - centres[g], axis=1).mean() for g in range(3))
    gaps = min(np.linalg.norm(centres[a] - centres[b]) for a in range(3) for b in range(a + 1, 3))
    assert gaps > 2 * spread
    assert points == passage_map(ids, labels, X, max_points=100)  # deterministic


def test_a_refresh_that_adds_little_keeps_the_map_and_places_newcomers_by_their_neighbours():
    X, labels, ids = groups()
    before = {pid: (x, y) for pid, x, y in passage_map(ids[:-1], labels[:-1], X[:-1], 100)}
    after = {pid: (x, y) for pid, x, y in extend_map(before, ids, labels, X, 100, refit_share=0.1)}
    assert all(after[pid] == before[pid] for pid in before)  # nobody moved
    newcomer = np.array(after[ids[-1]])  # a passage of the last group
    own = np.array([before[pid] for pid, g in zip(ids[:-1], labels) if g == 2]).mean(axis=0)
    other = np.array([before[pid] for pid, g in zip(ids[:-1], labels) if g == 0]).mean(axis=0)
    assert np.linalg.norm(newcomer - own) < np.linalg.norm(newcomer - other)
    # many newcomers: the map is made afresh
    remade = extend_map(dict(list(before.items())[:30]), ids, labels, X, 100, refit_share=0.1)
    assert remade == passage_map(ids, labels, X, 100)
