"""Themes fitted by spectral clustering: groups that follow their neighbourhoods, whatever the seed."""

import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_moons
from sklearn.metrics import adjusted_rand_score

from pipeline.themes.cluster import ThemeClusterer
from pipeline.themes.spectral import nearest_vote, neighbour_graph, spectral_themes


def moons(n=600, seed=0):
    """Two interlocking crescents: no straight border separates them, so k-means cuts both."""
    X, truth = make_moons(n_samples=n, noise=0.05, random_state=seed)
    return X.astype(np.float32), truth


def test_groups_that_no_straight_border_separates_are_found():
    X, truth = moons()
    assert adjusted_rand_score(truth, KMeans(n_clusters=2, n_init=10, random_state=0).fit_predict(X)) < 0.6
    assert adjusted_rand_score(truth, spectral_themes(X, 2)) > 0.95


def test_different_seeds_give_the_same_groups():
    X, _ = moons(seed=1)
    assert adjusted_rand_score(spectral_themes(X, 2, seed=1), spectral_themes(X, 2, seed=2)) == 1.0


def test_groups_with_no_edge_between_them_are_each_a_theme():
    rng = np.random.default_rng(3)
    centres = np.eye(8)[:3] * 5
    X = np.vstack([c + rng.normal(scale=0.2, size=(n, 8)) for c, n in zip(centres, (200, 150, 60))])
    truth = np.repeat([0, 1, 2], [200, 150, 60])
    graph = neighbour_graph(X, 10)
    assert graph[:200, 200:].nnz == 0  # the graph falls apart into the three groups
    assert adjusted_rand_score(truth, spectral_themes(X, 3)) == 1.0


def test_past_max_points_the_rest_take_the_theme_of_their_nearest_sampled_passages():
    X, truth = moons(n=1500, seed=2)
    labels = spectral_themes(X, 2, max_points=400)
    assert len(labels) == 1500
    assert adjusted_rand_score(truth, labels) > 0.95


def test_a_vote_of_neighbours_ties_go_to_the_lower_theme():
    reference = np.array([[0.0], [1.0], [10.0]])
    votes = nearest_vote(reference, np.array([1, 0, 2]), np.array([[0.5], [9.0]]), k=3, n_neighbors=2)
    assert votes.tolist() == [0, 0]  # [0.5]: one vote each for 1 and 0; [9.0]: 2 and 0 (from 1.0)


def test_the_clusterer_chooses_on_its_vectors_and_fits_on_the_vectors_in_context():
    X, truth = moons(n=600, seed=4)
    spectral = ThemeClusterer(n_themes=2).fit(X)
    kmeans = ThemeClusterer(n_themes=2, method="kmeans").fit(X)
    assert adjusted_rand_score(truth, spectral.labels_) > 0.95
    assert adjusted_rand_score(truth, kmeans.labels_) < 0.6
    # the themes are fitted on the second set of vectors: there one moon lies far from the other
    swapped = np.where(truth[:, None] == 0, X + [0.0, 5.0], X)
    assert adjusted_rand_score(truth, ThemeClusterer(n_themes=2).fit(X, swapped).labels_) == 1.0


def test_a_warm_start_keeps_the_previous_themes_and_new_rows_join_their_neighbours():
    X, truth = moons(n=800, seed=4)
    X = X / np.linalg.norm(X, axis=1, keepdims=True).clip(min=1e-9)
    # the previous run's themes: a straight cut, which a spectral fit afresh would not repeat
    previous = (X[:, 0] > 0).astype(int)
    known = previous.copy()
    known[:40] = -1  # forty rows new since
    centres = np.vstack([X[previous == t].mean(axis=0) for t in (0, 1)])
    fit = ThemeClusterer(init=centres).fit(X, known=known)
    same = fit.labels_[40:] == fit.labels_[40:][0]
    assert adjusted_rand_score(previous[40:], fit.labels_[40:]) == 1.0 and not same.all()
    # the new rows take the theme of the seen rows nearest them
    assert adjusted_rand_score(previous[:40], fit.labels_[:40]) == 1.0
    # without the previous themes the same warm start fits the graph again
    refit = ThemeClusterer(init=centres).fit(X)
    assert adjusted_rand_score(previous, refit.labels_) < 0.9


def test_a_warm_start_whose_previous_themes_lost_a_theme_fits_again():
    from pipeline.themes.spectral import keeps_themes

    assert keeps_themes(np.array([0, 1, 2, -1]), 3)
    assert not keeps_themes(np.array([0, 0, 2, -1]), 3)  # theme 1 has no passage left
    assert not keeps_themes(np.array([-1, -1]), 2) and not keeps_themes(None, 2)
