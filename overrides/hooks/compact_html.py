"""MkDocs hook: drop the indentation Jinja leaves in every page (about a fifth of a paper page).

Only whitespace at the start of a line goes, and never inside <pre>, <textarea> or
<script>; text and inline spacing are untouched.  Far cheaper than a minifier,
which doubles build time at catalogue scale.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n[ \t]+")
_BLANK = re.compile(r"\n{2,}")


def compact(html: str) -> str:
    parts = _KEEP.split(html)
    out = []
    # re.split with two groups yields: text, whole kept block, tag name, text, …
    for i in range(0, len(parts), 3):
        out.append(_BLANK.sub("\n", _INDENT.sub("\n", parts[i])))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def on_post_page(output: str, page, config) -> str:
    return compact(output)
