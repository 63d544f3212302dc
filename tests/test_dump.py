import csv
from pathlib import Path

import pytest

from generator.dump import parse_dump
from generator.errors import DataError
from tests.conftest import FIXTURES, ROOT

SEED = ROOT / "data" / "sources" / "daily-papers.txt"


def test_seed_listing_gives_the_95_curated_titles():
    entries = parse_dump(SEED.read_text("utf-8"))
    with open(ROOT / "data" / "sources" / "arxiv-ids.tsv", encoding="utf-8") as handle:
        titles = [row["title"] for row in csv.DictReader(handle, delimiter="\t")]
    assert [e.title for e in entries] == titles
    assert len(entries) == 95
    assert all(len(e.abstract) > 200 for e in entries)
    assert entries[0].line == 11  # after six lines of page chrome and blank lines


def test_other_listing_with_chrome_wrapped_abstract_and_unicode():
    entries = parse_dump((FIXTURES / "other-listing.txt").read_text("utf-8"))
    assert [e.title for e in entries] == [
        "GlacierNet: Segmenting Glacier Calving Fronts in Satellite Imagery with a Tiny U-Net",
        "Ledger-LLM: Auditing Financial Statements with Retrieval-Augmented Language Models",
        "Über-Quant: 2-bit Weight Quantization for Speech Recognition on Microcontrollers",
        "Does Sparse Attention Help Long-Document Summarization? A Careful Look",
    ]
    # The wrapped abstract is one paragraph with single spaces.
    assert entries[0].abstract.startswith(
        "Monitoring where glaciers meet the ocean requires segmenting calving fronts in thousands of synthetic"
    )
    assert entries[0].abstract.endswith("We release a dataset of 12,000 annotated images.")


def test_crlf_trailing_spaces_and_blank_runs_change_nothing():
    text = (FIXTURES / "other-listing.txt").read_text("utf-8")
    messy = "\ufeff" + "\r\n".join(line + "  \t" for line in text.split("\n")).replace("\r\n\r\n", "\r\n\r\n\r\n\r\n")
    assert parse_dump(messy) == parse_dump(text)


def test_title_directly_followed_by_abstract_lines():
    text = "Daily Papers\n\nA Title Without Gap\nFirst line of the abstract.\nSecond line.\n\nNext Paper\n\nIts abstract is here.\n"
    entries = parse_dump(text)
    assert [(e.title, e.abstract) for e in entries] == [
        ("A Title Without Gap", "First line of the abstract. Second line."),
        ("Next Paper", "Its abstract is here."),
    ]


def test_abstract_in_several_paragraphs_stays_with_its_paper():
    text = "Paper One\n\nFirst paragraph of the abstract.\n\nCode is at https://example.org/code.\n\nPaper Two\n\nAnother abstract.\n"
    entries = parse_dump(text)
    assert [e.title for e in entries] == ["Paper One", "Paper Two"]
    assert entries[0].abstract == "First paragraph of the abstract. Code is at https://example.org/code."


def test_vote_counts_and_submitted_by_lines_are_chrome():
    text = "Trending Papers\n\nSubmitted by someone\n\n42\n\nReal Title\n\nReal abstract text.\n"
    assert [e.title for e in parse_dump(text)] == ["Real Title"]


def test_title_without_abstract_is_an_error_with_its_line(tmp_path: Path):
    text = "Paper One\n\nIts abstract.\n\nLonely Title\n"
    with pytest.raises(DataError) as error:
        parse_dump(text, "listing.txt")
    assert str(error.value) == "listing.txt:5: title 'Lonely Title' has no abstract after it; expected a paragraph of text"


def test_empty_listing_is_an_error():
    with pytest.raises(DataError, match="no papers found"):
        parse_dump("New\n\nSubscribe\n\n", "empty.txt")
