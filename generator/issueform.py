"""The "Add a paper" issue form, as GitHub renders it into the issue body.

GitHub writes each field as ``### <label>`` followed by the answer, and
``_No response_`` for an optional field left empty.  The text is untrusted: it
only ever reaches ``add`` as an arXiv reference, topic slugs and a one-line note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.errors import DataError, Problem
from generator.fetch.ids import REFERENCE_HELP, arxiv_from_reference
from generator.model import Taxonomy
from generator.render.escape import code_span, fenced, md_text
from generator.schema import near
from generator.text import one_line

# The labels in .github/ISSUE_TEMPLATE/add-paper.yml; a test keeps the two in step.
PAPER_LABEL = "arXiv id or URL"
TOPICS_LABEL = "Suggested topics"
WHY_LABEL = "Why it belongs"
NO_RESPONSE = "_No response_"
MAX_NOTE = 500


@dataclass(frozen=True)
class Request:
    arxiv: str
    topics: tuple[str, ...]  # known topic slugs
    unknown_topics: tuple[str, ...]  # what the reporter wrote that is not a topic (with a suggestion)
    note: str | None


def sections(body: str) -> dict[str, str]:
    found: dict[str, list[str]] = {}
    current = None
    for line in body.replace("\r\n", "\n").split("\n"):
        if match := re.match(r"^###\s+(.+?)\s*$", line):
            current = match.group(1)
            found[current] = []
        elif current is not None:
            found[current].append(line)
    return {label: "\n".join(lines).strip() for label, lines in found.items()}


def parse_request(body: str, taxonomy: Taxonomy, where: str = "issue") -> Request:
    fields = sections(body)
    answer = fields.get(PAPER_LABEL, "")
    words = answer.split()
    if not words or answer == NO_RESPONSE:
        raise DataError([Problem(where, 0, f"the {PAPER_LABEL!r} field is empty; give {REFERENCE_HELP}")])
    if len(words) > 1:
        raise DataError([Problem(where, 0, f"the {PAPER_LABEL!r} field holds {len(words)} words; give exactly one paper")])
    arxiv = arxiv_from_reference(words[0])
    if not arxiv:
        raise DataError([Problem(where, 0, f"{words[0][:100]!r} in {PAPER_LABEL!r} is not {REFERENCE_HELP}")])
    topics: list[str] = []
    unknown: list[str] = []
    by_title = {t.title.casefold(): t.slug for t in taxonomy.topics}
    slugs = [t.slug for t in taxonomy.topics]
    raw_topics = fields.get(TOPICS_LABEL, "")
    for item in re.split(r"[,\n]", "" if raw_topics == NO_RESPONSE else raw_topics):
        item = one_line(item).strip(" -*`").casefold()
        if not item:
            continue
        slug = item if item in taxonomy.by_slug else by_title.get(item)
        if slug and slug not in topics:
            topics.append(slug)
        elif not slug:
            unknown.append(f"{item[:60]!r}{near(item, slugs)}")
    why = one_line(fields.get(WHY_LABEL, ""))
    note = None if not why or why == NO_RESPONSE else why[: MAX_NOTE - 1] + "…" if len(why) > MAX_NOTE else why
    return Request(arxiv, tuple(topics), tuple(unknown), note)


def pull_request_body(request: Request, path: str, title: str, issue: int | None) -> str:
    """Markdown for the pull request the add-paper workflow opens (the title is untrusted)."""
    lines = [f"Adds **{md_text(title)}** (arXiv {code_span(request.arxiv)}) as {code_span(path)}."]
    if issue:
        lines.append(f"\nCloses #{issue}.")
    if request.topics:
        lines.append(f"\nTopics suggested in the issue: {', '.join(code_span(t) for t in request.topics)}.")
    if request.unknown_topics:
        lines.append(f"\nNot topics (check `data/topics.yaml`): {md_text(', '.join(request.unknown_topics))}.")
    lines.append("\nMetadata comes from the Hugging Face Papers API or arXiv; review the tags and the note before merging.")
    return "\n".join(lines)


def failure_comment(problems: list[str]) -> str:
    """The issue comment when the paper cannot be added: each reason as text, in a fence it cannot close."""
    return "\n".join(["Could not add the paper:", "", *fenced(problems)])
