"""Synthetic catalogues for benchmarks: realistic shapes, seeded, any size.

Titles mix method names, topic phrases and generic words; abstracts run
120–260 words; about 70% of papers have an arXiv id, 40% a code link, 60%
authors and a publication date; tags are drawn from the real taxonomy.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import yaml

from generator.yamlsafe import dumps

GENERIC = [
    "efficient",
    "scalable",
    "robust",
    "adaptive",
    "sparse",
    "low-rank",
    "lightweight",
    "fast",
    "accurate",
    "unified",
    "simple",
    "learning",
    "training",
    "inference",
    "models",
    "networks",
    "transformers",
    "attention",
    "tokens",
    "memory",
    "compute",
    "benchmark",
    "evaluation",
    "method",
    "framework",
    "approach",
    "analysis",
    "study",
    "data",
    "distillation",
    "pruning",
    "quantization",
    "retrieval",
    "reasoning",
    "vision",
    "language",
    "speech",
    "agents",
    "graphs",
    "kernels",
    "hardware",
    "edge",
    "mobile",
    "latency",
    "throughput",
    "accuracy",
    "generalization",
    "optimization",
    "gradient",
    "loss",
    "calibration",
]
FILLER = [
    "we",
    "propose",
    "a",
    "novel",
    "method",
    "that",
    "improves",
    "the",
    "trade-off",
    "between",
    "accuracy",
    "and",
    "efficiency",
    "across",
    "several",
    "benchmarks",
    "while",
    "reducing",
    "memory",
    "and",
    "latency",
    "our",
    "experiments",
    "show",
    "consistent",
    "gains",
    "over",
    "strong",
    "baselines",
    "on",
    "standard",
    "datasets",
    "and",
    "we",
    "release",
    "code",
    "and",
    "models",
    "to",
    "support",
    "future",
    "research",
    "in",
    "this",
    "area",
    "the",
    "approach",
    "is",
    "simple",
    "to",
    "implement",
    "and",
    "compatible",
    "with",
    "existing",
    "systems",
]
FIRST = [
    "Ann",
    "Bo",
    "Chen",
    "Dana",
    "Eli",
    "Fatima",
    "Gus",
    "Hana",
    "Ivan",
    "Jia",
    "Kofi",
    "Lena",
    "Mara",
    "Nils",
    "Omar",
    "Pia",
    "Quinn",
    "Rosa",
    "Sam",
    "Tariq",
    "Uma",
    "Vera",
    "Wei",
    "Xin",
    "Yara",
    "Zoe",
]
LAST = [
    "Lee",
    "Wang",
    "Kim",
    "Garcia",
    "Smith",
    "Müller",
    "Rossi",
    "Sato",
    "Okafor",
    "Novak",
    "Silva",
    "Chen",
    "Patel",
    "Khan",
    "Dubois",
    "Ivanova",
    "Cohen",
    "Tanaka",
    "Haddad",
    "Larsen",
]


def synth_paper(rng: random.Random, n: int, topics: list[str], phrases: list[str]) -> dict:
    name = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(rng.randint(3, 6))) + str(n)
    words = rng.sample(GENERIC, rng.randint(4, 9))
    title = f"{name}: {' '.join(words).capitalize()} for {rng.choice(phrases)}"
    body = [rng.choice(FILLER if rng.random() < 0.7 else GENERIC + phrases) for _ in range(rng.randint(120, 260))]
    abstract = " ".join(body).capitalize() + "."
    data: dict = {"title": title}
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(365 * 7))
    if rng.random() < 0.7:
        data["arxiv"] = f"{day:%y%m}.{n % 100000:05d}"
    if rng.random() < 0.6:
        data["authors"] = sorted({f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 8))})
        data["published"] = day
    data["added"] = day + timedelta(days=rng.randrange(60))
    data["tags"] = sorted(set(rng.sample(topics, rng.randint(1, 3))))
    if rng.random() < 0.4:
        data["links"] = {"code": f"https://github.com/lab{n % 997}/{name.lower()}"}
    data["abstract"] = abstract
    return data


def write_catalogue(root: Path, size: int, topics_file: Path, seed: int = 7) -> None:
    """``root/data/topics.yaml`` and ``size`` paper files under ``root/data/papers``."""
    taxonomy = yaml.safe_load(topics_file.read_text("utf-8"))
    topics = [t["slug"] for t in taxonomy["topics"]]
    phrases = sorted({k for t in taxonomy["topics"] for k in t.get("keywords", []) if k.isascii()})
    papers = root / "data" / "papers"
    papers.mkdir(parents=True, exist_ok=True)
    (root / "data" / "topics.yaml").write_text(topics_file.read_text("utf-8"), "utf-8")
    rng = random.Random(seed)
    for n in range(size):
        (papers / f"paper-{n:06d}.yaml").write_text(dumps(synth_paper(rng, n, topics, phrases)), "utf-8")
