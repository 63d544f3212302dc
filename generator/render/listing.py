"""Topic pages, the topics index and the home-page snippet."""

from __future__ import annotations

import functools
from collections import defaultdict
from datetime import date

from generator.dates import appeared
from generator.model import Catalogue, Paper, Taxonomy, Topic
from generator.render.charts import bar_chart, column_chart
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
    when = appeared(paper) or paper.added or date.min
    return (-when.toordinal(), paper.title.casefold(), paper.slug)


def has_code(paper: Paper) -> bool:
    return any(kind == "code" for kind, _ in paper.links)


@functools.lru_cache(maxsize=1 << 17)  # a paper appears in several topic, month and home listings
def paper_item(paper: Paper, prefix: str) -> str:
    """A list line: linked title, acronym when the title does not start with it, first sentence."""
    name = ""
    if paper.acronym and not paper.title.startswith(paper.acronym):
        name = f"**{md_text(paper.acronym)}** · "
    code = " · :material-code-braces: code" if has_code(paper) else ""
    summary = md_text(first_sentence(paper.abstract))
    return f"- {name}[{md_text(paper.title)}]({prefix}{paper.slug}.md){code}  \n  {summary}"


def count_of(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def subscribe(feed: str, prefix: str) -> str:
    """Links to a feed pair and its BibTeX file (``feed`` is 'all' or a topic slug)."""
    return (
        f":material-rss: [RSS]({prefix}feeds/{feed}.xml) · [JSON Feed]({prefix}feeds/{feed}.json) · "
        f":material-book-open-variant: [BibTeX]({prefix}bib/{feed}.bib)"
    )


def feed_meta(feed: str) -> dict[str, str]:
    """Front matter the theme override turns into <link rel="alternate"> (paths from the site root)."""
    return {"feed_rss": f"feeds/{feed}.xml", "feed_json": f"feeds/{feed}.json"}


def render_topic(topic: Topic, catalogue: Catalogue, groups: dict[str, list[Paper]]) -> str:
    taxonomy = catalogue.taxonomy
    papers = groups.get(topic.slug, [])
    meta = {"title": html_text(topic.title), "description": html_text(topic.description), "source_file": "data/topics.yaml"}
    out = [front_matter(meta | feed_meta(topic.slug))]
    out.append(md_text(topic.description) + "\n")
    facts = [f"**{count_of(len(papers), 'paper')}**"]
    if topic.parent:
        parent = taxonomy.by_slug[topic.parent]
        facts.append(f"part of [{md_text(parent.title)}]({parent.slug}.md)")
    children = taxonomy.children(topic.slug)
    if children:
        links = ", ".join(f"[{md_text(c.title)}]({c.slug}.md) ({len(groups.get(c.slug, []))})" for c in children)
        facts.append(f"subtopics: {links}")
    out.append(" · ".join(facts) + "\n")
    out.append(subscribe(topic.slug, "../") + "\n")
    out.append("## Papers\n")
    if not papers:
        out.append("No papers yet. [Add one](../contributing.md).\n")
        return "\n".join(out)
    # With code first: readers who want to run something find it at the top.
    coded = [p for p in papers if has_code(p)]
    rest = [p for p in papers if not has_code(p)]
    for heading, group in ((f"With code ({len(coded)})", coded), (f"Without code yet ({len(rest)})", rest)):
        if group:
            out.append(f"### {heading}\n")
            out.append("\n".join(paper_item(p, "../papers/") for p in group) + "\n")
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
        f"{count_of(len(catalogue.taxonomy.topics), 'topic')}, {count_of(len(catalogue.papers), 'paper')}. "
        "A paper in a subtopic is counted in its parent topic too.\n"
    )
    out.append(topic_chart(catalogue, groups) + "\n")
    out.append(topic_tree(catalogue.taxonomy, groups, ""))
    if untagged:
        out.append(f"{count_of(untagged, 'paper')} {'has' if untagged == 1 else 'have'} no topic yet.\n")
    return "\n".join(out)


def topic_chart(catalogue: Catalogue, groups: dict[str, list[Paper]]) -> str:
    rows = []
    for topic in catalogue.taxonomy.children(None):
        rows.append((topic.title, len(groups.get(topic.slug, []))))
        rows += [(f"· {c.title}", len(groups.get(c.slug, []))) for c in catalogue.taxonomy.children(topic.slug)]
    return bar_chart("chart-topics", "Papers per topic", rows)


def render_home(catalogue: Catalogue, groups: dict[str, list[Paper]], months: list[tuple[str, int, str]]) -> str:
    """Included by the hand-written docs/index.md (links are relative to it)."""
    papers = catalogue.papers
    with_code = sum(1 for p in papers if has_code(p))
    with_arxiv = sum(1 for p in papers if p.arxiv)
    out = [
        f"**{count_of(len(papers), 'paper')}** in **{count_of(len(catalogue.taxonomy.topics), 'topic')}**"
        f" · {with_arxiv} with an arXiv id · {with_code} with code · [browse by month](archive/index.md)\n",
        f"Follow new papers: {subscribe('all', '')} (every topic page has its own).\n",
        "## Topics\n",
        topic_chart(catalogue, groups) + "\n",
        topic_tree(catalogue.taxonomy, groups, "topics/"),
    ]
    if months:
        out += ["## Papers per month\n", column_chart("chart-months", "Papers per month", months) + "\n"]
    out.append("## Recently added\n")
    recent = sorted(papers, key=lambda p: (-(p.added or date.min).toordinal(), *newest_first(p)))[:RECENT]
    out.append("\n".join(paper_item(p, "papers/") for p in recent) + "\n" if recent else "No papers yet.\n")
    return "\n".join(out)
