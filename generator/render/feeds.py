"""RSS 2.0 and JSON Feed 1.1 for the catalogue and for each topic: newest additions first.

Feed readers render an RSS description as HTML, so untrusted text is
HTML-escaped before it is XML-escaped; JSON Feed gets plain ``content_text``.
Dates come from the data (never the clock), so the same catalogue gives the
same bytes.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time
from email.utils import format_datetime

from generator.model import Paper, SiteInfo, Taxonomy
from generator.render.paper import paper_links, shown_topics
from generator.render.paths import paper_url
from generator.text import clean, first_sentence, one_line

FEED_ITEMS = 50  # newest papers per feed; readers only need what changed recently
FEEDS = "feeds"
ET.register_namespace("atom", "http://www.w3.org/2005/Atom")
ET.register_namespace("dc", "http://purl.org/dc/elements/1.1/")
DC = "{http://purl.org/dc/elements/1.1/}"
ATOM = "{http://www.w3.org/2005/Atom}"


def feed_date(paper: Paper) -> date | None:
    return paper.added or paper.published


def newest_additions(papers: list[Paper] | tuple[Paper, ...]) -> list[Paper]:
    def key(p: Paper) -> tuple:
        when = feed_date(p) or date.min
        return (-when.toordinal(), -(p.published or date.min).toordinal(), p.slug)

    return sorted(papers, key=key)[:FEED_ITEMS]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def _code(paper: Paper) -> str | None:
    return next((url for kind, url in paper.links if kind == "code"), None)


def rss(papers: list[Paper], taxonomy: Taxonomy, site: SiteInfo, title: str, description: str, page: str, self_path: str) -> bytes:
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = clean(title)
    ET.SubElement(channel, "link").text = site.url + page
    ET.SubElement(channel, "description").text = clean(description) or clean(title)
    ET.SubElement(channel, "language").text = "en"
    ET.SubElement(channel, f"{ATOM}link", {"href": site.url + self_path, "rel": "self", "type": "application/rss+xml"})
    items = newest_additions(papers)
    dates = [d for p in items if (d := feed_date(p))]
    if dates:
        ET.SubElement(channel, "lastBuildDate").text = format_datetime(_midnight(max(dates)))
    for paper in items:
        url = site.url + paper_url(paper.slug)
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = one_line(paper.title)
        ET.SubElement(item, "link").text = url
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = url
        if when := feed_date(paper):
            ET.SubElement(item, "pubDate").text = format_datetime(_midnight(when))
        if paper.authors:
            ET.SubElement(item, f"{DC}creator").text = one_line(", ".join(paper.authors))
        for slug in shown_topics(paper, taxonomy):
            ET.SubElement(item, "category").text = taxonomy.by_slug[slug].title
        parts = [f"<p>{html.escape(one_line(paper.abstract))}</p>"]
        links = " · ".join(f'<a href="{html.escape(href)}">{html.escape(label)}</a>' for label, href in paper_links(paper))
        parts.append(f"<p>{links}</p>")
        ET.SubElement(item, "description").text = "".join(parts)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def json_feed(papers: list[Paper], taxonomy: Taxonomy, site: SiteInfo, title: str, description: str, page: str, self_path: str) -> str:
    items = []
    for paper in newest_additions(papers):
        url = site.url + paper_url(paper.slug)
        item: dict = {"id": url, "url": url, "title": one_line(paper.title), "content_text": one_line(paper.abstract)}
        item["summary"] = first_sentence(paper.abstract)
        if paper.arxiv:
            item["external_url"] = f"https://arxiv.org/abs/{paper.arxiv}"
        if when := feed_date(paper):
            item["date_published"] = _midnight(when).isoformat().replace("+00:00", "Z")
        if paper.authors:
            item["authors"] = [{"name": one_line(a)} for a in paper.authors]
        item["tags"] = [taxonomy.by_slug[s].title for s in shown_topics(paper, taxonomy)]
        if code := _code(paper):
            item["_catalogue"] = {"code": code}
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": clean(title),
        "home_page_url": site.url + page,
        "feed_url": site.url + self_path,
        "description": clean(description) or clean(title),
        "language": "en",
        "items": items,
    }
    # "<", ">" and "&" as \u escapes: the file may be served or inlined as HTML by mistake.
    text = json.dumps(feed, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
