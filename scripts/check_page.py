#!/usr/bin/env python3
"""One page and its twin, checked as the test command checks them, in under a minute:

    python3 book.py check docs/02-inside-the-cell.md    (or docs/02-inside-the-cell.ko.md)

1. the code blocks of the page and of its twin run and print their output blocks
   (pytest-codeblocks, as the test command runs them), while
2. the book is built, both editions (`mkdocs build --strict`, warnings fail it), then
3. the browser checks of tests/browser.py run on the page in both editions, in every view
   (phone, tablet and desktop, light and dark), as `tests/test_browser.py` runs them but
   for the instant-navigation click from the page before (which needs every page).

About a minute on a 2-core machine once the labs are executed and cached (58 s on chapter
2, one of the heaviest pages); the first build of a fresh clone executes the labs first.

The test command checks more: every page, the examples alone, the labs, the portability
variants, the PDFs. A lab's notebook runs in `python3 book.py test tests/test_labs.py -k NAME`.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import browser  # noqa: E402
from tests.harness import is_page  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
START = time.monotonic()
NO_TESTS_COLLECTED = 5  # pytest's exit code for a page without a Python block


def twins(argument):
    """The page's source in both editions, and its path under each edition's root."""
    page = (Path.cwd() / argument).resolve()
    docs = ROOT / "docs"
    if page.suffix not in {".md", ".ipynb"} or docs not in page.parents or not page.is_file():
        sys.exit(f"{argument}: not a page of docs/ (docs/NN-name.md, its .ko.md, or a lab's .ipynb)")
    stem = page.name.removesuffix(".ipynb").removesuffix(".md").removesuffix(".ko")
    sources = sorted(path for path in page.parent.glob(f"{stem}.*") if path.name in {f"{stem}.md", f"{stem}.ko.md", f"{stem}.ipynb"})
    folder = page.parent.relative_to(docs).as_posix()
    path = "" if stem == "index" else f"{stem}/"
    return sources, path if folder == "." else f"{folder}/{path}"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sources, path = twins(sys.argv[1])
    # The pages whose code blocks the test command runs (a lab's Korean text has none).
    pages = [source.relative_to(ROOT).as_posix() for source in sources if is_page(source)]
    blocks = subprocess.Popen([sys.executable, "-m", "pytest", "-q", *pages], cwd=ROOT, env=ENV) if pages else None
    problems = []
    with tempfile.TemporaryDirectory(prefix="check-") as site:
        print(f"+ mkdocs build --strict (both editions), while the code blocks of {', '.join(pages) or 'no page'} run", flush=True)
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site], cwd=ROOT, env=ENV, capture_output=True, text=True)
        warnings = [line for line in build.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
        if build.returncode or warnings:
            problems.append("mkdocs build --strict:\n" + "\n".join(warnings or build.stderr.splitlines()[-20:]))
        if blocks is not None and blocks.wait() not in (0, NO_TESTS_COLLECTED):
            problems.append(f"code blocks: pytest {' '.join(pages)} failed (above)")
        if not problems:
            paths = [path, "ko/" + path]
            print(f"+ browser checks of /{paths[0]} and /{paths[1]}, every view ({time.monotonic() - START:.0f} s)", flush=True)
            with browser.serve(site, browser.site_base()) as served:
                report = browser.check_site(f"http://{browser.HOST}{browser.site_base()}", paths, port80=urlsplit(served).port, instant=False)
            # The PDFs are printed by `python3 book.py pdf` and the test command, not here.
            unprinted = {f"broken link to {browser.site_base()}{prefix}{name} (HTTP 404)" for prefix, name in pdfs()}
            problems += [f"{kind}: {line}" for kind, lines in report.items() for line in lines if not line.endswith(tuple(unprinted))]
    if problems:
        sys.exit("\n".join(problems))
    print(f"{' and '.join(pages) or sys.argv[1]}: the code blocks, the build and the browser checks pass "
          f"in {time.monotonic() - START:.0f} s (links to the PDFs not followed: they are not printed here).")


def pdfs():
    """(edition prefix, file name) of each edition's PDF."""
    from mkdocs.config import load_config

    return [(prefix, load_config(str(ROOT / name)).extra["pdf"]) for prefix, name in (("", "mkdocs.yml"), ("ko/", "mkdocs.ko.yml"))]


if __name__ == "__main__":
    main()
