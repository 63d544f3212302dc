"""File and page names: ASCII, lowercase, bounded, never a path or reserved name."""

from __future__ import annotations

from slugify import slugify

MAX_LENGTH = 80
# Names Windows cannot create, and names the site already uses.
RESERVED = {"con", "prn", "aux", "nul", "index", "tags", "search", "api", "assets"}
RESERVED |= {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}


def base_slug(title: str) -> str:
    slug = slugify(title, max_length=MAX_LENGTH, word_boundary=True, save_order=True) or "paper"
    return f"{slug}-paper" if slug in RESERVED else slug


def unique_slug(title: str, taken: set[str]) -> str:
    """``base_slug`` with -2, -3 … appended until it is not in ``taken``."""
    slug = base = base_slug(title)
    n = 2
    while slug in taken:
        suffix = f"-{n}"
        slug = base[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        n += 1
    return slug
