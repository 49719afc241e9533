"""Shared by the tests: one `mkdocs build --strict` per session, and the portability runs,
started as soon as the tests are known because they take minutes."""

import os
import subprocess
import sys

import pytest

from tests import test_portability
from tests.harness import ROOT


def pytest_collection_modifyitems(items):
    """The portability tests only wait for runs in other processes: they go last, so that
    every other test uses this process meanwhile."""
    items.sort(key=lambda item: item.get_closest_marker("portability") is not None)


def pytest_collection_finish(session):
    test_portability.start_runs(session)


def pytest_sessionfinish(session):
    test_portability.stop_runs()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The book built with its site_url into a temporary directory (notebooks executed)."""
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
    return site_dir
