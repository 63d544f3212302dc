"""One Markdown page per paper."""

from __future__ import annotations

from urllib.parse import quote_plus

from generator.model import Paper, Taxonomy
from generator.render.bibtex import bibtex
from generator.render.escape import code_block, front_matter, html_text, md_text
from generator.render.paths import topic_url
from generator.text import clean, first_sentence

MAX_AUTHORS_SHOWN = 20
LINK_LABELS = {
    "code": "Code",
    "project": "Project page",
    "pdf": "PDF",
    "data": "Data",
    "demo": "Demo",
    "video": "Video",
    "blog": "Blog post",
    "slides": "Slides",
    "huggingface": "Hugging Face",
    "other": "More",
}


def paper_links(paper: Paper) -> list[tuple[str, str]]:
    """(label, URL) pairs: arXiv-derived ones first, then the curated links."""
    own = dict(paper.links)
    links: list[tuple[str, str]] = []
    if paper.arxiv:
        links.append(("arXiv", f"https://arxiv.org/abs/{paper.arxiv}"))
        links.append(("PDF", own.pop("pdf", f"https://arxiv.org/pdf/{paper.arxiv}")))
        links.append(("Hugging Face", own.pop("huggingface", f"https://huggingface.co/papers/{paper.arxiv}")))
    else:
        links.append(("Search arXiv", f"https://arxiv.org/search/?query={quote_plus(clean(paper.title))}&searchtype=title"))
    links += [(LINK_LABELS[kind], url) for kind, url in own.items()]
    return links


def shown_topics(paper: Paper, taxonomy: Taxonomy) -> list[str]:
    """Stored tags plus the parents they imply, known topics only."""
    return taxonomy.with_ancestors([t for t in paper.tags if t in taxonomy.by_slug])


def citation_meta(paper: Paper) -> list[list[str]]:
    """Highwire Press tags (citation_*) that Zotero and Google Scholar read; plain text, escaped by the template."""
    pairs = [["citation_title", clean(paper.title)]]
    pairs += [["citation_author", clean(a)] for a in paper.authors]
    if paper.published:
        pairs.append(["citation_publication_date", paper.published.strftime("%Y/%m/%d")])
    if paper.arxiv:
        pairs.append(["citation_arxiv_id", paper.arxiv])
        pairs.append(["citation_pdf_url", dict(paper.links).get("pdf", f"https://arxiv.org/pdf/{paper.arxiv}")])
    return pairs


def render_paper(
    paper: Paper,
    taxonomy: Taxonomy,
    related: list[tuple[Paper, list[str]]] | None = None,
    cite_key: str | None = None,
    elsewhere: dict[str, str] | None = None,
) -> str:
    topics = [taxonomy.by_slug[s] for s in shown_topics(paper, taxonomy)]
    meta = {
        "title": html_text(paper.title),
        "description": html_text(first_sentence(paper.abstract, 200)),
        "tags": [t.title for t in topics],
        "topic_urls": {t.title: topic_url(t.slug) for t in topics},
        "source_file": paper.source,
        "citation": citation_meta(paper),
        "hide": ["toc"],  # three short sections; the table of contents only adds weight
    }
    if paper.arxiv:
        meta["arxiv"] = paper.arxiv
    out = [front_matter(meta)]
    facts = []
    if paper.acronym:
        facts.append(f'<span class="paper-acronym">{md_text(paper.acronym)}</span>')
    if paper.authors:
        names = [md_text(a) for a in paper.authors[:MAX_AUTHORS_SHOWN]]
        more = len(paper.authors) - MAX_AUTHORS_SHOWN
        facts.append(", ".join(names) + (f" and {more} more" if more > 0 else ""))
    if paper.published:
        facts.append(f"Published {paper.published.isoformat()}")
    if paper.added:
        facts.append(f"Added {paper.added.isoformat()}")
    if paper.upvotes:
        facts.append(f"{paper.upvotes} upvote{'s' if paper.upvotes != 1 else ''} on Hugging Face")
    if facts:
        out.append(" · ".join(facts) + "\n{ .paper-facts }\n")
    out.append(" ".join(f"[{label}]({url}){{ .md-button }}" for label, url in paper_links(paper)) + "\n")
    if paper.notes:
        out.append(f'!!! note "Why it is here"\n    {md_text(paper.notes)}\n')
    out.append("## Abstract\n")
    out.append(md_text(paper.abstract) + "\n")
    if related:
        out.append("## Related papers\n")
        for other, terms in related:
            reason = f" — shares *{md_text(', '.join(terms))}*" if terms else ""
            target = (elsewhere or {}).get(other.slug, f"{other.slug}.md")  # another shard's site, or this one
            out.append(f"- [{md_text(other.title)}]({target}){reason}")
        out.append("")
    out.append("## Cite\n")
    out.append(code_block(bibtex(paper, cite_key), "text"))  # no syntax colouring: 2 KB less per page
    return "\n".join(out)
