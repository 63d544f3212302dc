from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.catalogue import load_catalogue
from generator.dump import Entry
from generator.errors import DataError
from generator.importer import import_entries, read_ids
from generator.schema import SLUG_RE
from generator.slugs import MAX_LENGTH, base_slug, unique_slug
from tests.conftest import FIXTURES, run, write_paper

LISTING = str(FIXTURES / "other-listing.txt")


def papers_dir(project: Path) -> Path:
    return project / "data" / "papers"


def test_import_into_empty_catalogue_writes_valid_tagged_files(project, capsys):
    assert run("import", LISTING, "--added", "2026-01-02") == 0
    assert "4 added, 0 updated, 0 unchanged" in capsys.readouterr().err
    catalogue = load_catalogue(project / "data")
    by_slug = {p.slug: p for p in catalogue.papers}
    assert sorted(by_slug) == [
        "does-sparse-attention-help-long-document-summarization-a-careful-look",
        "glaciernet-segmenting-glacier-calving-fronts-in-satellite-imagery-with-a-tiny-u",
        "ledger-llm-auditing-financial-statements-with-retrieval-augmented-language",
        "uber-quant-2-bit-weight-quantization-for-speech-recognition-on-microcontrollers",
    ]
    quant = by_slug["uber-quant-2-bit-weight-quantization-for-speech-recognition-on-microcontrollers"]
    assert quant.title.startswith("Über-Quant")
    assert quant.acronym == "Über-Quant"
    assert quant.added == date(2026, 1, 2)
    assert {"quantization", "speech-audio"} <= set(quant.tags)
    assert "finance" in by_slug["ledger-llm-auditing-financial-statements-with-retrieval-augmented-language"].tags


def test_reimport_is_idempotent_and_keeps_curated_edits(project, capsys):
    run("import", LISTING, "--added", "2026-01-02")
    path = papers_dir(project) / "ledger-llm-auditing-financial-statements-with-retrieval-augmented-language.yaml"
    curated = path.read_text("utf-8").replace(
        "tags:\n", "notes: Curated note.\nlinks:\n  code: https://example.org/ledger\ntags:\n- benchmarks\n"
    )
    path.write_text(curated, "utf-8")
    before = {p.name: p.read_bytes() for p in papers_dir(project).iterdir()}
    mtimes = {p.name: p.stat().st_mtime_ns for p in papers_dir(project).iterdir()}
    capsys.readouterr()
    assert run("import", LISTING, "--added", "2030-01-01") == 0
    assert "0 added, 0 updated, 4 unchanged" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in papers_dir(project).iterdir()} == before
    assert {p.name: p.stat().st_mtime_ns for p in papers_dir(project).iterdir()} == mtimes


def test_changed_abstract_updates_source_fields_only(project, tmp_path, capsys):
    run("import", LISTING, "--added", "2026-01-02")
    path = papers_dir(project) / "does-sparse-attention-help-long-document-summarization-a-careful-look.yaml"
    path.write_text(path.read_text("utf-8").replace("tags:\n", "notes: Keep me.\ntags:\n- benchmarks\n"), "utf-8")
    changed = tmp_path / "changed.txt"
    changed.write_text(Path(LISTING).read_text("utf-8").replace("while simpler to implement.", "and simpler."), "utf-8")
    ids = tmp_path / "ids.tsv"
    ids.write_text("title\tarxiv_id\nDoes Sparse Attention Help Long-Document Summarization? A Careful Look\t2501.00002\n")
    capsys.readouterr()
    assert run("import", str(changed), "--ids", str(ids)) == 0
    assert "0 added, 1 updated, 3 unchanged" in capsys.readouterr().err
    paper = next(p for p in load_catalogue(project / "data").papers if p.slug == path.stem)
    assert paper.abstract.endswith("and simpler.")
    assert (paper.notes, paper.arxiv, paper.added) == ("Keep me.", "2501.00002", date(2026, 1, 2))
    assert "benchmarks" in paper.tags


def test_import_refuses_a_broken_catalogue_and_writes_nothing(project):
    write_paper(project, "broken", "title: X\n")
    assert run("import", LISTING) == 1
    assert [p.name for p in papers_dir(project).iterdir()] == ["broken.yaml"]


def test_listing_problems_stop_the_import(project, tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("Paper\n\nAbstract.\n\nOrphan title\n")
    assert run("import", str(bad)) == 1
    assert f"{bad}:5: title 'Orphan title' has no abstract after it" in capsys.readouterr().err
    assert not any(papers_dir(project).iterdir())


def test_ids_table_errors_name_the_line():
    with pytest.raises(DataError) as error:
        read_ids("title\tarxiv_id\nA\t2401.00001\nB\t2401.1\nC\n", "ids.tsv")
    assert [str(p) for p in error.value.problems] == [
        "ids.tsv:3: '2401.1' is not an arXiv id; expected e.g. \"2404.19149\" (quoted)",
        "ids.tsv:4: expected 2 tab-separated columns (title, arxiv_id), found 1",
    ]


def test_slug_collisions_resolve_in_listing_order(project):
    long = "Scaling Laws for Extremely Long Titles That Go On and On About Efficient Transformers in Practice"
    entries = [Entry(long + " Part One", "First.", 1), Entry(long + " Part Two", "Second.", 3), Entry("Index", "Third.", 5)]
    import_entries(entries, project / "data", {}, date(2026, 1, 1))
    by_title = {p.title: p.slug for p in load_catalogue(project / "data").papers}
    base = base_slug(long + " Part One")
    assert base == base_slug(long + " Part Two") and len(base) <= MAX_LENGTH
    assert by_title == {long + " Part One": base, long + " Part Two": f"{base}-2", "Index": "index-paper"}


@given(st.text(max_size=400), st.sets(st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True), max_size=5))
def test_slugs_are_always_safe_file_names(title, taken):
    slug = unique_slug(title, set(taken))
    assert SLUG_RE.match(slug) and len(slug) <= MAX_LENGTH and slug not in taken
    assert slug not in {"con", "index", "nul", "aux"}
