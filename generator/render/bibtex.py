"""BibTeX entries, in the shape arXiv itself exports (@misc with eprint)."""

from __future__ import annotations

import functools
import re

from slugify import slugify

from generator.dates import appeared
from generator.model import Paper
from generator.text import one_line

_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\~{}",
    "^": r"\^{}",
}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX))


def latex(text: str) -> str:
    return _LATEX_RE.sub(lambda m: _LATEX[m.group(0)], one_line(text))


def cite_key(paper: Paper) -> str:
    """lastname + year + first title word, e.g. ``wang2024sags``; ASCII only."""
    last = slugify(paper.authors[0].split()[-1], separator="") if paper.authors else ""
    when = appeared(paper)
    year = str(when.year) if when else ""
    word = next((w for w in slugify(paper.acronym or paper.title, separator=" ").split() if len(w) > 2), "paper")
    return f"{last}{year}{word}" if last or year else paper.slug


def unique_keys(papers: tuple[Paper, ...] | list[Paper]) -> dict[str, str]:
    """slug -> cite key, unique across the catalogue: clashes get a, b, c … in slug order (like Google Scholar)."""
    by_key: dict[str, list[str]] = {}
    for paper in sorted(papers, key=lambda p: p.slug):
        by_key.setdefault(cite_key(paper), []).append(paper.slug)
    keys = {}
    for key, slugs in by_key.items():
        for i, slug in enumerate(slugs):
            keys[slug] = key if len(slugs) == 1 else f"{key}{_suffix(i)}"
    return keys


def _suffix(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def bib_file(papers: list[Paper], keys: dict[str, str], title: str) -> str:
    """A .bib download: a comment naming the collection, then one entry per paper."""
    head = f"% {latex(title)}: {len(papers)} entries, generated from the catalogue\n\n"
    return head + "\n\n".join(bibtex(p, keys.get(p.slug)) for p in papers) + "\n"


@functools.lru_cache(maxsize=1 << 17)  # the same entry goes into the page, the catalogue file and each topic file
def bibtex(paper: Paper, key: str | None = None) -> str:
    fields = [("title", "{" + latex(paper.title) + "}")]
    if paper.authors:
        fields.append(("author", " and ".join(latex(a) for a in paper.authors)))
    if when := appeared(paper):  # arXiv's own BibTeX gives the submission year too
        fields.append(("year", str(when.year)))
    if paper.arxiv:
        fields += [("eprint", paper.arxiv), ("archivePrefix", "arXiv"), ("url", f"https://arxiv.org/abs/{paper.arxiv}")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key or cite_key(paper)},\n{body}\n}}"
