"""Make the labs' notebook pages keep the site's guarantees.

mkdocs-jupyter (0.26) renders a notebook through nbconvert; this hook post-processes that
HTML, on every build (its cache stores the HTML before hooks run):

- It removes nbconvert's MathJax-2 block (a `<script src="">` and a `text/x-mathjax-config`
  script). hooks/mathjax.py typesets the notebook's math during the build; the MathJax-2
  script would throw under instant navigation.
- It removes nbconvert's mermaid loader, an inline module that would import mermaid from a
  CDN if a notebook ever drew a mermaid diagram: the book loads nothing from another host.
- It gives every plot its alt text. nbconvert renders a figure as an `<img>` whose alt says
  "No description has been provided for this image"; the code cell that draws it carries
  the description in its metadata, `"alt": "..."` (a list of strings if the cell draws
  several images). A cell whose output has an image but no such text fails the build,
  naming the notebook and the cell.
- It joins a cell's consecutive printed outputs into one block. The kernel sends what a cell
  prints in chunks, cut wherever a timer fires, and nbconvert shows each chunk as a block of
  its own: the same notebook would give a different page on a busier machine.
- It makes each code cell, each code block in a Markdown cell and each printed output
  reachable with the keyboard (tabindex="0"), as the theme does for its own code blocks: a
  long line scrolls it sideways, and a reader without a mouse must be able to scroll it too.
- It folds each exercise's solution away, as `??? success "Solution"` does on the chapters'
  pages: a run of consecutive cells tagged `solution` becomes one collapsed
  `<details class="success">`. The cells still run when the notebook does, so a solution's
  checks are tested like the rest of the lab. If the rendered cells cannot be matched to
  the notebook's, the build fails rather than showing the answers unfolded.
- It fails the build if a link on the page points at an anchor that the page lacks
  (mkdocs' anchor validation does not see notebook pages; mkdocs-jupyter builds the table of
  contents from headings without their `code`, so a heading with `code` breaks its link).

It executes the notebooks itself, before mkdocs-jupyter renders them (which then only
converts): each English notebook runs once, in parallel with the others, in its own folder
(so `data/...` resolves), and the executed copy is kept in .cache/labs/ under a hash of the
notebook and of the data it may read, so later builds and `mkdocs serve` reuse it. The
Korean edition (hooks/editions.py) renders the same executed cells with its Markdown cells
replaced from `labs/X.ko.md` (`<!-- cell: id -->` then the cell's Korean text; `<!-- alt: id -->`
then a plot's Korean alt text): the code exists once and runs once. A failing cell fails the
build, naming the notebook and the cell.

The kernels that execute the notebooks encrypt their local connection (CurveZMQ); without
it each kernel logs "WARNING | Kernel is running over TCP without encryption", and a
warning fails the build.
"""

import fcntl
import functools
import hashlib
import html
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import markdown
import nbformat
import tinycss2
from mkdocs.exceptions import PluginError
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from traitlets.config import Config

MATHJAX2 = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->\s*", re.DOTALL)
MERMAID = re.compile(
    r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded", async \(\) => \{'
    r'\s*const diagrams = document\.querySelectorAll\("\.jp-Mermaid.*?</script>\s*',
    re.DOTALL,
)
CELL = re.compile(r'<div\b[^>]*\bclass="jp-Cell\s+jp-(?P<kind>Code|Markdown|Raw)Cell\b[^>]*>')
ANCHOR_LINK = re.compile(r'href="#([^"]+)"')
ID = re.compile(r'\bid="([^"]+)"')
TEXT_CHILD = (
    r'<div class="jp-OutputArea-child">\s*<div class="jp-OutputPrompt jp-OutputArea-prompt"></div>\s*'
    r'<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain"[^>]*>\s*'
    r"<pre>(?:(?!</pre>).)*</pre>\s*</div>\s*</div>"
)
TEXT_RUN = re.compile(rf"(?:{TEXT_CHILD}\s*){{2,}}", re.DOTALL)
PRE = re.compile(r"<pre>(.*?)</pre>", re.DOTALL)
IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>")
ALT = re.compile(r'\s+alt="[^"]*"')
DIV_TAG = re.compile(r"<div\b|</div>")
# A printed output, which scrolls sideways rather than wrap its lines (book.css).
PRINTED = re.compile(r'(?P<open><div class="jp-RenderedText jp-OutputArea-output"[^>]*>\s*)<pre>')
CODE_CELL = re.compile(r'<div class="highlight-ipynb\b[^"]*"(?![^>]*\btabindex=)')
MIN_ALT_WORDS = 4
ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "labs"
KERNELS = Config({"KernelManager": {"transport_encryption": "auto"}})
TRANSLATION = re.compile(r"^<!-- (cell|alt): ([\w-]+) -->[ \t]*$", re.MULTILINE)
SUMMARY = {"en": "Solution", "ko": "풀이"}
STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.DOTALL)
NOT_ROOT = re.compile(r"\S\s*:root\b")
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)"(?P<attrs>[^>]*)>(?P<inner>.*?)</h(?P=level)>', re.DOTALL)


