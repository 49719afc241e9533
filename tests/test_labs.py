"""The labs: notebooks under docs/labs/, stored without outputs, that run top to bottom.

The site build executes them too (hooks/notebooks.py, once for both editions); these tests
say which notebook and which cell failed, faster and more plainly than a failed build does.

Every lab draws all its randomness from one `SEED`, set in a cell tagged `parameters`
(papermill's convention). `--lab-seeds 1,2,3` runs each lab once per seed, with
`SEED = n` put right after that cell: a claim a lab asserts must hold for every seed, not
for the one the page shows (tests/test_portability.py sweeps them).

A lab reads no file but the data in docs/labs/data/, by a path relative to the notebook
(mkdocs-jupyter runs a notebook in its own folder); where the file is absent, as in Colab,
it fetches the copy the site publishes. The tests run each lab in an empty directory
holding only a copy of that folder.
"""

import json
import re
import shutil

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tests.harness import FIXTURES, ROOT, load_hook, relative

LABS = sorted((ROOT / "docs" / "labs").glob("*.ipynb"))
LAB_DATA = ROOT / "docs" / "labs" / "data"
URL = re.compile(r"""https?://[^\s"'<>)]+""")
EXERCISE = re.compile(r"^\d+\. ")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# A seed written as a number bypasses SEED, and the sweep would not vary it.
LITERAL_SEED = re.compile(r"(manual_seed|default_rng|seed)\(\s*\d")


class NotebookFailed(AssertionError):
    pass


def describe(path, index, cell):
    first_line = (cell.source.strip().splitlines() or [""])[0]
    return f'{relative(path)}: cell {index} (starting "{first_line}")'


def parameters_cell(notebook):
    """The index of the one cell tagged `parameters`, or None."""
    tagged = [i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", [])]
    return tagged[0] if len(tagged) == 1 else None


def run_notebook(path, workdir, seed=None):
    """Run every cell in a fresh kernel in `workdir`, given a copy of the labs' data.

    Fail naming the cell. With a seed, a cell `SEED = seed` runs right after the parameters
    cell.
    """
    shutil.copytree(LAB_DATA, workdir / LAB_DATA.name)
    notebook = nbformat.read(path, as_version=4)
    inserted = None
    if seed is not None:
        inserted = parameters_cell(notebook) + 1
        notebook.cells.insert(inserted, nbformat.v4.new_code_cell(f"SEED = {seed}"))
    client = NotebookClient(
        notebook, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(workdir)}}
    )
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                traceback = ANSI.sub("", str(error.traceback)).strip()
                # The cell's number in the notebook as stored, before SEED was put in.
                stored = index - (inserted is not None and index > inserted)
                with_seed = "" if seed is None else f" with SEED = {seed}"
                raise NotebookFailed(
                    f"{describe(path, stored, cell)}{with_seed} raised {error.ename}: {error.evalue}\n{traceback}"
                ) from None


@pytest.mark.parametrize("path", LABS, ids=lambda path: path.name)
def test_lab_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    stored = [
        describe(path, index, cell)
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not stored, (
        "notebooks are stored without outputs (the build makes them); clear these cells "
        "(Jupyter: Edit > Clear Outputs of All Cells):\n" + "\n".join(stored)
    )


# A fence that opens Python in Markdown: code a reader sees that no test runs.
PYTHON_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*(python|py|pycon)\b", re.IGNORECASE)


@pytest.mark.parametrize("path", [*LABS, *(lab.with_suffix(".ko.md") for lab in LABS)], ids=lambda path: path.name)
def test_lab_shows_python_only_in_code_cells(path):
    """Every piece of Python a lab shows runs: it belongs in a code cell, which the tests
    execute, not in a fenced block of a Markdown cell (or of the Korean text), which
    nothing runs."""
    if path.suffix == ".ipynb":
        cells = nbformat.read(path, as_version=4).cells
        places = [
            f"{describe(path, index, cell)}, its line {number}"
            for index, cell in enumerate(cells) if cell.cell_type == "markdown"
            for number, line in enumerate(cell.source.splitlines(), 1) if PYTHON_FENCE.match(line)
        ]
    else:
        lines = path.read_text(encoding="utf-8").splitlines()
        places = [f"{relative(path)}:{number}" for number, line in enumerate(lines, 1) if PYTHON_FENCE.match(line)]
    assert not places, "Python in Markdown, where no test runs it; make it a code cell:\n" + "\n".join(places)


@pytest.mark.parametrize("path", LABS, ids=lambda path: path.name)
def test_lab_draws_all_its_randomness_from_one_seed_parameter(path):
    notebook = nbformat.read(path, as_version=4)
    index = parameters_cell(notebook)
    assert index is not None, f"{relative(path)}: tag exactly one cell `parameters` (the one that sets SEED)"
    assert re.search(r"^SEED = \d+", notebook.cells[index].source, re.MULTILINE), (
        f"{describe(path, index, notebook.cells[index])}: the parameters cell must set SEED = <number>"
    )
    literal = [
        describe(path, i, cell)
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and LITERAL_SEED.search(cell.source)
    ]
    assert not literal, "seed these from SEED, not from a number, so the seed sweep varies them:\n" + "\n".join(literal)


def site_url():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r"^site_url: (\S+)", config, re.MULTILINE).group(1)


