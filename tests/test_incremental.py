"""Incremental writes: an unchanged catalogue rewrites nothing; one changed paper rewrites only what shows it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run, write_paper

TOPICS = ("quantization", "rag", "speech-audio", "code")


def catalogue(project: Path) -> None:
    for n in range(16):
        topic = TOPICS[n % len(TOPICS)]
        write_paper(
            project,
            f"paper-{n:02d}",
            f'title: Paper {n} on {topic}\narxiv: "2401.{n:05d}"\npublished: 2024-0{1 + n % 9}-0{1 + n % 7}\n'
            f"tags: [{topic}]\nabstract: A study of {topic} number {n} with shared words like kernels and caches.\n",
        )


def snapshot(docs: Path) -> dict[Path, tuple[int, bytes]]:
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in docs.rglob("*") if p.is_file()}


def test_nothing_changed_rewrites_nothing(project, capsys):
    catalogue(project)
    assert run("generate") == 0
    before = snapshot(project / "docs")
    capsys.readouterr()
    assert run("generate") == 0
    assert "0 files written, 0 deleted" in capsys.readouterr().err
    assert snapshot(project / "docs") == before  # same bytes and same modification times


def test_one_changed_paper_rewrites_only_the_pages_that_show_it(project):
    catalogue(project)
    assert run("generate") == 0
    before = snapshot(project / "docs")
    path = project / "data/papers/paper-05.yaml"
    path.write_text(path.read_text("utf-8").replace("Paper 5 on rag", "Paper 5 on rag, revised"), "utf-8")
    assert run("generate") == 0
    after = snapshot(project / "docs")
    rewritten = {p.relative_to(project / "docs").as_posix() for p in after if before.get(p, (0, b""))[0] != after[p][0]}
    assert "papers/paper-05.md" in rewritten
    for name in rewritten:  # each rewritten file showed the paper before or shows it now
        old = before.get(project / "docs" / name, (0, b""))[1]
        assert b"paper-05" in old or b"Paper 5 on rag" in old or b"Paper 5 on rag, revised" in after[project / "docs" / name][1], name
    # what does not show it stays untouched
    for name in (
        "topics/quantization.md",
        "topics/speech-audio.md",
        "feeds/quantization.xml",
        "bib/speech-audio.bib",
        "papers/paper-00.md",
    ):
        assert name not in rewritten
    assert len(rewritten) < len(after) / 3


def test_unchanged_inputs_skip_the_work_but_damage_or_new_settings_do_not(project, capsys, monkeypatch):
    catalogue(project)
    assert run("generate") == 0
    page = project / "docs/papers/paper-03.md"
    page.unlink()  # a generated file lost: the outputs no longer match the record
    assert run("generate") == 0
    assert page.is_file()
    capsys.readouterr()
    monkeypatch.setenv("SITE_URL", "https://mirror.example/")  # feeds hold absolute URLs
    assert run("generate") == 0
    assert "0 files written" not in capsys.readouterr().err
    assert "https://mirror.example/papers/paper-03/" in (project / "docs/feeds/all.xml").read_text("utf-8")
    capsys.readouterr()
    assert run("generate") == 0
    assert "0 files written, 0 deleted" in capsys.readouterr().err
