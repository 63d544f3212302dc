"""Escaping untrusted text for each place it lands in a generated page.

Titles, abstracts and every other YAML or API field are data, never markup.
Markdown would turn ``*``, ``[x](javascript:…)``, ``{: onclick=…}`` or raw
``<script>`` into live structure, and mkdocs-material puts front-matter values
into HTML without escaping, so each context gets its own function here and
renderers never build strings from untrusted text any other way.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from generator.text import clean, one_line

# ASCII characters that Markdown or one of our extensions reads as syntax
# anywhere in a line ("(" only follows "]", so it is safe once "]" is gone).
_MD_SPECIAL = '\\`*_{}[]<>#!|~=^&":'
_MD_ENTITY = {ch: f"&#{ord(ch)};" for ch in _MD_SPECIAL}
_MD_RE = re.compile("[" + re.escape(_MD_SPECIAL) + "]")


def html_text(text: str) -> str:
    """Text for HTML element content or a quoted attribute."""
    return html.escape(one_line(text), quote=True)


def md_text(text: str) -> str:
    """Text for a Markdown line: one line, every syntax character as an entity.

    Entities survive Python-Markdown untouched and the browser shows the
    original characters, so nothing the text contains can open a link, an
    emphasis, an attribute list, a raw HTML tag or a heading.
    """
    text = _MD_RE.sub(lambda m: _MD_ENTITY[m.group()], one_line(text))  # re.sub beats str.translate with multi-character values
    if text and not (text[0].isalpha() or text[0] == "&"):  # "1. ", "- ", "+ " start a block
        text = f"&#{ord(text[0])};{text[1:]}"
    return text


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, dict):
        return {_cleaned(k): _cleaned(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_cleaned(v) for v in value]
    return value


def yaml_value(value: Any) -> str:
    """A front-matter scalar, list or mapping: JSON is valid YAML flow syntax.

    Strings are cleaned to one line of printable text first; they are *not*
    HTML-escaped here, because some keys (tags) are text, not HTML.
    """
    return json.dumps(_cleaned(value), ensure_ascii=False)


def front_matter(meta: dict[str, Any]) -> str:
    lines = ["---"]
    for key, value in meta.items():
        lines.append(f"{key}: {yaml_value(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def code_block(text: str, lang: str = "") -> str:
    """A fenced block longer than any backtick run in ``text``: the text cannot close it."""
    text = clean(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{text}\n{fence}\n"


def json_text(data: Any) -> str:
    """JSON that is also safe if a browser sniffs it as HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def code_span(text: str) -> str:
    """Inline code for untrusted text in GitHub Markdown: no backticks or line breaks inside."""
    return "`" + " ".join(text.replace("`", "'").split()) + "`"


def fenced(lines: list[str]) -> list[str]:
    """A code block no line can close early: the fence is longer than any backtick run inside."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}text", *lines, fence]
