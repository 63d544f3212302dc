"""Splitting a catalogue too large for one GitHub Pages site (1 GB) into sites by year.

Each shard is built on its own (a CI matrix job per shard) from the whole
catalogue: its pages hold only its years, while related-paper links that lead
into another shard point at that site, and Pagefind merges every shard's index
so one search box covers the whole catalogue.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from typing import Any

from generator.dates import year_of
from generator.errors import DataError, Problem
from generator.model import Catalogue, Shard
from generator.render.paths import paper_url


def parse_shards(entries: Any, where: str) -> tuple[Shard, ...]:
    """``extra.shards``: a list of {years: "2019-2022", url: "https://…/"}; ranges must not overlap."""
    if not entries:
        return ()
    problems, shards = [], []
    for i, entry in enumerate(entries if isinstance(entries, list) else [entries]):
        years = str(entry.get("years", "")) if isinstance(entry, dict) else ""
        url = str(entry.get("url", "")) if isinstance(entry, dict) else ""
        match = re.fullmatch(r"(\d{4})-(\d{4})", years)
        if not match or not url.startswith(("http://", "https://")):
            problems.append(Problem(where, 0, f"extra.shards item {i + 1} must be {{years: 2019-2022, url: https://…/}}, found {entry!r}"))
            continue
        shards.append(Shard(years, int(match.group(1)), int(match.group(2)), url if url.endswith("/") else url + "/"))
    shards.sort(key=lambda s: s.first)
    for a, b in itertools.pairwise(shards):
        if b.first <= a.last:
            problems.append(Problem(where, 0, f"extra.shards: {a.years} and {b.years} overlap"))
    if problems:
        raise DataError(problems)
    return tuple(shards)


def shard_of(year: int | None, shards: tuple[Shard, ...]) -> Shard:
    """The shard holding a year; undated papers and years past the last range go to the newest shard."""
    if year is not None:
        for shard in shards:
            if shard.first <= year <= shard.last:
                return shard
        if year < shards[0].first:
            return shards[0]
    return shards[-1]


def split(catalogue: Catalogue, shards: tuple[Shard, ...], name: str, where: str) -> tuple[Catalogue, dict[str, str]]:
    """The shard's own catalogue, and slug -> absolute URL for every paper that lives in another shard."""
    chosen = next((s for s in shards if s.years == name), None)
    if chosen is None:
        known = ", ".join(s.years for s in shards) or "none are configured"
        raise DataError([Problem(where, 0, f"--shard {name!r} is not in extra.shards ({known})")])
    inside, elsewhere = [], {}
    for paper in catalogue.papers:
        home = shard_of(year_of(paper), shards)
        if home == chosen:
            inside.append(paper)
        else:
            elsewhere[paper.slug] = home.url + paper_url(paper.slug)
    return replace(catalogue, papers=tuple(inside)), elsewhere
