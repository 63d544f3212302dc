"""Build synthetic catalogues of several sizes and measure every stage; write docs/benchmarks.md.

    python -m benchmarks.run --sizes 1000 10000 100000      (make benchmark)

Each size gets its own project under --work (default /tmp/catalogue-bench).
Results are kept as JSON in benchmarks/results/ and the docs page is rebuilt
from all of them, so sizes can be measured in separate runs.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.report import write_page
from benchmarks.synth import write_catalogue
from tests.conftest import make_project as make_test_project

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
QUERY = "quantization"


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict:
    """Wall time, peak RSS (the process and its waited-for children) and output of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code:
        raise SystemExit(f"{' '.join(command)} failed ({code}):\n{output[-3000:]}")
    return {"seconds": round(seconds, 2), "peak_mb": round(usage.ru_maxrss / 1024), "output": output.strip()[-500:]}


def written(output: str) -> int:
    match = re.search(r"(\d+) files written", output)
    return int(match.group(1)) if match else -1


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def query_bytes(site: Path, query: str) -> dict:
    """Bytes the browser downloads to answer one query (search files only), raw and gzipped."""
    from playwright.sync_api import sync_playwright

    from tests.web import ARGS, CHROMIUM, serve

    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.route(lambda url: not url.startswith(base), lambda route: route.fulfill(status=200, json={}))
        bodies: dict[str, bytes] = {}

        def record(response) -> None:
            if re.search(r"/(search|pagefind)/", response.url):
                with contextlib.suppress(Exception):  # a request the page cancelled has no body
                    bodies[response.url] = response.body()

        page.on("response", record)
        page.goto(base + "topics/")
        pagefind = page.locator(".pagefind-ui__search-input").count() > 0
        box = page.locator(".pagefind-ui__search-input" if pagefind else ".md-search__input")
        box.click()
        box.press_sequentially(query)
        page.wait_for_selector(".pagefind-ui__result-link" if pagefind else ".md-search-result__item", timeout=600_000)
        page.wait_for_timeout(1000)
        browser.close()
    return {
        "backend": "pagefind" if pagefind else "lunr",
        "files": len(bodies),
        "raw_bytes": sum(len(b) for b in bodies.values()),
        "gzip_bytes": sum(gz(b) for b in bodies.values()),
        "by_file": {url.rsplit("/", 1)[-1].split("?")[0]: len(body) for url, body in sorted(bodies.items())},
    }


def make_project(root: Path, size: int) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    make_test_project(root)  # the same scaffold the tests build sites in
    write_catalogue(root, size, ROOT / "data" / "topics.yaml")


def bench(size: int, work: Path) -> dict:
    root = work / f"n{size}"
    print(f"[{size}] writing the synthetic catalogue in {root}", flush=True)
    make_project(root, size)
    py = [sys.executable, "-m"]
    env = {"PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    r: dict = {"papers": size, "data_bytes": tree_bytes(root / "data")}

    print(f"[{size}] generate (cold)", flush=True)
    cold = measure([*py, "generator", "generate"], root, env)
    r["generate"] = {"seconds": cold["seconds"], "peak_mb": cold["peak_mb"], "files_written": written(cold["output"])}
    print(f"[{size}] generate (nothing changed)", flush=True)
    again = measure([*py, "generator", "generate"], root, env)
    r["generate_unchanged"] = {"seconds": again["seconds"], "files_written": written(again["output"])}

    print(f"[{size}] generate (one paper changed)", flush=True)
    target = root / "data" / "papers" / "paper-000000.yaml"
    target.write_text(target.read_text("utf-8").replace("abstract: >-\n  ", "abstract: >-\n  Revised. ", 1), "utf-8")
    before = {p: p.stat().st_mtime_ns for p in (root / "docs").rglob("*") if p.is_file()}
    one = measure([*py, "generator", "generate"], root, env)
    touched = sorted(
        str(p.relative_to(root / "docs")) for p in (root / "docs").rglob("*") if p.is_file() and before.get(p) != p.stat().st_mtime_ns
    )
    r["generate_one_changed"] = {"seconds": one["seconds"], "files_written": written(one["output"]), "files": touched[:40]}

    print(f"[{size}] bare mkdocs build (lunr)", flush=True)
    bare = measure([*py, "mkdocs", "build", "--quiet", "-d", str(root / "site-bare")], root, env)
    r["mkdocs_bare"] = {"seconds": bare["seconds"], "peak_mb": bare["peak_mb"], "site_bytes": tree_bytes(root / "site-bare")}
    index = root / "site-bare" / "search" / "search_index.json"
    r["lunr_index"] = {"raw_bytes": index.stat().st_size, "gzip_bytes": gz(index.read_bytes())}
    if size <= 20_000:  # the browser has to download and parse the whole index: minutes at 100k
        r["lunr_query"] = query_bytes(root / "site-bare", QUERY)
    shutil.rmtree(root / "site-bare")

    print(f"[{size}] our build (generate + mkdocs + search index)", flush=True)
    ours = measure([*py, "generator", "build"], root, env)
    site = root / "site"
    pages = list((site / "papers").glob("*/index.html"))
    page_bytes = [p.stat().st_size for p in pages]
    backend = "pagefind" if (site / "pagefind").is_dir() else "lunr"
    r["build"] = {"seconds": ours["seconds"], "peak_mb": ours["peak_mb"], "search": backend}
    r["site"] = {
        "bytes": tree_bytes(site),
        "paper_pages": len(pages),
        "paper_page_avg_bytes": round(sum(page_bytes) / max(len(page_bytes), 1)),
        "paper_page_max_bytes": max(page_bytes, default=0),
    }
    if backend == "pagefind":
        r["pagefind_index_bytes"] = tree_bytes(site / "pagefind")
    r["query"] = query_bytes(site, QUERY)
    r["ratio_to_bare"] = round(r["build"]["seconds"] / r["mkdocs_bare"]["seconds"], 2)
    return r


def machine() -> dict:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "?"
    )
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(int(mem) / 1024 / 1024),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/catalogue-bench"))
    parser.add_argument("--keep", action="store_true", help="keep each size's project (by default it is deleted after measuring)")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        result = bench(size, args.work) | {"machine": machine(), "date": time.strftime("%Y-%m-%d")}
        (RESULTS / f"{size}.json").write_text(json.dumps(result, indent=1) + "\n", "utf-8")
        print(json.dumps({k: v for k, v in result.items() if k != "machine"}, indent=1), flush=True)
        if not args.keep:
            shutil.rmtree(args.work / f"n{size}", ignore_errors=True)
    write_page(RESULTS, ROOT / "docs" / "benchmarks.md")
    print(f"wrote {ROOT / 'docs' / 'benchmarks.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
