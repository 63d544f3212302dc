"""The Pagefind search backend: chosen by size or configuration, indexed after MkDocs, used in a real browser."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import search_backend
from tests.conftest import build_in, make_project, run, write_paper
from tests.htmlaudit import HOSTILE_TITLE
from tests.web import checked_page, serve

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("choice", "papers", "expected"),
    [("auto", 5000, "lunr"), ("auto", 5001, "pagefind"), ("lunr", 10**6, "lunr"), ("pagefind", 1, "pagefind")],
)
def test_backend_is_chosen_by_configuration_or_size(choice, papers, expected):
    assert search_backend(choice, papers, 5000) == expected


def test_unknown_backend_is_a_configuration_error(project, capsys):
    config = (project / "mkdocs.yml").read_text("utf-8").replace("backend: auto", "backend: elastic")
    (project / "mkdocs.yml").write_text(config, "utf-8")
    write_paper(project, "a", "title: A Paper\nabstract: x\n")
    assert run("build") == 1
    assert (
        "mkdocs.yml: extra.search.backend: search backend must be one of auto, lunr, pagefind, found 'elastic'" in capsys.readouterr().err
    )


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("pagefind"))
    write_paper(
        root,
        "sags",
        'title: "SAGS: Structure-Aware 3D Gaussian Splatting"\narxiv: "2404.19149"\ntags: [3d-vision]\nabstract: Splatting scenes.\n',
    )
    write_paper(root, "hostile", f"title: {json.dumps(HOSTILE_TITLE + ' Quokka')}\ntags: [rag]\nabstract: Retrieval of quokka facts.\n")
    for n in range(3):
        write_paper(root, f"filler-{n}", f"title: Filler Paper {n}\ntags: [rag]\nabstract: Retrieval augmented generation, part {n}.\n")
    build_in(root, "--search", "pagefind")
    return root / "site"


def test_pagefind_replaces_the_lunr_index(pagefind_site):
    assert (pagefind_site / "pagefind/pagefind-entry.json").is_file()
    assert not (pagefind_site / "search/search_index.json").exists()
    home = (pagefind_site / "index.html").read_text("utf-8")
    assert 'class="catalogue-pagefind"' in home and 'name="search"' not in home
    month = next((pagefind_site / "archive").glob("*/index.html"))
    assert "data-pagefind-body" not in month.read_text("utf-8")  # archive months stay out of the index
    assert "data-pagefind-body" in (pagefind_site / "papers/sags/index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def pagefind_url(pagefind_site) -> Iterator[str]:
    with serve(pagefind_site) as url:
        yield url


def pagefind_search(page, base: str, query: str) -> list[str]:
    page.goto(base + "topics/")
    page.locator(".pagefind-ui__search-input").press_sequentially(query)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    return page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def test_pagefind_finds_a_paper_by_acronym_and_by_topic_word(browser, pagefind_url):
    with checked_page(browser, pagefind_url) as page:
        assert pagefind_search(page, pagefind_url, "SAGS")[0] == "/papers/sags/"
        assert "/papers/hostile/" in pagefind_search(page, pagefind_url, "quokka")


def test_pagefind_results_show_hostile_titles_as_text(browser, pagefind_url):
    dialogs: list[str] = []
    with checked_page(browser, pagefind_url) as page:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pagefind_search(page, pagefind_url, "quokka")
        title = page.locator(".pagefind-ui__result-link", has_text="Quokka").first.inner_text()
        assert title.startswith('"><script>alert(1)</script>')
        assert page.locator(".pagefind-ui__results img[src=x], .pagefind-ui__results script").count() == 0
        page.wait_for_timeout(300)
    assert dialogs == []
