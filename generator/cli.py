"""``python -m generator <command>``: a thin layer over the library."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date
from pathlib import Path

from generator.build import generate, mkdocs_build
from generator.catalogue import load_catalogue, load_taxonomy
from generator.dump import parse_dump
from generator.errors import DataError, Problem
from generator.evaluate import Labelled, evaluate, read_eval_set, report
from generator.importer import import_entries, read_ids
from generator.suggest import suggestions

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


def cmd_generate(args: argparse.Namespace) -> int:
    result = generate(args.data, args.docs)
    log.info(
        "%d papers, %d topics: %d files written, %d deleted in %s", result.papers, result.topics, result.written, result.deleted, args.docs
    )
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    cmd_generate(args)
    code = mkdocs_build(args.config, args.site)
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
    for name, func, text in (
        ("generate", cmd_generate, "write the generated Markdown into docs/ (no MkDocs run)"),
        ("build", cmd_build, "validate, generate docs/ and run mkdocs build --strict into site/"),
    ):
        p = command(name, func, text)
        p.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs_dir (default: docs)")
        if name == "build":
            p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config (default: mkdocs.yml)")
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
