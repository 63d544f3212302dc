"""Merge parsed listing entries into ``data/papers/`` without losing curation.

Pure planning (``plan_import``) is apart from the writes (``apply``): a plan
is computed for every entry first, so a bad file anywhere stops the import
before anything is written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.catalogue import PAPERS_DIR, load_catalogue
from generator.dump import Entry
from generator.errors import DataError, Problem
from generator.model import Catalogue
from generator.schema import PAPER_KEYS, check_arxiv
from generator.slugs import unique_slug
from generator.tagger import Tagger
from generator.text import normalize_title, one_line
from generator.writer import write_if_changed
from generator.yamlsafe import dumps, loads


@dataclass(frozen=True)
class Change:
    slug: str
    status: str  # "added", "updated" or "unchanged"
    content: str  # the YAML the file should hold


def read_ids(text: str, path: str) -> dict[str, str]:
    """A ``title<TAB>arxiv_id`` table (header row first) as {normalised title: id}."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter="\t"))
    problems, ids = [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            problems.append(Problem(path, number, f"expected 2 tab-separated columns (title, arxiv_id), found {len(row)}"))
            continue
        title, arxiv = row[0].strip(), row[1].strip()
        if why := check_arxiv(arxiv):
            problems.append(Problem(path, number, why))
            continue
        ids[normalize_title(title)] = arxiv
    if problems:
        raise DataError(problems)
    return ids


def ordered(data: dict[str, Any]) -> dict[str, Any]:
    """Keys in schema order, so every file the tool writes reads the same way."""
    return {key: data[key] for key in PAPER_KEYS if key in data and data[key] not in (None, [], {})}


def plan_import(
    entries: list[Entry], catalogue: Catalogue, existing: dict[str, dict[str, Any]], ids: dict[str, str], added: date
) -> list[Change]:
    """What each entry does to the catalogue.  ``existing`` maps slug -> raw YAML data.

    Source-owned fields (title, abstract, a missing arXiv id) follow the listing;
    everything a curator set (tags, links, notes, authors, …) is kept as it is.
    """
    tagger = Tagger(catalogue.taxonomy)
    by_arxiv = {p.arxiv: p.slug for p in catalogue.papers if p.arxiv}
    by_title = {normalize_title(p.title): p.slug for p in catalogue.papers}
    taken = set(existing)
    changes: dict[str, Change] = {}
    for entry in entries:
        title, abstract = one_line(entry.title), one_line(entry.abstract)
        arxiv = ids.get(normalize_title(title))
        slug = (arxiv and by_arxiv.get(arxiv)) or by_title.get(normalize_title(title))
        if slug in changes:
            continue  # the listing repeats a paper; first one wins
        if slug:
            data = dict(existing[slug])
            data["title"], data["abstract"] = title, abstract
            if arxiv and not data.get("arxiv"):
                data["arxiv"] = arxiv
                data = {key: data[key] for key in PAPER_KEYS if key in data}
            status = "unchanged" if data == existing[slug] else "updated"
        else:
            slug = unique_slug(title, taken)
            data = ordered({"title": title, "arxiv": arxiv, "added": added, "tags": tagger.tags(title, abstract), "abstract": abstract})
            status = "added"
        taken.add(slug)
        by_title[normalize_title(title)] = slug
        changes[slug] = Change(slug, status, dumps(data))
    return list(changes.values())


def import_entries(entries: list[Entry], data_dir: Path, ids: dict[str, str], added: date) -> dict[str, int]:
    """Validate the catalogue, plan, then write added and updated files atomically."""
    catalogue = load_catalogue(data_dir)  # refuses to touch a catalogue that is already broken
    folder = data_dir / PAPERS_DIR
    existing = {p.slug: loads((folder / f"{p.slug}.yaml").read_text("utf-8"), p.source).data for p in catalogue.papers}
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    for change in plan_import(entries, catalogue, existing, ids, added):
        if change.status != "unchanged":
            write_if_changed(folder / f"{change.slug}.yaml", change.content)
        counts[change.status] += 1
    return counts
