"""Score the tagger against expert labels: micro precision, recall and F1, per topic too.

Labels come from the stored tags of a catalogue (its curated tags are the expert
labels) or from an evaluation file of held-out papers (``data/eval/heldout.yaml``).
Parents are implied on both sides before scoring.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.errors import DataError, Problem
from generator.model import Taxonomy
from generator.tagger import Tagger
from generator.yamlsafe import loads


@dataclass(frozen=True)
class Labelled:
    title: str
    abstract: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_eval_set(path: Path, taxonomy: Taxonomy) -> list[Labelled]:
    doc = loads(path.read_text("utf-8"), str(path))
    items = doc.data.get("papers") if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        raise DataError([Problem(str(path), 1, "expected a 'papers:' list of title, abstract, tags")])
    problems, papers = [], []
    for i, item in enumerate(items):
        raw_tags = item.get("tags") if isinstance(item, dict) else None
        # A bare string ("tags: rag") would otherwise be read as a tuple of letters.
        tags = tuple(raw_tags) if isinstance(raw_tags, list) else ()
        unknown = [t for t in tags if t not in taxonomy.by_slug]
        if not isinstance(item, dict) or not item.get("title") or not item.get("abstract") or not tags or unknown:
            problems.append(
                Problem(str(path), doc.line("papers", i), f"paper {i + 1} needs title, abstract and known tags (unknown: {unknown})")
            )
            continue
        papers.append(Labelled(str(item["title"]), str(item["abstract"]), tags))
    if problems:
        raise DataError(problems)
    return papers


def evaluate(papers: list[Labelled], taxonomy: Taxonomy) -> tuple[Score, dict[str, Score]]:
    tagger = Tagger(taxonomy)
    counts: dict[str, Counter[str]] = {t.slug: Counter() for t in taxonomy.topics}
    for paper in papers:
        gold = set(taxonomy.with_ancestors(paper.tags))
        guess = set(taxonomy.with_ancestors(tagger.tags(paper.title, paper.abstract)))
        for slug in gold & guess:
            counts[slug]["tp"] += 1
        for slug in guess - gold:
            counts[slug]["fp"] += 1
        for slug in gold - guess:
            counts[slug]["fn"] += 1
    per_topic = {slug: Score(c["tp"], c["fp"], c["fn"]) for slug, c in counts.items()}
    total = Score(*(sum(getattr(s, k) for s in per_topic.values()) for k in ("tp", "fp", "fn")))
    return total, per_topic


def report(name: str, total: Score, per_topic: dict[str, Score], papers: int) -> str:
    lines = [f"{name}: {papers} papers", f"{'topic':<24} {'P':>6} {'R':>6} {'F1':>6}  tp fp fn"]
    for slug, s in per_topic.items():
        lines.append(f"{slug:<24} {s.precision:6.2f} {s.recall:6.2f} {s.f1:6.2f}  {s.tp:2} {s.fp:2} {s.fn:2}")
    lines.append(
        f"{'micro average':<24} {total.precision:6.2f} {total.recall:6.2f} {total.f1:6.2f}  {total.tp:2} {total.fp:2} {total.fn:2}"
    )
    return "\n".join(lines)