def on_files(files, config):
    """Point every notebook page at its executed copy (translated for the Korean edition)."""
    notebooks = [f for f in files if f.src_uri.endswith(".ipynb")]
    # One kernel per core, each on one thread (torch's threads would fight over the cores),
    # the later labs first: they run longest.
    workers = os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        run = lambda f: executed_copy(Path(f.abs_src_path), f"docs/{f.src_uri}", threads=1 if workers > 1 else None)
        executed = list(pool.map(run, notebooks[::-1]))[::-1]
    for notebook, path in zip(notebooks, executed):
        if config.theme["language"] != "en":
            path = translated_copy(path, Path(notebook.abs_src_path), config.theme["language"])
            notebook.edit_uri = notebook.src_uri.removesuffix(".ipynb") + f".{config.theme['language']}.md"
        notebook.abs_src_path = str(path)
    return files


def executed_copy(source, name, threads=None):
    """.cache/labs/<hash>/<name>.ipynb: the notebook run top to bottom in its own folder."""
    digest = hashlib.sha256(source.read_bytes())
    for data in sorted((source.parent / "data").rglob("*")):
        if data.is_file():
            digest.update(data.relative_to(source.parent).as_posix().encode() + data.read_bytes())
    target = CACHE / digest.hexdigest()[:16] / source.name
    if target.is_file():
        return target
    # In `mkdocs serve` both editions build at once, in two processes: one runs the lab,
    # the other waits for it and takes its copy.
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / "running.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return target if target.is_file() else execute(source, name, threads, target)


def execute(source, name, threads, target):
    notebook = nbformat.read(source, as_version=4)
    failed = {}

    def on_cell_error(cell, cell_index, execute_reply):
        failed["index"] = cell_index

    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(source.parent)}}, config=KERNELS
    )
    client.on_cell_error = on_cell_error
    env = {**os.environ, **({"OMP_NUM_THREADS": str(threads)} if threads else {})}
    try:
        client.execute(env=env)
    except CellExecutionError as error:
        raise PluginError(f"{name}: cell {failed.get('index', '?')} failed:\n{error}") from None
    nbformat.write(notebook, target.with_suffix(".tmp"))
    target.with_suffix(".tmp").replace(target)
    return target


def translated_copy(executed, source, lang):
    """The executed notebook with its Markdown cells and plots' alt text in `lang`."""
    text_file = source.with_suffix(f".{lang}.md")
    notebook = translate(nbformat.read(executed, as_version=4), text_file)
    # Named X.ko.ipynb: mkdocs-jupyter copies it beside the page under this name for the
    # reader to download, and a reader with both editions' downloads keeps both.
    folder = f"{executed.parent.name}-{lang}-{hashlib.sha256(text_file.read_bytes()).hexdigest()[:16]}"
    target = executed.parent.parent / folder / f"{source.stem}.{lang}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return target


