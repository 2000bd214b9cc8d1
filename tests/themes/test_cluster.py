import numpy as np
import pytest
from sklearn.metrics import silhouette_score

from pipeline.themes.cluster import SAMPLE_SEED, ThemeClusterer, finest_within, second_themes


def blobs(sizes=(30, 20, 10), dim=16, seed=0):
    rng = np.random.default_rng(seed)
    centres = np.eye(dim)[: len(sizes)] * 5
    X = np.vstack([c + rng.normal(scale=0.3, size=(n, dim)) for c, n in zip(centres, sizes)])
    truth = np.repeat(np.arange(len(sizes)), sizes)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    return X.astype(np.float32), truth


def test_finds_the_number_of_groups_and_numbers_them_by_size():
    X, truth = blobs()
    model = ThemeClusterer(min_themes=2, max_themes=6).fit(X)
    assert model.n_themes_ == 3
    assert np.array_equal(model.labels_, truth)  # largest group is theme 0
    assert model.centroids_.shape == (3, 16)
    assert np.all(model.scores_ > 0.8)
    assert model.silhouette_ > 0.5


def test_same_input_same_themes_and_fixed_number_is_respected():
    X, _ = blobs(seed=1)
    a = ThemeClusterer(seed=3).fit(X)
    b = ThemeClusterer(seed=3).fit(X)
    assert np.array_equal(a.labels_, b.labels_)
    assert ThemeClusterer(n_themes=5).fit(X).n_themes_ == 5


def test_on_a_large_corpus_k_is_chosen_on_a_sample_and_every_passage_is_assigned():
    X, truth = blobs(sizes=(300, 200, 100), seed=2)
    model = ThemeClusterer(min_themes=2, max_themes=6, selection_size=120).fit(X)
    assert model.n_themes_ == 3
    assert np.array_equal(model.labels_, truth)
    again = ThemeClusterer(min_themes=2, max_themes=6, selection_size=120).fit(X)
    assert np.array_equal(model.centroids_, again.centroids_)


def test_each_candidate_silhouette_is_scored_on_the_same_sample_as_scikit_learn_draws():
    # run_metrics stores silhouette_k<k> for every candidate: they must be the published
    # silhouette on a sample of sample_size passages, not a figure of coprod's own.
    X, _ = blobs(sizes=(60, 50, 40, 30), seed=4)
    model = ThemeClusterer(min_themes=2, max_themes=5, sample_size=70, seed=7).fit(X)
    assert sorted(model.screen_) == [2, 3, 4, 5]
    assert 4 in model.silhouettes_ and set(model.silhouettes_) <= set(model.screen_)
    for k, score in model.silhouettes_.items():
        # the candidates are fitted with the search's own seed (see the flat-curve test below)
        labels = ThemeClusterer(n_themes=k, seed=model.selection_seed).fit(X).labels_
        assert score == pytest.approx(silhouette_score(X, labels, sample_size=70, random_state=SAMPLE_SEED), abs=1e-6)
    assert model.n_themes_ == 4


def test_tiny_inputs_still_get_a_theme():
    X, _ = blobs(sizes=(1, 1))
    assert ThemeClusterer().fit(X).n_themes_ == 1


def test_identical_passages_make_one_theme():
    X = np.tile(np.eye(4, dtype=np.float32)[0], (10, 1))
    model = ThemeClusterer().fit(X)
    assert model.n_themes_ == 1 and set(model.labels_) == {0}


def test_a_theme_under_the_minimum_size_joins_its_nearest_neighbour():
    X, truth = blobs(sizes=(30, 20, 3))
    kept = ThemeClusterer(n_themes=3, min_size=1).fit(X)
    assert kept.n_themes_ == 3
    merged = ThemeClusterer(n_themes=3, min_size=5).fit(X)
    assert merged.n_themes_ == 2
    assert np.array_equal(merged.labels_[:50], truth[:50])  # the two real groups are untouched
    assert np.bincount(merged.labels_).sum() == 53  # each stray passage went to its nearest theme


def test_a_passage_between_two_themes_carries_the_second_one():
    X, _ = blobs(sizes=(30, 20), dim=16, seed=2)
    between = (X[0] + X[35]) / np.linalg.norm(X[0] + X[35])  # halfway between the two groups
    X = np.vstack([X, between[None, :]])
    model = ThemeClusterer(n_themes=2).fit(X)
    seconds, second_scores = second_themes(X, model.centroids_, model.labels_, model.scores_, 0.1)
    own, second = model.labels_[-1], seconds[-1]
    assert second == 1 - own
    assert model.scores_[-1] - second_scores[-1] <= 0.1
    assert np.all(seconds[:50] == -1)  # passages inside a group have none
    assert np.all(second_themes(X, model.centroids_, model.labels_, model.scores_, 0.0)[0] == -1)  # margin 0: never


