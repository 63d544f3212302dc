"""Where the tagger disagrees with stored tags, and why: text for a curator's review."""

from __future__ import annotations

from generator.model import Catalogue
from generator.tagger import THRESHOLD, Tagger, TopicScore


def _why(score: TopicScore) -> str:
    hits = ", ".join(f'{h.where} "{h.phrase}" +{h.weight}' for h in score.hits)
    return f"score {score.score}: {hits}" if hits else "no matching phrase"


def suggestions(catalogue: Catalogue, only: set[str] | None = None) -> list[str]:
    """One block per paper whose stored tags differ from the tagger's, in slug order (``only``: these slugs)."""
    tagger = Tagger(catalogue.taxonomy)
    blocks = []
    for paper in catalogue.papers:
        if only is not None and paper.slug not in only:
            continue
        scores = {s.slug: s for s in tagger.score(paper.title, paper.abstract)}
        guess = tagger.tags(paper.title, paper.abstract)
        # A parent implied by a stored child is not missing, and vice versa.
        stored_implied = set(catalogue.taxonomy.with_ancestors(paper.tags))
        guess_implied = set(catalogue.taxonomy.with_ancestors(guess))
        add = [s for s in guess if s not in stored_implied]
        remove = [s for s in paper.tags if s not in guess_implied]
        if not add and not remove:
            continue
        lines = [f"{paper.source}: {paper.title}"]
        for slug in add:
            lines.append(f"  + add {slug} ({_why(scores[slug])})")
        for slug in remove:
            found = scores.get(slug)
            reason = f"score {found.score} < {THRESHOLD}: " + _why(found).split(": ", 1)[1] if found else "no matching phrase"
            lines.append(f"  - remove {slug}? ({reason})")
        blocks.append("\n".join(lines))
    return blocks