def translate(notebook, text_file):
    """`notebook` with the Markdown cells and plots' alt text that `text_file` gives by cell id."""
    name = f"docs/{text_file.relative_to(ROOT / 'docs').as_posix()}"
    text = text_file.read_text(encoding="utf-8")
    marks = list(TRANSLATION.finditer(text))
    if not marks or text[: marks[0].start()].strip():
        raise PluginError(f"{name}:1: the file must start with a <!-- cell: id --> line")
    cells = {cell.get("id"): cell for cell in notebook.cells}
    markdown = [cell.id for cell in notebook.cells if cell.cell_type == "markdown"]
    seen, alts = [], {}
    for mark, end in zip(marks, [m.start() for m in marks[1:]] + [len(text)]):
        kind, cell_id, body = mark[1], mark[2], text[mark.end() : end].strip("\n")
        cell = cells.get(cell_id)
        if cell is None or cell.cell_type != ("markdown" if kind == "cell" else "code"):
            line = text.count("\n", 0, mark.start()) + 1
            raise PluginError(f"{name}:{line}: the notebook has no {'Markdown' if kind == 'cell' else 'code'} cell {cell_id!r}")
        if kind == "cell":
            seen.append(cell_id)
            cell.source = body
        else:
            alts.setdefault(cell_id, []).append(" ".join(body.split()))
    if seen != markdown:
        raise PluginError(
            f"{name}: the Markdown cells, each once and in order, are {markdown}; this file has {seen}"
        )
    for cell_id, texts in alts.items():
        english = cells[cell_id].metadata.get("alt")
        if len(texts) != (1 if isinstance(english, str) else len(english or [])):
            raise PluginError(f"{name}: cell {cell_id!r} draws {english and len(english)} image(s) but has {len(texts)} alt text(s)")
        cells[cell_id].metadata["alt"] = texts[0] if isinstance(english, str) else texts
    missing = [c.id for c in notebook.cells if c.cell_type == "code" and "alt" in c.metadata and c.id not in alts]
    if missing:
        raise PluginError(f"{name}: no <!-- alt: id --> text for the plots of cells {missing}")
    return notebook


def on_page_content(content, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return content
    english = (ROOT / "docs" / page.file.src_uri).read_text(encoding="utf-8")
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    language = config.theme["language"]
    if language != "en":
        for link, anchor in zip(flatten(page.toc, "children"), heading_ids(english)):
            link.id = anchor  # the contents link to the English ids the page's headings get
    return notebook_content(content, page.file.src_uri, source, english, language)


# `mkdocs serve` builds every page again on each save, and most come out as they were: the
# page's content depends on nothing else than these arguments.
@functools.lru_cache(maxsize=32)
def notebook_content(content, src_uri, source, english, language):
    """The notebook page's content: nbconvert's leftovers out, outputs joined, code and
    output focusable, the English notebook's heading ids, plots' alt text, solutions folded.
    `source` is the notebook the page was rendered from (in Korean, the translated one),
    `english` the English notebook."""
    name = f"docs/{src_uri}"
    content = MERMAID.sub("", MATHJAX2.sub("", content))
    for leftover in ("text/x-mathjax-config", "MathJax.Hub", "cdnjs.cloudflare.com"):
        if leftover in content:
            raise PluginError(
                f"{name}: the rendered page still contains {leftover!r}; nbconvert's template "
                "changed, update hooks/notebooks.py to remove it"
            )
    content = TEXT_RUN.sub(join_printed_outputs, content)
    content = CODE_CELL.sub(lambda cell: cell.group(0) + ' tabindex="0"', content)
    content = content.replace('<div class="highlight"><pre>', '<div class="highlight"><pre tabindex="0">')
    content = PRINTED.sub(r'\g<open><pre tabindex="0">', content)
    notebook = json.loads(source)
    if language != "en":
        content = english_anchors(content, heading_ids(english), name)
    summary = SUMMARY[language]
    return fold_solutions(add_alt_text(content, name, notebook), name, notebook, summary)


@functools.lru_cache(maxsize=32)
def heading_ids(english):
    """The ids of the English notebook's headings, in order (`english` is its JSON)."""
    notebook = nbformat.reads(english, as_version=4)
    toc = markdown.Markdown(extensions=["toc", "fenced_code"])
    toc.convert("\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown"))
    return [token["id"] for token in flatten(toc.toc_tokens, "children")]


