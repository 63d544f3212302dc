"""Related papers by TF-IDF similarity of title and abstract, with the shared terms as reasons.

No all-pairs loop: each paper keeps its ``TERMS`` strongest terms, each term keeps
the ``POSTINGS`` papers that weigh it most, and candidates come only from those
postings, so the work grows linearly with the catalogue.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict

from generator.model import Paper

TERMS = 12
POSTINGS = 60
SHOWN = 5
REASONS = 3
MIN_SCORE = 0.05  # below this, one shared common word is all two papers have
TITLE_WEIGHT = 2

_WORD = re.compile(r"[a-z][a-z0-9]+(?:-[a-z0-9]+)*")
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "across",
        "after",
        "again",
        "against",
        "all",
        "almost",
        "also",
        "although",
        "always",
        "among",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "down",
        "during",
        "each",
        "either",
        "enough",
        "especially",
        "etc",
        "even",
        "ever",
        "every",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "here",
        "how",
        "however",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "large",
        "less",
        "like",
        "made",
        "make",
        "makes",
        "many",
        "may",
        "more",
        "most",
        "much",
        "must",
        "new",
        "not",
        "now",
        "of",
        "off",
        "often",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "per",
        "perform",
        "performance",
        "propose",
        "proposed",
        "provide",
        "rather",
        "same",
        "several",
        "should",
        "show",
        "shows",
        "significant",
        "significantly",
        "since",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "thus",
        "to",
        "too",
        "towards",
        "two",
        "under",
        "up",
        "upon",
        "use",
        "used",
        "uses",
        "using",
        "very",
        "via",
        "was",
        "we",
        "well",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "work",
        "would",
        "yet",
        "achieve",
        "achieves",
        "approach",
        "approaches",
        "based",
        "method",
        "methods",
        "model",
        "models",
        "paper",
        "results",
        "state-of-the-art",
        "study",
        "task",
        "tasks",
        "existing",
        "first",
        "different",
        "various",
        "novel",
        "recent",
        "recently",
        "compared",
        "demonstrate",
        "experiments",
        "extensive",
        "framework",
        "introduce",
        "present",
        "remains",
        "improve",
        "improves",
        "improved",
    ]
)


def terms(paper: Paper) -> Counter[str]:
    def words(text: str) -> list[str]:
        return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2]

    counts = Counter(words(paper.abstract))
    for word in words(paper.title):
        counts[word] += TITLE_WEIGHT
    return counts


def related_papers(papers: tuple[Paper, ...] | list[Paper]) -> dict[str, list[tuple[Paper, list[str]]]]:
    """slug -> up to SHOWN (paper, shared terms), most similar first; deterministic."""
    counts = [terms(p) for p in papers]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(papers)
    vectors: list[dict[str, float]] = []
    for c in counts:
        weights = {t: (1 + math.log(tf)) * math.log((1 + n) / (1 + df[t])) for t, tf in c.items() if df[t] > 1}
        top = heapq.nlargest(TERMS, weights.items(), key=lambda kv: (kv[1], kv[0]))
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors.append({t: w / norm for t, w in top})
    postings: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for t, w in vector.items():
            postings[t].append((w, i))
    for t, docs in postings.items():
        postings[t] = heapq.nlargest(POSTINGS, docs)
    result: dict[str, list[tuple[Paper, list[str]]]] = {}
    for i, vector in enumerate(vectors):
        scores: dict[int, float] = defaultdict(float)
        shared: dict[int, list[tuple[float, str]]] = defaultdict(list)
        for t, w in vector.items():
            for w2, j in postings[t]:
                if j != i:
                    scores[j] += w * w2
                    shared[j].append((w * w2, t))
        candidates = [(j, score) for j, score in scores.items() if score >= MIN_SCORE]
        best = heapq.nlargest(SHOWN, candidates, key=lambda kv: (kv[1], -kv[0]))
        result[papers[i].slug] = [(papers[j], [t for _, t in sorted(shared[j], reverse=True)[:REASONS]]) for j, _ in best]
    return result
