#!/usr/bin/env python3
"""Measure the book's performance budget and write the figures down.

    .venv/bin/python scripts/bench.py              # everything (about an hour: the whole
                                                   # test suite and Lighthouse are in it)
    .venv/bin/python scripts/bench.py --only bytes,lighthouse

It works on a snapshot: the project (pages, examples, hooks, tests) is copied to a
temporary directory, so the notebook cache starts cold, files can be edited for the
rebuild figures, and nothing in the working tree is touched except the results:

- scripts/bench-results.json   every figure, with the machine and the date;
- PERFORMANCE.md               the table between the `bench:start` / `bench:end` markers.

What is measured (the goals come from the performance issue):

tests     `python -c "import torch"` (median of --repeat runs), `python -m pytest docs/`
          (the page code blocks, median of --repeat runs; goal <= 5x import torch), and
          `python -m pytest` (the whole suite, notebooks and browser tests included, once;
          goal <= 30 minutes, the budget of the test command).
build     `mkdocs build --strict`, both editions, from cold caches (goal <= 60 s), then again
          in a new process with the caches warm and one chapter edited; then, in a running
          `mkdocs serve` watched by Chromium, each kind of file a writer saves (tests/serve.py:
          a page, its Korean twin, an example, its output, a figure, a glossary entry, a
          lab's Korean text) is edited --repeat times (at least 5), and each edit timed from the save to the watched page's
          reload with the edit in it (goal <= 2 s, the median of each kind).
bytes     every page of the cold build, served on loopback under the site_url path, opened
          in a fresh Chromium context (empty cache): every response the page, its search
          worker and stylesheets cause, summed as bytes on the wire uncompressed and gzipped
          (level 6, what a static host typically serves). Goal for a chapter page:
          <= 1.5 MB and <= 400 KB gzip, math included.
lighthouse  Lighthouse 12 (pinned in scripts/lighthouse/, installed there on first use) on
          every page, default mobile settings, Debian's Chromium, the site served
          gzip-compressed as GitHub Pages serves it. Goal: performance >= 95 (median of 3),
          total blocking time <= 200 ms, layout shift 0, accessibility, best practices and
          SEO 100.
"""

import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import browser, serve  # noqa: E402

