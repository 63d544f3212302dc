"""Curation by pull request: validation that teaches, ``diff``, the issue-form script, the link check."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from werkzeug import Response

from generator.catalogue import load_catalogue
from generator.fetch.http import Client, Policy
from generator.links import Link, check
from generator.progress import Progress
from tests.conftest import ROOT, run, write_paper
from tests.test_fetch import HF_PAPER, FakeClock

BROKEN = "tests/fixtures/broken"

EXPECTED_VALIDATE = """\
tests/fixtures/broken/papers/Bad Name.yaml: file name must be a slug: lowercase ASCII words joined by '-', at most 100 characters; rename it to bad-name.yaml
tests/fixtures/broken/papers/bad-types.yaml:2: 'authors' must be a list (one '- item' per line), found text
tests/fixtures/broken/papers/bad-types.yaml:3: 'published' must be a date like 2024-04-30, found '2024-02-30' (no such day)
tests/fixtures/broken/papers/bad-types.yaml:5: links.code must be an http(s) URL without spaces or quotes, found 'github.com/x/y'; did you mean 'https://github.com/x/y'?
tests/fixtures/broken/papers/cased-tag.yaml:3: tag 'Pruning-Sparsity' is not a topic slug (lowercase words joined by '-', e.g. 'quantization'); write 'pruning-sparsity'
tests/fixtures/broken/papers/colon-title.yaml:1: invalid YAML: mapping values are not allowed here; a value that contains ": " must be quoted, e.g. title: "SAGS: Structure-Aware …"
tests/fixtures/broken/papers/duplicate-key.yaml:2: duplicate key 'title' (first set on line 1)
tests/fixtures/broken/papers/original.yaml:1: title is nearly identical to the one in tests/fixtures/broken/papers/near-title.yaml; keep one file per paper
tests/fixtures/broken/papers/original.yaml:2: arXiv id 2404.19149 is already in tests/fixtures/broken/papers/duplicate-id.yaml; keep one file per paper
tests/fixtures/broken/papers/python-tag.yaml:1: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; write plain values
tests/fixtures/broken/papers/tab-indent.yaml:3: invalid YAML: found character '\\t' that cannot start any token; indent with spaces, not tabs
tests/fixtures/broken/papers/typo-key.yaml:1: missing required key 'abstract'
tests/fixtures/broken/papers/typo-key.yaml:2: unknown key 'abstarct'; did you mean 'abstract'? (allowed: title, acronym, arxiv, authors, published, added, upvotes, tags, links, notes, abstract)
tests/fixtures/broken/papers/typo-tag.yaml:3: unknown topic 'quantisation'; did you mean 'quantization'? (topics are listed in tests/fixtures/broken/topics.yaml)
tests/fixtures/broken/papers/unquoted-id.yaml:2: 'arxiv' must be text, found a number; YAML read '2401.10000' as a number: quote it, e.g. arxiv: "2401.10000"
tests/fixtures/broken/papers/versioned-id.yaml:2: arXiv id '2404.19150v2' has a version suffix; write '2404.19150'
tests/fixtures/broken/papers/wrong-extension.yml: only .yaml paper files belong in papers/; rename it to wrong-extension.yaml
17 problems found
"""


def test_validate_teaches_on_a_set_of_broken_files():
    result = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-m", "generator", "validate", "--data", BROKEN], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr == EXPECTED_VALIDATE


# ---------------------------------------------------------------- diff


def git(root: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(project: Path) -> Path:
    write_paper(project, "kept", 'title: Kept Paper\narxiv: "2401.00001"\ntags: [rag]\nabstract: Retrieval.\n')
    write_paper(project, "retagged", "title: Retagged Paper\ntags: [rag]\nauthors: [Ann]\nabstract: Quantization of weights.\n")
    write_paper(project, "gone", "title: Gone Paper\nabstract: Removed later.\n")
    write_paper(project, "old-name", 'title: Renamed Paper\narxiv: "2401.00002"\nabstract: Moves.\n')
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    return project


def test_diff_lists_added_changed_renamed_and_removed_papers(repo, capsys):
    write_paper(
        repo,
        "new-one",
        'title: "New <script>alert(1)</script> Paper | x"\narxiv: "2401.00003"\ntags: [quantization]\nabstract: 4-bit weights.\n',
    )
    write_paper(repo, "retagged", "title: Retagged Paper\ntags: [quantization]\nauthors: [Ann, Bo]\nabstract: Quantization of weights.\n")
    (repo / "data/papers/gone.yaml").unlink()
    (repo / "data/papers/old-name.yaml").rename(repo / "data/papers/new-name.yaml")
    assert run("diff", "HEAD") == 0
    out = capsys.readouterr().out
    assert out.startswith("## Catalogue changes against `HEAD`\n\n**1 added, 2 changed, 1 removed** (4 papers now, 4 before)\n")
    assert (
        "| `data/papers/new-one.yaml` | New &#60;script&#62;alert(1)&#60;/script&#62; Paper &#124; x | &#50;401.00003 | `quantization` |"
        in out
    )
    assert "- `data/papers/retagged.yaml`: Retagged Paper — tags (+quantization −rag), authors (+Bo)" in out
    assert "- `data/papers/new-name.yaml` (renamed from `old-name.yaml`): Renamed Paper — file name" in out
    assert "### Removed\n\n- `data/papers/gone.yaml`: Gone Paper\n" in out
    assert "✅ 4 papers and" in out
    prose, suggestions = out.split("### Tag suggestions")
    assert "<script>" not in prose  # raw titles appear only inside the fenced suggestion block
    assert suggestions.count("```") == 2


def test_diff_reports_validation_problems_in_a_fence_they_cannot_break(repo, capsys):
    write_paper(repo, "bad", "title: Bad\nabstract: x\ntags: ['````<img src=x onerror=alert(1)>']\n")
    assert run("diff", "HEAD") == 0
    out = capsys.readouterr().out
    assert "❌ 1 problem; fix each line below:\n\n`````text\ndata/papers/bad.yaml:3: tag '````<img" in out
    assert out.rstrip().endswith("`````")


def test_diff_suggests_tags_for_touched_papers_only(repo, capsys):
    write_paper(repo, "retagged", "title: Post-Training Quantization to 4-bit\ntags: [rag]\nabstract: Weights in 4 bits.\n")
    assert run("diff", "HEAD") == 0
    out = capsys.readouterr().out
    assert "### Tag suggestions" in out and "data/papers/retagged.yaml: Post-Training Quantization to 4-bit\n  + add quantization" in out
    assert "kept.yaml: Kept" not in out


def test_diff_against_an_unknown_revision_says_what_to_do(repo, capsys):
    assert run("diff", "origin/nope") == 1
    assert "git: 'origin/nope' is not a commit of this repository: name a branch, tag or commit" in capsys.readouterr().err


def test_diff_with_no_papers_at_the_base(project, capsys):
    git(project, "init", "-q")
    git(project, "add", "data/topics.yaml")
    git(project, "commit", "-qm", "taxonomy only")
    write_paper(project, "first", "title: First Paper\nabstract: x\n")
    assert run("diff", "HEAD", "--output", "summary.md") == 0
    assert "**1 added, 0 changed, 0 removed** (1 papers now, 0 before)" in (project / "summary.md").read_text("utf-8")


# ---------------------------------------------------------------- add-from-issue


def issue_body(paper: str, topics: str = "_No response_", why: str = "_No response_") -> str:
    """What GitHub writes into an issue opened with .github/ISSUE_TEMPLATE/add-paper.yml."""
    return f"### arXiv id or URL\n\n{paper}\n\n### Suggested topics\n\n{topics}\n\n### Why it belongs\n\n{why}\n"


@pytest.fixture
def web(httpserver, project) -> list[str]:
    return ["--hf-endpoint", httpserver.url_for("/"), "--arxiv-endpoint", httpserver.url_for("/"), "--no-cache"]


def test_issue_form_becomes_a_paper_file_and_a_pull_request_body(httpserver, project, web):
    httpserver.expect_request("/api/papers/2602.23229").respond_with_data(HF_PAPER)
    body = issue_body(
        "https://huggingface.co/papers/2602.23229", "Quantization, small-language-models, quantisaton, Not A Topic", "Strong baseline."
    )
    (project / "issue.md").write_text(body.replace("\n", "\r\n"), "utf-8")  # GitHub stores CRLF
    assert run("add-from-issue", "--body-file", "issue.md", "--issue", "12", "--report", "pr.md", *web) == 0
    paper = load_catalogue(project / "data").papers[0]
    assert paper.arxiv == "2602.23229" and paper.notes == "Strong baseline."
    assert {"quantization", "small-language-models", "multimodal"} <= set(paper.tags)
    pr = (project / "pr.md").read_text("utf-8")
    assert pr.startswith(
        "Adds **Large Multimodal Models as General In-Context Classifiers** (arXiv `2602.23229`) "
        "as `data/papers/large-multimodal-models-as-general-in-context-classifiers.yaml`.\n\nCloses #12.\n"
    )
    assert "Topics suggested in the issue: `quantization`, `small-language-models`." in pr
    assert "Not topics (check `data/topics.yaml`): &#39;quantisaton'; did you mean 'quantization'?, 'not a topic'." in pr


@pytest.mark.parametrize(
    ("paper", "message"),
    [
        ("_No response_", "issue #3: the 'arXiv id or URL' field is empty"),
        ("2401.00001 2401.00002", "issue #3: the 'arXiv id or URL' field holds 2 words; give exactly one paper"),
        ("javascript:alert(1)", "issue #3: 'javascript:alert(1)' in 'arXiv id or URL' is not an arXiv id"),
    ],
)
def test_unusable_issue_forms_are_explained(httpserver, project, web, capsys, paper, message):
    (project / "issue.md").write_text(issue_body(paper), "utf-8")
    assert run("add-from-issue", "--body-file", "issue.md", "--issue", "3", "--report", "comment.md", *web) == 1
    err = capsys.readouterr().err
    assert message in err
    assert (project / "comment.md").read_text("utf-8") == f"Could not add the paper:\n\n```text\n{err.splitlines()[0]}\n```\n"
    assert httpserver.log == [] and list((project / "data/papers").iterdir()) == []


def test_issue_for_a_paper_already_listed_is_refused(httpserver, project, web):
    write_paper(project, "there", 'title: There\narxiv: "2602.23229"\nabstract: x\n')
    (project / "issue.md").write_text(issue_body("2602.23229"), "utf-8")
    assert run("add-from-issue", "--body-file", "issue.md", "--report", "comment.md", *web) == 1
    comment = (project / "comment.md").read_text("utf-8")
    assert (
        comment
        == "Could not add the paper:\n\n```text\n2602.23229: already in the catalogue (data/papers/there.yaml has this arXiv id)\n```\n"
    )


# ---------------------------------------------------------------- check-links


def test_check_links_reports_the_broken_ones(httpserver, project, capsys):
    httpserver.expect_request("/ok").respond_with_data("fine")
    httpserver.expect_request("/moved").respond_with_response(Response(status=301, headers={"Location": "/ok"}))
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    httpserver.expect_request("/down").respond_with_data("no", status=503)
    url = httpserver.url_for
    write_paper(project, "a", f"title: A\nabstract: x\nlinks:\n  code: {url('/ok')}\n  project: {url('/gone')}\n")
    write_paper(project, "b", f"title: B\nabstract: x\nlinks:\n  code: {url('/moved')}\n  demo: {url('/down')}\n  data: {url('/ok')}\n")
    assert run("check-links", "--report", "links.md", "--attempts", "1") == 1
    report = (project / "links.md").read_text("utf-8")
    assert report.startswith("2 of 5 external links of the catalogue do not answer.")
    assert f"| `data/papers/a.yaml` | project | `{url('/gone')}` | `HTTP 404` |" in report
    assert f"| `data/papers/b.yaml` | demo | `{url('/down')}` | `gave up after 1 attempts; last: HTTP 503` |" in report
    assert len([r for r, _ in httpserver.log if r.path == "/ok"]) == 2  # /ok checked once, plus once after the redirect
    assert "2 of 5 links broken" in capsys.readouterr().err


def test_check_links_all_fine(httpserver, project):
    httpserver.expect_request("/ok").respond_with_data("fine")
    write_paper(project, "a", f"title: A\nabstract: x\nlinks:\n  code: {httpserver.url_for('/ok')}\n")
    assert run("check-links", "--report", "links.md") == 0
    assert (project / "links.md").read_text("utf-8") == "All 1 external links of the catalogue answered.\n"


def test_link_checks_space_requests_to_one_host(httpserver):
    httpserver.expect_request("/a").respond_with_data("ok")
    httpserver.expect_request("/b").respond_with_data("ok")
    clock = FakeClock()
    links = [Link("p.yaml", "code", httpserver.url_for("/a")), Link("q.yaml", "code", httpserver.url_for("/b"))]
    links.append(Link("r.yaml", "code", httpserver.url_for("/a")))  # the same URL again: not fetched twice
    broken = check(links, Client(policy=Policy(attempts=1)), Progress(3, "x", enabled=False), clock=clock, sleep=clock.sleep)
    assert broken == [] and clock.slept == [1.0] and len(httpserver.log) == 2
