"""Real sites built with `mkdocs build --strict`, checked in the HTML they produce."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, run, write_paper
from tests.htmlaudit import HOSTILE_ABSTRACT, HOSTILE_TITLE, Audit

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_default_catalogue_has_every_paper_with_its_arxiv_id(default_site):
    papers = json.loads((default_site / "site/api/papers.json").read_text("utf-8"))
    with open(ROOT / "data/sources/arxiv-ids.tsv", encoding="utf-8") as handle:
        expected = {row["title"]: row["arxiv_id"] for row in csv.DictReader(handle, delimiter="\t")}
    assert len(papers) == 95
    assert {p["title"]: p["arxiv"] for p in papers} == expected
    for paper in papers:
        assert set(paper) >= {"slug", "title", "acronym", "abstract", "arxiv", "authors", "published", "tags", "url"}
        assert (default_site / "site" / paper["url"] / "index.html").is_file()
    topics = json.loads((default_site / "site/api/topics.json").read_text("utf-8"))
    assert len(topics) == 25
    for topic in topics:
        assert (default_site / "site" / topic["url"] / "index.html").is_file()
        assert topic["count"] == sum(1 for p in papers if topic["slug"] in p["tags"] or _child_tagged(topic, topics, p))
    assert (default_site / "site/topics/index.html").is_file()


def _child_tagged(topic, topics, paper):
    return any(t["parent"] == topic["slug"] and t["slug"] in paper["tags"] for t in topics)


def test_paper_page_shows_title_links_topics_bibtex_and_edit_link(default_site):
    html = (default_site / "site/papers/sags-structure-aware-3d-gaussian-splatting/index.html").read_text("utf-8")
    assert html.count("<h1") == 1 and "<h1>SAGS: Structure-Aware 3D Gaussian Splatting</h1>" in html
    assert '<span class="paper-acronym">SAGS</span>' in html
    assert 'href="https://arxiv.org/abs/2404.19149"' in html
    assert 'href="https://arxiv.org/pdf/2404.19149"' in html
    assert 'href="https://huggingface.co/papers/2404.19149"' in html
    assert re.search(r'<a href="../../topics/3d-vision/" class="md-tag">3D vision &amp; neural rendering</a>', html)
    text = re.sub(r"<[^>]+>", "", html)
    assert "@misc{" in text and "eprint = {2404.19149}" in text
    assert (
        'href="https://github.com/efficient-ml/paper-catalogue/edit/main/data/papers/sags-structure-aware-3d-gaussian-splatting.yaml"'
        in html
    )
    # Paper pages stay out of the navigation.
    assert "md-nav__link" in html and "sags-structure-aware" not in html.split('class="md-nav')[1].split("</nav>")[0]


def test_topic_pages_list_papers_of_children_too(default_site):
    html = (default_site / "site/topics/model-compression/index.html").read_text("utf-8")
    assert 'href="../quantization/"' in html
    assert "../../papers/vptq-extreme-low-bit-vector-post-training-quantization-for-large-language-models/" in html


def test_search_index_holds_titles_acronyms_and_topics(default_site):
    index = json.loads((default_site / "site/search/search_index.json").read_text("utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    sags = docs["papers/sags-structure-aware-3d-gaussian-splatting/"]
    assert "SAGS" in sags["title"] and "SAGS" in sags["text"]
    assert sags["tags"] == ["3D vision & neural rendering"]
    assert "Gaussian Splatting" in docs["papers/sags-structure-aware-3d-gaussian-splatting/#abstract"]["text"]


def test_other_listing_into_empty_catalogue_builds_a_correct_site(project):
    assert run("import", str(FIXTURES / "other-listing.txt"), "--added", "2026-02-03") == 0
    assert run("build") == 0
    papers = json.loads((project / "site/api/papers.json").read_text("utf-8"))
    assert len(papers) == 4
    html = (project / "site" / papers[3]["url"] / "index.html").read_text("utf-8")
    assert "Über-Quant" in html and 'href="https://github.com/example/uber-quant"' not in html  # code link only when curated
    assert 'href="https://arxiv.org/search/?query=' in html  # no arXiv id: a title search link
    topic = (project / "site/topics/quantization/index.html").read_text("utf-8")
    assert "Über-Quant" in topic and "1 paper" in topic
    assert (project / "site/index.html").read_text("utf-8").count("<li>") > 4


def test_hostile_text_never_becomes_live_html(project):
    write_paper(
        project,
        "hostile",
        f"""
        title: {json.dumps(HOSTILE_TITLE)}
        acronym: "<b>X</b>"
        authors: ["<script>alert(9)</script>", "Ann {{: onclick=alert(10) }}"]
        notes: "<img src=x onerror=alert(11)>"
        tags: [rag]
        abstract: {json.dumps(HOSTILE_ABSTRACT)}
        """,
    )
    write_paper(project, "plain", "title: Plain Paper\nabstract: Nothing to see.\ntags: [rag]\n")
    assert run("build") == 0
    pages = sorted((project / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        audit = Audit()
        audit.feed(page.read_text("utf-8"))
        assert audit.findings == [], page
    paper = (project / "site/papers/hostile/index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in paper  # shown as text
    assert "{{ config }}" in paper and "\u202e" not in paper
    head = paper.split("</head>")[0]
    assert "<title>&#34;&gt;&lt;script&gt;" in head or "<title>&quot;&gt;&lt;script&gt;" in head
    for text in ("search/search_index.json", "api/papers.json"):
        assert "<script>" not in (project / "site" / text).read_text("utf-8").replace("\\u003c", "")


def test_output_is_deterministic_and_unchanged_files_are_not_rewritten(project):
    run("import", str(FIXTURES / "other-listing.txt"), "--added", "2026-02-03")
    assert run("generate") == 0
    docs = tree(project / "docs")
    mtimes = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*") if p.is_file()}
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "LC_ALL": "C", "PYTHONHASHSEED": "123", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "generator", "-q", "generate"], cwd=project, env=env, check=True)
    assert tree(project / "docs") == docs
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes
    assert run("build") == 0
    first = tree(project / "site")
    shutil.rmtree(project / "site")
    assert run("build") == 0
    second = tree(project / "site")
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k] and not k.startswith("sitemap.xml")] == []


def test_removed_papers_lose_their_pages_and_hand_written_docs_are_kept(project):
    run("import", str(FIXTURES / "other-listing.txt"), "--added", "2026-02-03")
    run("generate")
    hand_written = tree(project / "docs" / "assets") | {"index.md": (project / "docs/index.md").read_bytes()}
    victim = next((project / "data/papers").glob("glaciernet*.yaml"))
    victim.unlink()
    assert run("generate") == 0
    assert not (project / "docs/papers" / f"{victim.stem}.md").exists()
    assert len(list((project / "docs/papers").iterdir())) == 3
    assert tree(project / "docs" / "assets") | {"index.md": (project / "docs/index.md").read_bytes()} == hand_written


def test_broken_data_stops_the_build_before_mkdocs(project, capsys):
    write_paper(project, "bad", "title: X\nabstract: y\ntags: [nope]\n")
    assert run("build") == 1
    assert "data/papers/bad.yaml:3: unknown topic 'nope'" in capsys.readouterr().err
    assert not (project / "site").exists()