@pytest.mark.parametrize("path", LABS, ids=lambda path: path.name)
def test_lab_downloads_only_the_books_own_copy_of_its_data(path):
    """Outside the repository a lab fetches its data from the site, which must publish it."""
    published = site_url() + "labs/data/"
    notebook = nbformat.read(path, as_version=4)
    wrong = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        for url in URL.findall(cell.source):
            name = url.removeprefix(published)
            if name == url or not (LAB_DATA / name).is_file():
                wrong.append(f"{describe(path, index, cell)}: {url}")
    assert not wrong, (
        f"a lab may fetch only a file of docs/labs/data/, from {published}<file>:\n" + "\n".join(wrong)
    )


# The exercises' heading and the words that mark an exercise open-ended, per edition.
EXERCISES = {"en": ("## Exercises", "open-ended"), "ko": ("## 연습 문제", "열린 문제")}
NEXT = ("**Next:**", "**다음:**")  # the closing cell of a lab that has a next page


@pytest.mark.parametrize("lang", EXERCISES)
@pytest.mark.parametrize("path", LABS, ids=lambda path: path.name)
def test_every_lab_exercise_has_a_tested_solution_or_says_it_is_open_ended(path, lang):
    """After `## Exercises`, each exercise is a Markdown cell `N. ...`; the cells tagged
    `solution` right after it are its solution (the site folds them away; the tests run
    them). An exercise without one must say it is open-ended. The Korean notebook is the
    English one with the Markdown of `X.ko.md` (hooks/notebooks.py), and says so in Korean."""
    heading_text, open_ended = EXERCISES[lang]
    notebook = nbformat.read(path, as_version=4)
    if lang != "en":
        notebook = load_hook("notebooks").translate(notebook, path.with_suffix(f".{lang}.md"))
        path = path.with_suffix(f".{lang}.md")
    cells = notebook.cells
    tagged = ["solution" in cell.metadata.get("tags", []) for cell in cells]
    heading = next((i for i, cell in enumerate(cells) if heading_text in cell.source and cell.cell_type == "markdown"), None)
    assert heading is not None, f"{relative(path)}: no `{heading_text}` section"
    problems = [describe(path, i, cell) + ": a solution outside the exercises" for i, cell in enumerate(cells[:heading]) if tagged[i]]
    exercises = 0
    # The section runs to the end, or to the closing cell that says where to go next.
    end = len(cells) - 1 if cells[-1].cell_type == "markdown" and cells[-1].source.startswith(NEXT) else len(cells)
    for i in range(heading + 1, end):
        cell = cells[i]
        if tagged[i]:
            continue
        if cell.cell_type != "markdown" or not EXERCISE.match(cell.source):
            problems.append(describe(path, i, cell) + ": expected an exercise (`N. ...`) or a cell tagged `solution`")
            continue
        exercises += 1
        solution = cells[i + 1 : next((j for j in range(i + 1, end) if not tagged[j]), end)]
        if not any(cell.cell_type == "code" for cell in solution) and open_ended not in cell.source.lower():
            problems.append(describe(path, i, cell) + f": give it a solution (cells tagged `solution`) or say {open_ended!r}")
    assert exercises, f"{relative(path)}: the `{heading_text}` section has no exercise cells"
    assert not problems, "\n".join(problems)


