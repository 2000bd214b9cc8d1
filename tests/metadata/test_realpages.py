"""The page-metadata readers on the labelled real pages beside the repository (../shared/realpages),
measured as benchmarks/realpages.py measures them; a floor under each figure so that a change
that loses titles, dates or DOIs, or starts inventing them, is noticed."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT.parent / "shared" / "realpages"


@pytest.fixture(scope="module")
def result():
    if not (PAGES / "manifest.jsonl").exists():
        pytest.skip(f"no labelled real pages at {PAGES}")
    spec = importlib.util.spec_from_file_location("realpages_benchmark", ROOT / "benchmarks" / "realpages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.measure(PAGES, verbose=False)


def _share(result, field):
    return result["right"][field] / result["total"][field]


def test_titles_dates_and_dois_are_found(result):
    assert _share(result, "title") >= 0.8
    assert _share(result, "date") >= 0.8
    assert _share(result, "doi") >= 0.9
    assert _share(result, "authors_bylines") >= 0.7


def test_nothing_is_invented_where_nothing_shows(result):
    assert sum(result["kept_empty"].values()) / sum(result["nulls"].values()) >= 0.95
