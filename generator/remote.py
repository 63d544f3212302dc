"""``add``, ``import-daily`` and ``enrich``: fetch records, plan files, write them safely.

The order is always: load and validate the catalogue (a broken one is never
touched), fetch, build each file's text, validate that text as if a curator had
written it, then write it atomically.  A paper that fails at any step leaves no
file behind, and other papers go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.catalogue import PAPERS_DIR, display_path, load_catalogue
from generator.curate import fill_missing, new_paper_data, wants_enrichment
from generator.errors import DataError, Problem
from generator.fetch.arxiv import INTERVAL, Arxiv
from generator.fetch.hf import HuggingFace
from generator.fetch.http import Cache, Client, FetchError, NotFound, Policy, RateLimiter, Stats, is_loopback
from generator.fetch.ids import REFERENCE_HELP, arxiv_from_reference
from generator.fetch.record import Record
from generator.model import Catalogue
from generator.progress import Progress
from generator.schema import paper_from_yaml
from generator.slugs import unique_slug
from generator.tagger import Tagger
from generator.text import normalize_title
from generator.writer import write_if_changed
from generator.yamlsafe import dumps, has_comments, loads


@dataclass
class Sources:
    hf: HuggingFace
    arxiv: Arxiv
    clients: tuple[Client, ...]

    def stats(self) -> Stats:
        total = Stats()
        for client in self.clients:
            total.fetched += client.stats.fetched
            total.cached += client.stats.cached
            total.retried += client.stats.retried
        return total


def make_sources(hf_endpoint: str, arxiv_endpoint: str, cache: Cache, policy: Policy, offline: bool = False) -> Sources:
    """Two clients sharing one cache; arXiv's gets the three-second limiter (not on a loopback test server)."""
    hf_client = Client(policy=policy, cache=cache, offline=offline)
    limiter = None if is_loopback(arxiv_endpoint) else RateLimiter(INTERVAL)
    arxiv_client = Client(policy=policy, cache=cache, limiter=limiter, offline=offline)
    return Sources(HuggingFace(hf_client, hf_endpoint), Arxiv(arxiv_client, arxiv_endpoint), (hf_client, arxiv_client))


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    new_files: list[tuple[str, str]] = field(default_factory=list)  # (path, title) of each file add wrote
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)  # nothing wrong, nothing done (e.g. already listed)
    unresolved: list[str] = field(default_factory=list)  # enrich: no exact title match
    failed: list[str] = field(default_factory=list)  # each makes the command exit 1


def fetch_records(ids: list[str], sources: Sources, progress: Progress) -> tuple[dict[str, Record], dict[str, str]]:
    """Hugging Face first; the ids it answers 404 for go to arXiv in batches."""
    records: dict[str, Record] = {}
    failures: dict[str, str] = {}
    not_on_hf: list[str] = []
    for arxiv in ids:
        try:
            records[arxiv] = sources.hf.paper(arxiv)
        except NotFound:
            not_on_hf.append(arxiv)
        except FetchError as exc:
            failures[arxiv] = str(exc)
        progress.step(arxiv)
    if not_on_hf:
        try:
            found = sources.arxiv.papers(not_on_hf)
        except FetchError as exc:
            found = {}
            failures.update(dict.fromkeys(not_on_hf, f"not on Hugging Face, and arXiv failed: {exc}"))
        for arxiv in not_on_hf:
            if arxiv in found:
                records[arxiv] = found[arxiv]
            elif arxiv not in failures:
                failures[arxiv] = "neither Hugging Face nor arXiv knows this id"
    return records, failures


@dataclass(frozen=True)
class Extras:
    """What a curator adds to every new paper of one run (e.g. from the issue form)."""

    tags: tuple[str, ...] = ()
    note: str | None = None


def _write_new(
    records: list[Record],
    data_dir: Path,
    catalogue: Catalogue,
    added: date,
    report: Report,
    duplicate_fails: bool,
    extras: Extras = Extras(),
) -> None:
    folder = data_dir / PAPERS_DIR
    tagger = Tagger(catalogue.taxonomy)
    by_arxiv = {p.arxiv: p.source for p in catalogue.papers if p.arxiv}
    by_title = {normalize_title(p.title): p.source for p in catalogue.papers}
    taken = {p.slug for p in catalogue.papers} | ({p.stem for p in folder.iterdir()} if folder.is_dir() else set())
    for record in records:
        where = by_arxiv.get(record.arxiv) or by_title.get(normalize_title(record.title))
        if where:
            why = "has this arXiv id" if by_arxiv.get(record.arxiv) else "has a near-identical title"
            (report.failed if duplicate_fails else report.skipped).append(f"{record.arxiv}: already in the catalogue ({where} {why})")
            continue
        slug = unique_slug(record.title, taken)
        path = folder / f"{slug}.yaml"
        shown = display_path(path)
        text = dumps(new_paper_data(record, tagger, added, extras.tags, extras.note))
        _, problems = paper_from_yaml(loads(text, shown), shown, slug)
        if problems:
            report.failed.append(f"{record.arxiv}: fetched data does not make a valid paper file: {problems[0].message}")
            continue
        write_if_changed(path, text)
        report.written.append(f"{shown} ({record.arxiv}, from {record.source})")
        report.new_files.append((shown, record.title))
        taken.add(slug)
        by_arxiv[record.arxiv] = by_title[normalize_title(record.title)] = shown


