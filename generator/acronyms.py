"""The short name of a paper: ``SAGS`` from "SAGS: Structure-Aware …"."""

from __future__ import annotations

import re

# "NAME: subtitle", "NAME - subtitle", "NAME -- subtitle"; NAME is one token.
_TITLE_NAME = re.compile(r"^\s*([^\s:]{2,30}?)\s*(?::|\s--?\s|\s—\s)")
_REPORT = re.compile(r"^\s*(\S+(?:\s\S+)?)\s+Technical\s+Report\b", re.IGNORECASE)
_NAME_CHARS = re.compile(r"^[\w.+-]*[A-Za-z][\w.+-]*$")
# "we propose/introduce/present … (ABC)" within one sentence.
_INTRODUCED = re.compile(
    r"\b(?i:we|this paper|this work)\s+(?:propose|introduce|present|develop|design|call|name|dub|term)s?\b"
    r"[^.()]{0,160}?\(([A-Z][A-Za-z0-9.+-]{1,24})\)"
)


def from_title(title: str) -> str | None:
    if m := _REPORT.match(title):
        name = m.group(1)
        return name if any(ch.isupper() or ch.isdigit() for ch in name) else None
    m = _TITLE_NAME.match(title)
    if not m:
        return None
    name = m.group(1).strip(".,")
    if not _NAME_CHARS.match(name) or not (name[0].isupper() or name[0].isdigit()):
        return None
    return name


def _initials_match(name: str, words: str) -> bool:
    """Does ABC plausibly abbreviate the words just before it ("Alpha Beta Cat (ABC)")?"""
    initials = [w[0].lower() for w in re.findall(r"[A-Za-z]+", words)[-8:]]
    caps = [ch.lower() for ch in name if ch.isupper()]
    hits = sum(ch in initials for ch in caps)
    return bool(caps) and caps[0] in initials and hits * 2 >= len(caps)


def from_abstract(abstract: str) -> str | None:
    for m in _INTRODUCED.finditer(abstract):
        name = m.group(1)
        before = abstract[max(0, m.start(1) - 120) : m.start(1)]
        if name.upper() == name and not _initials_match(name, before):
            continue  # "(SOTA)", "(LLMs)"-style asides rather than the paper's name
        if name.rstrip("s").upper() in {"LLM", "LM", "NLP", "SOTA", "GPU", "CPU", "KD", "RL"}:
            continue
        return name
    return None


def derive_acronym(title: str, abstract: str) -> str | None:
    """The name from the title when it has one, else the one the abstract introduces."""
    return from_title(title) or from_abstract(abstract)
