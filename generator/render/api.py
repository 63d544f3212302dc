"""The static JSON API: site/api/papers.json and site/api/topics.json."""

from __future__ import annotations

from generator.model import Catalogue, Paper
from generator.render.escape import json_text
from generator.render.paths import paper_url, topic_url


def papers_json(catalogue: Catalogue) -> str:
    return json_text(
        [
            {
                "slug": p.slug,
                "title": p.title,
                "acronym": p.acronym,
                "abstract": p.abstract,
                "arxiv": p.arxiv,
                "authors": list(p.authors),
                "published": p.published.isoformat() if p.published else None,
                "added": p.added.isoformat() if p.added else None,
                "tags": list(p.tags),
                "links": dict(p.links),
                "url": paper_url(p.slug),
            }
            for p in catalogue.papers
        ]
    )


def topics_json(catalogue: Catalogue, groups: dict[str, list[Paper]]) -> str:
    return json_text(
        [
            {"slug": t.slug, "title": t.title, "parent": t.parent, "count": len(groups.get(t.slug, [])), "url": topic_url(t.slug)}
            for t in catalogue.taxonomy.topics
        ]
    )
