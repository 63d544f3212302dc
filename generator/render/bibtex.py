"""BibTeX entries, in the shape arXiv itself exports (@misc with eprint)."""

from __future__ import annotations

import re

from slugify import slugify

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
    year = str(paper.published.year) if paper.published else ""
    word = next((w for w in slugify(paper.acronym or paper.title, separator=" ").split() if len(w) > 2), "paper")
    return f"{last}{year}{word}" if last or year else paper.slug


def bibtex(paper: Paper) -> str:
    fields = [("title", "{" + latex(paper.title) + "}")]
    if paper.authors:
        fields.append(("author", " and ".join(latex(a) for a in paper.authors)))
    if paper.published:
        fields.append(("year", str(paper.published.year)))
    if paper.arxiv:
        fields += [("eprint", paper.arxiv), ("archivePrefix", "arXiv"), ("url", f"https://arxiv.org/abs/{paper.arxiv}")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{cite_key(paper)},\n{body}\n}}"
