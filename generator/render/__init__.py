"""Catalogue -> the generated files under docs/, as {relative path: text}.

Pure: no I/O here; ``generator.build`` hands the result to the writer.
"""

from __future__ import annotations

from generator.model import Catalogue, SiteInfo
from generator.parallel import map_ranges
from generator.render import paths
from generator.render.api import papers_json, topics_json
from generator.render.archive import by_month, month_series, render_archive
from generator.render.bibtex import bib_file, unique_keys
from generator.render.feeds import json_feed, rss
from generator.render.listing import papers_by_topic, render_home, render_topic, render_topics_index
from generator.render.paper import render_paper

EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
OWNED = (paths.PAPERS, paths.TOPICS, paths.API, paths.SNIPPETS, paths.FEEDS, paths.BIB, paths.ARCHIVE)


def render_site(
    catalogue: Catalogue, related: dict | None = None, site: SiteInfo | None = None, elsewhere: dict[str, str] | None = None
) -> dict[str, dict[str, str | bytes]]:
    """Owned folder -> {path inside it: content}.

    ``related`` maps slug -> [(paper, terms)]; ``elsewhere`` maps the slugs of papers
    built in another shard to their absolute URLs.
    """
    related = related or {}
    site = site or SiteInfo()
    taxonomy = catalogue.taxonomy
    groups = papers_by_topic(catalogue)
    keys = unique_keys(catalogue.papers)
    members = catalogue.papers

    def pages(indices: range) -> list[str]:
        return [
            render_paper(members[i], taxonomy, related.get(members[i].slug, []), keys[members[i].slug], elsewhere or {}) for i in indices
        ]

    papers = dict(zip((f"{p.slug}.md" for p in members), map_ranges(pages, len(members)), strict=True))
    topics = {f"{t.slug}.md": render_topic(t, catalogue, groups) for t in taxonomy.topics}
    topics["index.md"] = render_topics_index(catalogue, groups)
    # Material fetches sitemap.xml next to every <link rel="alternate"> (it expects language
    # versions of the site); an empty one next to the feeds answers that request.
    feeds: dict[str, str | bytes] = {"sitemap.xml": EMPTY_SITEMAP}
    bib = {"all.bib": bib_file(list(catalogue.papers), keys, site.name)}
    collections = [("all", list(catalogue.papers), site.name, site.description, "")]
    collections += [
        (t.slug, groups.get(t.slug, []), f"{site.name}: {t.title}", t.description, paths.topic_url(t.slug)) for t in taxonomy.topics
    ]
    for name, members, title, description, page in collections:
        feeds[f"{name}.xml"] = rss(members, taxonomy, site, title, description, page, f"{paths.FEEDS}/{name}.xml")
        feeds[f"{name}.json"] = json_feed(members, taxonomy, site, title, description, page, f"{paths.FEEDS}/{name}.json")
        if name != "all":
            bib[f"{name}.bib"] = bib_file(members, keys, title)
    return {
        paths.PAPERS: papers,
        paths.TOPICS: topics,
        paths.API: {"papers.json": papers_json(catalogue), "topics.json": topics_json(catalogue, groups)},
        paths.SNIPPETS: {"home.md": render_home(catalogue, groups, month_series(by_month(catalogue.papers)))},
        paths.FEEDS: feeds,
        paths.BIB: bib,
        paths.ARCHIVE: render_archive(catalogue),
    }
