"""The outputs hold on the reader's machine, not only on the one that recorded them.

torch picks its kernels by CPU when it starts, so the same code, seed and wheel print
other float32 digits on other machines. This machine is made to compute like others:

- every page's code blocks and every lab run again under each of VARIANTS (each in its own
  process, two at a time, alongside the rest of the suite); every example must print its
  recorded output byte for byte, every lab must pass every assert, and torch must answer
  the shape explorer's calls as recorded;
- every lab runs again with each of the SWEEPS' seeds, natively and on the oldest CPU
  variant, so that no claim rests on one lucky seed;
- every number an example prints must lie far from a rounding edge (EDGE_MARGIN), so that
  a machine we cannot simulate (a variant can only step down from this CPU) prints it alike.

The normal run of the suite is the machine's own variant. `-m "not portability"` skips the
slow part while writing; CI never does.
"""

import contextlib
import io
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import torch

from tests.harness import EXAMPLES, FIXTURES, ROOT, relative

OLDEST = {
    "ATEN_CPU_CAPABILITY": "default",
    "MKL_ENABLE_INSTRUCTIONS": "SSE4_2",
    "ONEDNN_MAX_CPU_ISA": "SSE41",
    "OMP_NUM_THREADS": "1",
}
VARIANTS = {
    # ATen's element-wise and reduction kernels (tanh, sums, ...), chosen by CPU.
    "aten-default": {"ATEN_CPU_CAPABILITY": "default"},
    "aten-avx2": {"ATEN_CPU_CAPABILITY": "avx2"},
    # MKL's matrix products, chosen by CPU.
    "mkl-sse4_2": {"MKL_ENABLE_INSTRUCTIONS": "SSE4_2"},
    "mkl-avx2": {"MKL_ENABLE_INSTRUCTIONS": "AVX2"},
    # How a sum is split between threads changes the order of its terms.
    "threads-1": {"OMP_NUM_THREADS": "1"},
    "threads-4": {"OMP_NUM_THREADS": "4"},
    # All of the above at their lowest at once: an old x86 laptop, roughly.
    "oldest": OLDEST,
}
# Seeds besides each lab's own (0): eight in all on this CPU's kernels, four on the oldest,
# which costs a minute and a half less and still crosses seeds with kernels.
SWEEPS = {"native": ({}, [1, 2, 3, 4, 5, 6, 7]), "oldest": (OLDEST, [1, 2, 3])}
WORKERS = 2  # the machines this runs on have two cores

# A printed digit is stable if the value is further from the rounding edge than any kernel
# can move it. Kernel variants moved the book's printed float32 values by at most 9e-8
# (1.5 float32 steps near 1); the margin is ten times that, and relative for numbers
# printed in scientific notation, whose digits scale with the value.
EDGE_MARGIN = 1e-6


def describe(env):
    return " ".join(f"{name}={value}" for name, value in env.items()) or "this CPU's own kernels"


def check_under(env, *targets, options=()):
    """Run pytest on `targets` in a process whose torch starts with `env`."""
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *options, *map(str, targets)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
    )
    return run, time.monotonic() - started


def report(name, env, outcome):
    run, seconds = outcome
    summary = (run.stdout.strip().splitlines() or ["(no output)"])[-1]
    header = f"under {name} ({describe(env)}): {summary} [{seconds:.0f} s]"
    if run.returncode == 0:
        return header
    # Keep pytest's failure report from its first failure on: it names page, line and cell.
    details = run.stdout[run.stdout.find("= FAILURES =") :] if "= FAILURES =" in run.stdout else run.stdout
    return f"{header}\n{details}\n{run.stderr[-2000:]}"


JOBS = {}  # name: future of check_under's result, started by start_runs()
POOL = ThreadPoolExecutor(WORKERS)


def start_runs(session):
    """Start the runs that the selected tests need, WORKERS at a time, in other processes.

    tests/conftest.py calls this as soon as the tests are collected, so that the rest of
    the suite runs meanwhile; each test then waits for its own run. Not with --collect-only,
    and not while --update-outputs rewrites the outputs the runs would compare against.
    """
    if session.config.option.collectonly or session.config.getoption("update_outputs"):
        return
    selected = {
        (item.originalname, item.callspec.params["name"])
        for item in session.items
        if getattr(item, "module", None) is sys.modules[__name__] and "name" in item.fixturenames
    }
    labs = "tests/test_labs.py::test_lab_runs_top_to_bottom"
    # The sweeps are the longest jobs: started first, the pool ends sooner.
    for name, (env, seeds) in SWEEPS.items():
        if ("test_lab_claims_hold_for_every_seed", name) in selected:
            option = "--lab-seeds=" + ",".join(map(str, seeds))
            JOBS[f"seeds-{name}"] = POOL.submit(check_under, env, labs, options=[option])
    # torch's answers that the shape explorer page is compared with (shapes, not digits).
    explorer = "tests/test_shape_explorer.py::test_recorded_results_are_what_torch_returns"
    for name, env in VARIANTS.items():
        if ("test_examples_print_their_outputs_and_labs_pass_under", name) in selected:
            JOBS[name] = POOL.submit(check_under, env, "docs", labs, explorer)


