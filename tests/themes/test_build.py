import numpy as np

from pipeline.model import Passage
from pipeline.settings import ThemeSettings
from pipeline.themes.build import document_shares, find_themes, representatives


def test_representatives_come_from_different_documents():
    passages = [Passage(f"p{i}", doc, i, "t", 0, 1) for i, doc in enumerate(["a", "a", "b", "c"])]
    reps = representatives(passages, np.array([0, 0, 0, 0]), np.array([0.9, 0.8, 0.7, 0.1]), n=3)
    assert reps == {0: ["p0", "p2", "p3"]}


def test_document_shares_add_up_to_one():
    passages = [Passage(f"p{i}", doc, i, "t", 0, 1) for i, doc in enumerate(["a", "a", "a", "b"])]
    shares = document_shares(passages, np.array([0, 1, 1, 1]), np.array([0.9, 0.5, 0.7, 0.4]))
    assert shares == [("a", 0, 1 / 3, 0.9), ("a", 1, 2 / 3, 0.6), ("b", 1, 1.0, 0.4)]


def test_find_themes_on_fake_embeddings(fake_embedder):
    texts = [f"flood wardens river gauges sandbags {i}" for i in range(6)] + \
            [f"school pupils lessons teachers parents {i}" for i in range(6)]
    passages = [Passage(f"p{i}", f"d{i % 4}", i, t, 0, len(t)) for i, t in enumerate(texts)]
    model = find_themes(passages, fake_embedder.embed(texts), ThemeSettings(n_themes=2))
    assert len(model.themes) == 2
    assert model.assignments[:6] == [model.assignments[0]] * 6
    flood = model.themes[model.assignments[0]]
    assert any("flood" in k for k in flood.keywords)
    assert not any("pupils" in k for k in flood.keywords)
    assert sum(t.size for t in model.themes) == 12


def test_the_same_passages_in_another_order_get_the_same_themes():
    rng = np.random.default_rng(3)
    # overlapping groups, as sentence embeddings are: where k-means starts decides where it ends
    centres = rng.normal(size=(6, 16))
    vectors = np.vstack([c + rng.normal(scale=1.5, size=(30, 16)) for c in centres]).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    passages = [Passage(f"p{i:03d}", f"d{i}", 0, f"text {i}", 0, 6) for i in range(len(vectors))]
    settings = ThemeSettings(min_themes=2, max_themes=8)
    first = find_themes(passages, vectors, settings)
    order = rng.permutation(len(passages))
    second = find_themes([passages[i] for i in order], vectors[order], settings)
    by_id = dict(zip((p.passage_id for p in passages), first.assignments))
    assert [by_id[passages[i].passage_id] for i in order] == second.assignments
