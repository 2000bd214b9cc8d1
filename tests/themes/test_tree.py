import numpy as np
import pytest
from sklearn.metrics.pairwise import euclidean_distances

from pipeline.themes.tree import tree_centres, tree_groups, ward_tree


def three_groups(seed=0):
    # three tight groups far apart, shuffled so the tree's leaves are not in group order
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    truth = np.repeat([0, 1, 2], [6, 4, 3])
    X = centres[truth] + rng.normal(scale=0.1, size=(len(truth), 2))
    order = rng.permutation(len(truth))
    return X[order], truth[order]


def test_cutting_the_tree_gives_exactly_k_groups_numbered_by_first_leaf():
    X, truth = three_groups()
    tree = ward_tree(euclidean_distances(X))
    groups = tree_groups(tree, len(X), 3)
    assert sorted(set(groups)) == [0, 1, 2]
    assert groups[0] == 0
    # the far-apart groups are found whole, whatever their numbers
    assert len({(g, t) for g, t in zip(groups, truth)}) == 3
    firsts = [int(np.flatnonzero(groups == g)[0]) for g in range(3)]
    assert firsts == sorted(firsts)
    for k in range(1, len(X) + 1):
        assert len(set(tree_groups(tree, len(X), k))) == k


def test_more_groups_than_leaves_gives_one_group_a_leaf():
    X, _ = three_groups()
    tree = ward_tree(euclidean_distances(X))
    assert sorted(tree_groups(tree, len(X), 50)) == list(range(len(X)))


def test_centres_are_the_means_of_the_groups():
    X, truth = three_groups(seed=1)
    tree = ward_tree(euclidean_distances(X))
    centres = tree_centres(X, tree, 3)
    assert centres.shape == (3, 2)
    expected = sorted(map(tuple, np.round([X[truth == t].mean(axis=0) for t in range(3)], 6)))
    assert sorted(map(tuple, np.round(centres, 6))) == expected


def test_the_same_distances_give_the_same_tree():
    X, _ = three_groups(seed=2)
    D = euclidean_distances(X)
    assert np.array_equal(ward_tree(D), ward_tree(D.copy()))


def test_a_single_passage_has_an_empty_tree_and_one_group():
    tree = ward_tree(np.zeros((1, 1)))
    assert tree.shape == (0, 4)
    assert tree_groups(tree, 1, 3).tolist() == [0]
    assert tree_centres(np.ones((1, 4)), tree, 2) == pytest.approx(np.ones((1, 4)))
