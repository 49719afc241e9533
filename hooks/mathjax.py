"""Typeset every formula while the site is built: readers' browsers run no math JavaScript.

MathJax (npm `mathjax-full`, pinned in package.json) runs in Node, in one process per build
(hooks/typeset_math.js), and turns each formula into SVG drawn in the text colour, with
hidden MathML for screen readers; the glyph shapes a page uses are written once in it. Pages therefore load no MathJax and no math fonts,
nothing moves as formulas appear, and Material's instant navigation needs no re-typesetting.

The formulas are found in each page's final HTML (on_post_page, after the search plugin has
indexed the page, so search still finds the TeX):

- on Markdown pages, pymdownx.arithmatex (generic mode) has wrapped them in
  `<span class="arithmatex">\\(...\\)</span>` and `<div class="arithmatex">\\[...\\]</div>`;
- on notebook pages, Markdown cells keep `$...$` and `$$...$$` in their text; these are
  wrapped in `<span class="arithmatex">` too, so both kinds of page look alike to the tests.

A formula that TeX cannot read fails the build, naming the page's source file and line.
The stylesheet the SVGs need is served as assets/mathjax/svg.css (extra_css in mkdocs.yml).
"""

import functools
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).parent.parent
SCRIPT = Path(__file__).with_name("typeset_math.js")
PACKAGE = ROOT / "node_modules" / "mathjax-full"
STYLESHEET = "assets/mathjax/svg.css"
CACHE = ROOT / ".cache" / "mathjax"

ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.DOTALL)
# The theme's box for the page's content: the formulas' glyphs go first in it.
CONTENT = re.compile(r'<article class="md-content__inner[^"]*">')
# Text that is not code: a notebook's Markdown prose (its code and outputs are in <pre>).
TAG = re.compile(r"<(?P<close>/?)(?P<name>[a-zA-Z][\w-]*)[^>]*?(?P<empty>/?)>")
VERBATIM = {"pre", "code", "script", "style", "textarea", "title", "svg", "mjx-container"}
# $$display$$ or $inline$ (no space inside the dollars), \$ being a dollar sign.
DOLLARS = re.compile(r"(?<!\\)\$\$.+?(?<!\\)\$\$|(?<![\\$])\$[^$\s](?:[^$]*?[^$\s\\])?\$", re.DOTALL)


