"""``check-links``: which external links of the catalogue no longer answer.

Checked: each paper's arXiv page and its curated links (code, project, …).
Links the site derives (PDF, Hugging Face) are not, as Hugging Face has no page
for papers nobody submitted there.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.fetch.http import Client
from generator.model import Catalogue
from generator.progress import Progress
from generator.render.escape import code_span

HOST_INTERVAL = 1.0  # seconds between two requests to the same host


@dataclass(frozen=True)
class Link:
    source: str  # the paper file
    kind: str
    url: str


@dataclass(frozen=True)
class Broken:
    link: Link
    reason: str


def catalogue_links(catalogue: Catalogue) -> list[Link]:
    links = []
    for paper in catalogue.papers:
        if paper.arxiv:
            links.append(Link(paper.source, "arxiv", f"https://arxiv.org/abs/{paper.arxiv}"))
        links += [Link(paper.source, kind, url) for kind, url in paper.links]
    return links


def check(
    links: list[Link],
    client: Client,
    progress: Progress,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Broken]:
    """Each distinct URL once, hosts spaced by HOST_INTERVAL, results for every link that uses it."""
    last: dict[str, float] = {}
    verdicts: dict[str, str | None] = {}
    for link in links:
        if link.url not in verdicts:
            host = urlsplit(link.url).hostname or ""
            if host in last and (wait := last[host] + HOST_INTERVAL - clock()) > 0:
                sleep(wait)
            verdicts[link.url] = client.probe(link.url)
            last[host] = clock()
        progress.step(link.url)
    return [Broken(link, verdicts[link.url] or "") for link in links if verdicts[link.url]]


def report(broken: list[Broken], total: int) -> str:
    """Markdown for the one issue the weekly workflow keeps up to date."""
    if not broken:
        return f"All {total} external links of the catalogue answered.\n"
    lines = [
        f"{len(broken)} of {total} external links of the catalogue do not answer. "
        "Fix the URL in the paper file, or remove the link if the page is gone.",
        "",
        "| paper file | link | URL | problem |",
        "|---|---|---|---|",
    ]
    lines += [f"| {code_span(b.link.source)} | {b.link.kind} | {code_span(b.link.url)} | {code_span(b.reason)} |" for b in broken]
    return "\n".join(lines) + "\n"
