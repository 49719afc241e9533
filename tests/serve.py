"""`mkdocs serve` on a copy of the book, and the edits a writer saves in it.

Shared by tests/test_serve.py (after each save, the served pages that should change have,
and no other) and scripts/bench.py (how long each save takes to reach the browser).
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from typing import Callable

from tests.harness import ROOT

# Not copied: big, rebuilt, or the history. `.cache` (executed labs, typeset formulas) is
# copied only when asked, so that a copy can start cold or warm.
LEFT_OUT = {".git", ".venv", "node_modules", "site", "__pycache__", ".ipynb_checkpoints", ".pytest_cache", "contact-sheet"}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}

CHAPTER = "02-inside-the-cell"
EXAMPLE = "snippets/02_inside_the_cell/cell_parameters_and_shapes"
FIGURE = "img/rnn-cell-inside.svg"


def copy_of_book(target, warm, source=ROOT):
    """The book copied to `target`, its node_modules linked; with the caches if `warm`."""
    left_out = LEFT_OUT if warm else LEFT_OUT | {".cache"}
    shutil.copytree(source, target, ignore=lambda folder, names: [n for n in names if n in left_out], symlinks=True)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


@dataclass
class Edit:
    """One kind of file a writer saves: `change(text, n)` makes the n-th edit, which shows as
    `marker(n)` in the served files `shows_on` (paths under the site) and in no other."""

    kind: str
    path: str
    change: Callable[[str, int], str]
    marker: Callable[[int], str]
    shows_on: tuple
    editions: tuple  # the editions a save of it rebuilds, in order

    @property
    def page(self):
        """The page a writer watches while making this edit."""
        return next((path for path in self.shows_on if path.endswith(".html")), BOTH[0])

    def shown_in(self, body, path, n):
        """Whether the served file at `path` holds the n-th edit (the search index, JSON,
        escapes Hangul)."""
        text = json.dumps(json.loads(body), ensure_ascii=False) if path.endswith(".json") else body.decode()
        return self.marker(n) in text

    def apply(self, tree, n, original=None):
        """Save the n-th edit, made to `original` (by default the file as it is); returns the
        text it replaced."""
        source = tree / self.path
        before = source.read_text(encoding="utf-8")
        changed = self.change(before if original is None else original, n)
        assert self.marker(n) in changed, f"{self.path}: the {self.kind} edit did not go in"
        source.write_text(changed, encoding="utf-8")
        return before


def first(pattern, replacement):
    """An edit that replaces the first match of `pattern`."""
    return lambda text, n: re.sub(pattern, lambda m: replacement(m, n), text, count=1, flags=re.MULTILINE)


BOTH = (f"{CHAPTER}/index.html", f"ko/{CHAPTER}/index.html")
# The chapter as a notebook, in each edition (hooks/chapter_notebooks.py).
NOTEBOOKS = (f"{CHAPTER}/{CHAPTER}.ipynb", f"ko/{CHAPTER}/{CHAPTER}.ko.ipynb")
INDEX = ("search/search_index.json", "ko/search/search_index.json")  # code is not searched
LAB = "labs/01-rnn-from-scratch"
EDITS = [
    Edit("page", f"docs/{CHAPTER}.md", lambda text, n: text + f"\nSaved by a writer, edit {n}.\n",
         lambda n: f"Saved by a writer, edit {n}.", (BOTH[0], NOTEBOOKS[0], INDEX[0]), ("en",)),
    Edit("twin", f"docs/{CHAPTER}.ko.md", lambda text, n: text + f"\n작성자가 저장한 수정 {n}.\n",
         lambda n: f"작성자가 저장한 수정 {n}.", (BOTH[1], NOTEBOOKS[1], INDEX[1]), ("ko",)),
    Edit("example", f"{EXAMPLE}.py", lambda text, n: text + f"# saved by a writer, edit {n}\n",
         lambda n: f"# saved by a writer, edit {n}", BOTH + NOTEBOOKS, ("en", "ko")),
    Edit("output", f"{EXAMPLE}.out", lambda text, n: text + f"saved by a writer, edit {n}\n",
         lambda n: f"saved by a writer, edit {n}", BOTH + NOTEBOOKS, ("en", "ko")),
    # A lab's Korean text: its last cell's (the notebook's code and outputs are the English).
    Edit("lab text", f"docs/{LAB}.ko.md", lambda text, n: text.rstrip("\n") + f" 작성자가 저장한 수정 {n}.\n",
         lambda n: f"작성자가 저장한 수정 {n}.", (f"ko/{LAB}/index.html", f"ko/{LAB}/{LAB.split('/')[1]}.ko.ipynb", INDEX[1]), ("ko",)),
    # The cell's background: a figure's words are translated, its shapes are the same.
    Edit("figure", f"docs/{FIGURE}", first(r'fill="#fff"', lambda m, n: f'fill="#fffff{n}"'),
         lambda n: f'fill="#fffff{n}"', (FIGURE, f"ko/{FIGURE}"), ("en", "ko")),
    # A term's English meaning: the Korean glossary shows its Korean one.
    Edit("glossary", "docs/glossary.yml", first(r'^(    en: ".*)\."$', lambda m, n: f'{m[1]}, edit {n}."'),
         lambda n: f", edit {n}.", ("glossary/index.html", INDEX[0]), ("en", "ko")),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """`mkdocs serve` running in `tree`, as `python3 book.py serve` runs it, with each line
    it logs and when."""

    def __init__(self, tree, base):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}{base}"
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(command, cwd=tree, env=ENV, stderr=subprocess.PIPE, text=True)
        self.lines = []
        threading.Thread(target=self.read, daemon=True).start()
        self.wait_for("Serving on", 0, timeout=600)

    def read(self):
        for line in self.process.stderr:
            self.lines.append((time.perf_counter(), line))

    def log(self):
        return "".join(line for _, line in self.lines)

    def wait_for(self, text, seen, timeout=120):
        """The time and index of the first line containing `text` among the lines after the
        first `seen`."""
        deadline = time.perf_counter() + timeout
        while True:
            for index, (when, line) in enumerate(self.lines[seen:], start=seen):
                if text in line:
                    return when, index
            if time.perf_counter() > deadline or self.process.poll() is not None:
                raise AssertionError(f"mkdocs serve never logged {text!r}:\n{self.log()[-6000:]}")
            time.sleep(0.02)

    def rebuilt(self, seen):
        """After a save: the lines of the rebuild it caused, once the server has reloaded the
        browsers and then stayed quiet for longer than its watcher's polling interval."""
        _, index = self.wait_for("Reloading browsers", seen)
        while True:
            time.sleep(0.8)
            if not any("Detected file changes" in line for _, line in self.lines[index + 1 :]):
                return [line for _, line in self.lines[seen : index + 1]]
            _, index = self.wait_for("Reloading browsers", index + 1)

    def get(self, path):
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return response.read()

    def close(self):
        """Stop the server as Ctrl-C does, so that it removes its temporary site."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
