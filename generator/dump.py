"""Parse a text copy of a Hugging Face "Daily Papers" listing.

The copy is page chrome ("new", "Subscribe", "Daily Papers", …) followed by
papers, each a title line and then its abstract paragraph.  Copies differ:
CRLF, trailing spaces, runs of blank lines, abstracts wrapped over several
lines or several paragraphs, vote counts and "Submitted by" lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.errors import DataError, Problem

# Whole lines that belong to the page, not to a paper (compared case-insensitively).
CHROME = {
    "new",
    "get trending papers in your email inbox!",
    "subscribe",
    "daily papers",
    "by ak and the research community",
    "trending papers",
    "submit",
    "submit paper",
    "search",
    "previous",
    "next",
    "daily",
    "weekly",
    "monthly",
    "sign up",
    "log in",
    "upvote",
}
_CHROME_RE = re.compile(
    r"^(?:\d+|\d+(?:\.\d+)?k|·|submitted by .*|upvoted by .*|published on .*|\W+"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(?:, \d{4})?)$",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://", re.IGNORECASE)
MAX_TITLE = 300


@dataclass(frozen=True)
class Entry:
    title: str
    abstract: str
    line: int  # where the title is, 1-based


def is_chrome(line: str) -> bool:
    text = line.strip()
    return text.lower() in CHROME or bool(_CHROME_RE.match(text))


def _looks_like_title(line: str) -> bool:
    text = line.strip()
    return 0 < len(text) <= MAX_TITLE and not _URL.search(text) and not text.endswith((".", ",", ";")) and len(text.split()) <= 40


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Paragraphs of (line number, text), chrome lines removed."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, raw in enumerate(text.split("\n"), start=1):
        line = " ".join(raw.split())
        if not line:
            if blocks[-1]:
                blocks.append([])
        elif not is_chrome(line):
            blocks[-1].append((number, line))
    return [b for b in blocks if b]


def parse_dump(text: str, path: str = "<dump>") -> list[Entry]:
    """Entries in listing order; DataError naming the line of anything unusable."""
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    entries: list[tuple[int, str, list[str]]] = []
    for block in _blocks(text):
        first_line, first = block[0]
        rest = [line for _, line in block[1:]]
        starts_paper = not entries or (entries[-1][2] and _looks_like_title(first))
        if starts_paper:
            entries.append((first_line, first, rest))
        else:
            entries[-1][2].extend(line for _, line in block)
    problems = [
        Problem(path, line, f"title {title!r} has no abstract after it; expected a paragraph of text")
        for line, title, abstract in entries
        if not abstract
    ]
    if not entries:
        problems.append(Problem(path, 0, "no papers found; expected a title line followed by an abstract paragraph"))
    if problems:
        raise DataError(problems)
    return [Entry(title, " ".join(abstract), line) for line, title, abstract in entries]