def add_papers(
    references: list[str], data_dir: Path, sources: Sources, added: date, progress: bool = True, extras: Extras = Extras()
) -> Report:
    problems = [Problem("command line", 0, f"{ref!r} is not {REFERENCE_HELP}") for ref in references if not arxiv_from_reference(ref)]
    if problems:
        raise DataError(problems)
    ids = list(dict.fromkeys(arxiv_from_reference(ref) or "" for ref in references))
    catalogue = load_catalogue(data_dir)
    report = Report()
    listed = {p.arxiv: p.source for p in catalogue.papers if p.arxiv}
    for arxiv in ids:
        if arxiv in listed:
            report.failed.append(f"{arxiv}: already in the catalogue ({listed[arxiv]} has this arXiv id)")
    todo = [a for a in ids if a not in listed]
    records, failures = fetch_records(todo, sources, Progress(len(todo), "fetching", enabled=progress))
    report.failed += [f"{arxiv}: {why}" for arxiv, why in failures.items()]
    _write_new([records[a] for a in todo if a in records], data_dir, catalogue, added, report, True, extras)
    return report


def import_daily(period: str, value: str, data_dir: Path, sources: Sources, added: date) -> Report:
    """Every paper of a Hugging Face daily (weekly, monthly) listing that the catalogue lacks."""
    catalogue = load_catalogue(data_dir)
    report = Report()
    listing = sources.hf.listing(period, value)
    report.failed += listing.problems
    _write_new(listing.records, data_dir, catalogue, added, report, duplicate_fails=False)
    return report


def enrich(data_dir: Path, sources: Sources, progress: bool = True) -> Report:
    """Fill empty fields (arXiv id, authors, date, upvotes, code and project links); curated values stay."""
    catalogue = load_catalogue(data_dir)
    report = Report()
    folder = data_dir / PAPERS_DIR
    texts = {p.slug: (folder / f"{p.slug}.yaml").read_text("utf-8") for p in catalogue.papers}
    data = {p.slug: loads(texts[p.slug], p.source).data for p in catalogue.papers}
    candidates = [p for p in catalogue.papers if wants_enrichment(data[p.slug])]
    report.unchanged = len(catalogue.papers) - len(candidates)
    listed = {p.arxiv: p.source for p in catalogue.papers if p.arxiv}
    ids: dict[str, str] = {}  # slug -> arXiv id
    untitled = [p for p in candidates if not p.arxiv]
    searching = Progress(len(untitled), "resolving titles", enabled=progress)
    for paper in candidates:
        if paper.arxiv:
            ids[paper.slug] = paper.arxiv
            continue
        try:
            hits = sources.hf.search(paper.title)
        except FetchError as exc:
            report.failed.append(f"{paper.source}: title search failed: {exc}")
            continue
        finally:
            searching.step(paper.slug)
        exact = sorted({a for a, title in hits if normalize_title(title) == normalize_title(paper.title)})
        if len(exact) == 1 and exact[0] not in listed:
            ids[paper.slug] = exact[0]
            listed[exact[0]] = paper.source
        elif len(exact) == 1:
            report.unresolved.append(f"{paper.source}: its title matches {exact[0]}, which {listed[exact[0]]} already has")
        else:
            closest = f"; closest: {hits[0][0]} {hits[0][1]!r}" if hits else ""
            report.unresolved.append(f"{paper.source}: no exact title match on Hugging Face{closest}")
    wanted = sorted(set(ids.values()))
    records, failures = fetch_records(wanted, sources, Progress(len(wanted), "fetching", enabled=progress))
    for paper in candidates:
        arxiv = ids.get(paper.slug)
        if arxiv is None:
            continue
        if arxiv in failures:
            report.failed.append(f"{paper.source}: {failures[arxiv]}")
            continue
        new, filled = fill_missing(data[paper.slug], records[arxiv])
        if not filled:
            report.unchanged += 1
            continue
        if has_comments(texts[paper.slug]):
            report.skipped.append(f"{paper.source}: has YAML comments a rewrite would drop; add by hand: {', '.join(filled)}")
            continue
        text = dumps(new)
        _, problems = paper_from_yaml(loads(text, paper.source), paper.source, paper.slug)
        if problems:
            report.failed.append(f"{paper.source}: filled data would not validate: {problems[0].message}")
            continue
        write_if_changed(folder / f"{paper.slug}.yaml", text)
        report.written.append(f"{paper.source}: filled {', '.join(filled)} (from {records[arxiv].source})")
    return report
