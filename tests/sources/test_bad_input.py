"""Bad input, one case each: every one ends as a clear ingest_errors row (file, line or record,
reason), the rest of the corpus is read, and nothing crashes."""

import json
from pathlib import Path

import pytest

from pipeline.refresh import ingest, split
from pipeline.settings import Settings

GOOD = "Residents and the council redesigned the library service together over a year of workshops. " * 3


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text("A good page\n\n" + GOOD)
    return tmp_path


def errors_for(corpus: Path) -> dict[str, str]:
    documents, errors = ingest(corpus)
    assert "good.txt" in {d.source_uri for d in documents}  # the rest goes on
    return {e.source_uri: e.message for e in errors}


def test_empty_and_binary_files(corpus):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "photo.md").write_bytes(bytes(range(256)) * 40)
    assert errors_for(corpus) == {"empty.txt": "empty file", "photo.md": "binary file, not text"}


def test_truncated_utf8_keeps_the_text(corpus):
    (corpus / "cut.txt").write_bytes(("Café and co-design. " + GOOD + "naïve").encode("utf-8")[:-1])
    documents, errors = ingest(corpus)
    cut = next(d for d in documents if d.source_uri == "cut.txt")
    assert cut.text.startswith("Café and co-design.") and errors == []


def test_a_50_mb_file_is_refused_by_size(corpus):
    (corpus / "dump.txt").write_bytes(b"word " * 10_000_000)
    assert errors_for(corpus) == {"dump.txt": "file is 50.0 MB, over the 20 MB limit (setting sources.max_file_mb)"}


def test_a_jsonl_export_over_the_limit_is_read_record_by_record(corpus):
    # 30 MB of ordinary records is a large export, not a dump: only an oversized record is refused
    line = json.dumps({"id": "r", "text": GOOD + " Extra words. " * 2_000})
    records = [line.replace('"id": "r"', f'"id": "r{i}"') for i in range(1_000)]
    records.append(json.dumps({"id": "huge", "text": "word " * 5_000_000}))
    (corpus / "export.jsonl").write_text("\n".join(records) + "\n")
    documents, errors = ingest(corpus)
    assert sum(d.source_uri.startswith("export.jsonl:") for d in documents) == 1_000
    assert [(e.source_uri, e.message) for e in errors] == [
        ("export.jsonl:1001", "record is 25.0 MB, over the 20 MB limit (setting sources.max_file_mb)")]


def test_a_file_that_is_one_2_mb_line(corpus):
    (corpus / "minified.txt").write_text("x" * 2_000_000)
    assert errors_for(corpus) == {
        "minified.txt": "no text left after cleaning (lines removed: 1 overlong-line)"}


def test_short_documents_are_documents_and_only_wordless_ones_are_errors(corpus):
    records = [{"id": "title", "text": "Co-production of public services"},  # a paper title
               {"id": "reply", "text": "Agreed, thanks!", "genre": "forum"},  # a one-line reply
               {"id": "dots", "text": "... -- !!"}, {"id": "number", "text": "2021"}]
    (corpus / "short.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    documents, errors = ingest(corpus)
    passages = split(documents, Settings())
    texts = {d.external_id: [p.text for p in passages if p.doc_id == d.doc_id] for d in documents}
    assert texts["title"] == ["Co-production of public services"] and texts["reply"] == ["Agreed, thanks!"]
    assert sorted((e.source_uri, e.message.split(" (")[0]) for e in errors) == [
        ("short.jsonl:3", "no text left after cleaning"), ("short.jsonl:4", "no text left after cleaning")]


def test_html_without_a_body_and_deeply_nested_html(corpus):
    (corpus / "head-only.html").write_text("<html><head><title>Nothing</title></head></html>")
    (corpus / "nested.html").write_text("<div>" * 50_000 + "deep" + "</div>" * 50_000)
    found = errors_for(corpus)
    assert found["head-only.html"] == "no main text found in HTML page"
    assert found["nested.html"] in ("no main text found in HTML page",
                                    "HTML page could not be parsed: RecursionError")


def test_jsonl_with_one_malformed_line(corpus):
    good = json.dumps({"id": "a", "text": GOOD, "genre": "abstract"})
    (corpus / "records.jsonl").write_text(f"{good}\n{{broken\n")
    documents, errors = ingest(corpus)
    assert "records.jsonl#a" in {d.external_id and f"records.jsonl#{d.external_id}" for d in documents}
    assert [(e.source_uri, e.message) for e in errors] == [
        ("records.jsonl:2", "line 2 is not valid JSON: Expecting property name enclosed in double quotes")]


def test_csv_with_a_missing_column(corpus):
    (corpus / "scopus.csv").write_text("Title,Authors,Year\nCo-production,Cluley V.,2021\n")
    assert errors_for(corpus) == {
        "scopus.csv": "CSV has no abstract column (looked for Abstract, AB, abstract, abstract_text)"}


def test_ris_with_a_broken_record(corpus):
    (corpus / "export.ris").write_text(
        "TY  - JOUR\nTI  - Good record\nAB  - " + GOOD + "\nER  - \n"
        "garbage without tags\nER  - \n"
        "TY  - JOUR\nTI  - No abstract here\nER  - \n")
    documents, errors = ingest(corpus)
    assert "Good record" in {d.title for d in documents}
    assert sorted((e.source_uri, e.message) for e in errors) == [
        ("export.ris:record 2", "record 2 is not valid RIS: no 'TY  -' line"),
        ("export.ris:record 3", "record 3 has no abstract")]