def english_anchors(content, ids, name):
    """Give a translated notebook's headings the English notebook's ids, in order. Headings
    in Korean would get no id at all (the slugs keep ASCII only), and the same ids in both
    editions keep links and anchors alike (on_page_content gives the contents the same)."""
    found = list(HEADING.finditer(content))
    if len(found) != len(ids):
        raise PluginError(f"{name}: {len(found)} headings, but the English notebook has {len(ids)}; keep the same headings")
    pieces, done = [], 0
    for match, anchor in zip(found, ids):
        inner = re.sub(r'href="#[^"]*"', f'href="#{anchor}"', match["inner"])
        pieces += [content[done : match.start()], f'<h{match["level"]} id="{anchor}"{match["attrs"]}>{inner}</h{match["level"]}>']
        done = match.end()
    return "".join(pieces) + content[done:]


def flatten(items, children):
    for item in items:
        yield item
        yield from flatten(item[children] if isinstance(item, dict) else getattr(item, children), children)


def join_printed_outputs(run):
    """The first text output block of a run, holding the text of them all."""
    texts = PRE.findall(run.group(0))
    first = re.match(TEXT_CHILD, run.group(0), re.DOTALL).group(0)
    return PRE.sub(lambda _: "<pre>" + "".join(texts) + "</pre>", first, count=1) + "\n"


def on_post_page(output, page, config):
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    return notebook_page(output, page.file.src_uri)


@functools.lru_cache(maxsize=32)
def notebook_page(output, src_uri):
    """The page with only the CSS it can use, once its anchors are checked."""
    missing = sorted(set(ANCHOR_LINK.findall(output)) - set(ID.findall(output)))
    if missing:
        raise PluginError(
            f"docs/{src_uri}: links to missing anchors {', '.join('#' + a for a in missing)}; "
            "a heading with `code` in it gets a table-of-contents link that misses: drop the backticks"
        )
    classes = {name for names in CLASS_ATTRIBUTE.findall(output) for name in names.split()}
    return STYLE.sub(lambda style: style[1] + used_css(style[2], classes) + style[3], output)


def used_css(css, classes):
    """The rules of a stylesheet that can match this page: a selector naming a class the
    page does not have matches nothing. nbconvert inlines all of JupyterLab's CSS (about
    570 KB) on every notebook page; a lab uses a few per cent of it."""
    kept = []
    for text, needs, inner in css_rules(css):
        if inner is not None:
            inner = used_css(inner, classes)
            if inner:
                kept.append(text.format(inner))
        elif needs is None or any(required <= classes for required in needs):
            kept.append(text)
    return "".join(kept)


@functools.lru_cache(maxsize=16)
def css_rules(css):
    """A stylesheet parsed once for every page that inlines it (every lab, in both editions,
    and every rebuild of `mkdocs serve`): each rule as (its text, the class sets one of its
    selectors needs or None for a rule that always stays, the inner stylesheet of an
    @media rule whose text is a format string around it or None)."""
    rules = []
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type == "qualified-rule":
            needs = tuple(frozenset(selector_classes(s)) for s in selectors(rule.prelude) if can_ever_match(s))
            if needs:
                rules.append((rule.serialize(), needs, None))
        elif rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content is not None:
            prelude = tinycss2.serialize(rule.prelude).strip().replace("{", "{{").replace("}", "}}")
            rules.append((f"@media {prelude}{{{{{{}}}}}}", None, tinycss2.serialize(rule.content)))
        elif rule.type == "at-rule":
            rules.append((rule.serialize(), None, None))
    return tuple(rules)


def selectors(prelude):
    """A rule's selectors: its prelude cut at the commas outside brackets."""
    current = []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            yield current
            current = []
        else:
            current.append(token)
    yield current