def pytest_generate_tests(metafunc):
    if "seed" in metafunc.fixturenames:
        seeds = metafunc.config.getoption("lab_seeds")
        metafunc.parametrize("seed", seeds, ids=lambda seed: "own seed" if seed is None else f"SEED={seed}")


@pytest.mark.parametrize("path", LABS, ids=lambda path: path.name)
def test_lab_runs_top_to_bottom(path, seed, tmp_path):
    try:
        run_notebook(path, tmp_path, seed)
    except NotebookFailed as failure:
        pytest.fail(str(failure), pytrace=False)


def test_a_failing_cell_names_notebook_cell_and_error(tmp_path):
    fixture = FIXTURES / "failing_assertion.ipynb"
    with pytest.raises(NotebookFailed) as failure:
        run_notebook(fixture, tmp_path)
    message = str(failure.value)
    assert message.startswith('tests/fixtures/failing_assertion.ipynb: cell 2 (starting "assert answer == 43')
    assert "raised AssertionError: the answer is 42" in message


def test_a_plot_without_alt_text_fails_the_build_and_alt_metadata_is_used(tmp_path):
    from mkdocs.exceptions import PluginError
    from mkdocs_jupyter.nbconvert2 import nb2html

    hook = load_hook("notebooks")
    fixture = FIXTURES / "plot_without_alt.ipynb"
    with pytest.raises(PluginError, match=r'fixture\.ipynb: cell 1 \(code starting "show_a_plot\(\)"\) draws 1 image'):
        hook.add_alt_text(nb2html(str(fixture)), "fixture.ipynb", json.loads(fixture.read_text()))

    notebook = json.loads(fixture.read_text())
    notebook["cells"][1]["metadata"]["alt"] = "A single white pixel, standing in for a plot."
    described = tmp_path / "described.ipynb"
    described.write_text(json.dumps(notebook))
    page = hook.add_alt_text(nb2html(str(described)), "described.ipynb", notebook)
    assert re.findall(r'<img alt="([^"]*)"', page) == ["A single white pixel, standing in for a plot."]


def test_solution_cells_are_folded_into_one_collapsed_box_each(tmp_path):
    from mkdocs_jupyter.nbconvert2 import nb2html

    hook = load_hook("notebooks")
    solution = {"tags": ["solution"]}
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("1. An exercise."),
            nbformat.v4.new_code_cell("answer = 42", metadata=solution),
            nbformat.v4.new_markdown_cell("Why it is 42.", metadata=solution),
            nbformat.v4.new_markdown_cell("2. *Open-ended:* another."),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    path = tmp_path / "exercises.ipynb"
    nbformat.write(notebook, path)
    page = hook.fold_solutions(nb2html(str(path)), "exercises.ipynb", json.loads(path.read_text()))
    folded = re.findall(r'<details class="success"><summary>Solution</summary>(.*?)</details>', page, re.DOTALL)
    assert len(folded) == 1, page
    assert "answer" in folded[0] and "Why it is 42." in folded[0]
    assert "An exercise." not in folded[0] and "another." not in folded[0]


def test_notebook_pages_keep_only_the_css_that_can_match():
    """nbconvert inlines all of JupyterLab's CSS on every notebook page; the build keeps
    the rules whose selectors can match the page (hooks/notebooks.py, used_css)."""
    css = (".a{x:1}.b{y:2}.a .c, .d{z:3}.a:not(.zz){t:0}@media (max-width:1px){.a{w:4}.e{v:5}}"
           "@media print{.e{v:6}}.jupyter-wrapper :root{--v:1}:root{--u:2}")
    kept = load_hook("notebooks").used_css(css, {"a", "c", "jupyter-wrapper"})
    assert kept == ".a{x:1}.a .c, .d{z:3}.a:not(.zz){t:0}@media (max-width:1px){.a{w:4}}:root{--u:2}"


def test_no_notebook_page_carries_unused_stylesheets(site):
    """A regression guard on what a lab page weighs: its inline CSS stays small."""
    heavy = []
    for page in sorted(site.rglob("labs/*/index.html")):
        css = sum(map(len, re.findall(r"<style[^>]*>(.*?)</style>", page.read_text(encoding="utf-8"), re.DOTALL)))
        if css > 80_000:
            heavy.append(f"{page.relative_to(site)}: {css:,} bytes of inline CSS")
    assert not heavy, "\n".join(heavy)
