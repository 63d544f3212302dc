"""Finds anything in built HTML that could run script; shared by the build and fetch tests."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

HOSTILE_TITLE = '"><script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) {{ config }}'
HOSTILE_ABSTRACT = (
    "<svg onload=alert(4)> <iframe src=javascript:alert(5)></iframe> [y](JaVaScRiPt:alert(6)) "
    "[z](data:text/html,<script>alert(7)</script>) end {: onmouseover=alert(8) }\n"
    '<div markdown="1">*x*</div> <!-- material/tags --> {% raw %} | a | b | \u202eevil\u200b'
)


class Audit(HTMLParser):
    """Everything in a page that could run script: handlers, script URLs, embeds."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and re.match(r"\s*(javascript|data|vbscript):", value or "", re.I):
                self.findings.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "b") or (tag == "img" and dict(attrs).get("src") == "x"):
            self.findings.append(f"<{tag}>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and "alert(" in data:
            self.findings.append(f"script: {data[:80]!r}")


def audit_site(site: Path) -> list[str]:
    """Findings over every page of a built site, each prefixed with its page."""
    findings = []
    for page in sorted(site.rglob("*.html")):
        audit = Audit()
        audit.feed(page.read_text("utf-8"))
        findings += [f"{page.relative_to(site)}: {f}" for f in audit.findings]
    return findings
