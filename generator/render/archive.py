"""Browse by date: one page per month of publication (or of addition when unknown)."""

from __future__ import annotations

from collections import defaultdict

from generator.dates import appeared
from generator.model import Catalogue, Paper
from generator.render.charts import column_chart
from generator.render.escape import front_matter
from generator.render.listing import count_of, newest_first, paper_item

ARCHIVE = "archive"
UNDATED = "undated"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def month_of(paper: Paper) -> str:
    """Month of publication; from the arXiv id when no date is stored; else month of addition."""
    when = appeared(paper) or paper.added
    return f"{when.year:04d}-{when.month:02d}" if when else UNDATED


def month_name(key: str) -> str:
    if key == UNDATED:
        return "Undated"
    year, month = key.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def by_month(papers: tuple[Paper, ...] | list[Paper]) -> dict[str, list[Paper]]:
    """Month key ('2024-04', or 'undated') -> papers, newest first; keys newest first, undated last."""
    groups: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        groups[month_of(paper)].append(paper)
    keys = sorted((k for k in groups if k != UNDATED), reverse=True) + ([UNDATED] if UNDATED in groups else [])
    return {k: sorted(groups[k], key=newest_first) for k in keys}


def month_series(months: dict[str, list[Paper]]) -> list[tuple[str, int, str]]:
    """(month name, count, axis tick) for every month from the first to the last, empty ones included.

    Ticks: every January as its year when the span is long; otherwise each quarter's first month.
    """
    dated = sorted(k for k in months if k != UNDATED)
    if not dated:
        return []
    (y, m), (last_y, last_m) = (map(int, dated[0].split("-")), map(int, dated[-1].split("-")))
    span = (last_y - y) * 12 + last_m - m + 1
    series = []
    while (y, m) <= (last_y, last_m):
        key = f"{y:04d}-{m:02d}"
        if span > 24:
            tick = str(y) if m == 1 or not series else ""
        else:
            tick = f"{MONTHS[m - 1][:3]} {y}" if not series or m == 1 else (MONTHS[m - 1][:3] if m % 3 == 1 else "")
        series.append((month_name(key), len(months.get(key, [])), tick))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return series


def render_month(key: str, papers: list[Paper]) -> str:
    meta = {"title": f"{month_name(key)}", "search": {"exclude": True}}
    out = [front_matter(meta)]
    what = "first published (or, when that is unknown, added)" if key != UNDATED else "with no publication, arXiv or addition date"
    out.append(f"{count_of(len(papers), 'paper')} {what}{' in ' + month_name(key) if key != UNDATED else ''}. [All months](index.md)\n")
    out.append("\n".join(paper_item(p, "../papers/") for p in papers) + "\n")
    return "\n".join(out)


def render_archive_index(catalogue: Catalogue, months: dict[str, list[Paper]]) -> str:
    out = [front_matter({"title": "Archive"})]
    out.append(
        f"{count_of(len(catalogue.papers), 'paper')} by month of publication: the stored date, else the month in the arXiv id, else the month the paper was added.\n"
    )
    series = month_series(months)
    if series:
        out.append(column_chart("chart-months", "Papers per month", series) + "\n")
    year = None
    for key, papers in months.items():
        this_year = key[:4] if key != UNDATED else "Undated"
        if this_year != year:
            out.append(f"\n## {this_year}\n")
            year = this_year
        out.append(f"- [{month_name(key)}]({key}.md) — {len(papers)}")
    return "\n".join(out) + "\n"


def render_archive(catalogue: Catalogue) -> dict[str, str]:
    months = by_month(catalogue.papers)
    pages = {f"{key}.md": render_month(key, papers) for key, papers in months.items()}
    pages["index.md"] = render_archive_index(catalogue, months)
    return pages
