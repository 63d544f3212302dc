"""Topic pages, the topics index and the home-page snippet."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from generator.model import Catalogue, Paper, Taxonomy, Topic
from generator.render.escape import front_matter, html_text, md_text
from generator.render.paper import shown_topics
from generator.text import first_sentence

RECENT = 10


def papers_by_topic(catalogue: Catalogue) -> dict[str, list[Paper]]:
    """Topic slug -> its papers (children's papers included), newest first."""
    groups: dict[str, list[Paper]] = defaultdict(list)
    for paper in catalogue.papers:
        for slug in shown_topics(paper, catalogue.taxonomy):
            groups[slug].append(paper)
    return {slug: sorted(papers, key=newest_first) for slug, papers in groups.items()}


def newest_first(paper: Paper) -> tuple:
    when = paper.published or paper.added or date.min
    return (-when.toordinal(), paper.title.casefold(), paper.slug)


def has_code(paper: Paper) -> bool:
    return any(kind == "code" for kind, _ in paper.links)


def paper_item(paper: Paper, prefix: str) -> str:
    """A list line: linked title, acronym when the title does not start with it, first sentence."""
    name = ""
    if paper.acronym and not paper.title.startswith(paper.acronym):
        name = f"**{md_text(paper.acronym)}** · "
    code = " · :material-code-braces: code" if has_code(paper) else ""
    summary = md_text(first_sentence(paper.abstract))
    return f"- {name}[{md_text(paper.title)}]({prefix}{paper.slug}.md){code}  \n  {summary}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def render_topic(topic: Topic, catalogue: Catalogue, groups: dict[str, list[Paper]]) -> str:
    taxonomy = catalogue.taxonomy
    papers = groups.get(topic.slug, [])
    out = [front_matter({"title": html_text(topic.title), "description": html_text(topic.description), "source_file": "data/topics.yaml"})]
    out.append(md_text(topic.description) + "\n")
    facts = [f"**{_count(len(papers), 'paper')}**"]
    if topic.parent:
        parent = taxonomy.by_slug[topic.parent]
        facts.append(f"part of [{md_text(parent.title)}]({parent.slug}.md)")
    children = taxonomy.children(topic.slug)
    if children:
        links = ", ".join(f"[{md_text(c.title)}]({c.slug}.md) ({len(groups.get(c.slug, []))})" for c in children)
        facts.append(f"subtopics: {links}")
    out.append(" · ".join(facts) + "\n")
    out.append("## Papers\n")
    if papers:
        out.append("\n".join(paper_item(p, "../papers/") for p in papers) + "\n")
    else:
        out.append("No papers yet. [Add one](../contributing.md).\n")
    return "\n".join(out)


def topic_tree(taxonomy: Taxonomy, groups: dict[str, list[Paper]], prefix: str) -> str:
    lines = []
    for topic in taxonomy.children(None):
        lines.append(f"- [{md_text(topic.title)}]({prefix}{topic.slug}.md) — {len(groups.get(topic.slug, []))}")
        for child in taxonomy.children(topic.slug):
            lines.append(f"    - [{md_text(child.title)}]({prefix}{child.slug}.md) — {len(groups.get(child.slug, []))}")
    return "\n".join(lines) + "\n"


def render_topics_index(catalogue: Catalogue, groups: dict[str, list[Paper]]) -> str:
    untagged = sum(1 for p in catalogue.papers if not p.tags)
    out = [front_matter({"title": "Topics", "source_file": "data/topics.yaml"})]
    out.append(
        f"{_count(len(catalogue.taxonomy.topics), 'topic')}, {_count(len(catalogue.papers), 'paper')}. "
        "A paper in a subtopic is counted in its parent topic too.\n"
    )
    out.append(topic_tree(catalogue.taxonomy, groups, ""))
    if untagged:
        out.append(f"{_count(untagged, 'paper')} {'has' if untagged == 1 else 'have'} no topic yet.\n")
    return "\n".join(out)


def render_home(catalogue: Catalogue, groups: dict[str, list[Paper]]) -> str:
    """Included by the hand-written docs/index.md (links are relative to it)."""
    papers = catalogue.papers
    with_code = sum(1 for p in papers if has_code(p))
    with_arxiv = sum(1 for p in papers if p.arxiv)
    out = [
        f"**{_count(len(papers), 'paper')}** in **{_count(len(catalogue.taxonomy.topics), 'topic')}**"
        f" · {with_arxiv} with an arXiv id · {with_code} with code\n",
        "## Topics\n",
        topic_tree(catalogue.taxonomy, groups, "topics/"),
        "## Recently added\n",
    ]
    recent = sorted(papers, key=lambda p: (-(p.added or date.min).toordinal(), *newest_first(p)))[:RECENT]
    out.append("\n".join(paper_item(p, "papers/") for p in recent) + "\n" if recent else "No papers yet.\n")
    return "\n".join(out)
