"""The catalogue model: frozen, plain data shared by every stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Paper:
    slug: str  # file stem in data/papers/, and the page name
    title: str
    abstract: str
    arxiv: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    tags: tuple[str, ...] = ()  # topic slugs as stored (curated)
    links: tuple[tuple[str, str], ...] = ()  # (kind, url), e.g. ("code", "https://…")
    acronym: str | None = None  # stored, or derived when absent
    notes: str | None = None
    added: date | None = None
    upvotes: int | None = None  # on Hugging Face, when last enriched
    source: str = ""  # the YAML file it came from, relative to the project


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    description: str
    parent: str | None = None
    keywords: tuple[str, ...] = ()  # phrases that suggest the topic
    title_keywords: tuple[str, ...] = ()  # phrases that count only in a title
    avoid: tuple[str, ...] = ()  # phrases that veto the topic (known traps)


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    by_slug: dict[str, Topic] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_slug", {t.slug: t for t in self.topics})

    def children(self, slug: str | None) -> list[Topic]:
        return [t for t in self.topics if t.parent == slug]

    def with_ancestors(self, slugs: tuple[str, ...] | list[str]) -> list[str]:
        """The slugs plus every parent they imply, in taxonomy order."""
        wanted = set()
        for slug in slugs:
            while slug and slug in self.by_slug and slug not in wanted:
                wanted.add(slug)
                slug = self.by_slug[slug].parent or ""
        return [t.slug for t in self.topics if t.slug in wanted]


@dataclass(frozen=True)
class Catalogue:
    papers: tuple[Paper, ...]  # sorted by slug
    taxonomy: Taxonomy


@dataclass(frozen=True)
class Shard:
    """One of several sites a very large catalogue is split into, by year (extra.shards in mkdocs.yml)."""

    years: str  # "2019-2022": the name, and the inclusive range
    first: int
    last: int
    url: str  # where that site is served, ending with "/"


@dataclass(frozen=True)
class SiteInfo:
    """What feeds and citations need from mkdocs.yml: absolute URLs start at ``url``."""

    name: str = "Paper catalogue"
    url: str = "https://example.org/"  # ends with "/"
    description: str = ""
    search: str = "auto"  # auto | lunr | pagefind (extra.search.backend)
    pagefind_above: int = 5000  # auto: Pagefind for catalogues larger than this
    shards: tuple[Shard, ...] = ()  # empty: the whole catalogue is one site
