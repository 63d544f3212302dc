"""The built site in headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.slow
# Debian's chromium here; CI elsewhere may point CHROMIUM at another Chromium build (GitHub's runners have Chrome).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def base_url(default_site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(default_site / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    base = base_url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # The sandbox has no internet: the one outside request the theme makes (GitHub's
    # API for the repository's star count) is answered here, so every console error
    # left is the site's own.
    context.route(lambda url: not url.startswith(base), lambda route: route.fulfill(status=200, json={}))
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"{msg.text} ({msg.location.get('url')})") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == []


def search(page, base_url: str, query: str) -> list[str]:
    page.goto(base_url)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill(query)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def test_searching_an_acronym_lists_its_paper_first(page, base_url):
    hrefs = search(page, base_url, "SAGS")
    assert "papers/sags-structure-aware-3d-gaussian-splatting/" in hrefs[0]


def test_search_finds_title_abstract_and_topic_words(page, base_url):
    assert any("vptq-extreme-low-bit" in h for h in search(page, base_url, "VPTQ"))
    assert any("sags-structure-aware" in h for h in search(page, base_url, "splatting"))
    assert any("papers/" in h for h in search(page, base_url, "retrieval"))


def test_topic_chip_leads_to_the_topic_page(page, base_url):
    page.goto(base_url + "papers/sags-structure-aware-3d-gaussian-splatting/")
    page.locator("nav.md-tags a.md-tag").first.click()
    page.wait_for_url("**/topics/3d-vision/")
    assert page.locator("h1").inner_text() == "3D vision & neural rendering"
