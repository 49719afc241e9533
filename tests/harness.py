"""Run the Python code blocks of the book's pages with pytest-codeblocks.

pytest-codeblocks' own parser reads a page's raw Markdown, so every failure points at a
line of the .md file. Each block's `--8<--` includes are then expanded by
pymdownx.snippets' own preprocessor, configured from mkdocs.yml, so the test runs exactly
the code the site shows and compares its stdout with the output block the site shows.

Two gaps of the stock plugin are closed here: a fence whose info string carries
attributes (```` ```python title="x.py" ````) or says `py` is run, not silently skipped;
and a fence the parser cannot see (`~~~`) or whose language is neither run nor shown-only
becomes a failing test instead of passing unnoticed.
"""

import importlib.util
import io
import re
import sys
import traceback
from functools import cache
from pathlib import Path

import pytest
from mkdocs.config import load_config
from pymdownx.snippets import SnippetMissingError
from pytest_codeblocks.main import extract_from_buffer
from pytest_codeblocks.plugin import TestBlock

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
EXAMPLES = sorted(SNIPPETS.rglob("*.py"))
FIXTURES = ROOT / "tests" / "fixtures"
RUN = {"python", "py", "python3"}
# Fences a reader sees but that are not programs: outputs, diagrams, shell sessions.
SHOWN_ONLY = {"text", "console"}
FENCE = re.compile(r"^(?P<indent>\s*)(?P<mark>`{3,}|~{3,})(?P<info>.*)$")


def load_hook(name, folder="hooks"):
    """hooks/<name>.py, the mkdocs hook, as a module, loaded as mkdocs loads it: as a file,
    with its folder on sys.path while it runs, so that a hook can import another. With
    `folder`, a script of that folder (scripts/book_pdf.py), loaded the same way."""
    spec = importlib.util.spec_from_file_location(f"{folder}_{name}", ROOT / folder / f"{name}.py")
    hook = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / folder))
    try:
        spec.loader.exec_module(hook)
    finally:
        sys.path.remove(str(ROOT / folder))
    return hook


NOTEBOOKS = load_hook("chapter_notebooks")
# `python title="a.py"`, `{ .python .annotate }` and `py` all name Python; the build reads
# fences the same way when it makes a chapter's notebook.
fence_language = NOTEBOOKS.fence_language
# A `--8<-- "file"` line, as the build finds the files a page is made from.
INCLUDE = load_hook("page_facts").INCLUDE


def relative(path):
    """A path as the reader of a report finds it: from the project root, if it is inside."""
    path = Path(path).resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def scan_fences(text):
    """Every fenced block of a Markdown text as (line number, language), ``` or ~~~ alike.

    Independent of pytest-codeblocks' parser, so the two can be checked against each other.
    """
    fences, opened = [], None
    for lineno, line in enumerate(text.splitlines(), start=1):
        match = FENCE.match(line)
        if not match:
            continue
        mark, info = match["mark"], match["info"].strip()
        if opened is None:
            opened = mark
            fences.append((lineno, fence_language(info)))
        elif mark[0] == opened[0] and len(mark) >= len(opened) and not info:
            opened = None
    return fences


def included_files(text):
    """The snippet paths that the `--8<--` lines of a text include."""
    return INCLUDE.findall(text)


@cache
def expander():
    """pymdownx.snippets as the site configures it (hooks/chapter_notebooks.py makes it)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return NOTEBOOKS.snippet_expander(config["mdx_configs"]["pymdownx.snippets"])


def expand(text):
    """The text with its includes replaced by the files, as the page shows it."""
    return expander()(text)


def pytest_addoption(parser):
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite every example's .out file with what the example prints now",
    )
    parser.addoption(
        "--lab-seeds",
        type=lambda text: [int(seed) for seed in text.split(",")],
        default=[None],
        metavar="0,1,2",
        help="run every lab once per seed given, setting SEED after its parameters cell",
    )


def is_page(path):
    """A Markdown page of the book; not a lab's translation (docs/labs/X.ko.md beside
    X.ipynb), which is the text of a notebook's Markdown cells, whose code is not run."""
    translation = path.name.endswith(".ko.md") and path.with_name(path.name.removesuffix(".ko.md") + ".ipynb").is_file()
    return path.suffix == ".md" and not translation


