"""The harness fails loudly, naming the page and line, on each way a page can go wrong.

Each page under tests/fixtures/ is broken on purpose; pytest runs them in a subprocess
here (the fixtures are never collected by the normal run), and each must fail on its own
lines, with its own messages.
"""

import subprocess
import sys

import pytest

from tests.harness import ROOT


BROKEN = [
    (
        "wrong_output.md",
        1,
        ["tests/fixtures/wrong_output.md:5: the block (code written on the page) does not print the output the page shows", "but got\n```\n2\n"],
    ),
    (
        "missing_snippet.md",
        1,
        ["tests/fixtures/missing_snippet.md:3: Snippet at path 'no_such_chapter/missing_example.py' could not be found"],
    ),
    (
        "unseen_fences.md",
        3,
        [
            "tests/fixtures/unseen_fences.md:5: this Python fence is not run as a block of its own",
            "tests/fixtures/unseen_fences.md:11: a fence in language 'pyhton' is neither run nor shown-only",
            "tests/fixtures/unseen_fences.md:15: a fence in language '(none)' is neither run nor shown-only",
        ],
    ),
    (
        "unshown_output.md",
        1,
        ["tests/fixtures/unshown_output.md:3: the block (code written on the page) prints output that the page does not show"],
    ),
    (
        "raising_block.md",
        1,
        ["tests/fixtures/raising_block.md:3: the block (code written on the page) raised an exception", 'File "tests/fixtures/raising_block.md", line 6, in <module>\n    print(values[3])', "IndexError: list index out of range"],
    ),
]


@pytest.fixture(scope="module")
def broken_run():
    """pytest on every broken page at once (its start-up, not the pages, takes the time):
    its exit code and report."""
    pages = [f"tests/fixtures/{page}" for page, _, _ in BROKEN]
    run = subprocess.run([sys.executable, "-m", "pytest", *pages], cwd=ROOT, capture_output=True, text=True)
    return run.returncode, run.stdout + run.stderr


@pytest.mark.parametrize(("page", "failures", "messages"), BROKEN)
def test_broken_page_fails_with_its_line_named(broken_run, page, failures, messages):
    code, report = broken_run
    assert code == 1, report
    failed = [line for line in report.splitlines() if line.startswith(f"FAILED tests/fixtures/{page}::")]
    assert len(failed) == failures, report
    for message in messages:
        assert message in report, report
