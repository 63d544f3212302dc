"""Load ``data/`` into a validated Catalogue, or report every problem in it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.acronyms import derive_acronym
from generator.errors import DataError, Problem
from generator.model import Catalogue, Paper, Taxonomy
from generator.parallel import map_ranges
from generator.schema import SLUG_RE, near, paper_from_yaml, taxonomy_from_yaml
from generator.slugs import base_slug
from generator.text import normalize_title
from generator.yamlsafe import Loaded, loads

TOPICS_FILE = "topics.yaml"
PAPERS_DIR = "papers"


def _read(path: Path, shown: str) -> Loaded:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([Problem(shown, 1, f"file is not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    return loads(text.replace("\r\n", "\n"), shown)


def display_path(path: Path) -> str:
    """Paths in messages are relative to where the command runs, when possible."""
    if not path.is_absolute() and ".." not in path.parts:
        return path.as_posix()  # already relative to the working directory
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_taxonomy(data_dir: Path) -> Taxonomy:
    path = data_dir / TOPICS_FILE
    shown = display_path(path)
    if not path.is_file():
        raise DataError([Problem(shown, 0, "topics file is missing; every catalogue needs a taxonomy")])
    taxonomy, problems = taxonomy_from_yaml(_read(path, shown), shown)
    if problems or taxonomy is None:
        raise DataError(problems)
    return taxonomy


def paper_files(data_dir: Path) -> list[Path]:
    folder = data_dir / PAPERS_DIR
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")) if folder.is_dir() else []


def load_catalogue(data_dir: Path) -> Catalogue:
    """Every paper and the taxonomy, cross-checked; raises DataError listing all problems."""
    problems: list[Problem] = []
    try:
        taxonomy: Taxonomy | None = load_taxonomy(data_dir)
    except DataError as exc:
        problems.extend(exc.problems)
        taxonomy = None
    folder_shown = display_path(data_dir / PAPERS_DIR)
    files = paper_files(data_dir)

    def parse(indices: range) -> list[tuple[Paper | None, list[Problem]]]:
        return [_parse_file(files[i], f"{folder_shown}/{files[i].name}") for i in indices]

    papers: list[Paper] = []
    for paper, found in map_ranges(parse, len(files)):  # parsed in worker processes on large catalogues
        problems.extend(found)
        if paper:
            papers.append(paper)
    if taxonomy is not None:
        problems.extend(_cross_check(papers, taxonomy, display_path(data_dir / TOPICS_FILE)))
    if problems:
        raise DataError(problems)
    assert taxonomy is not None
    papers = [p if p.acronym else _with_acronym(p) for p in papers]
    return Catalogue(tuple(sorted(papers, key=lambda p: p.slug)), taxonomy)


def _parse_file(path: Path, shown: str) -> tuple[Paper | None, list[Problem]]:
    if path.suffix != ".yaml":
        hint = f"; rename it to {path.stem}.yaml" if path.suffix in (".yml", ".YAML") else ""
        return None, [Problem(shown, 0, f"only .yaml paper files belong in {PAPERS_DIR}/{hint}")]
    if not SLUG_RE.match(path.stem) or len(path.stem) > 100:
        fix = base_slug(path.stem)
        message = f"file name must be a slug: lowercase ASCII words joined by '-', at most 100 characters; rename it to {fix}.yaml"
        return None, [Problem(shown, 0, message)]
    try:
        doc = _read(path, shown)
    except DataError as exc:
        return None, exc.problems
    return paper_from_yaml(doc, shown, path.stem)


def _line(paper: Paper, *at: object) -> int:
    """The line of a key in a paper's file, read again: only problems need it."""
    try:
        return _read(Path(paper.source), paper.source).line(*at)
    except (OSError, DataError):
        return 0


def _with_acronym(paper: Paper) -> Paper:
    return replace(paper, acronym=derive_acronym(paper.title, paper.abstract))


def _cross_check(papers: list[Paper], taxonomy: Taxonomy, topics_file: str) -> list[Problem]:
    problems: list[Problem] = []
    slugs = [t.slug for t in taxonomy.topics]
    by_arxiv: dict[str, Paper] = {}
    by_title: dict[str, Paper] = {}
    for paper in papers:
        for i, tag in enumerate(paper.tags):
            if tag not in taxonomy.by_slug:
                problems.append(
                    Problem(
                        paper.source,
                        _line(paper, "tags", i),
                        f"unknown topic {tag!r}{near(tag, slugs)} (topics are listed in {topics_file})",
                    )
                )
        if paper.arxiv:
            if other := by_arxiv.get(paper.arxiv):
                problems.append(
                    Problem(
                        paper.source, _line(paper, "arxiv"), f"arXiv id {paper.arxiv} is already in {other.source}; keep one file per paper"
                    )
                )
            else:
                by_arxiv[paper.arxiv] = paper
        key = normalize_title(paper.title)
        if other := by_title.get(key):
            problems.append(
                Problem(
                    paper.source, _line(paper, "title"), f"title is nearly identical to the one in {other.source}; keep one file per paper"
                )
            )
        else:
            by_title[key] = paper
    return problems
