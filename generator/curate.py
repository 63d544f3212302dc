"""Fetched records into curated YAML data: new files, and filling gaps in old ones.

Pure functions on plain data.  The rule for existing files: a field a curator
set is never changed; only missing ones are filled.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.fetch.record import Record
from generator.importer import ordered
from generator.tagger import Tagger


def record_links(record: Record) -> dict[str, str]:
    links = {"pdf": f"https://arxiv.org/pdf/{record.arxiv}"}
    if record.code:
        links["code"] = record.code
    if record.project:
        links["project"] = record.project
    return links


def new_paper_data(
    record: Record, tagger: Tagger, added: date, extra_tags: tuple[str, ...] = (), note: str | None = None
) -> dict[str, Any]:
    """The YAML mapping for a paper the catalogue does not have yet; ``extra_tags`` join the tagger's, in taxonomy order."""
    tags = set(tagger.tags(record.title, record.abstract, record.keywords)) | set(extra_tags)
    return ordered(
        {
            "title": record.title,
            "arxiv": record.arxiv,
            "authors": list(record.authors),
            "published": record.published,
            "added": added,
            "upvotes": record.upvotes,
            "tags": sorted(tags, key=tagger.order.__getitem__),
            "links": record_links(record),
            "notes": note,
            "abstract": record.abstract,
        }
    )


def fill_missing(data: dict[str, Any], record: Record) -> tuple[dict[str, Any], list[str]]:
    """``data`` with empty fields taken from ``record``, and the names of those filled."""
    offered = {"arxiv": record.arxiv, "authors": list(record.authors), "published": record.published, "upvotes": record.upvotes}
    out = dict(data)
    filled = []
    for key, value in offered.items():
        if out.get(key) in (None, "", []) and value not in (None, []):
            out[key] = value
            filled.append(key)
    links = dict(out.get("links") or {})
    for kind, url in record_links(record).items():
        if kind != "pdf" and not links.get(kind):
            links[kind] = url
            filled.append(f"links.{kind}")
    if links:
        out["links"] = links
    return ({key: out[key] for key in ordered(out)} if filled else data), filled


def wants_enrichment(data: dict[str, Any]) -> bool:
    """True when any field ``enrich`` can fill is empty (a code link may just not exist)."""
    return any(not data.get(key) for key in ("arxiv", "authors", "published", "upvotes")) or not (data.get("links") or {}).get("code")
