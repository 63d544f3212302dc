"""When a paper appeared: the stored date, else the month its arXiv id encodes."""

from __future__ import annotations

import re
from datetime import date

from generator.model import Paper

_ID_MONTH = re.compile(r"^(?:[a-z.-]+(?:\.[A-Z]{2})?/)?(\d{2})(\d{2})")


def arxiv_month(arxiv: str | None) -> date | None:
    """First day of the month an arXiv id was submitted: 2404.19149 -> 2024-04-01, hep-th/9901001 -> 1999-01-01."""
    match = _ID_MONTH.match(arxiv or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    yy = int(match.group(1))
    return date((1900 if yy >= 91 else 2000) + yy, int(match.group(2)), 1)  # arXiv began in 1991


def appeared(paper: Paper) -> date | None:
    """Publication date, or the arXiv submission month; None when neither is known."""
    return paper.published or arxiv_month(paper.arxiv)


def year_of(paper: Paper) -> int | None:
    """The year a paper belongs to when a catalogue is split by year: appeared, else added."""
    when = appeared(paper) or paper.added
    return when.year if when else None
