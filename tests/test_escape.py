"""Untrusted text must come out of Markdown as the same text, never as markup."""

import html
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.escape import code_block, front_matter, html_text, json_text, md_text
from generator.text import one_line
from generator.yamlsafe import loads

EXTENSIONS = ["admonition", "attr_list", "toc", "pymdownx.superfences", "pymdownx.emoji", "md_in_html", "tables", "def_list", "abbr"]

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "A title {: onmouseover=alert(1) }",
    '<div markdown="1">*hi*</div>',
    '"><script>alert(1)</script>',
    "# heading",
    "---",
    "| a | b |",
    "<!-- material/tags -->",
    "{{ config }} {% include 'x' %}",
    "1. not a list",
    "- not a list",
    "> not a quote",
    ":smile: *em* _em_ `code` ~~del~~ ==mark== ^^ins^^",
    "Term\n: definition",
    "*[HTML]: Hyper Text",
    "back\\slash & ampersand",
    "\u202eevil\u200b text\x07",
]


def rendered_text(source: str) -> str:
    """Markdown -> HTML -> the text a reader sees, failing if any tag but <p> appears."""
    out = markdown.markdown(source, extensions=EXTENSIONS)
    inner = re.fullmatch(r"<p>(.*)</p>", out, re.S)
    assert inner, out
    assert "<" not in inner.group(1), out
    return html.unescape(inner.group(1))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_survives_markdown_as_text(text):
    assert rendered_text(md_text(text)) == one_line(text)


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from("<>&\"'`*_[](){}#!|~=^:\\-+.1 \n"), min_size=1
    )
)
def test_any_text_survives_markdown_as_text(text):
    if not one_line(text):
        return
    assert rendered_text(md_text(text)) == one_line(text)


def test_invisible_and_bidi_characters_are_dropped():
    assert one_line("a\u202eb\u200bc\x00d\u2028e") == "abcde"


@pytest.mark.parametrize("text", HOSTILE)
def test_front_matter_values_are_yaml_and_html_safe(text):
    meta = loads(front_matter({"title": html_text(text), "tags": [text]}).strip("-\n"), "fm").data
    assert "<" not in meta["title"] and '"' not in meta["title"]
    assert html.unescape(meta["title"]) == one_line(text)
    assert meta["tags"] == [one_line(text)]


def test_code_block_cannot_be_closed_from_inside():
    text = "a\n```\n<script>alert(1)</script>\n````"
    out = markdown.markdown(code_block(text), extensions=["pymdownx.superfences"])
    assert out.count("<pre") == 1 and "<script>" not in out and "&lt;script&gt;" in out


def test_json_cannot_close_a_script_element():
    assert "<" not in json_text({"t": "</script><script>alert(1)</script>"})
