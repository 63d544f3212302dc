"""Static SVG charts made at build time: no scripts, no fonts, theme colours.

The SVG is inlined into the page, so its classes take Material's colour
variables and follow the light/dark toggle.  Each chart has a <title> and a
<desc> listing every value, which screen readers announce instead of the bars.
"""

from __future__ import annotations

import html

ROW = 22  # px per bar in a bar chart
LABEL_WIDTH = 230
WIDTH = 720


def _svg(chart_id: str, title: str, width: int, height: int, desc: str, body: list[str]) -> str:
    head = (
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
    )
    meta = f'<title id="{chart_id}-title">{html.escape(title)}</title><desc id="{chart_id}-desc">{html.escape(desc)}</desc>'
    # One line, inside a div: Python-Markdown passes a raw HTML block through untouched.
    return f'<div class="chart-box">{head}{meta}{"".join(body)}</svg></div>'


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]]) -> str:
    """Horizontal bars, one per (label, count), in the given order."""
    top = max((count for _, count in rows), default=0) or 1
    span = WIDTH - LABEL_WIDTH - 50
    body = []
    for i, (label, count) in enumerate(rows):
        y = i * ROW
        length = round(span * count / top, 1)
        shown = label if len(label) <= 34 else label[:33] + "…"
        body.append(
            f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">{html.escape(shown)}</text>'
            f'<rect class="chart-bar" x="{LABEL_WIDTH}" y="{y + 4}" width="{max(length, 1)}" height="{ROW - 8}" rx="2"/>'
            f'<text class="chart-value" x="{LABEL_WIDTH + length + 6}" y="{y + 15}">{count}</text>'
        )
    desc = "; ".join(f"{label}: {count}" for label, count in rows) or "no data"
    return _svg(chart_id, title, WIDTH, max(len(rows), 1) * ROW + 4, desc, body)


def column_chart(chart_id: str, title: str, columns: list[tuple[str, int, str]]) -> str:
    """Vertical columns, one per (label, count, tick) in time order; a tick, when not empty, is drawn under its column."""
    height, base, left = 200, 170, 36
    top = max((count for _, count, _ in columns), default=0) or 1
    n = max(len(columns), 1)
    step = (WIDTH - left - 10) / n
    body = [
        f'<line class="chart-axis" x1="{left}" y1="{base}" x2="{WIDTH - 10}" y2="{base}"/>',
        f'<text class="chart-value" x="{left - 6}" y="{base - 140 + 4}" text-anchor="end">{top}</text>',
        f'<text class="chart-value" x="{left - 6}" y="{base + 4}" text-anchor="end">0</text>',
    ]
    for i, (_, count, tick) in enumerate(columns):
        x = left + i * step
        bar = round(140 * count / top, 1)
        body.append(
            f'<rect class="chart-bar" x="{x + step * 0.15:.1f}" y="{base - bar:.1f}" width="{max(step * 0.7, 1):.1f}" height="{bar}" rx="1"/>'
        )
        if tick:
            body.append(f'<text class="chart-label" x="{x + step / 2:.1f}" y="{base + 18}" text-anchor="middle">{html.escape(tick)}</text>')
    desc = "; ".join(f"{label}: {count}" for label, count, _ in columns) or "no data"
    return _svg(chart_id, title, WIDTH, height, desc, body)
