"""A catalogue split into several sites by year: each shard holds its years and links across to the others."""

from __future__ import annotations

import pytest

from generator.errors import DataError
from generator.shards import parse_shards
from tests.conftest import run, write_paper

SHARDS = """  shards:
    - {years: 2019-2022, url: "https://example.org/old/"}
    - {years: 2023-2026, url: "https://example.org/new/"}
"""


@pytest.fixture
def split_project(project):
    config = (project / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  shard: !ENV", SHARDS + "  shard: !ENV"), "utf-8")
    words = "Speculative decoding with draft models for faster inference of language models."
    write_paper(project, "old-draft", f'title: Old Draft Decoding\narxiv: "2104.00001"\ntags: [efficient-inference]\nabstract: {words}\n')
    write_paper(project, "new-draft", f'title: New Draft Decoding\narxiv: "2404.00002"\ntags: [efficient-inference]\nabstract: {words}\n')
    write_paper(
        project, "undated", "title: Undated Pruning Study\ntags: [efficient-inference]\nabstract: Pruning weights of vision networks.\n"
    )
    return project


@pytest.mark.slow
def test_a_shard_holds_its_years_and_links_to_the_other_shard(split_project):
    assert run("build", "--shard", "2019-2022", "--search", "pagefind") == 0
    site = split_project / "site"
    assert (site / "papers/old-draft/index.html").is_file()
    assert not (site / "papers/new-draft").exists() and not (site / "papers/undated").exists()  # undated go to the newest shard
    page = (site / "papers/old-draft/index.html").read_text("utf-8")
    assert 'href="https://example.org/new/papers/new-draft/"' in page
    head = (site / "index.html").read_text("utf-8")
    assert 'mergeIndex: [{bundlePath: "https://example.org/new/pagefind/"},]' in head  # one search across shards
    assert "Undated Pruning Study" not in (site / "topics/efficient-inference/index.html").read_text("utf-8")


def test_unknown_shard_is_refused(split_project, capsys):
    assert run("generate", "--shard", "2000-2001") == 1
    assert "--shard '2000-2001' is not in extra.shards (2019-2022, 2023-2026)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"years": "2019-2022", "url": "https://a/"}, {"years": "2022-2024", "url": "https://b/"}], "2019-2022 and 2022-2024 overlap"),
        ([{"years": "2019", "url": "https://a/"}], "extra.shards item 1 must be {years: 2019-2022, url: https://…/}"),
    ],
)
def test_shard_configuration_is_checked(entries, message):
    with pytest.raises(DataError, match=message):
        parse_shards(entries, "mkdocs.yml")
