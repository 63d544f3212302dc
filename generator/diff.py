"""``diff BASE``: what a change does to the catalogue, for reviewers and the CI job summary.

Both sides are read leniently (a broken file is still compared as YAML data), so
the diff works even when the pull request does not validate yet.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.catalogue import PAPERS_DIR, display_path, load_catalogue, paper_files
from generator.errors import DataError, Problem
from generator.render.escape import code_span, fenced, md_text
from generator.suggest import suggestions
from generator.yamlsafe import loads

Side = dict[str, Any]  # slug -> the file's YAML data (None when it does not parse)


@dataclass
class Diff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # slug -> what changed
    renamed: dict[str, str] = field(default_factory=dict)  # new slug -> old slug (same arXiv id)


def _read(text: str, shown: str) -> Any:
    try:
        return loads(text, shown).data
    except DataError:
        return None


def _list_change(key: str, old: Any, new: Any) -> str:
    old_items = old if isinstance(old, list) else []
    new_items = new if isinstance(new, list) else []
    plus = [f"+{v}" for v in new_items if v not in old_items]
    minus = [f"−{v}" for v in old_items if v not in new_items]
    return f"{key} ({' '.join(plus + minus)})" if plus or minus else f"{key} (order)"


def field_changes(old: Any, new: Any) -> list[str]:
    if not isinstance(old, dict) or not isinstance(new, dict):
        return ["whole file (it does not parse as a mapping on one side)"]
    out = []
    for key in list(dict.fromkeys([*old, *new])):
        if old.get(key) == new.get(key):
            continue
        if key in ("tags", "authors"):
            out.append(_list_change(key, old.get(key), new.get(key)))
        elif key not in old:
            out.append(f"{key} (set)")
        elif key not in new:
            out.append(f"{key} (removed)")
        else:
            out.append(key)
    return out


def compare(base: Side, head: Side) -> Diff:
    diff = Diff()
    for slug in sorted(head):
        if slug not in base:
            diff.added.append(slug)
        elif base[slug] != head[slug]:
            diff.changed[slug] = field_changes(base[slug], head[slug])
    diff.removed = sorted(slug for slug in base if slug not in head)

    def arxiv(side: Side, slug: str) -> Any:
        data = side[slug]
        return data.get("arxiv") if isinstance(data, dict) else None

    for new in list(diff.added):
        old = next((s for s in diff.removed if arxiv(head, new) and arxiv(base, s) == arxiv(head, new)), None)
        if old:
            diff.renamed[new] = old
            diff.added.remove(new)
            diff.removed.remove(old)
            diff.changed[new] = field_changes(base[old], head[new])
    return diff


def working_tree(data_dir: Path) -> Side:
    return {p.stem: _read(p.read_text("utf-8", errors="replace"), display_path(p)) for p in paper_files(data_dir) if p.suffix == ".yaml"}


def at_revision(data_dir: Path, revision: str) -> Side:
    """The paper files of ``data_dir`` as they were at a git revision."""

    here = data_dir if data_dir.is_dir() else Path()

    def git(*args: str, cwd: Path = here) -> bytes:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
        if result.returncode:
            message = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise DataError([Problem("git", 0, f"git {args[0]} failed: {message[-1] if message else 'unknown error'}")])
        return result.stdout

    try:
        git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except DataError:
        hint = "name a branch, tag or commit; in a shallow CI clone fetch it first (git fetch origin main)"
        raise DataError([Problem("git", 0, f"{revision!r} is not a commit of this repository: {hint}")]) from None
    top = Path(git("rev-parse", "--show-toplevel").decode().strip())
    folder = (data_dir.resolve() / PAPERS_DIR).relative_to(top.resolve()).as_posix()
    if not git("ls-tree", "--name-only", revision, f"{folder}/", cwd=top).strip():
        return {}
    archive_bytes = git("archive", "--format=tar", revision, "--", folder, cwd=top)
    side: Side = {}
    with tarfile.open(fileobj=io.BytesIO(archive_bytes)) as archive:
        for member in archive.getmembers():
            name = Path(member.name)
            if member.isfile() and name.suffix == ".yaml" and name.parent.name == PAPERS_DIR:
                handle = archive.extractfile(member)
                text = handle.read().decode("utf-8", "replace") if handle else ""
                side[name.stem] = _read(text, f"{revision}:{member.name}")
    return side


def _title(data: Any) -> str:
    title = data.get("title") if isinstance(data, dict) else None
    return md_text(" ".join(str(title).split())) if title else "*(no title)*"


def _tags(data: Any) -> str:
    tags = data.get("tags") if isinstance(data, dict) else None
    return ", ".join(code_span(str(t)) for t in tags) if isinstance(tags, list) and tags else "—"


def report(diff: Diff, base: Side, head: Side, revision: str, data_dir: Path) -> str:
    """Markdown for the pull request's job summary (titles are escaped: they are untrusted)."""
    path = f"{display_path(data_dir / PAPERS_DIR)}/"
    out = [f"## Catalogue changes against {code_span(revision)}", ""]
    out.append(
        f"**{len(diff.added)} added, {len(diff.changed)} changed, {len(diff.removed)} removed** "
        f"({len(head)} papers now, {len(base)} before)"
    )
    if diff.added:
        out += ["", "### Added", "", "| file | title | arXiv | tags |", "|---|---|---|---|"]
        for slug in diff.added:
            data = head[slug]
            arxiv = data.get("arxiv") if isinstance(data, dict) else None
            out.append(f"| {code_span(path + slug + '.yaml')} | {_title(data)} | {md_text(str(arxiv)) if arxiv else '—'} | {_tags(data)} |")
    if diff.changed:
        out += ["", "### Changed", ""]
        for slug, what in diff.changed.items():
            renamed = f" (renamed from {code_span(diff.renamed[slug] + '.yaml')})" if slug in diff.renamed else ""
            out.append(f"- {code_span(path + slug + '.yaml')}{renamed}: {_title(head[slug])} — {md_text(', '.join(what)) or 'file name'}")
    if diff.removed:
        out += ["", "### Removed", ""]
        out += [f"- {code_span(path + slug + '.yaml')}: {_title(base[slug])}" for slug in diff.removed]
    out += ["", "### Validation", ""]
    try:
        catalogue = load_catalogue(data_dir)
    except DataError as exc:
        out.append(f"❌ {len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''}; fix each line below:")
        out += ["", *fenced([str(p) for p in exc.problems])]
        return "\n".join(out) + "\n"
    out.append(f"✅ {len(catalogue.papers)} papers and {len(catalogue.taxonomy.topics)} topics are valid.")
    touched = set(diff.added) | set(diff.changed)
    blocks = suggestions(catalogue, only=touched) if touched else []
    out += ["", "### Tag suggestions", ""]
    if blocks:
        out.append("The tagger would tag these papers differently (stored tags always win; change them only if you agree):")
        out += ["", *fenced(blocks)]
    else:
        out.append("None: the tagger agrees with the tags of every added or changed paper.")
    return "\n".join(out) + "\n"
