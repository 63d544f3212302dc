"""Turn benchmarks/results/*.json into docs/benchmarks.md: the machine, a table, a chart, the targets."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from generator.render.charts import bar_chart

MB = 1024 * 1024


def _load(results: Path) -> list[dict]:
    return sorted((json.loads(p.read_text("utf-8")) for p in results.glob("*.json")), key=lambda r: r["papers"])


def _n(x: int) -> str:
    return f"{x:,}"


def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**not met**")


def by_size(runs: list[dict]) -> dict[int, dict]:
    return {r["papers"]: r for r in runs}


def targets(runs: list[dict]) -> list[tuple[str, str, bool | None]]:
    by = by_size(runs)
    rows: list[tuple[str, str, bool | None]] = []

    def gen(size: int, limit: float) -> None:
        r = by.get(size)
        got = f"{r['generate']['seconds']} s, {r['generate']['peak_mb']} MB peak" if r else "not measured"
        rows.append(
            (
                f"generator at {_n(size)} papers ≤ {limit:g} s, ≤ 2 GB",
                got,
                r and r["generate"]["seconds"] <= limit and r["generate"]["peak_mb"] <= 2048,
            )
        )

    gen(10_000, 5)
    gen(100_000, 120)
    r = by.get(10_000)
    if r:
        u = r["generate_unchanged"]
        rows.append(
            (
                "nothing changed: no file rewritten, ≤ 2 s at 10,000",
                f"{u['files_written']} files, {u['seconds']} s",
                u["files_written"] == 0 and u["seconds"] <= 2,
            )
        )
        o = r["generate_one_changed"]
        rows.append(("one paper changed: only the pages that show it", f"{o['files_written']} files (listed below)", None))
    for run in runs:
        rows.append(
            (
                f"our build ≤ 1.3 × bare mkdocs build at {_n(run['papers'])}",
                f"{run['build']['seconds']} s vs {run['mkdocs_bare']['seconds']} s = {run['ratio_to_bare']}×",
                run["ratio_to_bare"] <= 1.3,
            )
        )
    for run in runs:
        avg, top = run["site"]["paper_page_avg_bytes"], run["site"]["paper_page_max_bytes"]
        rows.append(
            (
                f"a paper page ≤ 16 KB of HTML at {_n(run['papers'])} ({run['build']['search']})",
                f"average {avg / 1024:.1f} KB, largest {top / 1024:.1f} KB",
                avg <= 16 * 1024,
            )
        )
    # Linear: each further paper costs about the same (fixed theme assets make the first ones dearer).
    marginal = [(b["site"]["bytes"] - a["site"]["bytes"]) / (b["papers"] - a["papers"]) for a, b in itertools.pairwise(runs)]
    if len(marginal) > 1:
        spread = max(marginal) / min(marginal)
        got = " · ".join(
            f"{m / 1024:.1f} KB per added paper ({_n(a['papers'])}→{_n(b['papers'])})"
            for m, a, b in zip(marginal, runs, runs[1:], strict=False)
        )
        rows.append(("site size grows linearly", got, spread <= 1.25))
    elif marginal:
        rows.append(("site size grows linearly", f"{marginal[0] / 1024:.1f} KB per added paper; one interval only", None))
    q = by.get(10_000, {}).get("query")
    if q:
        rows.append(
            (
                "one query at 10,000 papers downloads ≤ 400 KB (gzip transfer, as GitHub Pages serves text)",
                f"{q['gzip_bytes'] / 1024:.0f} KB gzipped, {q['raw_bytes'] / 1024:.0f} KB uncompressed, {q['backend']}",
                q["gzip_bytes"] <= 400 * 1024,
            )
        )
    return rows


def write_page(results: Path, page: Path) -> None:
    runs = _load(results)
    out = [
        "# Benchmarks",
        "",
        "Synthetic catalogues (`benchmarks/synth.py`: seeded; titles, 120–260-word abstracts, 1–3 topics, "
        "70% with arXiv ids, 40% with code links) measured by one command: `make benchmark` "
        "(`python -m benchmarks.run --sizes 1000 10000 100000`). Each number below is one run; "
        "see [Scaling](scaling.md) for what the numbers mean for a real catalogue.",
        "",
    ]
    if not runs:
        page.write_text("\n".join([*out, "No results yet.", ""]), "utf-8")
        return
    m = runs[-1]["machine"]
    out += [
        f"**Machine:** {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM, {m['system']}, Python {m['python']}; measured {runs[-1]['date']}.",
        "",
    ]
    out += [
        "| papers | generator (cold) | unchanged rerun | one paper changed | bare `mkdocs build` | our build | ours ÷ bare | site | paper page | lunr index | one query |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        q = r["query"]
        out.append(
            " | ".join(
                [
                    f"| {_n(r['papers'])}",
                    f"{r['generate']['seconds']} s · {r['generate']['peak_mb']} MB",
                    f"{r['generate_unchanged']['seconds']} s · {r['generate_unchanged']['files_written']} files",
                    f"{r['generate_one_changed']['seconds']} s · {r['generate_one_changed']['files_written']} files",
                    f"{r['mkdocs_bare']['seconds']} s · {r['mkdocs_bare']['peak_mb']} MB",
                    f"{r['build']['seconds']} s · {r['build']['peak_mb']} MB ({r['build']['search']})",
                    f"{r['ratio_to_bare']}×",
                    f"{r['site']['bytes'] / MB:.0f} MB",
                    f"{r['site']['paper_page_avg_bytes'] / 1024:.1f} KB",
                    f"{r['lunr_index']['raw_bytes'] / MB:.1f} MB ({r['lunr_index']['gzip_bytes'] / MB:.1f} MB gz)",
                    f"{q['raw_bytes'] / 1024:.0f} KB ({q['gzip_bytes'] / 1024:.0f} KB gz, {q['backend']}) |",
                ]
            )
        )
    lunr = [r for r in runs if "lunr_query" in r]
    if lunr:
        out += ["", "With Material's built-in search the first query downloads the whole index: "]
        out[-1] += (
            "; ".join(
                f"{r['lunr_query']['raw_bytes'] / MB:.1f} MB ({r['lunr_query']['gzip_bytes'] / MB:.1f} MB gzipped) at {_n(r['papers'])} papers"
                for r in lunr
            )
            + "."
        )
    out += ["", "## Build time", ""]
    rows = []
    for r in runs:
        rows += [
            (f"{_n(r['papers'])} · generator", round(r["generate"]["seconds"])),
            (f"{_n(r['papers'])} · bare mkdocs", round(r["mkdocs_bare"]["seconds"])),
            (f"{_n(r['papers'])} · our build", round(r["build"]["seconds"])),
        ]
    out += [bar_chart("chart-bench", "Seconds per stage and catalogue size", rows), ""]
    out += ["## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    out += [f"| {name} | {got} | {_verdict(ok)} |" for name, got, ok in targets(runs)]
    changed = next((r["generate_one_changed"]["files"] for r in reversed(runs) if r["papers"] == 10_000), None)
    if changed:
        out += ["", "Files rewritten at 10,000 papers after one paper's abstract changed:", ""]
        out += [f"- `{name}`" for name in changed]
    detail = by_size(runs).get(10_000, {}).get("query", {}).get("by_file")
    if detail:
        out += ["", "What the browser fetched for the query at 10,000 papers (uncompressed bytes; the UI files load with the page):", ""]
        out += [f"- `{name}`: {size / 1024:.1f} KB" for name, size in detail.items()]
    out += ["", "Gaps and the plan for each are in [Scaling](scaling.md).", ""]
    page.write_text("\n".join(out), "utf-8")
