"""The labs: notebooks under docs/labs/, stored without outputs, that run top to bottom.

The site build executes them too (mkdocs-jupyter, allow_errors: false); these tests say
which notebook and which cell failed, faster and more plainly than a failed build does.
"""

import json
import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tests.harness import ROOT, load_hook, relative

LABS = sorted((ROOT / "docs" / "labs").glob("*.ipynb"))
FIXTURES = ROOT / "tests" / "fixtures"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class NotebookFailed(AssertionError):
    pass


def describe(path, index, cell):
    first_line = (cell.source.strip().splitlines() or [""])[0]
    return f'{relative(path)}: cell {index} (starting "{first_line}")'


def run_notebook(path, workdir):
    """Run every cell in a fresh kernel from an empty directory; fail naming the cell."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(workdir)}}
    )
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                traceback = ANSI.sub("", str(error.traceback)).strip()
                raise NotebookFailed(
                    f"{describe(path, index, cell)} raised {error.ename}: {error.evalue}\n{traceback}"
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


@pytest.mark.parametrize("path", LABS, ids=lambda path: path.name)
def test_lab_runs_top_to_bottom(path, tmp_path):
    try:
        run_notebook(path, tmp_path)
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
        hook.add_alt_text(nb2html(str(fixture)), "fixture.ipynb", fixture)

    notebook = json.loads(fixture.read_text())
    notebook["cells"][1]["metadata"]["alt"] = "A single white pixel, standing in for a plot."
    described = tmp_path / "described.ipynb"
    described.write_text(json.dumps(notebook))
    page = hook.add_alt_text(nb2html(str(described)), "described.ipynb", described)
    assert re.findall(r'<img alt="([^"]*)"', page) == ["A single white pixel, standing in for a plot."]
