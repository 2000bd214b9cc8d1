"""The review app (`coprod review`) in a real headless Chromium over a real DuckDB file:
edits made on the page are stored, shown, kept by the next refresh; forged or unauthorised
requests change nothing; document text stays inert."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn

from pipeline.refresh import refresh
from pipeline.review.app import create_app
from pipeline.settings import Settings
from tests.conftest import query, write_subtopic_corpus
from tests.report.browser import open_page

SETTINGS = Settings().replace("themes", n_themes=2, taxonomy="").replace("relevance", enabled=False)


@contextmanager
def serving(db, token=None):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db, token=token), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def reviewed(tmp_path, fake_embedder):
    corpus = write_subtopic_corpus(tmp_path / "corpus")
    (corpus / "hostile.txt").write_text("Tenants estate housing landlord residents association. "
                                        "<script>window.__injected = 1</script><img src=x onerror=\"window.__injected = 2\">"
                                        " boilers heating damp mould plumber leaks radiators windows.", encoding="utf-8")
    db = tmp_path / "r.duckdb"
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    return corpus, db


@pytest.mark.slow
def test_a_reviewer_renames_merges_moves_and_writes_memos_on_the_page(reviewed, fake_embedder):
    corpus, db = reviewed
    subs = dict(query(db, "SELECT subtheme_id, theme_id FROM subthemes"))
    sub, target = next(s for s, t in subs.items() if t == 0), 1
    with serving(db) as url, open_page(url) as (page, problems):
        page.fill("#reviewer", "Ana")
        page.dispatch_event("#reviewer", "change")
        card = page.locator("#theme-0 > .review")
        card.locator("form[data-action=rename] input").fill("Homes and repairs")
        with page.expect_navigation():
            card.locator("form[data-action=rename] button").click()
        assert page.locator("#theme-0 h2").inner_text().startswith("Theme 0: Homes and repairs")
        assert "theme 0 is now called 'Homes and repairs'" in page.locator("#review-message").inner_text()
        page.locator("#theme-1 > .review form[data-action=memo] textarea").fill("Discharge quotes need a second look")
        with page.expect_navigation():
            page.locator("#theme-1 > .review form[data-action=memo] button").click()
        assert "Discharge quotes need a second look" in page.locator("#theme-1 .memo").inner_text()
        box = page.locator(f"#subtheme-{sub} .review")
        box.locator("form[data-action=move-subtheme] select").select_option(str(target))
        with page.expect_navigation():
            box.locator("form[data-action=move-subtheme] button").click()
        # a quote of theme 1 moves to theme 0; another quote's document is set aside
        quotes = page.locator("#theme-1 > blockquote")
        moved = quotes.nth(0).get_attribute("id").removeprefix("quote-")
        aside = quotes.nth(1).locator(".review").get_attribute("data-doc")
        with page.expect_navigation():
            quotes.nth(0).locator("form[data-action=move-passage] button").click()
        with page.expect_navigation():
            page.locator(f"#theme-1 > blockquote .review[data-doc='{aside}'] form[data-action=set-aside][data-of=document] button").first.click()
        # a bad edit gets a clear message and changes nothing
        page.locator("#theme-0 > .review form[data-action=rename] input").fill("   ")
        page.locator("#theme-0 > .review form[data-action=rename] button").click()
        page.wait_for_function("document.getElementById('review-message').textContent.includes('cannot be empty')")
        # the last quote of theme 0 is split off into a theme of its own
        split = page.locator("#theme-0 > blockquote").last.get_attribute("id").removeprefix("quote-")
        page.locator(f"#quote-{split} .select-passage").check()
        page.locator("#theme-0 > .review form[data-action=split] input").fill("Damp and mould")
        with page.expect_navigation():
            page.locator("#theme-0 > .review form[data-action=split] button").click()
        # theme 1 is merged into theme 0 and the merge undone from the history
        page.locator("#theme-0 > .review form[data-action=merge] select").select_option("1")
        with page.expect_navigation():
            page.locator("#theme-0 > .review form[data-action=merge] button").click()
        assert "theme 1 will be merged into theme 0" in page.locator("#review-message").inner_text()
        page.locator("#review details summary").click()
        with page.expect_navigation():
            page.locator("#history li").first.locator("form[data-action=undo] button").click()
        assert "(undone)" in page.locator("#history").text_content()
        assert page.evaluate("window.__injected") is None  # the scraped script and onerror never ran
        assert page.locator("#history").text_content().count("Ana") == 8  # eight edits, each with who made it
        # the one error the page saw is the refused empty name
        assert problems == ["console error: Failed to load resource: the server responded with a status of 400 "
                            "(Bad Request)"]
    rows = query(db, "SELECT action, theme_id, label, reviewer, target FROM theme_overrides ORDER BY created_at")
    merge_id = query(db, "SELECT edit_id FROM theme_overrides WHERE action = 'merge'")[0][0]
    assert rows == [
        ("rename", 0, "Homes and repairs", "Ana", None), ("move-subtheme", target, None, "Ana", None),
        ("move-passage", 0, None, "Ana", moved), ("set-aside", -1, None, "Ana", aside),
        ("split", 0, "Damp and mould", "Ana", split), ("merge", 0, None, "Ana", None),
        ("undo", -1, None, "Ana", merge_id)]
    assert query(db, "SELECT theme_id, reviewer, text FROM memos") == [(1, "Ana", "Discharge quotes need a second look")]
    # the next refresh keeps every edit: the name, the memo, the sub-theme in its new theme
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, "SELECT label FROM themes WHERE run_id = 'run-0002' AND theme_id = 0") == [("Homes and repairs",)]
    # the merge was undone; the split-off passage is a theme of its own, with its name
    assert query(db, "SELECT count(*) FROM themes WHERE run_id = 'run-0002'") == [(3,)]
    assert query(db, f"""SELECT t.label FROM passage_themes pt JOIN themes t USING (run_id, theme_id)
                         WHERE pt.run_id = 'run-0002' AND pt.passage_id = '{split}'""") == [("Damp and mould",)]
    assert query(db, f"SELECT theme_id FROM subthemes WHERE run_id = 'run-0002' AND subtheme_id = {sub}") == [(target,)]
    assert query(db, f"SELECT theme_id FROM passage_themes WHERE run_id = 'run-0002' AND passage_id = '{moved}'") == [(0,)]
    assert query(db, f"""SELECT count(*) FROM passage_themes pt JOIN passages p USING (passage_id)
                         WHERE pt.run_id = 'run-0002' AND p.doc_id = '{aside}'""") == [(0,)]
    assert ("removed", "set aside by a reviewer", 1) in query(
        db, "SELECT stage, what, n FROM v_flow WHERE run_id = 'run-0002'")


def test_a_forged_edit_and_a_request_without_the_token_are_refused(reviewed):
    _, db = reviewed
    with serving(db) as url:
        forged = httpx.post(url + "api/edit", json={"action": "rename", "theme_id": 0, "label": "Forged"})
        assert forged.status_code == 403 and "did not come from the review page" in forged.json()["detail"]
    with serving(db, token="s3cret") as url:
        assert httpx.get(url).status_code == 403
        assert httpx.get(url + "api/edits").status_code == 403
        page = httpx.get(url + "?token=s3cret")
        assert page.status_code == 200 and "coprod_review_token" in page.headers["set-cookie"]
        assert httpx.get(url + "api/edits", cookies={"coprod_review_token": "s3cret"}).json() == []
    assert query(db, "SELECT count(*) FROM theme_overrides") == [(0,)]
    assert query(db, "SELECT label FROM themes WHERE theme_id = 0")[0][0] != "Forged"


def test_an_edit_a_refresh_swap_overtook_is_merged_when_the_page_loads(reviewed):
    from pipeline.store.edit_journal import append

    _, db = reviewed
    append(db, {"edit_id": "late", "created_at": "2026-01-01T00:00:00", "reviewer": "Bo", "action": "rename",
                "theme_id": 1, "other_theme_id": None, "label": "Late name", "subtheme_id": None,
                "other_subtheme_id": None, "target": None})
    with serving(db) as url:
        assert "Theme 1: Late name" in httpx.get(url).text
    assert query(db, "SELECT label, label_source FROM themes WHERE theme_id = 1") == [("Late name", "renamed")]


def csrf_of(url: str) -> str:
    import re

    return re.search(r'var csrf = "([^"]+)"', httpx.get(url).text).group(1)


def test_two_reviewers_editing_at_once_each_see_the_others_edits_after_a_reload(reviewed):
    """Ana and Bo, each with a review app on the same file, edit at the same moment (two edits
    each, so one app also serves two at once): after a reload both pages show all four."""
    _, db = reviewed
    with serving(db) as ana_url, serving(db) as bo_url:
        tokens = {ana_url: csrf_of(ana_url), bo_url: csrf_of(bo_url)}
        edits = [(ana_url, {"action": "rename", "theme_id": 0, "label": "Homes and repairs", "reviewer": "Ana"}),
                 (ana_url, {"action": "memo", "theme_id": 0, "text": "Ana's memo on repairs", "reviewer": "Ana"}),
                 (bo_url, {"action": "rename", "theme_id": 1, "label": "Hospital discharge", "reviewer": "Bo"}),
                 (bo_url, {"action": "memo", "theme_id": 1, "text": "Bo's memo on discharge", "reviewer": "Bo"})]
        start = threading.Barrier(len(edits))
        answers: list[int] = []

        def send(url: str, body: dict) -> None:
            start.wait()
            answers.append(httpx.post(url + "api/edit", json=body, headers={"X-CSRF-Token": tokens[url]},
                                      timeout=60).status_code)

        threads = [threading.Thread(target=send, args=edit) for edit in edits]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert answers == [200] * 4
        for url in (ana_url, bo_url):
            page = httpx.get(url).text
            for shown in ("Theme 0: Homes and repairs", "Theme 1: Hospital discharge",
                          "Ana&#39;s memo on repairs", "Bo&#39;s memo on discharge"):
                assert shown in page, (url, shown)
    assert query(db, "SELECT reviewer, label FROM theme_overrides ORDER BY reviewer") == [
        ("Ana", "Homes and repairs"), ("Bo", "Hospital discharge")]
    assert query(db, "SELECT reviewer, theme_id FROM memos ORDER BY reviewer") == [("Ana", 0), ("Bo", 1)]
    assert not list(db.parent.glob("*.staging-*"))


@pytest.mark.slow
def test_an_edit_made_while_a_refresh_runs_in_another_process_is_kept_and_the_page_keeps_answering(
        tmp_path, prefect_home):
    """A scheduled refresh is another process: the reviewer renames a theme while it runs, the
    page answers throughout, and after the refresh publishes its run keeps the new name."""
    import json
    import subprocess
    import sys

    from pipeline.attempts import journal_path

    corpus = write_subtopic_corpus(tmp_path / "corpus")
    db = tmp_path / "r.duckdb"
    config = tmp_path / "coprod.toml"
    config.write_text('[themes]\nn_themes = 2\ntaxonomy = ""\n\n[relevance]\nenabled = false\n', encoding="utf-8")
    command = [str(Path(sys.executable).parent / "coprod"), "refresh", "--corpus", str(corpus), "--db", str(db),
               "--config", str(config)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    (corpus / "late-arrival.txt").write_text("boilers heating damp mould plumber leaks radiators windows.",
                                             encoding="utf-8")
    with serving(db) as url:
        running = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline and running.poll() is None:
                state = json.loads(journal_path(db).read_text()) if journal_path(db).is_file() else {}
                if state.get("stage") in ("split", "embed"):
                    break
                time.sleep(0.05)
            answer = httpx.post(url + "api/edit", headers={"X-CSRF-Token": csrf_of(url)}, timeout=60,
                                json={"action": "rename", "theme_id": 0, "label": "Homes and repairs",
                                      "reviewer": "Ana"})
            assert answer.status_code == 200
            assert journal_path(db).is_file(), "the refresh had finished before the edit"
            loads = 0
            while running.poll() is None:  # the page answers while the refresh works and swaps
                assert httpx.get(url, timeout=60).status_code == 200
                loads += 1
            assert loads >= 1
        finally:
            _, errors = running.communicate(timeout=600)
        assert running.returncode == 0, errors.decode()[-2000:]
        assert "Theme 0: Homes and repairs" in httpx.get(url).text
    assert query(db, "SELECT max(run_id) FROM runs WHERE status = 'succeeded'") == [("run-0002",)]
    assert query(db, "SELECT label, label_source FROM themes WHERE run_id = 'run-0002' AND theme_id = 0") == [
        ("Homes and repairs", "renamed")]


@pytest.mark.slow
def test_a_single_passage_set_aside_on_the_page_leaves_the_themes_and_a_bad_target_is_refused(
        reviewed, fake_embedder):
    corpus, db = reviewed
    with serving(db) as url, open_page(url) as (page, _):
        quote = page.locator("#theme-0 > blockquote").first
        passage = quote.get_attribute("id").removeprefix("quote-")
        with page.expect_navigation():
            quote.locator("form[data-action=set-aside][data-of=passage] button").click()
        assert "set aside" in page.locator("#review-message").inner_text()
        answer = httpx.post(url + "api/edit", headers={"X-CSRF-Token": csrf_of(url)},
                            json={"action": "set-aside", "target": "no-such-thing"})
        assert answer.status_code == 400
        assert "neither a document nor a modelled passage" in answer.json()["detail"]
    assert query(db, "SELECT action, target FROM theme_overrides") == [("set-aside", passage)]
    refresh(corpus, db, None, SETTINGS, embedder=fake_embedder)
    assert query(db, f"SELECT count(*) FROM passage_themes WHERE run_id = 'run-0002' AND passage_id = '{passage}'") == [(0,)]
    # the rest of its theme is still themed
    assert query(db, "SELECT count(*) > 10 FROM passage_themes WHERE run_id = 'run-0002' AND theme_id = 0") == [(True,)]
