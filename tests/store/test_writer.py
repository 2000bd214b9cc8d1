import json

import pytest

from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import query

SETTINGS = Settings().replace("themes", min_themes=2, max_themes=3)


def _write(corpus, titles: dict[str, str]) -> None:
    """One JSONL file of records whose texts never change; only their titles do."""
    with (corpus / "records.jsonl").open("w", encoding="utf-8") as out:
        for i, (key, title) in enumerate(sorted(titles.items())):
            text = (f"Record {i}: residents and the council planned the {key} service together, "
                    f"meeting every month to review what the {key} volunteers had learned.")
            out.write(json.dumps({"id": key, "text": text, "title": title, "genre": "abstract"}) + "\n")


def test_unchanged_documents_are_kept_and_a_changed_title_alone_is_stored(tmp_path, fake_embedder):
    corpus, db = tmp_path / "corpus", tmp_path / "c.duckdb"
    corpus.mkdir()
    titles = {key: f"{key.title()} study" for key in ("library", "transport", "housing", "parks")}
    _write(corpus, titles)
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    _write(corpus, {k: v for k, v in titles.items() if k != "parks"})  # parks leaves the corpus
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    _write(corpus, {**titles, "library": "Library co-design study"})  # parks is back, unchanged
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    rows = {key: rest for key, *rest in query(
        db, "SELECT external_id, title, first_run_id, last_run_id, retired_run_id, n_versions FROM documents")}
    assert rows["parks"] == ["Parks study", "run-0001", "run-0003", None, 1]
    assert rows["library"] == ["Library co-design study", "run-0001", "run-0003", None, 1]
    assert rows["housing"] == ["Housing study", "run-0001", "run-0003", None, 1]
    assert query(db, "SELECT count(*) FROM v_document_themes WHERE title = 'Parks study'") == [(1,)]


def test_records_excluded_at_screening_are_stored_but_not_modelled(tmp_path, fake_embedder):
    corpus, db = tmp_path / "corpus", tmp_path / "c.duckdb"
    corpus.mkdir()
    rows = ["record_id,title,abstract,year,label_included"]
    for i, key in enumerate(("library", "transport", "housing", "parks", "soil")):
        rows.append(f"{i},{key.title()} study,Residents and the council planned the {key} service together "
                    f"and met every month to review what the {key} volunteers had learned.,2020,"
                    f"{0 if key == 'soil' else 1}")
    (corpus / "labelled.csv").write_text("\n".join(rows) + "\n")
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, "SELECT title, screening FROM documents ORDER BY title") == [
        ("Housing study", "included"), ("Library study", "included"), ("Parks study", "included"),
        ("Soil study", "excluded"), ("Transport study", "included")]
    assert query(db, "SELECT d.title, p.excluded FROM passages p JOIN documents d USING (doc_id) "
                     "WHERE p.excluded IS NOT NULL") == [("Soil study", "excluded at screening")]
    assert query(db, "SELECT n_documents, n_modelled FROM runs") == [(5, 4)]


@pytest.mark.slow  # 2,001 documents through every stage
def test_keywords_of_one_record_among_thousands_without_are_stored(tmp_path, fake_embedder):
    # DuckDB guessed a list column's type from a sample of its rows: 2,001 records whose only
    # keywords and authors are on the second one failed the refresh with "Failed to cast
    # value: Unimplemented type for cast (VARCHAR -> "NULL")".
    corpus, db = tmp_path / "corpus", tmp_path / "c.duckdb"
    corpus.mkdir()
    topics = ("library", "transport", "housing", "parks")
    with (corpus / "records.jsonl").open("w", encoding="utf-8") as out:
        for i in range(2_001):
            record = {"id": f"r{i}", "text": f"Note {i}: residents ran the {topics[i % 4]} service with the council."}
            if i == 1:
                record.update(authors=["Cluley, Victoria"], keywords=["co-production"], date="2021-03-04")
            out.write(json.dumps(record) + "\n")
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, "SELECT count(*) FROM documents") == [(2_001,)]
    assert query(db, "SELECT authors, keywords, published::VARCHAR FROM documents WHERE external_id = 'r1'") \
        == [(["Victoria Cluley"], ["co-production"], "2021-03-04")]