def test_the_number_of_themes_is_not_capped_at_twelve():
    # 24 well-separated groups: a fixed ceiling of 12 would merge them in pairs (the choice
    # keeps the finest split within a tenth of the best silhouette, so it may split one more)
    rng = np.random.default_rng(5)
    centres = rng.normal(size=(24, 32)) * 3
    X = np.vstack([c + rng.normal(size=(60, 32)) for c in centres]).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    assert 24 <= ThemeClusterer(min_size=5).fit(X).n_themes_ <= 27


def test_past_twelve_the_search_stops_once_the_silhouette_has_turned_down():
    rng = np.random.default_rng(6)
    centres = rng.normal(size=(4, 32)) * 3
    X = np.vstack([c + rng.normal(size=(800, 32)) for c in centres]).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    model = ThemeClusterer(min_size=5).fit(X)
    # every number up to 12 is tried; of the larger ones only the first few (the range ends at 40)
    assert model.n_themes_ == 4 and set(range(3, 13)) <= set(model.screen_)
    assert max(model.screen_) < 30


def test_a_small_corpus_whose_curve_dips_and_rises_again_keeps_the_finer_split():
    # the shape of the real pages' curve: the best at 3, a dip, then within a tenth again at 10-12
    scores = {3: 0.046, 4: 0.039, 5: 0.038, 6: 0.034, 7: 0.037, 8: 0.040, 9: 0.038, 10: 0.045,
              11: 0.044, 12: 0.045}
    assert finest_within(scores, 0.1) == 12


def test_the_number_of_themes_does_not_move_with_the_seed_alone():
    # the silhouette sample is drawn with its own seed: only k-means' seeding changes
    X, _ = blobs(sizes=(60, 50, 40, 30), seed=4)
    found = {ThemeClusterer(min_themes=2, max_themes=8, sample_size=70, seed=seed).fit(X).n_themes_
             for seed in (1, 2, 3)}
    assert found == {4}


def test_on_a_flat_curve_every_seed_keeps_the_number_of_themes_the_search_chose():
    # Structureless vectors: every split scores about the same, and each seed's k-means
    # lands on its own local optimum. The number of themes is chosen with the search's seed,
    # so every seed scores the same candidates and keeps the same number; only the fit differs.
    X = np.random.default_rng(3).normal(size=(400, 12)).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    fits = [ThemeClusterer(min_themes=2, max_themes=10, n_init=1, seed=seed).fit(X) for seed in (42, 7, 8)]
    assert fits[1].silhouettes_ == fits[0].silhouettes_ == fits[2].silhouettes_
    assert fits[1].screen_ == fits[0].screen_ == fits[2].screen_
    assert {f.n_themes_ for f in fits} == {fits[0].n_themes_}
    # the seed still seeds the fit of that number
    assert not np.array_equal(fits[1].labels_, fits[2].labels_)


def test_only_numbers_the_quick_screen_puts_near_the_best_are_fitted_with_ten_starts():
    # five clear groups: the screen scores every number, the numbers far below the best
    # (2, and 8 or more) are never fitted with ten starts, and the choice is the five groups
    X, truth = blobs(sizes=(50, 45, 40, 35, 30), seed=8)
    model = ThemeClusterer(min_themes=2, max_themes=10).fit(X)
    assert sorted(model.screen_) == list(range(2, 11))
    best = max(model.screen_.values())
    near = {k for k, v in model.screen_.items() if v >= best * (1 - 2 * model.tolerance)}
    assert set(model.silhouettes_) == near and 2 not in near and 10 not in near
    assert model.n_themes_ == 5 and np.array_equal(model.labels_, truth)


def test_the_choice_is_made_on_the_ten_start_fits_not_the_screen():
    # Structureless vectors: the quick screen and the ten-start fits land on different optima,
    # so their scores differ; the number kept is the one the ten-start scores choose.
    # (With these vectors the screen alone would keep 6 themes, the ten-start fits keep 8.)
    X = np.random.default_rng(8).normal(size=(300, 10)).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    model = ThemeClusterer(min_themes=2, max_themes=8, tolerance=0.03).fit(X)
    assert finest_within(model.screen_, model.tolerance) == 6
    assert model.n_themes_ == finest_within(model.silhouettes_, model.tolerance) == 8


def test_negative_silhouettes_still_give_a_choice():
    # a best score below zero: the tolerance is a share of its size, not a product with it
    assert finest_within({2: -0.02, 3: -0.021, 4: -0.05}, 0.1) == 3
