import numpy as np

from pipeline.themes.lineage import LineageRow, PreviousThemes, match_themes

E = np.eye(6, dtype=np.float32)


def unit(*rows):
    m = np.vstack(rows).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def previous(ids, centroids, members, next_id=10):
    return PreviousThemes("run-0001", ids, centroids, members, next_id)


def test_the_first_run_numbers_themes_by_position():
    ids, rows = match_themes(unit(E[0], E[1]), [0, 1], ["a", "b"], None)
    assert ids == [0, 1]
    assert rows == [LineageRow(0, None, None, "new"), LineageRow(1, None, None, "new")]


def test_continuing_themes_keep_their_ids_whatever_order_the_refit_found_them_in():
    before = previous([4, 7], unit(E[0], E[1]), {"a": 4, "b": 7})
    ids, rows = match_themes(unit(E[1] + 0.1 * E[2], E[0]), [0, 1], ["b", "a"], before)
    assert ids == [7, 4]
    assert sorted(r.relation for r in rows) == ["continued", "continued"]


def test_a_new_theme_gets_a_never_used_id_and_a_vanished_one_is_retired():
    before = previous([0, 1], unit(E[0], E[1]), {"a": 0, "b": 1}, next_id=5)
    ids, rows = match_themes(unit(E[0], E[2]), [0, 1], ["a", "c"], before)
    assert ids == [0, 5]
    assert set(rows) == {LineageRow(0, "run-0001", 0, "continued"), LineageRow(5, None, None, "new"),
                         LineageRow(None, "run-0001", 1, "retired")}


def test_a_theme_split_in_two_and_two_themes_merged_into_one():
    # before: theme 0 (passages a1..a4) and 1 (b1, b2) and 2 (c1, c2)
    members = {"a1": 0, "a2": 0, "a3": 0, "a4": 0, "b1": 1, "b2": 1, "c1": 2, "c2": 2}
    before = previous([0, 1, 2], unit(E[0], E[1], E[2]), members, next_id=3)
    # after: a's theme continues (a1, a2), a3 and a4 form their own theme, b and c merged
    centroids = unit(E[0], E[0] + 0.9 * E[3], E[1] + E[2] + 0.3 * E[0])
    labels = [0, 0, 1, 1, 2, 2, 2, 2]
    ids, rows = match_themes(centroids, labels, list(members), before)
    assert ids[0] == 0
    split, merged = ids[1], ids[2]
    assert LineageRow(split, "run-0001", 0, "split") in rows
    # one of b / c continues into the merged theme (best match), the other merged into it
    relations = {(r.parent_theme_id, r.relation) for r in rows if r.theme_id == merged}
    assert relations in ({(1, "continued"), (2, "merged")}, {(2, "continued"), (1, "merged")},
                         {(1, "merged"), (2, "merged")})
