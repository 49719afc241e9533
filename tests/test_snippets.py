"""Every example is a file that runs alone, prints its recorded output, and is on a page.

The pages' blocks are run in one process by pytest-codeblocks (see harness.py); here each
example also runs as a script in a fresh interpreter from an empty directory, which is
what a reader who copies it does: a missing import or seed shows up here.
`pytest --update-outputs` rewrites the recorded outputs from these runs.
"""

import io
import os
import platform
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import pytest
import torch
from pytest_codeblocks.main import extract_from_buffer

from tests.harness import EXAMPLES, ROOT, RUN, SNIPPETS, fence_language, included_files, is_page, relative

PAGES = sorted(path for path in (ROOT / "docs").rglob("*.md") if is_page(path))
# Written with the outputs, shown on the home page: where they were recorded.
RECORDED_ON = SNIPPETS / "recorded_on.txt"


@cache
def page_text(page):
    return page.read_text(encoding="utf-8")


def included_anywhere():
    return {SNIPPETS / name for page in PAGES for name in included_files(page_text(page))}


@pytest.fixture(scope="module")
def runs_alone(request, tmp_path_factory):
    """Each example of the session's tests run as a script, in a fresh interpreter, from an
    empty directory of its own: as many at once as the machine has cores (most of each run
    is starting Python and importing torch, one core's work)."""
    chosen = [item.callspec.params["example"] for item in request.session.items
              if getattr(item, "originalname", None) == "test_example_runs_alone_and_prints_its_recorded_output"]

    def run(example):
        folder = tmp_path_factory.mktemp("alone")
        return subprocess.run([sys.executable, example], cwd=folder, capture_output=True, text=True, timeout=120)

    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        return dict(zip(chosen, pool.map(run, chosen)))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: relative(path))
def test_example_runs_alone_and_prints_its_recorded_output(example, runs_alone, request):
    run = runs_alone[example]
    assert run.returncode == 0, f"{relative(example)} fails when run alone:\n{run.stderr}"
    recorded = example.with_suffix(".out")
    if request.config.getoption("update_outputs"):
        recorded.write_text(run.stdout, encoding="utf-8")
    assert recorded.is_file(), f"{relative(recorded)} is missing: create it with `pytest --update-outputs`"
    assert run.stdout == recorded.read_text(encoding="utf-8"), (
        f"{relative(example)} run alone prints something else than {relative(recorded)}; "
        "if the new output is right, refresh it with `pytest --update-outputs`"
    )


def this_machine():
    return (
        f"PyTorch {torch.__version__}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, "
        f"CPU kernels {torch.backends.cpu.get_cpu_capability()}\n"
    )


def test_the_machine_that_recorded_the_outputs_is_stated(request):
    if request.config.getoption("update_outputs"):
        RECORDED_ON.write_text(this_machine(), encoding="utf-8")
    assert RECORDED_ON.is_file(), f"{relative(RECORDED_ON)} is missing: create it with `pytest --update-outputs`"
    # Another CPU may check the outputs; another PyTorch must record them anew.
    assert f"PyTorch {torch.__version__}," in RECORDED_ON.read_text(encoding="utf-8"), (
        f"{relative(RECORDED_ON)} names another PyTorch than {torch.__version__}: "
        "record every output with it, `pytest --update-outputs`"
    )


def test_every_example_and_output_is_on_a_page():
    files = {path for path in SNIPPETS.rglob("*") if path.is_file()}
    orphans = sorted(relative(path) for path in files - included_anywhere())
    assert not orphans, f"no page includes these files (delete them or include them): {orphans}"


def test_every_included_example_exists():
    # pymdownx.snippets' check_paths already fails the build; this names the page too.
    missing = [
        f"{relative(page)} includes {name}"
        for page in PAGES
        for name in included_files(page_text(page))
        if not (SNIPPETS / name).is_file()
    ]
    assert not missing, missing


def test_every_output_belongs_to_an_example():
    strays = sorted(relative(out) for out in SNIPPETS.rglob("*.out") if not out.with_suffix(".py").is_file())
    assert not strays, f"these outputs have no example beside them: {strays}"


@pytest.mark.parametrize("page", PAGES, ids=lambda path: relative(path))
def test_python_blocks_are_example_files_shown_with_their_output(page):
    """Each Python block is one example file, followed by that file's recorded output."""
    problems = []
    for block in extract_from_buffer(io.StringIO(page_text(page))):
        if fence_language(block.syntax) not in RUN:
            continue
        where = f"{relative(page)}:{block.lineno}"
        sources = included_files(block.code)
        if len(sources) != 1 or len(block.code.strip().splitlines()) != 1 or not sources[0].endswith(".py"):
            problems.append(f'{where}: the block must be one line, --8<-- "chapter/example.py"')
            continue
        output = sources[0].removesuffix(".py") + ".out"
        if included_files(block.expected_output or "") != [output]:
            problems.append(f"{where}: follow the block with an expected-output block that includes {output}")
    assert not problems, "\n".join(problems)


def test_the_notes_printout_quoted_in_chapter_5_is_what_the_example_prints():
    """Chapter 5 says its example prints, digit for digit, the tensor the notes printed."""
    page = page_text(ROOT / "docs" / "05-sequence-and-batch.md")
    quote = page.split('??? quote "The printout in the notes"', 1)[1].split("    ```", 2)[1]
    printed = (SNIPPETS / "05_sequence_and_batch" / "notes_layout_mistake.out").read_text()
    quoted = re.findall(r"-?\d+\.\d+", quote)
    assert quoted and quoted == re.findall(r"-?\d+\.\d+", printed)[: len(quoted)]
