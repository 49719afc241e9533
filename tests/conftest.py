"""Shared by the tests: one `mkdocs build --strict` per session, the browser that visits it,
and the portability runs, started as soon as the tests are known because they take minutes."""

import os
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

from tests import browser as b
from tests import test_portability
from tests.harness import ROOT, load_hook

BOOK_PDF = load_hook("book_pdf", folder="scripts")


def pytest_collection_modifyitems(items):
    """The portability tests only wait for runs in other processes: they go last, so that
    every other test uses this process meanwhile."""
    items.sort(key=lambda item: item.get_closest_marker("portability") is not None)


def pytest_collection_finish(session):
    test_portability.start_runs(session)


def pytest_sessionfinish(session):
    test_portability.stop_runs()


@pytest.fixture(scope="session")
def printed(tmp_path_factory):
    """The book as the deploy workflow publishes it: built with its site_url into a
    temporary directory (notebooks executed), then each edition printed as a PDF into it
    (scripts/book_pdf.py). (the site's directory, the seconds the PDFs took)"""
    site_dir = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    # mkdocs logs to stderr; any WARNING is a defect even where --strict lets the build finish.
    warnings = [line for line in build.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    assert build.returncode == 0 and not warnings, f"mkdocs build --strict failed:\n{build.stderr}"
    if not b.CHROMIUM.is_file() and not os.environ.get("CI"):
        return site_dir, None  # the browser tests and the PDF's skip (see `playwright`)
    # As the deploy workflow prints them.
    started = time.monotonic()
    printing = subprocess.run([sys.executable, "scripts/book_pdf.py", str(site_dir)], cwd=ROOT, capture_output=True, text=True)
    assert printing.returncode == 0, f"scripts/book_pdf.py failed:\n{printing.stdout}{printing.stderr}"
    return site_dir, time.monotonic() - started


@pytest.fixture(scope="session")
def site(printed):
    return printed[0]


@pytest.fixture(scope="session")
def playwright():
    if not b.CHROMIUM.is_file():
        why = f"{b.CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(why + "; .ci/run installs it")
        pytest.skip(why)
    if not b.AXE.is_file():
        pytest.fail(f"{b.AXE} is missing: run `python3 book.py test` (or `npm ci`) to install axe-core")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def served(site):
    """The URL of the server of the built book, on a free port of 127.0.0.1."""
    with b.serve(site, b.site_base()) as url:
        yield url


@pytest.fixture(scope="session")
def book(playwright, served):
    """(browser, the book's root URL in it). The browser reaches the server as
    http://127.0.0.1/rnn-book/, the port of site_url's origin (see b.launch)."""
    browser = b.launch(playwright, port80=urlsplit(served).port)
    try:
        yield browser, f"http://{b.HOST}{b.site_base()}"
    finally:
        browser.close()
