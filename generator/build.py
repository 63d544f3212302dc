"""Generate docs/ from data/ and run MkDocs: the two I/O edges of a build."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from generator.catalogue import load_catalogue
from generator.model import SiteInfo
from generator.related import related_papers
from generator.render import render_site
from generator.writer import sync_tree

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GenerateResult:
    papers: int
    topics: int
    written: int
    deleted: int


def site_info(config: Path) -> SiteInfo:
    """Name, URL and description from mkdocs.yml (its !ENV tags resolved, as MkDocs does)."""
    if not config.is_file():
        return SiteInfo()
    with config.open("rb") as handle:
        data = yaml_load(handle)
    url = str(data.get("site_url") or SiteInfo.url)
    return SiteInfo(
        str(data.get("site_name") or SiteInfo.name), url if url.endswith("/") else url + "/", str(data.get("site_description") or "")
    )


def generate(data_dir: Path, docs_dir: Path, config: Path = Path("mkdocs.yml")) -> GenerateResult:
    """Validate ``data_dir`` and make the generator-owned folders of ``docs_dir`` match it."""
    catalogue = load_catalogue(data_dir)
    written = deleted = 0
    for folder, files in render_site(catalogue, related_papers(catalogue.papers), site_info(config)).items():
        w, d = sync_tree(docs_dir / folder, files)
        written, deleted = written + w, deleted + d
    return GenerateResult(len(catalogue.papers), len(catalogue.taxonomy.topics), written, deleted)


def mkdocs_build(config: Path, site_dir: Path) -> int:
    """``mkdocs build --strict``: warnings (broken links, bad config) fail the build."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(site_dir.resolve())]
    log.info("running %s", " ".join(command[1:]))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # a notice, not a problem with the catalogue
    return subprocess.run(command, check=False, env=env).returncode