RESULTS = ROOT / "scripts" / "bench-results.json"
TABLE = ROOT / "PERFORMANCE.md"
SOURCE = ROOT  # --source
LIGHTHOUSE = ROOT / "scripts" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# The browser tests' flags (no sandbox as root, no calls home that the network refuses).
CHROME_FLAGS = ["--headless=new", *browser.CHROMIUM_ARGS]
STEPS = ["tests", "build", "bytes", "lighthouse"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
GOALS = {
    "docs_over_import_torch": 5.0,
    "cold_build_s": 60.0,
    "reload_s": 2.0,
    # The test command's budget: 30 minutes for `.ci/run` on a fresh 2-core machine, which
    # installs first; the bench times the suite alone.
    "suite_s": 1800,
    "chapter_bytes": 1_500_000,
    "chapter_gzip": 400_000,
    "lighthouse": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
    "tbt_ms": 200,
}


def log(*args):
    print("[bench]", *args, file=sys.stderr, flush=True)


def timed(command, cwd, check=True):
    """Wall time of one command, in seconds; its output goes to the log only on failure."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if check and done.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return elapsed, done


# --- tests ------------------------------------------------------------------------------


def bench_tests(tree, repeat):
    python = sys.executable
    torch = [timed([python, "-c", "import torch"], tree)[0] for _ in range(repeat)]
    docs = []
    for _ in range(repeat):
        elapsed, done = timed([python, "-m", "pytest", "-q", "docs/"], tree)
        docs.append(elapsed)
    blocks = re.search(r"(\d+) passed", done.stdout)
    suite, done = timed([python, "-m", "pytest", "-q"], tree, check=False)
    summary = (done.stdout.strip().splitlines() or ["?"])[-1]
    result = {
        "import_torch_s": round(statistics.median(torch), 2),
        "docs_s": round(statistics.median(docs), 2),
        "docs_blocks": int(blocks.group(1)) if blocks else None,
        "suite_s": round(suite, 1),
        "suite_summary": summary.strip("= "),
        "suite_passed": done.returncode == 0,
        "suite_failures": re.findall(r"^(?:FAILED|ERROR) (\S+)", done.stdout, re.MULTILINE),
    }
    result["docs_over_import_torch"] = round(result["docs_s"] / result["import_torch_s"], 2)
    return result


# --- build ------------------------------------------------------------------------------


def build(tree, site):
    elapsed, done = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], tree)
    # mkdocs' own log lines; the Jupyter kernel's "[IPKernelApp] WARNING | ..." is not one.
    warnings = [line for line in done.stderr.splitlines() if re.match(r"(WARNING|ERROR)\s+-", line)]
    if warnings:
        sys.exit("mkdocs build --strict warned:\n" + "\n".join(warnings))
    return elapsed


def edit_one_page(tree, n):
    chapter = sorted((tree / "docs").glob("0[1-9]-*.md"))[0]
    with chapter.open("a", encoding="utf-8") as page:
        page.write(f"\n\nEdited by the benchmark ({n}).\n")
    return chapter


def bench_reloads(tree, repeat):
    """For each kind of edit, seconds from the save to the watched page's reload (its load
    event) with the edit in it, in a running `mkdocs serve`: each edit made to the file as
    it was, so the n-th differs from the others; the file is put back after its kind."""
    from playwright.sync_api import sync_playwright

    served = serve.Served(tree, site_base())
    results = {}
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=browser.CHROMIUM_ARGS)
            page = chromium.new_page()
            for edit in serve.EDITS:
                original = (tree / edit.path).read_text(encoding="utf-8")
                times, rebuilt = [], []
                for n in range(1, repeat + 1):
                    page.goto(served.base + edit.page.removesuffix("index.html"), wait_until="load")
                    time.sleep(1)  # the live-reload script asks the server once the page has loaded
                    seen = len(served.lines)
                    with page.expect_event("load", timeout=120_000):
                        start = time.perf_counter()
                        edit.apply(tree, n, original)
                    times.append(time.perf_counter() - start)
                    shown = [page.content().encode() if path == edit.page else served.get(path) for path in edit.shows_on]
                    missing = [path for path, body in zip(edit.shows_on, shown) if not edit.shown_in(body, path, n)]
                    if missing:
                        sys.exit(f"the {edit.kind} edit reloaded the page but {missing} do not show it:\n{served.log()[-3000:]}")
                    rebuilt = [line.split("Rebuilding", 1)[1].strip() for line in served.rebuilt(seen) if "Rebuilding" in line]
                seen = len(served.lines)
                (tree / edit.path).write_text(original, encoding="utf-8")
                served.rebuilt(seen)
                results[edit.kind] = {
                    "file": edit.path,
                    "rebuilt": rebuilt[0] if rebuilt else "?",
                    "median_s": round(statistics.median(times), 2),
                    "runs_s": [round(t, 2) for t in times],
                }
                log(edit.kind, results[edit.kind])
            chromium.close()
    finally:
        served.close()
    return results


def bench_build(tree, site, repeat):
    cold = build(tree, site)
    chapter = sorted((tree / "docs").glob("0[1-9]-*.md"))[0]
    original = chapter.read_bytes()
    edit_one_page(tree, "build")
    warm = build(tree, Path(str(site) + "-rebuild"))
    chapter.write_bytes(original)  # the tests that follow see the page as written
    return {
        "cold_build_s": round(cold, 1),
        "rebuild_build_s": round(warm, 1),
        "reload": bench_reloads(tree, repeat),
    }


# --- bytes ------------------------------------------------------------------------------


def site_base():
    """The site_url sub-path of the project measured (--source)."""
    return browser.site_base(SOURCE / "mkdocs.yml")


def kind(path):
    if path == "":
        return "home"
    if re.match(r"\d\d-", path):
        return "chapter"
    if path.startswith("labs/"):
        return "notebook"
    return "page"


def gz(body):
    return len(browser.gzipped(body))


def measure_page(chromium, url):
    context = chromium.new_context(viewport=browser.VIEWPORT)
    responses, errors = [], []
    context.on("response", lambda r: responses.append(r))
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    # The search worker fetches the index after load.
    page.wait_for_timeout(500)
    page.wait_for_load_state("networkidle")
    mjx = page.evaluate("document.querySelectorAll('mjx-container').length")
    nested = page.evaluate("document.querySelectorAll('mjx-container mjx-container').length")
    files = []
    for response in responses:
        if response.url.startswith("data:"):
            continue
        try:
            body = response.body()
        except Exception:  # a redirect or a response the page dropped
            body = b""
        files.append({"url": response.url, "bytes": len(body), "gzip": gz(body) if body else 0})
    context.close()
    return files, {"mjx_containers": mjx, "nested": nested, "console_errors": errors}


def bench_bytes(site):
    from playwright.sync_api import sync_playwright

    results = {}
    with browser.serve(site, site_base(), compress=True) as base, sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=browser.CHROMIUM_ARGS)
        for path in browser.page_paths(site):
            files, checks = measure_page(chromium, base + path)
            local = [f for f in files if f["url"].startswith(base)]
            page = [f for f in local if f["url"] == base + path]
            results[path or "/"] = {
                "kind": kind(path),
                "requests": len(files),
                "bytes": sum(f["bytes"] for f in files),
                "gzip": sum(f["gzip"] for f in files),
                # The page itself: its formulas are typeset SVG in it (hooks/mathjax.py).
                "html_bytes": sum(f["bytes"] for f in page),
                "html_gzip": sum(f["gzip"] for f in page),
                "search_index": any(f["url"].endswith("search_index.json") for f in files),
                "external_requests": [f["url"] for f in files if not f["url"].startswith(base)],
                **checks,
                "files": {f["url"][len(base) :]: [f["bytes"], f["gzip"]] for f in local},
            }
            log(f"{path or '/'}: {results[path or '/']['bytes']:,} B, {results[path or '/']['gzip']:,} B gzip")
        chromium.close()
    return results


# --- lighthouse -------------------------------------------------------------------------


def lighthouse_cli():
    cli = LIGHTHOUSE / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE, check=True)
    return cli


def lighthouse_once(cli, url, report):
    command = [
        "node", str(cli), url,
        "--output=json", f"--output-path={report}", "--quiet",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=" + " ".join(CHROME_FLAGS),
    ]  # fmt: skip
    done = subprocess.run(command, env={**ENV, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
    if done.returncode != 0 or not report.is_file():
        return {"error": done.stderr[-2000:]}
    data = json.loads(report.read_text())
    report.unlink()
    audits = data["audits"]
    result = {k: round(100 * v["score"]) if v["score"] is not None else None for k, v in data["categories"].items()}
    result["not_passing"] = sorted(
        ref["id"]
        for category in data["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    )
    for key, audit in [("fcp_ms", "first-contentful-paint"), ("lcp_ms", "largest-contentful-paint"), ("tbt_ms", "total-blocking-time")]:
        result[key] = round(audits[audit]["numericValue"])
    result["cls"] = round(audits["cumulative-layout-shift"]["numericValue"], 3)
    result["dom_elements"] = round(audits["dom-size"]["numericValue"])
    try:
        result["lcp_element"] = audits["largest-contentful-paint-element"]["details"]["items"][0]["items"][0]["node"]["snippet"][:120]
    except (KeyError, IndexError, TypeError):
        pass
    return result


def bench_lighthouse(site, work, runs, only_pages=None):
    """Lighthouse `runs` times per page; the run with the median performance score is kept."""
    cli = lighthouse_cli()
    results = {}
    with browser.serve(site, site_base(), compress=True) as base:
        for path in browser.page_paths(site):
            if only_pages and (path or "/") not in only_pages:
                continue
            reports = [lighthouse_once(cli, base + path, work / "lighthouse.json") for _ in range(runs)]
            good = sorted((r for r in reports if "error" not in r), key=lambda r: r["performance"] or 0)
            result = good[len(good) // 2] if good else reports[0]
            if good:
                result["performance_runs"] = [r["performance"] for r in reports if "error" not in r]
            results[path or "/"] = result
            log(f"{path or '/'}: {({k: result.get(k) for k in GOALS['lighthouse']})} runs {result.get('performance_runs')}")
    return results


# --- report -----------------------------------------------------------------------------


def kb(n):
    return f"{n / 1000:,.0f} KB"


def ok(good):
    return "✅" if good else "❌"


def markdown(r):
    load = f", load average {r['load_average_at_start']} at start" if "load_average_at_start" in r else ""
    out = [f"Measured on {r['machine']}{load} by `scripts/bench.py` (figures in `scripts/bench-results.json`); each table gives the day it was measured.", ""]
    if "tests" in r:
        t = r["tests"]
        out += [
            f"| Test run ({t.get('measured', '?')}) | Time | Goal |",
            "|---|---|---|",
            f"| `python -c \"import torch\"` | {t['import_torch_s']} s | |",
            f"| `python -m pytest docs/` ({t['docs_blocks']} code blocks) | {t['docs_s']} s "
            f"= {t['docs_over_import_torch']}× import torch | ≤ 5× {ok(t['docs_over_import_torch'] <= 5)} |",
            f"| `python -m pytest` (whole suite: {t['suite_summary']}) | {t['suite_s']} s | ≤ {GOALS['suite_s']:g} s {ok(t['suite_s'] <= GOALS['suite_s'])} |",
            *([f"| failing: {', '.join(f'`{name}`' for name in t['suite_failures'])} | | |"] if t.get("suite_failures") else []),
            "",
        ]
    if "build" in r:
        b = r["build"]
        out += [
            f"| Build ({b.get('measured', '?')}) | Time | Goal |",
            "|---|---|---|",
            f"| `mkdocs build --strict`, both editions, notebooks executed, cold caches | {b['cold_build_s']} s | ≤ {GOALS['cold_build_s']:g} s {ok(b['cold_build_s'] <= GOALS['cold_build_s'])} |",
            f"| the same in a new process, caches warm, one chapter edited | {b['rebuild_build_s']} s | |",
        ]
        for kind, e in b.get("reload", {}).items():
            runs = ", ".join(f"{t:g}" for t in e["runs_s"])
            out.append(
                f"| `python3 book.py serve`, save to reload: {kind} (`{e['file']}`; rebuilt {e['rebuilt']}) "
                f"| **{e['median_s']} s** ({runs}) | ≤ {GOALS['reload_s']:g} s {ok(e['median_s'] <= GOALS['reload_s'])} |"
            )
        out.append("")
    if "bytes" in r or "lighthouse" in r:
        by, lh = r.get("bytes", {}), r.get("lighthouse", {})
        out += [
            f"| Page ({r.get('pages_measured', '?')}) | Requests | Loaded, raw | On the wire (gzip) | Elements | Performance (runs) | TBT | LCP | CLS | a11y / best pr. / SEO |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for path in sorted(set(by) | set(lh), key=lambda p: (p.startswith("ko/"), p != "/" and p != "ko/", p)):
            p, l = by.get(path, {}), lh.get(path, {})
            weight = ["", "", ""]
            if p:
                mark = ""
                if p["kind"] == "chapter":
                    mark = " " + ok(p["bytes"] <= GOALS["chapter_bytes"] and p["gzip"] <= GOALS["chapter_gzip"])
                weight = [str(p["requests"]), kb(p["bytes"]), kb(p["gzip"]) + mark]
            if l and "error" not in l:
                goals = GOALS["lighthouse"]
                runs = ", ".join(map(str, l.get("performance_runs", [])))
                scores = [
                    f"{l.get('dom_elements', '–'):,}" if isinstance(l.get("dom_elements"), int) else "–",
                    f"**{l['performance']}** ({runs}) {ok(l['performance'] >= goals['performance'])}",
                    f"{l['tbt_ms']} ms {ok(l['tbt_ms'] <= GOALS['tbt_ms'])}",
                    f"{l['lcp_ms'] / 1000:.1f} s",
                    f"{l['cls']} {ok(l['cls'] == 0)}",
                    " / ".join(str(l.get(c, "–")) for c in ("accessibility", "best-practices", "seo")),
                ]
            else:
                scores = ["error" if l else ""] + [""] * 5
            out.append(f"| `{path}` | " + " | ".join(weight + scores) + " |")
        out += [
            "",
            "Goals: a chapter page loads ≤ 1.5 MB and ≤ 400 KB gzip, math included (the search"
            " index waits until the reader opens search); Lighthouse 12 (mobile, median of the"
            " runs shown) performance ≥ 95, total blocking time ≤ 200 ms, layout shift 0, the"
            " other three 100. Served gzip-compressed, as GitHub Pages serves it.",
        ]
    return "\n".join(out)


def update_table(table):
    text = TABLE.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start not in text or end not in text:
        sys.exit(f"{TABLE.name} has no bench markers; the table was not written there")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    TABLE.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default=",".join(STEPS), help=f"comma-separated subset of {','.join(STEPS)}")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the short test commands, and edits of each kind (at least 5) (median kept)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median kept)")
    parser.add_argument("--pages", help="comma-separated pages for lighthouse (e.g. /,notation/); default all")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--source", type=Path, default=ROOT, help="measure this copy of the project instead")
    parser.add_argument("--no-table", action="store_true", help="do not rewrite PERFORMANCE.md's table")
    args = parser.parse_args()
    global SOURCE
    SOURCE = args.source
    steps = args.only.split(",")
    unknown = set(steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")

    # Keep what an earlier run measured for the steps not run now.
    results = json.loads(args.output.read_text()) if args.output.is_file() else {}
    results.update(
        date=datetime.date.today().isoformat(),
        machine=f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    )
    # Timings and Lighthouse's CPU-bound figures (total blocking time) move with the load.
    results["load_average_at_start"] = round(os.getloadavg()[0], 1)
    today = results["date"]
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        work = Path(work)
        log("snapshot of", args.source, "in", work)
        tree = serve.copy_of_book(work / "book", warm=False, source=args.source)
        site = work / "site"
        if "build" in steps:
            log("build: cold, warm, and each kind of edit in mkdocs serve")
            results["build"] = {**bench_build(tree, site, max(args.repeat, 5)), "measured": today}
        elif {"bytes", "lighthouse"} & set(steps):
            log("build (cold, not timed)")
            build(tree, site)
        if "tests" in steps:
            log("tests")
            results["tests"] = {**bench_tests(tree, args.repeat), "measured": today}
        if "bytes" in steps:
            log("bytes per page")
            results["bytes"] = bench_bytes(site)
        if "lighthouse" in steps:
            log("lighthouse")
            only = args.pages.split(",") if args.pages else None
            results["lighthouse"] = bench_lighthouse(site, work, args.lighthouse_runs, only)
        if {"bytes", "lighthouse"} & set(steps):
            results["pages_measured"] = today
    args.output.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    table = markdown(results)
    print(table)
    if not args.no_table:
        update_table(table)


if __name__ == "__main__":
    main()
