"""Hugging Face Papers API: one paper, a daily/weekly/monthly listing, title search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.fetch.http import Client, FetchError, Reply, parse_json
from generator.fetch.record import Invalid, Record, arxiv_field, date_field, names, text_field, url_field
from generator.text import one_line

DEFAULT_ENDPOINT = "https://huggingface.co"
PAGE_SIZE = 50
MAX_PAGES = 40  # a month of daily papers is well under 2,000


def record_from_paper(paper: Any) -> Record:
    """A ``paper`` object (top level of /api/papers/{id}, or inside a daily item)."""
    if not isinstance(paper, dict):
        raise Invalid(f"expected a paper object, found {type(paper).__name__}")
    upvotes = paper.get("upvotes")
    keywords = paper.get("ai_keywords")
    return Record(
        arxiv=arxiv_field(paper.get("id"), "field 'id'"),
        title=text_field(paper, "title", max_len=500) or "",
        abstract=text_field(paper, "summary") or "",
        authors=names(paper.get("authors")),
        published=date_field(paper.get("publishedAt")),
        upvotes=upvotes if isinstance(upvotes, int) and not isinstance(upvotes, bool) and upvotes >= 0 else None,
        code=url_field(paper.get("githubRepo")),
        project=url_field(paper.get("projectPage")),
        keywords=tuple(one_line(k) for k in keywords if isinstance(k, str) and one_line(k))[:30] if isinstance(keywords, list) else (),
        source="huggingface",
    )


@dataclass(frozen=True)
class Listing:
    records: list[Record]
    problems: list[str]  # items that could not be used, with the reason


def _paper(reply: Reply) -> Record:
    try:
        return record_from_paper(parse_json(reply))
    except Invalid as exc:
        raise FetchError(reply.url, str(exc)) from None


def _items(reply: Reply) -> list[Any]:
    body = parse_json(reply)
    if not isinstance(body, list):
        raise FetchError(reply.url, f"expected a list of papers, found {type(body).__name__}")
    return body


class HuggingFace:
    def __init__(self, client: Client, endpoint: str = DEFAULT_ENDPOINT):
        self.client, self.endpoint = client, endpoint.rstrip("/")

    def paper(self, arxiv: str) -> Record:
        record = self.client.get(f"{self.endpoint}/api/papers/{arxiv}", None, _paper)
        if record.arxiv != arxiv:
            raise FetchError(f"{self.endpoint}/api/papers/{arxiv}", f"answered with paper {record.arxiv}, not {arxiv}")
        return record

    def listing(self, period: str, value: str) -> Listing:
        """``period`` is date, week or month; pages are fetched until a short one."""
        records: list[Record] = []
        problems: list[str] = []
        for page in range(MAX_PAGES):
            params = {period: value, "p": page, "limit": PAGE_SIZE}
            items = self.client.get(f"{self.endpoint}/api/daily_papers", params, _items)
            for n, item in enumerate(items, start=1 + page * PAGE_SIZE):
                try:
                    records.append(record_from_paper(item.get("paper") if isinstance(item, dict) else item))
                except Invalid as exc:
                    problems.append(f"{period} {value}, item {n}: {exc}")
            if len(items) < PAGE_SIZE:
                break
        return Listing(records, problems)

    def search(self, title: str) -> list[tuple[str, str]]:
        """(arXiv id, title) of the papers Hugging Face finds for ``title``."""
        items = self.client.get(f"{self.endpoint}/api/papers/search", {"q": title, "limit": 10}, _items)
        found = []
        for item in items:
            paper = item.get("paper") if isinstance(item, dict) else None
            if isinstance(paper, dict) and isinstance(paper.get("id"), str) and isinstance(paper.get("title"), str):
                found.append((paper["id"], one_line(paper["title"])))
        return found