def pytest_collect_file(file_path, parent):
    if is_page(file_path):
        return Page.from_parent(parent, path=file_path)


class Page(pytest.File):
    def collect(self):
        text = self.path.read_text(encoding="utf-8")
        parsed = {block.lineno: block for block in extract_from_buffer(io.StringIO(text))}
        for lineno, language in scan_fences(text):
            block = parsed.get(lineno)
            if language in RUN and block is not None:
                block.syntax = "python"
                sources = included_files(block.code)
                name = f"line {lineno}" + (f" [{' '.join(sources)}]" if sources else "")
                yield Block.from_parent(self, name=name, obj=block, sources=sources)
            elif language in RUN:
                why = (
                    "this Python fence is not run as a block of its own: pytest-codeblocks "
                    "does not see ~~~ fences, and takes a fence after expected-output as an output"
                )
                yield Unrunnable.from_parent(self, name=f"line {lineno}", why=why)
            elif language not in SHOWN_ONLY:
                why = (
                    f"a fence in language {language or '(none)'!r} is neither run nor shown-only: "
                    f"mark code as python (it will run) and outputs as one of {sorted(SHOWN_ONLY)}"
                )
                yield Unrunnable.from_parent(self, name=f"line {lineno}", why=why)


class Block(TestBlock):
    """One Python fence, run by pytest-codeblocks once its includes are expanded."""

    def __init__(self, *, sources, **kwargs):
        super().__init__(**kwargs)
        self.sources = sources
        self.outputs = included_files(self.obj.expected_output or "")

    def runtest(self):
        self.obj.code = expand(self.obj.code)
        # A block without an output block promises to print nothing.
        self.obj.expected_output = expand(self.obj.expected_output or "")
        super().runtest()

    def repr_failure(self, excinfo):
        where = f"{relative(self.path)}:{self.obj.lineno}"
        code = " + ".join(f"snippets/{source}" for source in self.sources) or "code written on the page"
        error = excinfo.value
        if isinstance(error, SnippetMissingError):
            return f"{where}: {error}"
        if error.__context__ is not None:
            # pytest-codeblocks re-raises what the block raised as a RuntimeError.
            return f"{where}: the block ({code}) raised an exception\n" + self._traceback(error.__context__)
        if not self.outputs and not self.obj.expected_output:
            return f"{where}: the block ({code}) prints output that the page does not show\n{error}"
        shown = " + ".join(f"snippets/{output}" for output in self.outputs) or "output written on the page"
        return (
            f"{where}: the block ({code}) does not print the output the page shows ({shown}); "
            f"if the new output is right, refresh it with `pytest --update-outputs`\n{error}"
        )

    def _traceback(self, raised):
        """The exception's traceback from the block's own code on, its lines named by file."""
        frames = traceback.extract_tb(raised.__traceback__)
        own = [i for i, frame in enumerate(frames) if frame.filename == "<string>"]
        frames = [self._located(frame) for frame in frames[own[0] if own else 0 :]]
        return "".join(traceback.format_list(frames) + traceback.format_exception_only(raised))

    def _located(self, frame):
        """A frame of the exec'd block, renamed to the file and line the reader sees."""
        if frame.filename != "<string>":
            return frame
        if len(self.sources) == 1:
            return traceback.FrameSummary(f"snippets/{self.sources[0]}", frame.lineno, frame.name)
        return traceback.FrameSummary(relative(self.path), self.obj.lineno + frame.lineno, frame.name)

    def reportinfo(self):
        return self.path, self.obj.lineno - 1, self.name


class Unrunnable(pytest.Item):
    """A fence that would otherwise escape the tests: it fails, naming its line."""

    def __init__(self, *, why, **kwargs):
        super().__init__(**kwargs)
        self.why = why

    def runtest(self):
        raise AssertionError(self.why)

    def repr_failure(self, excinfo):
        return f"{relative(self.path)}:{self.name.removeprefix('line ')}: {self.why}"

    def reportinfo(self):
        return self.path, None, self.name
