import csv

from pipeline.refresh import refresh
from pipeline.report.markdown import md_escape, md_link, render_markdown
from pipeline.settings import Settings
from tests.conftest import query
from tests.report.test_build import context


def test_document_text_cannot_become_markup_in_markdown():
    md = render_markdown(context('<script>alert(1)</script> *bold* [link](http://evil)\n# not a heading\n'
                                 '1. not a list\n- nor this'))
    assert "<script>" not in md and "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "\\*bold\\*" in md and "\\[link\\](http://evil)" in md
    assert "> \\# not a heading\n> 1\\. not a list\n> \\- nor this" in md
    assert "### Theme 0: Flood &lt;wardens&gt; (1 passages)" in md
    assert "> — Lee, Sam (2021). &lt;b&gt;T&lt;/b&gt;. \\[forum\\] <https://doi.org/10.5555/x>" in md
    assert "- `bad<1>.txt` (read): binary file" in md  # inside a code span nothing renders
    assert "| line removed: &lt;menu&gt; | 3 |" in md
    assert "\n\nBy genre: forum 1 (25% of all forum passages)\n\nBy year: 2021 1\n\n" in md


def test_only_plain_web_addresses_become_links():
    assert md_link("https://forum.example.org/t/1") == "<https://forum.example.org/t/1>"
    assert md_link('https://x.org/"><script>') == md_escape('https://x.org/"><script>')
    assert md_link("javascript:alert(1)") == "javascript:alert(1)"  # text, not a link


def test_a_refresh_writes_markdown_and_csv_beside_the_html(topic_corpus, tmp_path, fake_embedder):
    settings = Settings().replace("themes", n_themes=3, taxonomy="")
    result = refresh(topic_corpus, tmp_path / "c.duckdb", tmp_path / "c-report.html", settings, embedder=fake_embedder)
    md = (tmp_path / "c-report.md").read_text()
    assert md.startswith("# Co-production themes: corpus\n")
    assert md.count("\n### Theme ") == 3
    assert "This is the database's first run." in md
    assert "\n\nSince the previous run: new\n\n" in md
    with open(tmp_path / "c-report-themes.csv", newline="") as f:
        themes = list(csv.DictReader(f))
    assert [int(t["theme_id"]) for t in themes] == [0, 1, 2]
    assert sum(int(t["size"]) for t in themes) == result.n_modelled
    with open(tmp_path / "c-report-assignments.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == result.n_modelled
    first = rows[0]
    assert (first["passage_id"], int(first["theme_id"])) in query(
        tmp_path / "c.duckdb", "SELECT passage_id, theme_id FROM passage_themes")
