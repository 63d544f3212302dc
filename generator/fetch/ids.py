"""What a curator may type for a paper: an arXiv id or an arXiv / Hugging Face URL."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from generator.schema import check_arxiv

_ID = r"(\d{4}\.\d{4,5}|[a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
_BARE = re.compile(rf"^(?:arxiv:)?{_ID}$", re.IGNORECASE)
_PATHS = {
    "arxiv.org": re.compile(rf"^/(?:abs|pdf|html)/{_ID}(?:\.pdf)?/?$"),
    "huggingface.co": re.compile(rf"^/papers/{_ID}/?$"),
}


def arxiv_from_reference(text: str) -> str | None:
    """The bare arXiv id (no version) that ``text`` names, or None."""
    text = text.strip()
    if match := _BARE.match(text):
        ident = match.group(1)
        # the old-style archive name is lowercase; "ARXIV:" prefixes are not part of the id
        return ident if not check_arxiv(ident) else None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("export.")
    pattern = _PATHS.get(host)
    match = pattern.match(unquote(parts.path)) if pattern else None
    return match.group(1) if match else None


REFERENCE_HELP = "an arXiv id (2404.19149, 2404.19149v2, arXiv:2404.19149) or an arxiv.org/abs, arxiv.org/pdf or huggingface.co/papers URL"
