"""The report as a researcher opens it: a real headless Chromium, a real DuckDB file."""

from __future__ import annotations

import json

import pytest

from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import query, write_subtopic_corpus
from tests.report.browser import open_page

HOSTILE = ('Thanks all. <script>window.__injected = "script"</script> and '
           '<img src=x onerror="window.__injected = \'onerror\'"> both belong in the quote as text.')


def forum_corpus(folder):
    """Four posts on one subject; one of them carries markup that must never run."""
    folder.mkdir()
    lines = []
    openings = ["Our tenants' panel co-designed the repairs service with the housing officers.",
                "Residents now set the priorities for damp and mould work on the estate every spring.",
                "We check the contractors' work ourselves and score each job on a shared sheet.",
                "At the monthly meeting the panel reports back to everyone on the waiting list."]
    for i, (opening, extra) in enumerate(zip(openings, ["", "", "", HOSTILE])):
        text = f"Post {i}. {opening} The repairs panel and the housing officers agree the next steps. {extra}"
        lines.append({"id": f"post-{i}", "text": text, "genre": "forum", "title": f"Repairs thread {i}",
                      "authors": [f"Resident {i}"], "date": f"202{i}-05-01",
                      "url": f"https://forum.example.org/t/repairs/{i}"})
    (folder / "thread.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    (folder / "<img src=x onerror=alert(1)>.txt").write_bytes(b"\x00\x01" * 50)  # a broken file, named to attack
    return folder


@pytest.mark.slow
def test_the_report_renders_in_chromium_and_runs_nothing_from_the_documents(tmp_path, fake_embedder):
    settings = Settings().replace("themes", n_themes=1, min_theme_size=1, n_representatives=5, taxonomy="")
    result = refresh(forum_corpus(tmp_path / "corpus"), tmp_path / "r.duckdb", tmp_path / "r.html", settings,
                     embedder=fake_embedder)
    with open_page(result.report_path) as (page, problems):
        for section in ("#overview", "#map", "#relations", "#changes", "#contents", "#theme-0", "#errors"):
            assert page.locator(section).is_visible(), section
        # the map has a point for every mapped passage, and draws them
        points = page.evaluate("document.getElementById('theme-map').data.reduce((n, t) => n + t.x.length, 0)")
        assert points == query(tmp_path / "r.duckdb", "SELECT count(*) FROM passage_map")[0][0] == 4
        assert page.locator("#theme-map .main-svg").count() > 0
        assert page.locator("#theme-relations .main-svg").count() > 0
        # the filter box hides quotes without the word
        page.fill("#filter", "injected")
        assert page.locator("blockquote:visible").count() == 1
        page.fill("#filter", "")
        assert page.locator("blockquote:visible").count() == 4
        assert page.evaluate("window.__injected") is None  # neither the script nor the onerror ran
        quote = page.locator("blockquote", has_text="both belong in the quote").inner_text()
        assert '<script>window.__injected = "script"</script>' in quote
        assert "<img src=x onerror=" in quote
        assert "<img src=x onerror=alert(1)>.txt" in page.locator("#errors").inner_text()
        # a quote's citation links to its own post
        cited = page.locator("blockquote", has_text="Post 2.")
        assert "Resident 2 (2022). Repairs thread 2." in cited.inner_text()
        assert cited.locator("a").get_attribute("href") == "https://forum.example.org/t/repairs/2"
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        assert problems == []
    assert (tmp_path / "report.png").stat().st_size > 10_000


@pytest.mark.slow
def test_sub_themes_are_nested_in_their_theme_card(tmp_path, fake_embedder):
    settings = Settings().replace("themes", n_themes=2, taxonomy="").replace("relevance", enabled=False)
    result = refresh(write_subtopic_corpus(tmp_path / "corpus"), tmp_path / "s.duckdb", tmp_path / "s.html",
                     settings, embedder=fake_embedder)
    subthemes = query(tmp_path / "s.duckdb", "SELECT subtheme_id, theme_id, label, size FROM subthemes")
    assert len(subthemes) == 4
    with open_page(result.report_path) as (page, problems):
        for subtheme_id, theme_id, label, size in subthemes:
            card = page.locator(f"#theme-{theme_id} #subtheme-{subtheme_id}")
            assert card.is_visible()
            heading = card.locator("h4").inner_text()
            assert heading.startswith(f"Sub-theme {subtheme_id}: {label}") and f"{size} passages" in heading
            assert card.locator("blockquote").count() == 2  # its two most typical passages, cited
            cited = card.locator("blockquote cite").first.inner_text()  # the note's file: one of this sub-topic
            assert query(tmp_path / "s.duckdb", f"""SELECT count(*) FROM passage_themes pt JOIN passages p USING (passage_id)
                JOIN documents d USING (doc_id) WHERE pt.subtheme_id = {subtheme_id}
                AND '{cited}' LIKE '%' || split_part(d.source_uri, '/', -1)""")[0][0] >= 1
        assert problems == []
