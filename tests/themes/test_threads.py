import numpy as np
import pytest

import pipeline.themes.cluster as cluster
import pipeline.themes.threads as threads
from pipeline.themes.cluster import ThemeClusterer
from pipeline.themes.threads import map_fits


def test_results_come_back_in_the_order_of_the_items():
    assert map_fits(lambda k: k * k, [5, 1, 4, 2, 3]) == [25, 1, 16, 4, 9]
    assert map_fits(lambda k: k, []) == []


def test_an_error_in_one_fit_is_raised_to_the_caller():
    def fit(k):
        if k == 3:
            raise ValueError("no passages to cluster")
        return k

    with pytest.raises(ValueError, match="no passages to cluster"):
        map_fits(fit, [1, 2, 3, 4])


def test_two_fits_at_a_time_search_exactly_as_one_at_a_time(monkeypatch):
    # The search past 12 stops once the curve has turned down; a fit made beside the one that
    # stopped it must be dropped, so both ways try, score and keep the same numbers.
    rng = np.random.default_rng(6)
    centres = rng.normal(size=(14, 32)) * 3
    X = np.vstack([c + rng.normal(size=(100, 32)) for c in centres]).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    together = ThemeClusterer(min_size=5).fit(X)
    monkeypatch.setattr(threads, "FITS_AT_ONCE", 1)
    monkeypatch.setattr(cluster, "FITS_AT_ONCE", 1)
    alone = ThemeClusterer(min_size=5).fit(X)
    assert together.screen_ == alone.screen_ and together.silhouettes_ == alone.silhouettes_
    # the search went past 12 and stopped on its own before the end of its range (27)
    assert 14 < max(together.screen_) < cluster.most_themes(len(X))
    assert together.n_themes_ == alone.n_themes_ and np.array_equal(together.labels_, alone.labels_)
