"""Typed schemas for paper files and the taxonomy, with errors that teach.

Each validator takes a ``Loaded`` document and returns the model object plus
every problem found (never just the first), each naming the line, what was
expected and what was found.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from generator.errors import Problem
from generator.model import Paper, Taxonomy, Topic
from generator.yamlsafe import Loaded

ARXIV_RE = re.compile(r"^(\d{4}\.\d{4,5}|[a-z][a-z.-]*(\.[A-Z]{2})?/\d{7})$")
ARXIV_VERSIONED_RE = re.compile(r"^(\d{4}\.\d{4,5}|[a-z][a-z.-]*(\.[A-Z]{2})?/\d{7})v\d+$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_RE = re.compile(r"^https?://[^\s<>\"'`\\{}|^\[\]()]+$")

LINK_KINDS = ("code", "project", "pdf", "data", "demo", "video", "blog", "slides", "huggingface", "other")
PAPER_KEYS = ("title", "acronym", "arxiv", "authors", "published", "added", "upvotes", "tags", "links", "notes", "abstract")
TOPIC_KEYS = ("slug", "title", "parent", "description", "keywords", "title_keywords", "avoid")


def near(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """' (did you mean X?)' when a choice is close to ``word``, else ''."""
    match = difflib.get_close_matches(str(word).lower(), [c.lower() for c in choices], n=1, cutoff=0.6)
    if not match:
        return ""
    original = next(c for c in choices if c.lower() == match[0])
    return f"; did you mean {original!r}?"


def _describe(value: Any) -> str:
    kinds = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    if value is None:
        return "nothing"
    for kind, name in kinds.items():
        if type(value) is kind:
            return name
    if isinstance(value, date):
        return "a date"
    return "text"


class _Checker:
    """Collects problems against one file while fields are read."""

    def __init__(self, doc: Loaded, path: str):
        self.doc, self.path, self.problems = doc, path, []

    def fail(self, at: tuple[Any, ...], message: str) -> None:
        self.problems.append(Problem(self.path, self.doc.line(*at), message))

    def text(
        self,
        data: dict[str, Any],
        key: str,
        *,
        at: tuple[Any, ...] = (),
        one_line: bool = True,
        max_len: int = 2000,
        required: bool = False,
    ) -> str | None:
        where = at + (key,)
        if key not in data or data[key] is None:
            if required:
                self.fail(at, f"missing required key {key!r}")
            return None
        value = data[key]
        if not isinstance(value, str):
            raw = self.doc.raw.get(where)
            hint = f'; YAML read {raw!r} as {_describe(value)}: quote it, e.g. {key}: "{raw}"' if raw else ""
            self.fail(where, f"{key!r} must be text, found {_describe(value)}{hint}")
            return None
        value = value.strip()
        if not value:
            if required:
                self.fail(where, f"{key!r} must not be empty")
            return None
        if one_line and "\n" in value:
            self.fail(where, f"{key!r} must be a single line")
        if len(value) > max_len:
            self.fail(where, f"{key!r} is {len(value)} characters long; at most {max_len} are allowed")
        return value

    def date(self, data: dict[str, Any], key: str) -> date | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        why = " (no such day)" if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value.strip()) else ""
        self.fail((key,), f"{key!r} must be a date like 2024-04-30, found {value!r}{why}")
        return None

    def count(self, data: dict[str, Any], key: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if type(value) is not int or value < 0:
            self.fail((key,), f"{key!r} must be a whole number of 0 or more, found {value!r}")
            return None
        return value

    def text_list(self, data: dict[str, Any], key: str, check: Callable[[str, tuple], None] | None = None) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            self.fail((key,), f"{key!r} must be a list (one '- item' per line), found text")
            return ()
        if not isinstance(value, list):
            self.fail((key,), f"{key!r} must be a list, found {_describe(value)}")
            return ()
        items: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail((key, i), f"{key!r} item {i + 1} must be non-empty text, found {_describe(item)}")
                continue
            item = item.strip()
            if item in items:
                self.fail((key, i), f"{key!r} lists {item!r} twice")
                continue
            if check:
                check(item, (key, i))
            items.append(item)
        return tuple(items)

    def unknown_keys(self, data: dict[str, Any], allowed: tuple[str, ...], at: tuple[Any, ...] = ()) -> None:
        for key in data:
            if key not in allowed:
                self.fail(at + (key,), f"unknown key {key!r}{near(key, allowed)} (allowed: {', '.join(allowed)})")


def check_arxiv(value: str) -> str | None:
    """None when ``value`` is a bare arXiv id, else what is wrong with it."""
    if ARXIV_RE.match(value):
        return None
    if ARXIV_VERSIONED_RE.match(value):
        return f"arXiv id {value!r} has a version suffix; write {re.sub(r'v[0-9]+$', '', value)!r}"
    return f'{value!r} is not an arXiv id; expected e.g. "2404.19149" (quoted)'


def paper_from_yaml(doc: Loaded, path: str, slug: str) -> tuple[Paper | None, list[Problem]]:
    """Validate one paper file; the taxonomy-dependent checks live in ``catalogue``."""
    c = _Checker(doc, path)
    data = doc.data
    if not isinstance(data, dict):
        c.fail((), f"a paper file must be a mapping of keys (title:, abstract:, …), found {_describe(data)}")
        return None, c.problems
    c.unknown_keys(data, PAPER_KEYS)
    title = c.text(data, "title", required=True, max_len=500)
    abstract = c.text(data, "abstract", required=True, one_line=False, max_len=200_000)
    arxiv = c.text(data, "arxiv", max_len=40)
    if arxiv and (why := check_arxiv(arxiv)):
        c.fail(("arxiv",), why)
    acronym = c.text(data, "acronym", max_len=40)
    notes = c.text(data, "notes", max_len=500)

    def check_tag(tag: str, at: tuple) -> None:
        if not SLUG_RE.match(tag):
            fix = f"; write {tag.lower()!r}" if SLUG_RE.match(tag.lower()) else ""
            c.fail(at, f"tag {tag!r} is not a topic slug (lowercase words joined by '-', e.g. 'quantization'){fix}")

    tags = c.text_list(data, "tags", check_tag)
    authors = c.text_list(data, "authors")
    links: list[tuple[str, str]] = []
    raw_links = data.get("links")
    if raw_links is not None and not isinstance(raw_links, dict):
        c.fail(("links",), f"'links' must be a mapping like 'code: https://…', found {_describe(raw_links)}")
    elif raw_links:
        c.unknown_keys(raw_links, LINK_KINDS, at=("links",))
        for kind in LINK_KINDS:
            url = c.text(raw_links, kind, at=("links",), max_len=2000)
            if url is None:
                continue
            if not URL_RE.match(url):
                fix = f"; did you mean 'https://{url}'?" if re.match(r"^[\w-]+(\.[\w-]+)+(/\S*)?$", url) else ""
                c.fail(("links", kind), f"links.{kind} must be an http(s) URL without spaces or quotes, found {url!r}{fix}")
                continue
            links.append((kind, url))
    published, added = c.date(data, "published"), c.date(data, "added")
    upvotes = c.count(data, "upvotes")
    if c.problems or title is None or abstract is None:
        return None, c.problems
    paper = Paper(
        slug=slug,
        title=title,
        abstract=abstract,
        arxiv=arxiv,
        authors=authors,
        published=published,
        tags=tags,
        links=tuple(links),
        acronym=acronym,
        notes=notes,
        added=added,
        upvotes=upvotes,
        source=path,
    )
    return paper, []


def taxonomy_from_yaml(doc: Loaded, path: str) -> tuple[Taxonomy | None, list[Problem]]:
    c = _Checker(doc, path)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        c.fail((), "topics file must be a mapping with a 'topics:' list")
        return None, c.problems
    c.unknown_keys(data, ("topics",))
    topics: list[Topic] = []
    for i, entry in enumerate(data["topics"]):
        at = ("topics", i)
        if not isinstance(entry, dict):
            c.fail(at, f"topic {i + 1} must be a mapping (slug:, title:, description:), found {_describe(entry)}")
            continue
        c.unknown_keys(entry, TOPIC_KEYS, at=at)
        slug = c.text(entry, "slug", at=at, required=True, max_len=60)
        title = c.text(entry, "title", at=at, required=True, max_len=80)
        description = c.text(entry, "description", at=at, required=True, one_line=False, max_len=2000)
        parent = c.text(entry, "parent", at=at, max_len=60)
        if slug and not SLUG_RE.match(slug):
            c.fail(at + ("slug",), f"slug {slug!r} must be lowercase words joined by '-'")
        if title and re.search(r"[<>{}\[\]`*_|#]", title):
            c.fail(at + ("title",), f"topic title {title!r} must be plain text (no markup characters)")
        lists = {k: tuple(_phrases(c, entry, k, at)) for k in ("keywords", "title_keywords", "avoid")}
        if slug and title and description:
            topics.append(Topic(slug, title, " ".join(description.split()), parent, **lists))
    seen: dict[str, int] = {}
    for i, topic in enumerate(topics):
        if topic.slug in seen:
            c.fail(("topics", i, "slug"), f"topic slug {topic.slug!r} is defined twice")
        seen[topic.slug] = i
    slugs = [t.slug for t in topics]
    for i, topic in enumerate(topics):
        if topic.parent and topic.parent not in seen:
            c.fail(("topics", i, "parent"), f"parent {topic.parent!r} is not a topic{near(topic.parent, slugs)}")
        elif topic.parent and topics[seen[topic.parent]].parent:
            c.fail(("topics", i, "parent"), f"parent {topic.parent!r} has a parent itself; topics nest one level deep")
        elif topic.parent == topic.slug:
            c.fail(("topics", i, "parent"), "a topic cannot be its own parent")
    if c.problems:
        return None, c.problems
    return Taxonomy(tuple(topics)), []


def _phrases(c: _Checker, entry: dict[str, Any], key: str, at: tuple) -> list[str]:
    value = entry.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        c.fail(at + (key,), f"{key!r} must be a list of phrases")
        return []
    return [v.strip() for v in value]
