"""Schema and catalogue checks: exact messages, since they are the contract with curators."""

from pathlib import Path

import pytest

from generator.catalogue import load_catalogue
from generator.errors import DataError
from tests.conftest import run, write_paper

GOOD = """
title: "A Good Paper"
arxiv: "2401.00001"
tags: [quantization]
abstract: Some abstract.
"""


def messages(project: Path) -> list[str]:
    with pytest.raises(DataError) as error:
        load_catalogue(project / "data")
    return [str(p) for p in error.value.problems]


def test_valid_paper_loads(project):
    write_paper(project, "a-good-paper", GOOD)
    catalogue = load_catalogue(project / "data")
    (paper,) = catalogue.papers
    assert (paper.slug, paper.title, paper.arxiv, paper.tags) == ("a-good-paper", "A Good Paper", "2401.00001", ("quantization",))
    assert paper.source == "data/papers/a-good-paper.yaml"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "tittle: X\ntitle: X\nabstract: y\n",
            "data/papers/p.yaml:1: unknown key 'tittle'; did you mean 'title'? (allowed: title, acronym, arxiv, authors, published, added, upvotes, tags, links, notes, abstract)",
        ),
        ("title: X\n", "data/papers/p.yaml:1: missing required key 'abstract'"),
        (
            "title: X\nabstract: y\narxiv: 2401.10000\n",
            "data/papers/p.yaml:3: 'arxiv' must be text, found a number; YAML read '2401.10000' as a number: quote it, e.g. arxiv: \"2401.10000\"",
        ),
        (
            'title: X\nabstract: y\narxiv: "2401.10000v2"\n',
            "data/papers/p.yaml:3: arXiv id '2401.10000v2' has a version suffix; write '2401.10000'",
        ),
        ('title: X\nabstract: y\narxiv: "abc"\n', "data/papers/p.yaml:3: 'abc' is not an arXiv id; expected e.g. \"2404.19149\" (quoted)"),
        (
            "title: no\nabstract: y\n",
            "data/papers/p.yaml:1: 'title' must be text, found a boolean; YAML read 'no' as a boolean: quote it, e.g. title: \"no\"",
        ),
        ("title: X\nabstract: y\ntags: quantization\n", "data/papers/p.yaml:3: 'tags' must be a list (one '- item' per line), found text"),
        (
            "title: X\nabstract: y\ntags:\n  - quantisation\n",
            "data/papers/p.yaml:4: unknown topic 'quantisation'; did you mean 'quantization'? (topics are listed in data/topics.yaml)",
        ),
        (
            "title: X\nabstract: y\ntags:\n  - Quantization\n",
            "data/papers/p.yaml:4: tag 'Quantization' is not a topic slug (lowercase words joined by '-', e.g. 'quantization'); write 'quantization'",
        ),
        ("title: X\nabstract: y\ntags: [rag, rag]\n", "data/papers/p.yaml:3: 'tags' lists 'rag' twice"),
        (
            "title: X\nabstract: y\nlinks:\n  cod: https://x.org\n",
            "data/papers/p.yaml:4: unknown key 'cod'; did you mean 'code'? (allowed: code, project, pdf, data, demo, video, blog, slides, huggingface, other)",
        ),
        (
            "title: X\nabstract: y\nlinks:\n  code: javascript:alert(1)\n",
            "data/papers/p.yaml:4: links.code must be an http(s) URL without spaces or quotes, found 'javascript:alert(1)'",
        ),
        (
            "title: X\nabstract: y\npublished: 2024-13-01\n",
            "data/papers/p.yaml:3: 'published' must be a date like 2024-04-30, found '2024-13-01' (no such day)",
        ),
        ("title: X\nabstract: y\nupvotes: -3\n", "data/papers/p.yaml:3: 'upvotes' must be a whole number of 0 or more, found -3"),
        ("title: X\nabstract: y\nupvotes: '12'\n", "data/papers/p.yaml:3: 'upvotes' must be a whole number of 0 or more, found '12'"),
        ("- title: X\n", "data/papers/p.yaml:1: a paper file must be a mapping of keys (title:, abstract:, …), found a list"),
        ("", "data/papers/p.yaml:1: a paper file must be a mapping of keys (title:, abstract:, …), found nothing"),
    ],
)
def test_schema_errors_name_file_line_and_fix(project, body, expected):
    write_paper(project, "p", body)
    assert expected in messages(project)


def test_every_problem_is_reported_not_just_the_first(project):
    write_paper(project, "one", "title: X\n")
    write_paper(project, "two", "abstract: y\nsummary: z\n")
    assert messages(project) == [
        "data/papers/one.yaml:1: missing required key 'abstract'",
        "data/papers/two.yaml:1: missing required key 'title'",
        "data/papers/two.yaml:2: unknown key 'summary' (allowed: title, acronym, arxiv, authors, published, added, upvotes, tags, links, notes, abstract)",
    ]


def test_duplicate_arxiv_id_and_near_identical_title_name_the_other_file(project):
    write_paper(project, "a-good-paper", GOOD)
    write_paper(project, "copy", 'title: "A Good Paper"\narxiv: "2401.00001"\nabstract: z\n')
    write_paper(project, "near", 'title: "a good  paper!"\nabstract: z\n')
    assert messages(project) == [
        "data/papers/copy.yaml:1: title is nearly identical to the one in data/papers/a-good-paper.yaml; keep one file per paper",
        "data/papers/copy.yaml:2: arXiv id 2401.00001 is already in data/papers/a-good-paper.yaml; keep one file per paper",
        "data/papers/near.yaml:1: title is nearly identical to the one in data/papers/a-good-paper.yaml; keep one file per paper",
    ]


def test_file_names_must_be_slugs_with_yaml_suffix(project):
    write_paper(project, "Bad Name", GOOD)
    (project / "data" / "papers" / "other.yml").write_text(GOOD)
    assert messages(project) == [
        "data/papers/Bad Name.yaml: file name must be a slug: lowercase ASCII words joined by '-', at most 100 characters; rename it to bad-name.yaml",
        "data/papers/other.yml: only .yaml paper files belong in papers/; rename it to other.yaml",
    ]


def test_taxonomy_errors(project):
    (project / "data" / "topics.yaml").write_text(
        "topics:\n  - slug: a\n    title: A\n    description: d\n  - slug: b\n    title: B <i>\n    description: d\n    parent: aa\n  - slug: a\n    title: A2\n    description: d\n"
    )
    assert messages(project) == [
        "data/topics.yaml:6: topic title 'B <i>' must be plain text (no markup characters)",
        "data/topics.yaml:8: parent 'aa' is not a topic; did you mean 'a'?",
        "data/topics.yaml:9: topic slug 'a' is defined twice",
    ]


def test_validate_command_exit_codes_and_output(project, capsys):
    write_paper(project, "a-good-paper", GOOD)
    assert run("validate") == 0
    write_paper(project, "bad", "title: X\nabstract: y\ntags: [nope]\n")
    assert run("validate") == 1
    err = capsys.readouterr().err
    assert "data/papers/bad.yaml:3: unknown topic 'nope'" in err
    assert err.rstrip().endswith("1 problem found")