def stop_runs():
    POOL.shutdown(cancel_futures=True)


def job(name):
    if name not in JOBS:
        pytest.skip("not run while --update-outputs rewrites the outputs: run the tests again")
    return JOBS[name]


@pytest.mark.portability
@pytest.mark.parametrize("name", VARIANTS)
def test_examples_print_their_outputs_and_labs_pass_under(name):
    outcome = job(name).result()
    message = report(name, VARIANTS[name], outcome)
    assert outcome[0].returncode == 0, message
    print(message)


@pytest.mark.portability
@pytest.mark.parametrize("name", SWEEPS)
def test_lab_claims_hold_for_every_seed(name):
    outcome = job(f"seeds-{name}").result()
    env, seeds = SWEEPS[name]
    message = report(f"seeds {seeds}", env, outcome)
    assert outcome[0].returncode == 0, message
    print(message)


# --- Printed digits far from rounding edges -------------------------------------------

NUMBER = re.compile(r"-?\d+\.\d*(?:e[+-]?\d+)?%?|-?\d+e[+-]?\d+%?")
FORMAT_SPEC = re.compile(r"(\{[^{}]*:[^{}]*?)\.\d+([efg%])\}")


def printed(source, filename):
    """What a source prints, run here in a fresh namespace."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, filename, "exec"), {"__name__": "__main__"})
    return out.getvalue()


def precise(source):
    """The same program with every float format of its f-strings widened to 12 decimals
    (tensors print with 12 through torch.set_printoptions, set by the caller)."""
    return FORMAT_SPEC.sub(r"\1.12\2}", source)


def step_of(token):
    """The unit of the last printed digit of a number as printed, e.g. 1e-4 for 0.2650."""
    mantissa, _, exponent = token.rstrip("%").partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 10.0 ** (int(exponent or 0) - decimals)


def numbers_near_an_edge(source, filename):
    """Every printed number whose value lies within EDGE_MARGIN of a rounding edge."""
    torch.set_printoptions(profile="default")
    shown = printed(source, filename)
    torch.set_printoptions(precision=12)
    try:
        exact = printed(precise(source), filename)
    finally:
        torch.set_printoptions(profile="default")
    shown_numbers, exact_numbers = NUMBER.findall(shown), NUMBER.findall(exact)
    if len(shown_numbers) != len(exact_numbers):
        return [f"{filename}: cannot compare its output with a 12-decimal run of it"]
    near = []
    for line_number, line in enumerate(shown.splitlines(), start=1):
        for token in NUMBER.findall(line):
            value = float(exact_numbers.pop(0).rstrip("%"))
            shown_value = float(token.rstrip("%"))
            margin = EDGE_MARGIN * (abs(value) if "e" in token else max(1.0, abs(value)))
            distance = step_of(token) / 2 - abs(value - shown_value)
            if distance < margin:
                near.append(
                    f"{filename}: output line {line_number} prints {token}, but the value is "
                    f"{value!r}: {max(distance, 0):.1e} from the next rounding, and another CPU "
                    "may print another digit; print fewer digits, or a value further from the edge"
                )
    return near


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: relative(path))
def test_printed_numbers_are_far_from_rounding_edges(example):
    near = numbers_near_an_edge(example.read_text(encoding="utf-8"), relative(example))
    assert not near, "\n".join(near)


# --- The check catches what it is for --------------------------------------------------

NOISE = FIXTURES / "printed_noise.py"


def test_a_printed_rounding_noise_is_caught_by_the_edge_check():
    near = numbers_near_an_edge(NOISE.read_text(encoding="utf-8"), relative(NOISE))
    assert len(near) == 1, near
    assert near[0].startswith("tests/fixtures/printed_noise.py: output line 1 prints -122.67"), near


@pytest.mark.portability
def test_a_printed_rounding_noise_is_caught_by_the_variants(tmp_path):
    """The same fixture, shown on a page with what it prints here, fails under some variant."""
    code = NOISE.read_text(encoding="utf-8")
    here = subprocess.run([sys.executable, NOISE], capture_output=True, text=True, check=True).stdout
    page = tmp_path / "printed_noise.md"
    page.write_text(f"```python\n{code}```\n\n<!--pytest-codeblocks:expected-output-->\n```text\n{here}```\n")
    options = ["-p", "tests.harness", "--rootdir", str(ROOT)]
    failed = []
    for name in ("aten-default", "mkl-sse4_2", "threads-1"):
        outcome = check_under(VARIANTS[name], page, options=options)
        if outcome[0].returncode != 0:
            failed.append(report(name, VARIANTS[name], outcome))
    assert failed, "no variant printed another digit than this machine"
    assert "printed_noise.md:1: the block (code written on the page) does not print the output" in failed[0]
