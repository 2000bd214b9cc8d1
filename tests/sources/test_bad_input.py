"""Bad input, one case each: every one ends as a clear ingest_errors row (file, line or record,
reason), the rest of the corpus is read, and nothing crashes."""

import json
import os
import random
import string
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


SUPPORTED = ".txt, .md, .html, .htm, .jsonl, .ris, .bib, .csv, .tsv, .nbib, .json"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)


def test_random_bytes_named_txt_are_binary(corpus):
    rng = random.Random(7)
    (corpus / "noise.txt").write_bytes(rng.randbytes(20_000))
    # bytes 128-255 only: no NUL and no control character, and Windows-1252 gives each a letter
    (corpus / "high.txt").write_bytes(bytes(rng.randint(128, 255) for _ in range(20_000)))
    assert errors_for(corpus) == {"noise.txt": "binary file, not text", "high.txt": "binary file, not text"}


def test_binary_formats_are_named_by_their_content(corpus):
    (corpus / "scan.txt").write_bytes(PNG)
    (corpus / "paper.md").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n")
    assert errors_for(corpus) == {"scan.txt": "binary file (PNG image), not text",
                                  "paper.md": "binary file (PDF document (convert it to text first)), not text"}


def test_a_text_without_line_breaks_is_read_as_paragraphs(corpus):
    # what PDF-to-text tools and flattened scrapes write: a whole document on one line
    rng = random.Random(3)
    vocabulary = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9))) for _ in range(5_000)]
    sentences = (" ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 20))).capitalize() + "."
                 for _ in range(12_000))
    flat = " ".join(sentences)
    assert len(flat) > 1_000_000 and "\n" not in flat
    (corpus / "flat.txt").write_text(flat)
    documents, errors = ingest(corpus)
    document = next(d for d in documents if d.source_uri == "flat.txt")
    assert errors == [] and document.removed_lines == 0
    assert document.text.replace("\n", " ") == flat
    passages = [p for p in split(documents, Settings()) if p.doc_id == document.doc_id]
    assert len(passages) > 800 and all(p.text.endswith(".") for p in passages)


def test_an_image_and_other_unsupported_files_are_reported(corpus):
    (corpus / "photo.png").write_bytes(PNG)
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04" + bytes(100))
    (corpus / "data.xyz").write_text("some words")
    os.mkfifo(corpus / "pipe.txt")
    assert errors_for(corpus) == {
        "photo.png": f"unsupported file type: a PNG image, not a document coprod reads ({SUPPORTED})",
        "notes.docx": "unsupported file type: a ZIP archive (or a Word, Excel or OpenDocument file), "
                      f"not a document coprod reads ({SUPPORTED})",
        "data.xyz": f"unsupported file type: .xyz files, not a document coprod reads ({SUPPORTED})",
        "pipe.txt": "not a regular file (a device, pipe or socket)"}


def test_links_that_loop_or_lead_nowhere_are_reported(corpus):
    (corpus / "notes").mkdir()
    (corpus / "notes" / "page.txt").write_text("Notes\n\n" + GOOD)
    (corpus / "notes" / "again").symlink_to(corpus)  # a folder linking to the folder holding it
    (corpus / "self.txt").symlink_to(corpus / "self.txt")
    (corpus / "gone.txt").symlink_to(corpus / "deleted.txt")
    (corpus / "linked.txt").symlink_to(corpus / "notes" / "page.txt")  # a good link is read
    documents, errors = ingest(corpus)
    assert {d.source_uri for d in documents} == {"good.txt", "notes/page.txt", "linked.txt"}
    assert {e.source_uri: e.message for e in errors} == {
        "notes/again": "symlink loop: the link points to a folder that contains it",
        "self.txt": "symlink loop: the link points back at itself",
        "gone.txt": f"broken link: {corpus / 'deleted.txt'} does not exist"}


def test_hidden_files_and_the_folders_own_files_are_not_documents(corpus):
    (corpus / ".DS_Store").write_bytes(bytes(range(256)))
    (corpus / ".git").mkdir()
    (corpus / ".git" / "config").write_text("[core]")
    (corpus / "README.md").write_text("# What this folder holds")
    (corpus / "manifest.toml").write_text("[corpus]\nname = 'test'\n")
    assert errors_for(corpus) == {}


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
    (corpus / "scopus.csv").write_text("Authors,Year\nCluley V.,2021\n")
    assert errors_for(corpus) == {"scopus.csv": "CSV has no title column (looked for Title, TI, title, "
                                                "display_name, Article Title, Document Title, primary_title)"}


def test_ris_with_a_broken_record(corpus):
    (corpus / "export.ris").write_text(
        "TY  - JOUR\nTI  - Good record\nAB  - " + GOOD + "\nER  - \n"
        "garbage without tags\nER  - \n"
        "TY  - JOUR\nTI  - No abstract here\nER  - \n"
        "TY  - JOUR\nPY  - 2020\nER  - \n")
    documents, errors = ingest(corpus)
    # a record without an abstract is still a document: its text is its title
    assert {"Good record", "No abstract here"} <= {d.title for d in documents}
    assert sorted((e.source_uri, e.message) for e in errors) == [
        ("export.ris:record 2", "record 2 is not valid RIS: no 'TY  -' line"),
        ("export.ris:record 4", "record 4 has no title and no abstract")]


def test_an_unreadable_file_is_recorded(corpus, monkeypatch):
    (corpus / "locked.txt").write_text(GOOD)
    read_bytes = Path.read_bytes

    def refuse(path):  # what a file without read permission does (tests may run as root)
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert errors_for(corpus) == {"locked.txt": "unreadable file: Permission denied"}
