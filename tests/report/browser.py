"""Opening a report in a real headless Chromium (Debian's `chromium` package, driven by
Playwright; no browser is ever downloaded)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("the browser tests need Chromium: `apt-get install -y chromium` (.ci/run does this)")
    return path


@contextmanager
def open_page(html: Path | str) -> Iterator[tuple[object, list[str]]]:
    """The report (a file, or an http address) loaded in a headless Chromium page, and the
    console errors it raised."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            problems: list[str] = []
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
            page.goto(html if isinstance(html, str) else html.resolve().as_uri())
            page.wait_for_load_state("load")
            yield page, problems
        finally:
            browser.close()
