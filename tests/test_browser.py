"""The built site in headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.conftest import ROOT, build_in, make_project, write_paper
from tests.htmlaudit import HOSTILE_ABSTRACT, HOSTILE_TITLE
from tests.web import checked_page, serve

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(default_site: Path) -> Iterator[str]:
    with serve(default_site / "site") as url:
        yield url


@pytest.fixture
def page(browser, base_url):
    with checked_page(browser, base_url) as opened:
        yield opened


ARTIFACTS = ROOT / "test-artifacts"


def search(page, base_url: str, query: str) -> list[str]:
    page.goto(base_url)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(query)  # real key events, as a reader types
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


# ---------------------------------------------------------------- links, feeds, hostile text, screenshots, contrast


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for name in ("href", "src"):
            if a.get(name) and not a[name].startswith(("mailto:", "javascript:", "data:")):
                self.urls.append(a[name])


def test_every_internal_link_resolves(page, base_url):
    """Crawl the whole site from the home page through the browser's HTTP stack; every link and anchor must resolve."""
    seen: dict[str, Links] = {}
    queue = [base_url]
    checked: set[str] = set()
    broken: list[str] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = page.request.get(url)
        assert response.status == 200, url
        links = Links()
        if "text/html" in response.headers.get("content-type", ""):
            links.feed(response.text())
        seen[url] = links
        for href in links.urls:
            target = urljoin(url, href)
            if not target.startswith(base_url):
                continue
            bare = target.split("#")[0]
            if bare not in checked and bare not in seen:
                checked.add(bare)
                status = page.request.get(bare).status if not bare.endswith("/") else None
                if status not in (None, 200):
                    broken.append(f"{url} -> {href} ({status})")
                if bare.endswith("/") or bare.endswith(".html"):
                    queue.append(bare)
    for url, links in seen.items():
        for href in links.urls:
            target = urljoin(url, href)
            if target.startswith(base_url) and "#" in target:
                bare, anchor = target.split("#", 1)
                if anchor and bare in seen and anchor not in seen[bare].ids:
                    broken.append(f"{url} -> {href} (no #{anchor})")
    assert broken == []
    assert len([u for u in seen if "/papers/" in u]) == 95 and len(seen) > 150


def test_feeds_are_discoverable_and_served(page, base_url):
    page.goto(base_url + "topics/quantization/")
    feeds = page.locator('link[rel="alternate"]').evaluate_all("els => els.map(e => [e.type, e.href])")
    assert ["application/rss+xml", base_url + "feeds/quantization.xml"] in feeds
    assert ["application/feed+json", base_url + "feeds/all.json"] in feeds
    for _, href in feeds:
        response = page.request.get(href)
        assert response.status == 200 and response.body().lstrip().startswith((b"<?xml", b"{"))


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory) -> Iterator[str]:
    root = make_project(tmp_path_factory.mktemp("hostile"))
    body = (
        f'title: {json.dumps(HOSTILE_TITLE)}\nacronym: HOSTILE\nauthors: ["<img src=x onerror=alert(9)>"]\n'
        f"tags: [rag]\nlinks:\n  code: https://github.com/x/y\nabstract: {json.dumps(HOSTILE_ABSTRACT)}\n"
    )
    write_paper(root, "hostile", body)
    write_paper(root, "plain", "title: Plain Paper\ntags: [rag]\nabstract: Retrieval for everyone.\n")
    build_in(root)
    with serve(root / "site") as url:
        yield url


def test_a_hostile_title_shows_as_text_and_runs_nothing(browser, hostile_url):
    dialogs: list[str] = []
    with checked_page(browser, hostile_url) as page:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ("", "papers/hostile/", "topics/rag/", "archive/", "topics/"):
            page.goto(hostile_url + path)
            page.wait_for_load_state("load")
            live = page.evaluate(
                "document.querySelectorAll('script:not([src]), img[src=x], iframe, [onerror], [onload], [onmouseover]').length"
            )
            inline = page.evaluate("[...document.querySelectorAll('script:not([src])')].map(s => s.textContent).join('\\n')")
            assert "alert(" not in inline, path
            assert live == page.evaluate("document.querySelectorAll('script:not([src])').length"), path
        page.goto(hostile_url + "papers/hostile/")
        assert page.locator("h1").inner_text().startswith('"><script>alert(1)</script><img src=x onerror=alert(2)>')
        hits = search(page, hostile_url, "HOSTILE")
        assert "papers/hostile/" in hits[0]
        page.wait_for_timeout(300)  # give any injected handler the chance to fire
        assert dialogs == []


@pytest.mark.parametrize(("device", "viewport"), [("desktop", {"width": 1280, "height": 900}), ("mobile", {"width": 390, "height": 844})])
def test_screenshots_of_home_topic_and_paper(browser, base_url, device, viewport):
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with checked_page(browser, base_url, viewport) as page:
        for name, path in (
            ("home", ""),
            ("topic", "topics/quantization/"),
            ("paper", "papers/sags-structure-aware-3d-gaussian-splatting/"),
        ):
            page.goto(base_url + path)
            page.wait_for_load_state("load")
            target = out / f"{name}-{device}.png"
            page.screenshot(path=str(target), full_page=False)
            assert target.stat().st_size > 10_000
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{name} scrolls sideways on {device}: {width}px"


CONTRAST_JS = """sel => {
  const parse = c => c.match(/[\\d.]+/g).map(Number);
  const el = document.querySelector(sel);
  const style = getComputedStyle(el);
  const paint = el instanceof SVGElement ? style.fill : style.color;
  return {paint: parse(paint), background: parse(getComputedStyle(document.body).backgroundColor)};
}"""


def luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(paint: list[float], background: list[float]) -> float:
    alpha = paint[3] if len(paint) > 3 else 1.0
    mixed = [alpha * p + (1 - alpha) * b for p, b in zip(paint[:3], background[:3], strict=True)]
    high, low = sorted((luminance(mixed), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_custom_styles_keep_their_contrast_in_light_and_dark(page, base_url, scheme):
    """WCAG AA: 4.5:1 for text, 3:1 for the chart bars (graphical objects)."""
    page.goto(base_url)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    for selector, minimum in ((".chart-label", 4.5), (".chart-value", 4.5), (".chart-bar", 3.0)):
        colours = page.evaluate(CONTRAST_JS, selector)
        assert contrast(colours["paint"], colours["background"]) >= minimum, (scheme, selector, colours)
    page.goto(base_url + "papers/sags-structure-aware-3d-gaussian-splatting/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    colours = page.evaluate(CONTRAST_JS, ".paper-facts")
    assert contrast(colours["paint"], colours["background"]) >= 4.5, (scheme, colours)
