"""Rule-based topic tagging that explains itself.

Each topic carries phrases (``keywords``), phrases that count only in a title
(``title_keywords``) and known traps (``avoid``): text matching a trap is
blanked out for that topic before its phrases are looked for, so "token
pruning" does not count as weight pruning.  A title hit weighs more than an
abstract hit; a topic needs ``THRESHOLD`` points, and a paper gets at most
``MAX_TAGS`` topics.  Phrases with capitals inside ("LoRA", "RAG") match
case-sensitively, others ignore case; hyphens and spaces are interchangeable,
and a trailing plural "s" is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import Taxonomy, Topic

TITLE_WEIGHT = 3
ABSTRACT_WEIGHT = 1
KEYWORD_WEIGHT = 1  # Hugging Face ai_keywords, when present
THRESHOLD = 3
MAX_TAGS = 4


@dataclass(frozen=True)
class Hit:
    phrase: str
    where: str  # "title", "abstract" or "keywords"
    weight: int


@dataclass(frozen=True)
class TopicScore:
    slug: str
    score: int
    hits: tuple[Hit, ...]


def _normalise(text: str) -> str:
    return re.sub(r"[-‐‑–_/]+", " ", text)


def _pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One alternation, longest phrase first; case rules per phrase (see module doc)."""
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        body = r"\s+".join(re.escape(word) for word in _normalise(phrase).split())
        sensitive = any(ch.isupper() for ch in phrase[1:])
        parts.append(f"(?P<p{len(parts)}>{body if sensitive else '(?i:' + body + ')'})")
    if not parts:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?:e?s)?(?![\w])")


@dataclass(frozen=True)
class _Rules:
    topic: Topic
    keywords: re.Pattern[str] | None
    title_only: re.Pattern[str] | None
    avoid: re.Pattern[str] | None


class Tagger:
    """Compiled once per taxonomy; ``score`` and ``tags`` are pure after that."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.order = {t.slug: i for i, t in enumerate(taxonomy.topics)}
        self.rules = [
            _Rules(
                topic,
                _pattern(topic.keywords),
                _pattern(topic.title_keywords),
                _pattern(topic.avoid),
            )
            for topic in taxonomy.topics
        ]

    def _matches(self, rules: _Rules, pattern: re.Pattern[str] | None, text: str) -> dict[str, str]:
        """Matched texts (one per phrase), with trap spans blanked first."""
        if pattern is None or not text:
            return {}
        if rules.avoid is not None:
            text = rules.avoid.sub(lambda m: " " * len(m.group(0)), text)
        found: dict[str, str] = {}
        for m in pattern.finditer(text):
            found.setdefault(m.lastgroup or "", m.group(0))
        return found

    def score(self, title: str, abstract: str, keywords: Iterable[str] = ()) -> list[TopicScore]:
        """Every topic with any evidence, best first, with the phrases behind it."""
        title, abstract = _normalise(title), _normalise(abstract)
        extra = _normalise(" ; ".join(keywords))
        scores = []
        for rules in self.rules:
            hits: dict[str, Hit] = {}
            for where, text, weight, pattern in (
                ("title", title, TITLE_WEIGHT, rules.keywords),
                ("title", title, TITLE_WEIGHT, rules.title_only),
                ("abstract", abstract, ABSTRACT_WEIGHT, rules.keywords),
                ("keywords", extra, KEYWORD_WEIGHT, rules.keywords),
            ):
                for matched in self._matches(rules, pattern, text).values():
                    phrase = matched.lower()
                    if phrase not in hits:  # each phrase counts once, where it weighs most
                        hits[phrase] = Hit(matched, where, weight)
            if hits:
                total = sum(h.weight for h in hits.values())
                scores.append(TopicScore(rules.topic.slug, total, tuple(sorted(hits.values(), key=lambda h: (-h.weight, h.phrase)))))
        return sorted(scores, key=lambda s: (-s.score, self.order[s.slug]))

    def tags(self, title: str, abstract: str, keywords: Iterable[str] = ()) -> list[str]:
        """The topics a new paper gets: over the threshold, at most MAX_TAGS, taxonomy order."""
        chosen = [s.slug for s in self.score(title, abstract, keywords) if s.score >= THRESHOLD][:MAX_TAGS]
        return sorted(chosen, key=self.order.__getitem__)
