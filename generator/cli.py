"""``python -m generator <command>``: a thin layer over the library."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from datetime import date
from pathlib import Path

from generator.build import SEARCH_BACKENDS, GenerateResult, generate, mkdocs_build, search_backend
from generator.catalogue import load_catalogue, load_taxonomy
from generator.diff import at_revision, compare, working_tree
from generator.diff import report as diff_report
from generator.dump import parse_dump
from generator.errors import DataError, Problem
from generator.evaluate import Labelled, evaluate, read_eval_set, report
from generator.fetch import arxiv, hf
from generator.fetch.http import Cache, Client, FetchError, Policy
from generator.importer import import_entries, read_ids
from generator.issueform import failure_comment, parse_request, pull_request_body
from generator.links import catalogue_links, check
from generator.links import report as links_report
from generator.progress import Progress
from generator.remote import Extras, Report, Sources, add_papers, enrich, import_daily, make_sources
from generator.suggest import suggestions
from generator.writer import write_if_changed

log = logging.getLogger("generator")


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DataError([Problem(str(path), 0, "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise DataError([Problem(str(path), 0, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None


def cmd_import(args: argparse.Namespace) -> int:
    entries = parse_dump(_read_text(args.file), str(args.file))
    ids = read_ids(_read_text(args.ids), str(args.ids)) if args.ids else {}
    counts = import_entries(entries, args.data, ids, args.added)
    log.info(
        "%d added, %d updated, %d unchanged (%d papers in %s)",
        counts["added"],
        counts["updated"],
        counts["unchanged"],
        len(entries),
        args.file,
    )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.data)
    log.info("%s: %d papers and %d topics are valid", args.data, len(catalogue.papers), len(catalogue.taxonomy.topics))
    return 0


def cmd_generate(args: argparse.Namespace) -> GenerateResult:
    result = generate(args.data, args.docs, args.config, args.shard)
    log.info(
        "%d papers, %d topics: %d files written, %d deleted in %s", result.papers, result.topics, result.written, result.deleted, args.docs
    )
    return result


def cmd_generate_only(args: argparse.Namespace) -> int:
    cmd_generate(args)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    result = cmd_generate(args)
    site = result.site
    try:
        search = search_backend(args.search or site.search, result.papers, site.pagefind_above)
    except ValueError as exc:
        raise DataError([Problem(str(args.config), 0, f"extra.search.backend: {exc}")]) from None
    code = mkdocs_build(args.config, args.site, search, args.shard)
    if code == 0:
        log.info("site built in %s (open %s/index.html, or run: make serve)", args.site, args.site)
    else:
        log.error("mkdocs build --strict failed (exit %d); see the messages above", code)
    return 0 if code == 0 else 1


def cmd_suggest(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.data)
    blocks = suggestions(catalogue)
    sys.stdout.write("".join(block + "\n\n" for block in blocks))
    log.info("%d of %d papers have tag suggestions (stored tags always win at build time)", len(blocks), len(catalogue.papers))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    taxonomy = load_taxonomy(args.data)
    sets = []
    if not args.set or args.seed:
        catalogue = load_catalogue(args.data)
        sets.append((f"catalogue {args.data}", [Labelled(p.title, p.abstract, p.tags) for p in catalogue.papers]))
    for path in args.set:
        sets.append((str(path), read_eval_set(path, taxonomy)))
    for name, papers in sets:
        total, per_topic = evaluate(papers, taxonomy)
        sys.stdout.write(report(name, total, per_topic, len(papers)) + "\n\n")
    return 0


def _sources(args: argparse.Namespace) -> Sources:
    max_age = 0 if args.refresh else args.max_age * 86400
    cache = Cache(None if args.no_cache else args.cache, max_age)
    policy = Policy(attempts=args.attempts, read_timeout=args.timeout, connect_timeout=min(10.0, args.timeout))
    return make_sources(args.hf_endpoint, args.arxiv_endpoint, cache, policy, offline=args.offline)


def _summarise(report: Report, sources: Sources) -> int:
    for line in report.written:
        log.info("wrote %s", line)
    for line in report.skipped:
        log.warning("skipped %s", line)
    for line in report.unresolved:
        log.warning("unresolved %s", line)
    stats = sources.stats()
    log.info(
        "%d written, %d unchanged, %d skipped, %d unresolved, %d failed; requests: %d fetched, %d from cache, %d retries",
        len(report.written),
        report.unchanged,
        len(report.skipped),
        len(report.unresolved),
        len(report.failed),
        stats.fetched,
        stats.cached,
        stats.retried,
    )
    for line in report.failed:
        log.error("failed %s", line)
    return 1 if report.failed else 0


def cmd_add(args: argparse.Namespace) -> int:
    sources = _sources(args)
    return _summarise(add_papers(args.refs, args.data, sources, args.added, progress=not args.quiet), sources)


def cmd_import_daily(args: argparse.Namespace) -> int:
    period, value = ("week", args.week) if args.week else ("month", args.month) if args.month else ("date", args.date)
    patterns = {"date": r"\d{4}-\d{2}-\d{2}", "week": r"\d{4}-W\d{2}", "month": r"\d{4}-\d{2}"}
    if not value or not re.fullmatch(patterns[period], value):
        examples = {"date": "2026-03-06", "week": "2026-W10", "month": "2026-03"}
        raise DataError([Problem("command line", 0, f"{period} must look like {examples[period]}, found {value!r}")])
    sources = _sources(args)
    try:
        report = import_daily(period, value, args.data, sources, args.added)
    except FetchError as exc:
        log.error("%s", exc)
        return 1
    return _summarise(report, sources)


def cmd_enrich(args: argparse.Namespace) -> int:
    sources = _sources(args)
    return _summarise(enrich(args.data, sources, progress=not args.quiet), sources)


def cmd_add_from_issue(args: argparse.Namespace) -> int:
    """The add-paper workflow's step: issue form text in, one new file and a pull-request body out."""
    body = sys.stdin.read() if str(args.body_file) == "-" else _read_text(args.body_file)
    where = f"issue #{args.issue}" if args.issue else "issue"
    try:
        request = parse_request(body, load_taxonomy(args.data), where)
    except DataError as exc:
        _write_report(args.report, failure_comment([str(p) for p in exc.problems]))
        raise
    sources = _sources(args)
    report = add_papers([request.arxiv], args.data, sources, args.added, progress=False, extras=Extras(request.topics, request.note))
    status = _summarise(report, sources)
    if status:
        _write_report(args.report, failure_comment(report.failed))
        return status
    path, title = report.new_files[0]
    _write_report(args.report, pull_request_body(request, path, title, args.issue))
    return 0


