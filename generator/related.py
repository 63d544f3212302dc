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
from generator.parallel import map_ranges

TERMS = 10
POSTINGS = 30
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
    idf = {t: math.log((1 + n) / (1 + d)) for t, d in df.items() if d > 1}  # a term in one paper relates nothing
    vectors: list[dict[str, float]] = []
    for c in counts:
        weights = [(idf[t] * (1 + math.log(tf)), t) for t, tf in c.items() if t in idf]
        top = heapq.nlargest(TERMS, weights)
        norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
        vectors.append({t: w / norm for w, t in top})
    postings: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for t, w in vector.items():
            postings[t].append((w, i))
    capped = {t: heapq.nlargest(POSTINGS, docs) for t, docs in postings.items()}

    def score(indices: range) -> list[list[tuple[int, list[str]]]]:
        out = []
        for i in indices:
            vector = vectors[i]
            scores: dict[int, float] = {}
            get = scores.get
            for t, w in vector.items():
                for w2, j in capped[t]:
                    scores[j] = get(j, 0.0) + w * w2
            scores.pop(i, None)
            best = heapq.nlargest(SHOWN, ((s, -j) for j, s in scores.items() if s >= MIN_SCORE))
            found = []
            for _, negative in best:
                other = vectors[-negative]
                shared = sorted(((w * other[t], t) for t, w in vector.items() if t in other), reverse=True)
                found.append((-negative, [t for _, t in shared[:REASONS]]))
            out.append(found)
        return out

    found = map_ranges(score, n)
    return {papers[i].slug: [(papers[j], reasons) for j, reasons in found[i]] for i in range(n)}
