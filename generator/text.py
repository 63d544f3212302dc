"""Small pure helpers on untrusted text: cleaning, comparing, summarising."""

from __future__ import annotations

import functools
import re
import unicodedata

# Bidi overrides/isolates and invisible characters that can disguise text.
_INVISIBLE = dict.fromkeys([0x200B, 0x200C, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_INVISIBLE_RE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")


def clean(text: str) -> str:
    """Drop control, bidi-override and zero-width characters; keep newlines and tabs."""
    if not text.isascii():  # the invisible characters are all outside ASCII
        text = _INVISIBLE_RE.sub("", text)
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():  # the common cases, checked in C
        return text
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))


@functools.lru_cache(maxsize=1 << 17)  # pages repeat the same titles many times (listings, related, feeds)
def one_line(text: str) -> str:
    return " ".join(clean(text).split())


def normalize_title(title: str) -> str:
    """A key under which near-identical titles collide (case, accents, punctuation)."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", title).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])")


@functools.lru_cache(maxsize=1 << 17)  # listings ask for the same abstract's summary many times
def first_sentence(text: str, limit: int = 300) -> str:
    """The abstract's first sentence, cut at a word boundary when too long."""
    text = one_line(text)
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