def _write_report(path: Path | None, text: str) -> None:
    if path:
        write_if_changed(path, text + "\n")


def cmd_diff(args: argparse.Namespace) -> int:
    base, head = at_revision(args.data, args.base), working_tree(args.data)
    text = diff_report(compare(base, head), base, head, args.base, args.data)
    if args.output:
        write_if_changed(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def cmd_check_links(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.data)
    links = catalogue_links(catalogue)
    policy = Policy(attempts=args.attempts, read_timeout=args.timeout, connect_timeout=min(10.0, args.timeout))
    broken = check(links, Client(policy=policy), Progress(len(links), "checking links", enabled=not args.quiet))
    _write_report(args.report, links_report(broken, len(links)).rstrip("\n"))
    for item in broken:
        log.error("%s: %s %s: %s", item.link.source, item.link.kind, item.link.url, item.reason)
    log.info("%d of %d links broken", len(broken), len(links))
    return 1 if broken else 0


def _web_options(p: argparse.ArgumentParser) -> None:
    env = os.environ
    g = p.add_argument_group("network")
    g.add_argument("--hf-endpoint", default=env.get("HF_ENDPOINT") or hf.DEFAULT_ENDPOINT, help="Hugging Face base URL (env HF_ENDPOINT)")
    g.add_argument(
        "--arxiv-endpoint", default=env.get("ARXIV_ENDPOINT") or arxiv.DEFAULT_ENDPOINT, help="arXiv API base URL (env ARXIV_ENDPOINT)"
    )
    g.add_argument(
        "--cache",
        type=Path,
        default=Path(env.get("GENERATOR_CACHE") or ".cache/http"),
        help="answers are kept here (env GENERATOR_CACHE; default .cache/http)",
    )
    g.add_argument("--max-age", type=float, default=30, metavar="DAYS", help="refetch cached answers older than this (default 30)")
    g.add_argument("--refresh", action="store_true", help="ignore cached answers (still store new ones)")
    g.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    g.add_argument("--offline", action="store_true", help="answer from the cache only; never touch the network")
    g.add_argument("--attempts", type=int, default=4, help="tries per request on timeouts, 429 and 5xx (default 4)")
    g.add_argument("--timeout", type=float, default=30, metavar="SECONDS", help="read timeout per request (default 30)")
    g.add_argument("--added", type=date.fromisoformat, default=date.today(), help="date recorded as 'added' on new papers (default: today)")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    top.add_argument("-q", "--quiet", action="store_true", help="only print problems")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--data", type=Path, default=Path("data"), help="catalogue folder (default: data)")
        p.set_defaults(func=func)
        return p

    p = command("import", cmd_import, "import a Daily Papers page dump into data/papers/")
    p.add_argument("file", type=Path, help="text copy of a Daily Papers listing")
    p.add_argument("--ids", type=Path, help="TSV of title<TAB>arxiv_id, header row first")
    p.add_argument("--added", type=date.fromisoformat, default=date.today(), help="date recorded as 'added' on new papers (default: today)")
    command("validate", cmd_validate, "check every data file; print path:line: message for each problem")
    command("suggest", cmd_suggest, "list tags the tagger would add or remove, with the phrases behind each")
    p = command("evaluate", cmd_evaluate, "score the tagger (precision, recall, F1 per topic) against stored tags and held-out sets")
    p.add_argument("--set", type=Path, action="append", default=[], help="a labelled evaluation file (repeatable)")
    p.add_argument("--seed", action="store_true", help="also score the catalogue's stored tags when --set is given")
    p = command("add", cmd_add, "fetch papers by arXiv id or URL (Hugging Face, else arXiv) and write new data files")
    p.add_argument("refs", nargs="+", metavar="ID_OR_URL", help="arXiv id, arxiv.org abs/pdf URL or huggingface.co/papers URL")
    _web_options(p)
    p = command("import-daily", cmd_import_daily, "add every paper of a Hugging Face Daily Papers listing")
    p.add_argument("date", nargs="?", help="the day, e.g. 2026-03-06")
    p.add_argument("--week", help="a whole ISO week instead, e.g. 2026-W10")
    p.add_argument("--month", help="a whole month instead, e.g. 2026-03")
    _web_options(p)
    p = command("enrich", cmd_enrich, "fill missing authors, dates, arXiv ids, code links and upvotes; never changes curated values")
    _web_options(p)
    p = command("add-from-issue", cmd_add_from_issue, "add the paper an 'Add a paper' issue form asks for (used by the add-paper workflow)")
    p.add_argument("--body-file", type=Path, required=True, help="the issue body ('-' reads standard input)")
    p.add_argument("--issue", type=int, help="the issue number, for the pull-request text")
    p.add_argument("--report", type=Path, help="write the pull-request body (or, on failure, the reason) here")
    _web_options(p)
    p = command("diff", cmd_diff, "what the working tree changes in the catalogue against a git revision (Markdown)")
    p.add_argument("base", help="a branch, tag or commit, e.g. origin/main")
    p.add_argument("--output", type=Path, help="write the report here instead of standard output")
    p = command("check-links", cmd_check_links, "check the catalogue's external links; exit 1 when some do not answer")
    p.add_argument("--report", type=Path, help="write a Markdown report here")
    p.add_argument("--attempts", type=int, default=3, help="tries per link (default 3)")
    p.add_argument("--timeout", type=float, default=20, metavar="SECONDS", help="read timeout per link (default 20)")
    for name, func, text in (
        ("generate", cmd_generate_only, "write the generated Markdown into docs/ (no MkDocs run)"),
        ("build", cmd_build, "validate, generate docs/ and run mkdocs build --strict into site/"),
    ):
        p = command(name, func, text)
        p.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs_dir (default: docs)")
        p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config (default: mkdocs.yml)")
        p.add_argument("--shard", metavar="YEARS", help="build one of extra.shards (e.g. 2019-2022) of a catalogue split into sites")
        if name == "build":
            p.add_argument("--search", choices=SEARCH_BACKENDS, help="search backend (default: extra.search.backend in mkdocs.yml, 'auto')")
            p.add_argument("--site", type=Path, default=Path("site"), help="output folder (default: site)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(logging.WARNING if args.quiet else logging.INFO)
    log.propagate = False
    try:
        return args.func(args)
    except DataError as exc:
        for problem in exc.problems:
            log.error("%s", problem)
        log.error("%d problem%s found", len(exc.problems), "" if len(exc.problems) == 1 else "s")
        return 1
