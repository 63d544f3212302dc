from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import DataError
from generator.yamlsafe import MAX_BYTES, dumps, loads


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as error:
        loads(text, "p.yaml")
    return [str(p) for p in error.value.problems]


def test_lines_of_keys_and_items():
    doc = loads("title: x\ntags:\n  - a\n  - b\n", "p.yaml")
    assert doc.data == {"title": "x", "tags": ["a", "b"]}
    assert doc.line("title") == 1
    assert doc.line("tags", 1) == 4


def test_aliases_and_anchors_are_refused():
    assert problems("a: &x [1, 2]\nb: *x\n") == ["p.yaml:1: YAML anchors and aliases (&name, *name) are not allowed"]


def test_duplicate_keys_are_refused_with_both_lines():
    assert problems("title: a\nabstract: b\ntitle: c\n") == ["p.yaml:3: duplicate key 'title' (first set on line 1)"]


def test_python_tags_are_refused():
    assert problems("title: !!python/object/apply:os.system ['echo hi']\n") == [
        "p.yaml:1: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; write plain values"
    ]


def test_oversized_file_is_refused():
    assert problems("abstract: " + "x" * MAX_BYTES) == ["p.yaml:1: file is larger than 256 KB; refusing to read it"]


def test_syntax_error_names_the_line():
    assert problems("title: a\n\tabstract: b\n")[0].startswith("p.yaml:2: invalid YAML")


def test_bom_and_scalar_types():
    doc = loads("\ufeffarxiv: 2401.10000\npublished: 2024-01-02\nok: no\n", "p.yaml")
    assert doc.data == {"arxiv": 2401.1, "published": date(2024, 1, 2), "ok": False}
    assert doc.raw[("arxiv",)] == "2401.10000"


text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp")), min_size=1).map(str.strip).filter(bool)


@given(title=text, abstract=text, tags=st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), max_size=3))
def test_dumps_round_trips(title, abstract, tags):
    data = {"title": title, "arxiv": "2401.10000", "tags": tags, "abstract": abstract}
    assert loads(dumps(data), "p.yaml").data == data
