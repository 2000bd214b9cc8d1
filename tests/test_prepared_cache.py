"""Unchanged documents are not prepared again: the cached form is the same Document."""

import dataclasses
import json
import logging

from pipeline.prepare import prepare_documents
from pipeline.prepared_cache import from_json, to_json
from pipeline.refresh import ingest, refresh
from pipeline.settings import Settings
from pipeline.sources import read_corpus
from tests.conftest import DEFAULT_CORPUS, query

SETTINGS = Settings().replace("themes", n_themes=3, taxonomy="")


def test_a_prepared_document_survives_the_cache_unchanged():
    raws, _ = read_corpus(DEFAULT_CORPUS)
    documents, _ = prepare_documents(raws)
    assert len(documents) > 30
    for document in documents:  # forum posts, sections, removed lines, dates, DOIs
        assert from_json(to_json(document)) == document


def test_the_cached_json_has_every_field_of_the_document_and_nothing_else():
    # the cache of a file written by an earlier release (dataclasses.asdict) reads the same
    raws, _ = read_corpus(DEFAULT_CORPUS)
    documents, _ = prepare_documents(raws)
    for document in documents:
        expected = dataclasses.asdict(document)
        expected["published"] = document.published.isoformat() if document.published else None
        assert json.loads(to_json(document)) == json.loads(json.dumps(expected))


def test_a_second_refresh_prepares_only_changed_documents(topic_corpus, tmp_path, fake_embedder, caplog):
    db = tmp_path / "c.duckdb"
    refresh(topic_corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, "SELECT count(*) FROM prepared_documents") == [(12,)]
    first, _ = ingest(topic_corpus, SETTINGS)  # without the database: everything prepared
    path = topic_corpus / "health-1.txt"
    path.write_text(path.read_text().replace("Health story 1", "Health story one"))
    with caplog.at_level(logging.INFO, logger="coprod"):
        documents, _ = ingest(topic_corpus, SETTINGS, db)
    assert "(11 unchanged since the last run" in caplog.text
    by_key = {d.external_id: d for d in documents}
    assert "Health story one" in by_key["health-1.txt"].text  # prepared afresh from the changed file
    assert [d for d in documents if d.external_id != "health-1.txt"] == \
        [d for d in first if d.external_id != "health-1.txt"]


def test_the_code_fingerprint_leaves_out_the_passage_modules_and_only_them(tmp_path, monkeypatch):
    # A change to duplicate flags must not make every cached document be prepared again; a
    # change to the cleaning of documents must.
    import shutil
    from pathlib import Path

    import pipeline.prepared_cache as cache

    package = Path(cache.__file__).resolve().parent
    copy = tmp_path / "pipeline"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "__file__", str(copy / "prepared_cache.py"))

    def fingerprint() -> str:
        cache.code_fingerprint.cache_clear()
        return cache.code_fingerprint()

    before = fingerprint()
    for module in cache._PASSAGE_CODE:
        (copy / module).write_text((copy / module).read_text() + "\n# changed\n")
    assert fingerprint() == before
    (copy / "clean" / "boilerplate.py").write_text((copy / "clean" / "boilerplate.py").read_text() + "\n# changed\n")
    assert fingerprint() != before
    cache.code_fingerprint.cache_clear()
