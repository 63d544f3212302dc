"""``add``, ``import-daily`` and ``enrich`` end to end: a real server on 127.0.0.1, real files, real builds."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from werkzeug import Response

from generator.catalogue import load_catalogue
from generator.progress import Progress
from tests.conftest import run, write_paper
from tests.htmlaudit import audit_site
from tests.test_fetch import ARXIV_ENTRY, EMPTY_FEED, HF_DAILY, HF_PAPER

TITLE = "Large Multimodal Models as General In-Context Classifiers"


@pytest.fixture
def web(httpserver, project) -> list[str]:
    """Options pointing every command at the local server, with a cache inside the project."""
    return ["--hf-endpoint", httpserver.url_for("/"), "--arxiv-endpoint", httpserver.url_for("/"), "--cache", str(project / ".cache")]


def serve_hf_paper(httpserver, body: str = HF_PAPER) -> None:
    httpserver.expect_request("/api/papers/2602.23229").respond_with_data(body, content_type="application/json")


def papers(project: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted((project / "data/papers").iterdir())}


def test_add_writes_a_valid_file_that_builds(httpserver, project, web, capsys):
    serve_hf_paper(httpserver)
    assert run("add", "https://huggingface.co/papers/2602.23229", "--added", "2026-12-04", *web) == 0
    text = (project / "data/papers/large-multimodal-models-as-general-in-context-classifiers.yaml").read_text("utf-8")
    assert text.startswith(
        f"title: {TITLE}\n"
        "arxiv: '2602.23229'\n"
        "authors:\n- Marco Garosi\n- Matteo Farina\n- Alessandro Conti\n- Massimiliano Mancini\n- Elisa Ricci\n"
        "published: 2026-02-26\nadded: 2026-12-04\nupvotes: 10\n"
    )
    paper = load_catalogue(project / "data").papers[0]
    assert dict(paper.links) == {
        "pdf": "https://arxiv.org/pdf/2602.23229",
        "code": "https://github.com/marco-garosi/CIRCLE",
        "project": "https://circle-lmm.github.io/",
    }
    assert paper.tags and paper.published.isoformat() == "2026-02-26" and paper.upvotes == 10
    err = capsys.readouterr().err
    assert "wrote data/papers/large-multimodal-models-as-general-in-context-classifiers.yaml (2602.23229, from huggingface)" in err
    assert "1 written, 0 unchanged, 0 skipped, 0 unresolved, 0 failed; requests: 1 fetched, 0 from cache" in err
    assert run("build") == 0
    page = (project / "site/papers/large-multimodal-models-as-general-in-context-classifiers/index.html").read_text("utf-8")
    assert "Marco Garosi" in page and "10 upvotes on Hugging Face" in page and "https://github.com/marco-garosi/CIRCLE" in page


def test_adding_the_same_paper_twice_is_refused(httpserver, project, web, capsys):
    serve_hf_paper(httpserver)
    assert run("add", "2602.23229", *web) == 0
    before = papers(project)
    capsys.readouterr()
    assert run("add", "https://arxiv.org/abs/2602.23229v2", *web) == 1
    err = capsys.readouterr().err
    assert (
        "failed 2602.23229: already in the catalogue "
        "(data/papers/large-multimodal-models-as-general-in-context-classifiers.yaml has this arXiv id)" in err
    )
    assert papers(project) == before


def test_a_near_identical_title_under_another_id_is_refused(httpserver, project, web, capsys):
    write_paper(project, "mine", f"title: {TITLE.upper()}!\nabstract: Curated by hand.\n")
    serve_hf_paper(httpserver)
    assert run("add", "2602.23229", *web) == 1
    assert "failed 2602.23229: already in the catalogue (data/papers/mine.yaml has a near-identical title)" in capsys.readouterr().err
    assert list(papers(project)) == ["mine.yaml"]


def test_not_on_hugging_face_falls_back_to_arxiv(httpserver, project, web):
    httpserver.expect_request("/api/papers/1605.08386").respond_with_json({"error": "Paper not found"}, status=404)
    httpserver.expect_request("/api/query", query_string="id_list=1605.08386&start=0&max_results=1").respond_with_data(ARXIV_ENTRY)
    assert run("add", "1605.08386v1", *web) == 0
    paper = load_catalogue(project / "data").papers[0]
    assert (paper.slug, paper.arxiv, paper.authors) == (
        "heat-bath-random-walks-with-markov-bases",
        "1605.08386",
        ("Caprice Stanley", "Tobias Windisch"),
    )
    assert paper.upvotes is None and dict(paper.links) == {"pdf": "https://arxiv.org/pdf/1605.08386"}


def test_unknown_everywhere_fails_without_a_file(httpserver, project, web, capsys):
    httpserver.expect_request("/api/papers/2401.99999").respond_with_json({"error": "Paper not found"}, status=404)
    httpserver.expect_request("/api/query").respond_with_data(EMPTY_FEED)
    assert run("add", "2401.99999", *web) == 1
    assert "failed 2401.99999: neither Hugging Face nor arXiv knows this id" in capsys.readouterr().err
    assert papers(project) == {}


def test_a_failing_paper_leaves_no_file_and_others_still_land(httpserver, project, web, capsys):
    write_paper(project, "kept", "title: Kept\nabstract: Untouched.\ntags: [rag]\n")
    before = papers(project)
    serve_hf_paper(httpserver)
    httpserver.expect_request("/api/papers/2401.00002").respond_with_data("down", status=503, headers={"Retry-After": "0"})
    assert run("add", "2401.00002", "2602.23229", "--attempts", "2", *web) == 1
    err = capsys.readouterr().err
    assert "failed 2401.00002: http://localhost:" in err and "/api/papers/2401.00002: gave up after 2 attempts; last: HTTP 503" in err
    after = papers(project)
    assert after["kept.yaml"] == before["kept.yaml"]
    assert sorted(after) == ["kept.yaml", "large-multimodal-models-as-general-in-context-classifiers.yaml"]
    assert not list((project / "data/papers").glob(".*"))  # no temporary files left behind


def test_an_html_page_instead_of_json_fails_that_paper(httpserver, project, web, capsys):
    serve_hf_paper(httpserver, "<!DOCTYPE html><html>Bad gateway</html>")
    assert run("add", "2602.23229", *web) == 1
    assert "expected JSON, got application/json starting '<!DOCTYPE html><html>Bad gateway</html>'" in capsys.readouterr().err
    assert papers(project) == {}


def test_bad_references_are_refused_before_any_request(httpserver, project, web, capsys):
    assert run("add", "2602.23229", "https://example.com/paper/1", *web) == 1
    assert "command line: 'https://example.com/paper/1' is not an arXiv id (2404.19149" in capsys.readouterr().err
    assert httpserver.log == []


def test_a_broken_catalogue_is_not_touched(httpserver, project, web, capsys):
    write_paper(project, "broken", "title: [unclosed\n")
    serve_hf_paper(httpserver)
    assert run("add", "2602.23229", *web) == 1
    assert "data/papers/broken.yaml:2: invalid YAML: expected ',' or ']'" in capsys.readouterr().err
    assert list(papers(project)) == ["broken.yaml"] and httpserver.log == []


def test_second_run_is_served_from_the_cache(httpserver, project, web, capsys):
    serve_hf_paper(httpserver)
    assert run("add", "2602.23229", *web) == 0
    for path in (project / "data/papers").iterdir():
        path.unlink()
    capsys.readouterr()
    assert run("add", "2602.23229", "--offline", *web) == 0
    assert "requests: 0 fetched, 1 from cache" in capsys.readouterr().err
    assert len(httpserver.log) == 1


def test_hostile_api_fields_stay_text_on_the_built_site(httpserver, project, web):
    hostile = json.loads(HF_PAPER)
    hostile.update(
        title='"><script>alert(1)</script><img src=x onerror=alert(2)> Tiny Quantized Models',
        summary="[x](javascript:alert(3)) <svg onload=alert(4)> {{ config }} quantization of weights to 4-bit.",
        githubRepo="javascript:alert(5)",
        projectPage='https://ok.example/"onmouseover="alert(6)',
        authors=[{"name": "<iframe src=javascript:alert(7)>"}],
    )
    serve_hf_paper(httpserver, json.dumps(hostile))
    assert run("add", "2602.23229", *web) == 0
    paper = load_catalogue(project / "data").papers[0]
    assert dict(paper.links) == {"pdf": "https://arxiv.org/pdf/2602.23229"}  # unusable URLs were dropped
    assert run("build") == 0
    assert audit_site(project / "site") == []
    page = (project / "site/papers" / paper.slug / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# ---------------------------------------------------------------- import-daily


def test_import_daily_adds_the_listing_and_skips_known_papers(httpserver, project, web, capsys):
    httpserver.expect_request("/api/daily_papers", query_string="date=2026-03-06&p=0&limit=50").respond_with_data(HF_DAILY)
    assert run("import-daily", "2026-03-06", *web) == 0
    assert list(papers(project)) == ["large-multimodal-models-as-general-in-context-classifiers.yaml"]
    before = papers(project)
    capsys.readouterr()
    assert run("import-daily", "2026-03-06", "--refresh", *web) == 0
    err = capsys.readouterr().err
    assert "skipped 2602.23229: already in the catalogue" in err and "0 written" in err
    assert papers(project) == before


def test_import_daily_by_week_and_month(httpserver, project, web):
    httpserver.expect_request("/api/daily_papers", query_string="week=2026-W10&p=0&limit=50").respond_with_json([])
    httpserver.expect_request("/api/daily_papers", query_string="month=2026-03&p=0&limit=50").respond_with_data(HF_DAILY)
    assert run("import-daily", "--week", "2026-W10", *web) == 0
    assert papers(project) == {}
    assert run("import-daily", "--month", "2026-03", *web) == 0
    assert len(papers(project)) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2026-3-6"], "command line: date must look like 2026-03-06, found '2026-3-6'"),
        (["--week", "2026-10"], "command line: week must look like 2026-W10, found '2026-10'"),
        ([], "command line: date must look like 2026-03-06, found None"),
    ],
)
def test_import_daily_checks_its_argument(project, web, capsys, args, message):
    assert run("import-daily", *args, *web) == 1
    assert message in capsys.readouterr().err


def test_import_daily_reports_a_service_error(httpserver, project, web, capsys):
    httpserver.expect_request("/api/daily_papers").respond_with_json({"error": "Invalid date"}, status=400)
    assert run("import-daily", "2026-02-30", *web) == 1
    assert "HTTP 400 (Invalid date)" in capsys.readouterr().err


# ---------------------------------------------------------------- enrich


def test_enrich_fills_only_missing_fields(httpserver, project, web, capsys):
    write_paper(
        project,
        "circle",
        """
        title: Large Multimodal Models as General In-Context Classifiers
        arxiv: "2602.23229"
        tags: [multimodal]
        links:
          code: https://github.com/curated/choice
        notes: Picked by hand.
        abstract: A curated abstract.
        """,
    )
    serve_hf_paper(httpserver)
    assert run("enrich", *web) == 0
    paper = load_catalogue(project / "data").papers[0]
    assert paper.authors[0] == "Marco Garosi" and paper.published.isoformat() == "2026-02-26" and paper.upvotes == 10
    assert dict(paper.links) == {"code": "https://github.com/curated/choice", "project": "https://circle-lmm.github.io/"}
    assert (paper.tags, paper.notes, paper.abstract) == (("multimodal",), "Picked by hand.", "A curated abstract.")
    assert "filled authors, published, upvotes, links.project (from huggingface)" in capsys.readouterr().err
    before = papers(project)
    assert run("enrich", *web) == 0  # nothing left to fill: no rewrite
    assert papers(project) == before


def test_enrich_resolves_exact_titles_only(httpserver, project, web, capsys):
    write_paper(project, "exact", "title: large multimodal models as general in-context classifiers.\nabstract: x\n")
    write_paper(project, "other", "title: Large Multimodal Models as Classifiers\nabstract: y\n")
    search = httpserver.expect_request("/api/papers/search")
    search.respond_with_handler(
        lambda request: Response(HF_DAILY if request.args["q"].startswith("large") else "[]", content_type="application/json")
    )
    serve_hf_paper(httpserver)
    assert run("enrich", *web) == 0
    err = capsys.readouterr().err
    assert "unresolved data/papers/other.yaml: no exact title match on Hugging Face" in err
    exact = load_catalogue(project / "data").papers[0]
    assert exact.slug == "exact" and exact.arxiv == "2602.23229" and exact.authors
    assert "arxiv" not in (project / "data/papers/other.yaml").read_text("utf-8")


def test_enrich_leaves_files_with_comments_alone(httpserver, project, web, capsys):
    body = '# chosen for the workshop\ntitle: Large Multimodal Models as General In-Context Classifiers\narxiv: "2602.23229"\nabstract: x\n'
    path = write_paper(project, "commented", body)
    serve_hf_paper(httpserver)
    assert run("enrich", *web) == 0
    assert "skipped data/papers/commented.yaml: has YAML comments a rewrite would drop; add by hand: authors" in capsys.readouterr().err
    assert path.read_text("utf-8") == body


def test_enrich_reports_failures_and_exits_1(httpserver, project, web, capsys):
    write_paper(project, "p", 'title: Some Paper\narxiv: "2401.00003"\nabstract: x\n')
    httpserver.expect_request("/api/papers/2401.00003").respond_with_data("<html>", status=200, content_type="text/html")
    assert run("enrich", *web) == 1
    assert "failed data/papers/p.yaml: http://localhost:" in capsys.readouterr().err


def test_progress_prints_every_tenth_in_logs_and_redraws_on_a_terminal():
    log = io.StringIO()
    bar = Progress(20, "fetching", stream=log)
    for n in range(20):
        bar.step(f"2401.{n:05d}")
    assert log.getvalue().splitlines() == [f"fetching: {n}/20" for n in range(2, 21, 2)]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Terminal()
    bar = Progress(5, "fetching", stream=tty)
    for n in range(5):
        bar.step(str(n))
    assert tty.getvalue().count("\r") == 5 and "[" + "#" * 30 + "] 5/5" in tty.getvalue() and tty.getvalue().endswith("\n")
    quiet = io.StringIO()
    Progress(3, "fetching", stream=quiet).step()  # short runs print nothing
    assert quiet.getvalue() == ""
