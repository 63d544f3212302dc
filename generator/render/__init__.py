"""Catalogue -> the generated files under docs/, as {relative path: text}.

Pure: no I/O here; ``generator.build`` hands the result to the writer.
"""

from __future__ import annotations

from generator.model import Catalogue
from generator.render import paths
from generator.render.api import papers_json, topics_json
from generator.render.listing import papers_by_topic, render_home, render_topic, render_topics_index
from generator.render.paper import render_paper

OWNED = (paths.PAPERS, paths.TOPICS, paths.API, paths.SNIPPETS)


def render_site(catalogue: Catalogue, related: dict | None = None) -> dict[str, dict[str, str]]:
    """Owned folder -> {path inside it: content}.  ``related`` maps slug -> [(paper, terms)]."""
    related = related or {}
    groups = papers_by_topic(catalogue)
    papers = {f"{p.slug}.md": render_paper(p, catalogue.taxonomy, related.get(p.slug, [])) for p in catalogue.papers}
    topics = {f"{t.slug}.md": render_topic(t, catalogue, groups) for t in catalogue.taxonomy.topics}
    topics["index.md"] = render_topics_index(catalogue, groups)
    return {
        paths.PAPERS: papers,
        paths.TOPICS: topics,
        paths.API: {"papers.json": papers_json(catalogue), "topics.json": topics_json(catalogue, groups)},
        paths.SNIPPETS: {"home.md": render_home(catalogue, groups)},
    }