def can_ever_match(selector):
    """nbconvert's `.jupyter-wrapper :root` (80 KB of custom properties) never matches: the
    root element is nobody's descendant."""
    return not NOT_ROOT.search(tinycss2.serialize(selector).strip())


def selector_classes(tokens):
    """The class names a selector requires (those inside :not() or :is() are not required)."""
    for before, token in zip([None, *tokens], tokens):
        if token.type == "ident" and before is not None and before.type == "literal" and before.value == ".":
            yield token.value


def cell_starts(content):
    """The opening tag of each cell's outermost <div>, in order."""
    starts = []
    for match in CELL.finditer(content):
        # mkdocs-jupyter wraps nbconvert's cell <div> in one of its own: one cell, two tags.
        if starts and starts[-1]["kind"] == match["kind"] and not content[starts[-1].end() : match.start()].strip():
            continue
        starts.append(match)
    return starts


def element_end(content, start):
    """Where the <div> opened at `start` closes (nbconvert escapes any "<div" in code)."""
    depth = 0
    for tag in DIV_TAG.finditer(content, start):
        depth += 1 if tag.group(0) == "<div" else -1
        if depth == 0:
            return tag.end()
    raise ValueError("unbalanced <div> in the rendered notebook")


def fold_solutions(content, name, notebook, summary="Solution"):
    """Wrap each run of consecutive cells tagged `solution` in a collapsed admonition."""
    starts = cell_starts(content)
    if len(starts) != len(notebook["cells"]):
        raise PluginError(
            f"{name}: {len(notebook['cells'])} cells but {len(starts)} rendered; "
            "hooks/notebooks.py cannot tell which cells are solutions"
        )
    runs = []  # [start, end] of each run in content
    for match, cell in zip(starts, notebook["cells"]):
        if "solution" not in cell["metadata"].get("tags", []):
            continue
        end = element_end(content, match.start())
        if runs and not content[runs[-1][1] : match.start()].strip():
            runs[-1][1] = end
        else:
            runs.append([match.start(), end])
    pieces, done = [], 0
    for start, end in runs:
        pieces += [
            content[done:start],
            f'<details class="success"><summary>{summary}</summary>\n',
            content[start:end],
            "\n</details>",
        ]
        done = end
    return "".join(pieces) + content[done:]


def add_alt_text(content, name, notebook):
    """Put each code cell's metadata "alt" on the images its outputs rendered."""
    code_cells = [(index, cell) for index, cell in enumerate(notebook["cells"]) if cell["cell_type"] == "code"]
    starts = cell_starts(content)
    rendered = [match.start() for match in starts if match["kind"] == "Code"]
    if len(rendered) != len(code_cells):
        raise PluginError(
            f"{name}: {len(code_cells)} code cells but {len(rendered)} rendered; "
            "hooks/notebooks.py cannot tell which cell drew which image"
        )
    bounds = [match.start() for match in starts] + [len(content)]
    pieces, done = [], 0
    for (index, cell), start in zip(code_cells, rendered):
        end = next(bound for bound in bounds if bound > start)
        images = list(IMG.finditer(content, start, end))
        if not images:
            continue
        alts = cell["metadata"].get("alt")
        alts = [alts] * len(images) if isinstance(alts, str) else list(alts or [])
        first_line = "".join(cell["source"]).strip().splitlines()[0]
        where = f'{name}: cell {index} (code starting "{first_line}")'
        if len(alts) != len(images) or any(len(str(alt).split()) < MIN_ALT_WORDS for alt in alts):
            raise PluginError(
                f'{where} draws {len(images)} image(s) but its metadata has no matching "alt": '
                'give the cell "alt": "<a full sentence describing the plot>" in its metadata '
                f"(a list of {len(images)} such strings for {len(images)} images)"
            )
        for image, alt in zip(images, alts):
            # nbconvert's own alt says "No description has been provided for this image".
            attrs = ALT.sub("", image["attrs"])
            pieces += [content[done : image.start()], f'<img alt="{html.escape(str(alt))}"{attrs}>']
            done = image.end()
    return "".join(pieces) + content[done:]