class Typesetter:
    """The Node process that typesets, started on the first page that is not in the cache
    (.cache/mathjax/, keyed by the formulas, MathJax's version and typeset_math.js), so that
    a rebuild in `mkdocs serve` typesets only the pages whose formulas changed."""

    def __init__(self):
        node = shutil.which("node")
        if node is None or not (PACKAGE / "package.json").is_file():
            raise PluginError(f"typesetting math needs Node.js and {PACKAGE}: run `python3 book.py serve` (or `npm ci`) first")
        self.node, self.process = node, None
        self.version = hashlib.sha256(SCRIPT.read_bytes() + (PACKAGE / "package.json").read_bytes())

    def cached(self, request, compute):
        key = self.version.copy()
        key.update(json.dumps(request).encode())
        path = CACHE / f"{key.hexdigest()}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
        answer = compute()
        if not any(answer.get("errors") or []):
            path.parent.mkdir(parents=True, exist_ok=True)
            # Whole or not at all: in `mkdocs serve` both editions build at once.
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(answer), encoding="utf-8")
            partial.replace(path)
        return answer

    def start(self):
        if self.process is None:
            self.process = subprocess.Popen([self.node, str(SCRIPT)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            self.css_answer = self.receive()
        return self.process

    @property
    def css(self):
        return self.cached("svg.css", lambda: (self.start(), self.css_answer)[1])["css"]

    def receive(self):
        line = self.process.stdout.readline()
        if not line:
            raise PluginError(f"{SCRIPT.name} stopped (exit code {self.process.wait()}); its error is printed above")
        return json.loads(line)

    def typeset(self, formulas):
        """One page's [(tex, display)] -> ([html], [TeX error or None], the glyphs they use)"""
        request = {"formulas": [{"tex": tex, "display": display} for tex, display in formulas]}

        def compute():
            self.start().stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            return self.receive()

        answer = self.cached(request, compute)
        return answer["html"], answer["errors"], answer["glyphs"]

    def close(self):
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait()


running = None  # this build's Typesetter


def on_pre_build(config):
    global running
    running = Typesetter()


def on_files(files, config):
    files.append(File.generated(config, STYLESHEET, content=running.css))
    return files


def on_post_page(output, page, config):
    name = f"docs/{page.file.edit_uri or page.file.src_uri}"
    return typeset_once(output, page.file.src_uri.endswith(".ipynb"), name, page.file.abs_src_path, running.version.hexdigest())


# `mkdocs serve` builds every page again on each save, and most come out as they were. The
# typeset page depends on its HTML and on the typesetter (MathJax's version and
# typeset_math.js: `version`, as for the cache on disk), nothing else.
@functools.lru_cache(maxsize=128)
def typeset_once(output, notebook, name, source_path, version):
    return typeset_page(wrap_notebook_math(output) if notebook else output, running, name, source_path)


def on_post_build(config):
    running.close()


def on_build_error(error):
    if running is not None and running.process is not None and running.process.poll() is None:
        running.process.kill()


def typeset_page(output, typesetter, name, source_path=None):
    """The page with each arithmatex element's TeX replaced by its typeset SVG, and the
    glyphs these draw put at the start of the page's content (which instant navigation
    swaps with the formulas), or before the first formula on a page without the theme's.

    Not inside the paragraph of the first formula: the glyphs are many kilobytes, and when
    the browser drew the page before it had read them all, the paragraph's text around them
    was laid out again once they were in (a layout shift, seen on ko/05 in one load of three)."""
    found = list(ARITHMATEX.finditer(output))
    if not found:
        return output
    formulas = [tex_of(match["tex"]) for match in found]
    typeset, errors, glyphs = typesetter.typeset(formulas)
    failed = [(tex, error) for (tex, _), error in zip(formulas, errors) if error]
    if failed:
        source = Path(source_path).read_text(encoding="utf-8") if source_path else ""
        raise PluginError(
            "TeX cannot read these formulas:\n"
            + "\n".join(f"{where(name, source, tex)}: {error}: {tex}" for tex, error in failed)
        )
    content = CONTENT.search(output, 0, found[0].start())
    at = content.end() if content else found[0].start()
    pieces, done = [output[:at], glyphs], at
    for match, svg in zip(found, typeset):
        pieces += [output[done : match.start("tex")], svg]
        done = match.end("tex")
    return "".join(pieces) + output[done:]


def tex_of(wrapped):
    """(TeX, display?) of what arithmatex or wrap_notebook_math put in an element."""
    tex = html.unescape(wrapped).strip()
    for opening, closing, display in (("\\(", "\\)", False), ("\\[", "\\]", True), ("$$", "$$", True), ("$", "$", False)):
        if tex.startswith(opening) and tex.endswith(closing) and len(tex) >= len(opening) + len(closing):
            return tex[len(opening) : len(tex) - len(closing)].strip(), display
    return tex, True  # an environment, \begin{align}...\end{align}, on its own


def where(name, source, tex):
    """name:line of the formula's first line in the source, when it appears there as is."""
    first = tex.strip().splitlines()[0].strip() if tex.strip() else tex
    index = source.find(first) if first else -1
    return f"{name}:{source.count(chr(10), 0, index) + 1}" if index >= 0 else name


def wrap_notebook_math(output):
    """Wrap the $...$ and $$...$$ of a notebook page's prose in arithmatex elements."""
    pieces, done, verbatim = [], 0, 0
    for tag in TAG.finditer(output):
        if verbatim == 0 and tag.start() > done:
            pieces.append(DOLLARS.sub(wrap, output[done : tag.start()]))
        else:
            pieces.append(output[done : tag.start()])
        pieces.append(tag.group(0))
        done = tag.end()
        if tag["name"].lower() in VERBATIM and not tag["empty"]:
            verbatim = max(0, verbatim + (-1 if tag["close"] else 1))
    pieces.append(output[done:])
    return "".join(pieces)


def wrap(match):
    return f'<span class="arithmatex">{match.group(0)}</span>'
