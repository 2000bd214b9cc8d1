from datetime import date
from pathlib import Path

import pytest

from pipeline.errors import UnsupportedCorpusFileError, CorpusNotFoundError, EmptyCorpusError
from pipeline.sources import read_corpus

HTML = """<html><head><title>Prototyping a council app</title>
<meta name="author" content="Priya Shah"><meta property="article:published_time" content="2022-06-01">
</head><body><nav><a href="/">Home</a> <a href="/blog">Blog</a></nav>
<article><h1>Prototyping a council app</h1>
<p>We spent five days prototyping a council app with residents, testing paper screens in the library.</p>
<p>Residents rewrote the bin collection screen in their own words, and the team changed the design.</p>
</article><footer>Copyright 2022 Example Council</footer></body></html>"""


def test_reads_every_format_and_records_broken_files(tmp_path: Path):
    (tmp_path / "blogs").mkdir()
    (tmp_path / "blogs" / "app.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Co-design notes\n\nSee [the guide](http://x.org) for **more**.\n")
    (tmp_path / "post.txt").write_bytes("Caf\xe9 meeting about co-production".encode("cp1252"))
    (tmp_path / "records.jsonl").write_text('{"id": "r1", "text": "An abstract."}\n')
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    (tmp_path / "manifest.toml").write_text(
        '[genres]\n"blogs/*" = "blog"\n[files."post.txt"]\ntitle = "Cafe"\nauthors = ["Lee, Sam"]\ndate = "2019-03-12"\n')

    documents, errors = read_corpus(tmp_path)

    by_key = {d.key: d for d in documents}
    assert sorted(by_key) == ["blogs/app.html", "notes.md", "post.txt", "records.jsonl#r1"]
    page = by_key["blogs/app.html"]
    assert page.genre == "blog"
    assert page.title == "Prototyping a council app"
    assert page.authors == ("Priya Shah",)
    assert page.published == date(2022, 6, 1)
    assert "Home" not in page.text and "Copyright" not in page.text
    assert "\n\n" in page.text  # paragraphs stay apart
    assert by_key["notes.md"].text.startswith("Co-design notes\n\nSee the guide for more.")
    post = by_key["post.txt"]
    assert post.text.startswith("Café meeting")
    assert (post.title, post.authors, post.published) == ("Cafe", ("Lee, Sam",), date(2019, 3, 12))
    assert sorted((e.source_uri, e.message) for e in errors) == [
        ("empty.txt", "empty file"),
        ("ignored.pdf", "unsupported file type: .pdf files, not a document coprod reads "
                        "(.txt, .md, .html, .htm, .jsonl, .ris, .bib, .csv, .tsv, .nbib, .json)"),
        ("image.txt", "binary file, not text")]


def test_missing_and_empty_folders_are_clear_errors(tmp_path: Path):
    with pytest.raises(CorpusNotFoundError, match="corpus folder not found: .*nowhere"):
        read_corpus(tmp_path / "nowhere")
    (tmp_path / "only.pdf").write_bytes(b"%PDF")
    with pytest.raises(EmptyCorpusError, match=r"contains no documents \(looked for .txt, .md"):
        read_corpus(tmp_path)


def test_a_single_file_is_a_corpus_of_its_own(tmp_path: Path):
    export = tmp_path / "export.jsonl"
    export.write_text('{"id": "a", "text": "Co-design with tenants."}\n{"id": "b", "text": "Budgets."}\n')
    (tmp_path / "manifest.toml").write_text('[genres]\n"*" = "blog"\n')  # belongs to the folder
    documents, errors = read_corpus(export)
    assert [(d.key, d.external_id, d.genre) for d in documents] == [
        ("export.jsonl#a", "a", None), ("export.jsonl#b", "b", None)]
    assert errors == []
    (tmp_path / "scan.pdf").write_bytes(b"%PDF")
    with pytest.raises(UnsupportedCorpusFileError, match=r"scan.pdf is not a format coprod reads"):
        read_corpus(tmp_path / "scan.pdf")


def test_manifest_with_unknown_genre_is_refused(tmp_path: Path):
    (tmp_path / "a.txt").write_text("text")
    (tmp_path / "manifest.toml").write_text('[genres]\n"*" = "novel"\n')
    with pytest.raises(Exception, match="unknown genre 'novel'"):
        read_corpus(tmp_path)
