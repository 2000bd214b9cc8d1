"""Every real export file in shared/exports (beside the repository) is read whole: at least 98%
of the records its expected.jsonl counts become documents, with the first record's title and DOI."""

import json
import os
from pathlib import Path

import pytest

from pipeline.prepare import prepare_documents
from pipeline.sources.corpus import read_file
from pipeline.sources.manifest import Manifest

EXPORTS = Path(os.environ.get("COPROD_SHARED_DIR") or Path(__file__).resolve().parents[2].parent / "shared") / "exports"
EXPECTED = EXPORTS / "expected.jsonl"


def expected_rows() -> list[dict]:
    if not EXPECTED.is_file():
        return []
    return [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.skipif(not EXPECTED.is_file(), reason=f"no real export files at {EXPORTS} (shared/exports beside "
                                                   "the repository, or $COPROD_SHARED_DIR/exports)")
@pytest.mark.parametrize("row", expected_rows(), ids=lambda row: row["file"])
def test_real_export_is_read_whole(row):
    path = EXPORTS / row["file"]
    raws, _ = read_file(path, path.name, Manifest())
    documents, rejected = prepare_documents(raws)
    assert rejected == []
    assert len(documents) >= 0.98 * row["records"], f"{len(documents)} of {row['records']} records"
    with_abstract = sum(1 for d in documents if d.text != d.title)
    assert with_abstract >= 0.98 * row["with_abstract"], f"{with_abstract} of {row['with_abstract']} abstracts"
    first = documents[0]
    assert " ".join(first.title.split()) == row["first_title"]
    assert first.doi == (row["first_doi"].lower() if row["first_doi"] else None)
