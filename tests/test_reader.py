"""Reader features in the built site: feeds, BibTeX, citation meta tags, the archive, charts, basic accessibility."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest

from generator.dates import arxiv_month
from generator.render.feeds import FEED_ITEMS
from tests.conftest import run, write_paper
from tests.htmlaudit import HOSTILE_ABSTRACT, HOSTILE_TITLE

pytestmark = pytest.mark.slow
SITE_URL = "https://efficient-ml.github.io/paper-catalogue/"  # mkdocs.yml's default site_url


class Head(HTMLParser):
    """The bits of a page the reader features put there: meta tags, alternate links, headings, charts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []
        self.alternates: list[dict[str, str]] = []
        self.h1 = 0
        self.lang = None
        self.charts: list[dict[str, str]] = []
        self._in: str | None = None
        self.texts: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "meta" and a.get("name", "").startswith("citation_"):
            self.meta.append((a["name"], a.get("content", "")))
        elif tag == "link" and a.get("rel") == "alternate":
            self.alternates.append(a)
        elif tag == "h1":
            self.h1 += 1
        elif tag == "svg" and "chart" in a.get("class", ""):
            self.charts.append(a)
        elif tag in ("title", "desc") and a.get("id"):
            self._in = a["id"]
            self.texts[self._in] = ""

    def handle_endtag(self, tag):
        if tag in ("title", "desc"):
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.texts[self._in] += data


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text("utf-8"))
    return parser


def rss_items(path: Path) -> list[ET.Element]:
    root = ET.parse(path).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    for required in ("title", "link", "description"):
        assert (channel.findtext(required) or "").strip(), required
    return channel.findall("item")


# ---------------------------------------------------------------- the default catalogue


