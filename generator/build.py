"""Generate docs/ from data/ and run MkDocs: the two I/O edges of a build."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from generator import memo
from generator.catalogue import load_catalogue
from generator.model import SiteInfo
from generator.related import related_papers
from generator.render import OWNED, render_site
from generator.shards import parse_shards, split
from generator.writer import sync_tree

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GenerateResult:
    papers: int
    topics: int
    written: int
    deleted: int
    site: SiteInfo  # the settings it was generated with (the build step needs the search choice)


def site_info(config: Path) -> SiteInfo:
    """Name, URL and description from mkdocs.yml (its !ENV tags resolved, as MkDocs does)."""
    if not config.is_file():
        return SiteInfo()
    with config.open("rb") as handle:
        data = yaml_load(handle)
    url = str(data.get("site_url") or SiteInfo.url)
    search = ((data.get("extra") or {}).get("search")) or {}
    return SiteInfo(
        name=str(data.get("site_name") or SiteInfo.name),
        url=url if url.endswith("/") else url + "/",
        description=str(data.get("site_description") or ""),
        search=str(search.get("backend", SiteInfo.search)),
        pagefind_above=int(search.get("pagefind_above", SiteInfo.pagefind_above)),
        shards=parse_shards((data.get("extra") or {}).get("shards"), str(config)),
    )


SEARCH_BACKENDS = ("auto", "lunr", "pagefind")


def search_backend(choice: str, papers: int, pagefind_above: int) -> str:
    """``lunr`` or ``pagefind``: an explicit choice, or by catalogue size for ``auto``."""
    if choice not in SEARCH_BACKENDS:
        raise ValueError(f"search backend must be one of {', '.join(SEARCH_BACKENDS)}, found {choice!r}")
    if choice == "auto":
        return "pagefind" if papers > pagefind_above else "lunr"
    return choice


def generate(data_dir: Path, docs_dir: Path, config: Path = Path("mkdocs.yml"), shard: str | None = None) -> GenerateResult:
    """Validate ``data_dir`` and make the generator-owned folders of ``docs_dir`` match it (one shard's years, if given)."""
    site = site_info(config)
    key = memo.inputs_hash(data_dir, repr(site), shard)
    if state := memo.unchanged(docs_dir, key, OWNED):
        log.debug("inputs unchanged since the last generate; nothing to do")
        return GenerateResult(state["papers"], state["topics"], 0, 0, site)
    catalogue = load_catalogue(data_dir)
    related = related_papers(catalogue.papers)  # over the whole catalogue, so links can cross shards
    elsewhere: dict[str, str] = {}
    if shard:
        catalogue, elsewhere = split(catalogue, site.shards, shard, str(config))
    written = deleted = 0
    for folder, files in render_site(catalogue, related, site, elsewhere).items():
        w, d = sync_tree(docs_dir / folder, files)
        written, deleted = written + w, deleted + d
    memo.remember(docs_dir, key, OWNED, {"papers": len(catalogue.papers), "topics": len(catalogue.taxonomy.topics)})
    return GenerateResult(len(catalogue.papers), len(catalogue.taxonomy.topics), written, deleted, site)


def mkdocs_build(config: Path, site_dir: Path, search: str = "lunr", shard: str | None = None) -> int:
    """``mkdocs build --strict``: warnings (broken links, bad config) fail the build.

    With Pagefind, Material's own search plugin is switched off and Pagefind
    indexes the built pages afterwards.
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(site_dir.resolve())]
    log.info("running %s (search: %s)", " ".join(command[1:]), search)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # a notice, not a problem with the catalogue
    env |= {"CATALOGUE_SEARCH": search, "LUNR_SEARCH": "true" if search == "lunr" else "false", "CATALOGUE_SHARD": shard or ""}
    code = subprocess.run(command, check=False, env=env).returncode
    if code == 0 and search == "pagefind":
        index = [sys.executable, "-m", "pagefind", "--site", str(site_dir.resolve()), "--silent"]
        log.info("running %s", " ".join(index[1:]))
        code = subprocess.run(index, check=False).returncode
    return code
