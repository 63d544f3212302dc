"""Shared fixtures: a throwaway copy of the project to build sites in."""

from __future__ import annotations

import contextlib
import shutil
import textwrap
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HAND_WRITTEN = ("index.md", "contributing.md", "schema.md", "scaling.md", "benchmarks.md", "assets")


def make_project(dest: Path, topics: Path = ROOT / "data" / "topics.yaml") -> Path:
    """mkdocs.yml, overrides/, hand-written docs and a taxonomy; no papers."""
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    (dest / "docs").mkdir()
    for name in HAND_WRITTEN:
        source = ROOT / "docs" / name
        if source.is_dir():
            shutil.copytree(source, dest / "docs" / name)
        else:
            shutil.copy(source, dest / "docs" / name)
    (dest / "data" / "papers").mkdir(parents=True)
    shutil.copy(topics, dest / "data" / "topics.yaml")
    return dest


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty catalogue with the real site config; the working directory is inside it."""
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_paper(root: Path, slug: str, body: str) -> Path:
    path = root / "data" / "papers" / f"{slug}.yaml"
    path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return path


def run(*args: str) -> int:
    return main(list(args))


def build_in(root: Path, *options: str) -> None:
    """``python -m generator build`` with ``root`` as the working directory, as a user runs it."""
    with contextlib.chdir(root):
        assert run("build", *options) == 0


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default catalogue (this repository's data/), built once per test session."""
    root = make_project(tmp_path_factory.mktemp("default"))
    shutil.rmtree(root / "data" / "papers")
    shutil.copytree(ROOT / "data" / "papers", root / "data" / "papers")
    build_in(root)
    return root


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's package, or $CHROMIUM), shared by every browser test."""
    playwright = pytest.importorskip("playwright.sync_api")
    from tests.web import ARGS, CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()