def test_catalogue_feeds_parse_and_list_newest_additions_first(default_site):
    site = default_site / "site"
    items = rss_items(site / "feeds/all.xml")
    assert len(items) == min(FEED_ITEMS, 95)
    dates = [parsedate_to_datetime(item.findtext("pubDate")) for item in items]
    assert dates == sorted(dates, reverse=True)
    for item in items:
        link = item.findtext("link")
        assert link.startswith(SITE_URL + "papers/") and item.findtext("guid") == link
        assert (site / link.removeprefix(SITE_URL) / "index.html").is_file()
        assert item.findall("category") and item.findtext("description").startswith("<p>")
    feed = json.loads((site / "feeds/all.json").read_text("utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["feed_url"] == SITE_URL + "feeds/all.json"
    assert [i["url"] for i in feed["items"]] == [item.findtext("link") for item in items]
    for item in feed["items"]:
        assert item["id"] == item["url"] and item["title"] and item["content_text"] and item["tags"]
        date.fromisoformat(item["date_published"][:10])


def test_every_topic_has_feeds_and_a_bib_file_matching_its_count(default_site):
    site = default_site / "site"
    topics = json.loads((site / "api/topics.json").read_text("utf-8"))
    assert topics
    for topic in topics:
        slug, count = topic["slug"], topic["count"]
        assert len(rss_items(site / f"feeds/{slug}.xml")) == min(count, FEED_ITEMS)
        assert len(json.loads((site / f"feeds/{slug}.json").read_text("utf-8"))["items"]) == min(count, FEED_ITEMS)
        entries = bibtexparser.loads((site / f"bib/{slug}.bib").read_text("utf-8")).entries
        assert len(entries) == count
        page = head(site / f"topics/{slug}/index.html")
        assert {a["href"] for a in page.alternates} >= {"../../feeds/all.xml", f"../../feeds/{slug}.xml", f"../../feeds/{slug}.json"}


def test_catalogue_bib_has_one_entry_per_paper_with_unique_keys(default_site):
    entries = bibtexparser.loads((default_site / "site/bib/all.bib").read_text("utf-8")).entries
    assert len(entries) == 95
    assert len({e["ID"] for e in entries}) == 95
    sags = next(e for e in entries if e.get("eprint") == "2404.19149")
    assert sags["title"] == "{SAGS: Structure-Aware 3D Gaussian Splatting}" and sags["year"] == "2024"


def test_paper_pages_carry_citation_meta_tags(default_site):
    page = head(default_site / "site/papers/sags-structure-aware-3d-gaussian-splatting/index.html")
    meta = dict(page.meta)
    assert meta["citation_title"] == "SAGS: Structure-Aware 3D Gaussian Splatting"
    assert meta["citation_arxiv_id"] == "2404.19149"
    assert meta["citation_pdf_url"] == "https://arxiv.org/pdf/2404.19149"
    assert page.alternates == []  # feeds are advertised on home, topic and listing pages; paper pages stay small
    home = head(default_site / "site/index.html")
    assert {(a["type"], a["href"]) for a in home.alternates} == {
        ("application/rss+xml", "feeds/all.xml"),
        ("application/feed+json", "feeds/all.json"),
    }


def test_archive_months_add_up_and_follow_the_arxiv_month(default_site):
    site = default_site / "site"
    index = (site / "archive/index.html").read_text("utf-8")
    counts = [int(n) for n in re.findall(r'href="(\d{4}-\d{2})/">[^<]+</a> — (\d+)', index) for n in [n[1]]]
    assert sum(counts) == 95
    april = (site / "archive/2024-04/index.html").read_text("utf-8")
    listed = re.findall(r'href="\.\./\.\./papers/([^/]+)/"', april)
    papers = json.loads((site / "api/papers.json").read_text("utf-8"))
    expected = {p["slug"] for p in papers if arxiv_month(p.get("arxiv")) == date(2024, 4, 1)}
    assert set(listed) == expected and expected


def test_home_and_topic_index_show_labelled_charts_with_the_real_counts(default_site):
    site = default_site / "site"
    topics = {t["title"]: t["count"] for t in json.loads((site / "api/topics.json").read_text("utf-8"))}
    for page in (site / "index.html", site / "topics/index.html"):
        parsed = head(page)
        chart = next(c for c in parsed.charts if c["id"] == "chart-topics")
        assert chart["role"] == "img" and chart["aria-labelledby"] == "chart-topics-title chart-topics-desc"
        assert parsed.texts["chart-topics-title"] == "Papers per topic"
        described = dict(re.findall(r"(?:· )?([^;:]+): (\d+)", parsed.texts["chart-topics-desc"]))
        assert {k.strip().removeprefix("· "): int(v) for k, v in described.items()} == topics
    home = head(site / "index.html")
    assert "chart-months" in {c["id"] for c in home.charts}
    assert "<script" not in (site / "index.html").read_text("utf-8").split('class="chart-box"')[1].split("</svg>")[0]


def test_every_page_has_a_language_and_exactly_one_h1(default_site):
    pages = sorted((default_site / "site").rglob("*.html"))
    assert len(pages) > 150
    for page in pages:
        if page.name == "404.html":
            continue
        parsed = head(page)
        assert parsed.lang == "en", page
        assert parsed.h1 == 1, f"{page}: {parsed.h1} h1 elements"


# ---------------------------------------------------------------- catalogues built here


def test_topic_pages_put_papers_with_code_first(project):
    for n, code in ((1, False), (2, True), (3, False)):
        links = f"links:\n  code: https://github.com/x/p{n}\n" if code else ""
        write_paper(
            project,
            f"p{n}",
            f"title: Quantized Paper {n}\npublished: 2024-0{n}-01\ntags: [quantization]\n{links}abstract: Weights in 4 bits.\n",
        )
    assert run("build") == 0
    page = (project / "site/topics/quantization/index.html").read_text("utf-8").split("<article")[1]
    with_code, without = page.index("With code (1)"), page.index("Without code yet (2)")
    assert with_code < page.index("Quantized Paper 2") < without < page.index("Quantized Paper 3") < page.index("Quantized Paper 1")
    assert page.count("</span> code") == 1  # the code mark (an icon and the word) on the listing
    bib = bibtexparser.loads((project / "site/bib/quantization.bib").read_text("utf-8")).entries
    assert sorted(e["ID"] for e in bib) == ["2024quantizeda", "2024quantizedb", "2024quantizedc"]  # clashing keys get letters


def test_feeds_carry_authors_code_and_escaped_hostile_text(project):
    write_paper(
        project,
        "hostile",
        f"""
        title: {json.dumps(HOSTILE_TITLE)}
        authors: ["Ann <b>Lee</b>", "Bo Chen"]
        published: 2024-05-02
        added: 2024-06-01
        tags: [rag]
        links:
          code: https://github.com/x/y
        abstract: {json.dumps(HOSTILE_ABSTRACT)}
        """,
    )
    write_paper(project, "older", "title: Older Paper\nadded: 2023-01-01\ntags: [rag]\nabstract: Retrieval.\n")
    assert run("build") == 0
    for feed in ("all", "rag"):
        items = rss_items(project / f"site/feeds/{feed}.xml")
        assert [i.findtext("title") for i in items] == [" ".join(HOSTILE_TITLE.split()), "Older Paper"]
        first = items[0]
        assert first.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Ann <b>Lee</b>, Bo Chen"
        assert first.findtext("pubDate") == "Sat, 01 Jun 2024 00:00:00 +0000"
        description = first.findtext("description")
        assert set(re.findall(r"<(\w+)", description)) == {"p", "a"}  # readers render it as HTML: only our own tags
        assert "&lt;svg onload=alert(4)&gt;" in description  # the abstract's markup arrives as text
        assert '<a href="https://github.com/x/y">Code</a>' in description
        raw = (project / f"site/feeds/{feed}.json").read_text("utf-8")
        assert "<" not in raw
        item = json.loads(raw)["items"][0]
        assert item["title"] == " ".join(HOSTILE_TITLE.split()) and item["_catalogue"] == {"code": "https://github.com/x/y"}
        assert item["authors"] == [{"name": "Ann <b>Lee</b>"}, {"name": "Bo Chen"}] and item["date_published"] == "2024-06-01T00:00:00Z"
    meta = dict(head(project / "site/papers/hostile/index.html").meta)
    assert meta["citation_title"] == " ".join(HOSTILE_TITLE.split())  # the parser unescaped it: the attribute held it as text
    assert meta["citation_publication_date"] == "2024/05/02"
    assert [v for k, v in head(project / "site/papers/hostile/index.html").meta if k == "citation_author"] == ["Ann <b>Lee</b>", "Bo Chen"]
