"""What the APIs tell us about one paper, checked and cleaned, as plain data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from generator.schema import URL_RE, check_arxiv
from generator.text import one_line


@dataclass(frozen=True)
class Record:
    arxiv: str
    title: str
    abstract: str
    authors: tuple[str, ...] = ()
    published: date | None = None
    upvotes: int | None = None
    code: str | None = None
    project: str | None = None
    keywords: tuple[str, ...] = ()  # Hugging Face's ai_keywords, a tagging hint only
    source: str = ""  # "huggingface" or "arxiv"


class Invalid(ValueError):
    """A field of an API answer that cannot be used; the message says which."""


def text_field(obj: dict, key: str, *, required: bool = True, max_len: int = 200_000) -> str | None:
    value = obj.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not one_line(value):
        raise Invalid(f"field {key!r} should be non-empty text, found {type(value).__name__}")
    value = one_line(value)
    if len(value) > max_len:
        raise Invalid(f"field {key!r} is {len(value)} characters long (at most {max_len})")
    return value


def arxiv_field(value: object, what: str) -> str:
    """A bare arXiv id; a version suffix (2404.19149v2) is dropped."""
    if isinstance(value, str):
        value = re.sub(r"v[0-9]+$", "", value.strip())
    if not isinstance(value, str) or check_arxiv(value):
        raise Invalid(f"{what} should be an arXiv id like 2404.19149, found {value!r}")
    return value


def url_field(value: object) -> str | None:
    """An http(s) URL, or None for anything else (javascript:, spaces, quotes, non-text)."""
    if isinstance(value, str) and URL_RE.match(value.strip()) and len(value) <= 2000:
        return value.strip()
    return None


def date_field(value: object) -> date | None:
    """The date part of an ISO timestamp such as 2026-02-26T17:08:18.000Z."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def names(values: object) -> tuple[str, ...]:
    out: list[str] = []
    for value in values if isinstance(values, list) else []:
        name = value.get("name") if isinstance(value, dict) else value
        if isinstance(name, str) and (name := one_line(name)) and len(name) <= 200 and name not in out:
            out.append(name)
    return tuple(out)
