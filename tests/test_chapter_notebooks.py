"""Every chapter's notebook (hooks/chapter_notebooks.py) is its page: run top to bottom in a
fresh kernel, as a reader runs it after downloading it, each code cell prints exactly what
the page shows under that example; its links reach the book, and the page offers it for
download and for Colab, where the deploy workflow publishes it."""

import io
import os
import re
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from html.parser import HTMLParser
from pathlib import PurePosixPath
from types import SimpleNamespace

import nbformat
import pytest
from markdown_it import MarkdownIt
from mkdocs.config import load_config
from nbclient import NotebookClient
from pytest_codeblocks.main import extract_from_buffer

from tests.harness import NOTEBOOKS as HOOK
from tests.harness import ROOT, RUN, expand, included_files, load_hook, scan_fences

DOCS = ROOT / "docs"
CHAPTERS = sorted(p for p in DOCS.glob("[0-9][0-9]-*.md") if not p.name.endswith(".ko.md"))
EDITIONS = {"en": ("", ""), "ko": ("ko/", ".ko")}  # folder in the site, suffix of the file
KERNELS = load_hook("notebooks").KERNELS
COLAB = "https://colab.research.google.com/github/"


def page_source(chapter, lang):
    return chapter if lang == "en" else chapter.with_suffix(".ko.md")


def notebook_path(site, chapter, lang):
    folder, suffix = EDITIONS[lang]
    return site / folder / chapter.stem / f"{chapter.stem}{suffix}.ipynb"


CASES = [(chapter, lang) for chapter in CHAPTERS for lang in EDITIONS]
IDS = [page_source(chapter, lang).name for chapter, lang in CASES]


def shown_examples(page):
    """(line, included files, code, output shown) of each Python block of the page, as
    tests/harness.py runs it; the code under a comment naming the file, the fence's title."""
    text = page.read_text(encoding="utf-8")
    lines = text.splitlines()
    blocks = {block.lineno: block for block in extract_from_buffer(io.StringIO(text))}
    examples = []
    for line, language in scan_fences(text):
        if language in RUN:
            block, title = blocks[line], re.search(r'title="([^"]+)"', lines[line - 1])
            code = (f"# {title[1]}\n" if title else "") + expand(block.code)
            examples.append((line, included_files(block.code), code, expand(block.expected_output or "")))
    return examples


def printed(cell):
    return "".join(output.get("text", "") for output in cell.outputs if output.output_type == "stream" and output.name == "stdout")


def failures(cell):
    return [output for output in cell.outputs if output.output_type == "error" or output.get("name") == "stderr"]


@pytest.fixture(scope="session")
def executed(site, tmp_path_factory):
    """Every chapter notebook of both editions, run in a fresh kernel each, two at a time
    (one thread each), in an empty folder: what a reader who downloaded it gets."""

    def run(case):
        chapter, lang = case
        notebook = nbformat.read(notebook_path(site, chapter, lang), as_version=4)
        folder = tmp_path_factory.mktemp(f"{chapter.stem}-{lang}")
        client = NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(folder)}}, config=KERNELS)
        client.execute(env={**os.environ, "OMP_NUM_THREADS": "1"})
        return notebook

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(CASES, pool.map(run, CASES)))


@pytest.mark.parametrize("chapter, lang", CASES, ids=IDS)
def test_chapter_notebook_prints_what_its_page_shows(site, executed, chapter, lang):
    page = page_source(chapter, lang)
    name = page.relative_to(ROOT)
    recorded = nbformat.read(notebook_path(site, chapter, lang), as_version=4)
    cells = [cell for cell in executed[chapter, lang].cells if cell.cell_type == "code"]
    as_built = [cell for cell in recorded.cells if cell.cell_type == "code"]
    examples = shown_examples(page)
    assert len(cells) == len(examples), f"{name}: the notebook has {len(cells)} code cells, the page {len(examples)} examples"
    problems = []
    for number, (cell, built, (line, sources, code, shown)) in enumerate(zip(cells, as_built, examples), start=1):
        where = f"{name}, code cell {number} (the block at line {line}{', ' + ' + '.join(sources) if sources else ''})"
        if cell.source != code.rstrip("\n"):
            problems.append(f"{where}: its code is not the page's")
        elif failures(cell):
            problems.append(f"{where}: it fails in a fresh kernel:\n" + "".join(f"{o.get('ename', '')} {o.get('evalue', o.get('text', ''))}" for o in failures(cell)))
        elif printed(cell) != shown:
            problems.append(f"{where}: prints\n{printed(cell)}but the page shows\n{shown}")
        elif printed(built) != shown:
            problems.append(f"{where}: the downloaded notebook records\n{printed(built)}but the page shows\n{shown}")
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


@pytest.mark.parametrize("chapter, lang", CASES, ids=IDS)
def test_chapter_notebook_keeps_every_heading_folds_every_answer_and_leaves_no_site_markup(site, chapter, lang):
    """Every heading of the page is there, in the page's language; no markup only the site
    reads is left (formulas are in the dollars Jupyter and Colab typeset); and every
    solution is folded: its text in a <details>, its code cells in JupyterLab."""
    page = page_source(chapter, lang)
    notebook = nbformat.read(notebook_path(site, chapter, lang), as_version=4)
    prose = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    text = page.read_text(encoding="utf-8")
    headings = re.findall(r"^(#{1,6} .*?)(?:\s*\{#[\w-]+\})?$", text, re.MULTILINE)
    missing = [heading for heading in headings if heading not in prose]
    assert not missing, f"{page.name}: headings missing from the notebook: {missing}"
    leftovers = [mark for mark in ("\\(", "\\[", "!!!", "???", "--8<--", "<figure", "{#", "{ width") if mark in prose]
    assert not leftovers, f"{page.name}: the notebook's Markdown still has {leftovers}, which Jupyter and Colab do not read"
    folded = len(re.findall(r"^\s*\?\?\? ", text, re.MULTILINE))
    assert prose.count("<details>") >= folded, f"{page.name}: {folded} folded boxes on the page, {prose.count('<details>')} in the notebook"
    for number, cell in enumerate(notebook.cells, start=1):
        opened, closed = len(re.findall(r"^\s*<details\b.*\n\n", cell.source + "\n", re.MULTILINE)), len(re.findall(r"^\s*</details>$", cell.source, re.MULTILINE))
        assert opened == closed == cell.source.count("<details"), f"{page.name}: cell {number} leaves a <details> open, or one without a blank line after it"
    solved = [cell for cell in notebook.cells if "solution" in cell.metadata.get("tags", [])]
    assert len(solved) == solution_examples(text), f"{page.name}: {solution_examples(text)} examples in solutions, {len(solved)} cells tagged"
    assert all(cell.metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True} for cell in solved)


def solution_examples(text):
    """How many Python fences of the page lie inside a `??? success` box."""
    count, box = 0, None  # the indentation of the box we are in
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip())
        if box is not None and line.strip() and indent <= box:
            box = None
        if re.match(r"\s*\?\?\? success\b", line):
            box = indent
        elif box is not None and re.match(r"\s*```python\b", line):
            count += 1
    return count


def test_every_notebooks_markdown_reads_in_jupyter_as_on_the_page(site):
    """Jupyter and Colab read Markdown as CommonMark does, where Python-Markdown, which
    draws the site, is more lenient: `**굵게**입니다` stays two asterisks there. Jupyter
    first takes the formulas out (`$$...$$`, then `$...$`), then reads the rest; read the
    same way (markdown-it, CommonMark), no prose of any notebook of the site, chapters' and
    labs', may show a `*` or `$` it did not mean, or text indented into a code block. Nor a
    `~`: JupyterLab's Markdown (marked) strikes through the text between two of them."""
    reader = MarkdownIt("commonmark").enable("table")
    left = []
    for path in sorted(site.rglob("*.ipynb")):
        for number, cell in enumerate(nbformat.read(path, as_version=4).cells, start=1):
            if cell.cell_type == "markdown":
                prose = re.sub(r"\$[^$]+\$", "@@formula@@", re.sub(r"\$\$.*?\$\$", "@@formula@@", cell.source, flags=re.DOTALL))
                html = reader.render(prose)
                if "<pre><code>" in html:  # every fence of the book names its language
                    left.append(f"{path.relative_to(site)}, cell {number}: text indented as code")
                html = re.sub(r"<(code|pre)\b.*?</\1>", "", html, flags=re.DOTALL)
                left += [f"{path.relative_to(site)}, cell {number}: ...{m[0]}..." for m in re.finditer(r".{0,30}[*$~].{0,30}", html)]
    assert not left, "raw Markdown a notebook reader would see:\n" + "\n".join(left)


class Links(HTMLParser):
    """The ids of a page, and its notebook links (nav.lab-links)."""

    def __init__(self):
        super().__init__()
        self.ids, self.notebook, self.depth = set(), [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "nav" and "lab-links" in (attrs.get("class") or "").split():
            self.depth = 1
        elif self.depth and tag == "a":
            self.notebook.append(attrs)

    def handle_endtag(self, tag):
        if tag == "nav":
            self.depth = 0  # the page's other links (its foot links the PDF) are not the notebook's


@cache
def parsed(path):
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


@pytest.mark.parametrize("chapter, lang", CASES, ids=IDS)
def test_chapter_notebook_links_reach_the_book(site, chapter, lang):
    """Links and figures point at the published book (site_url): each must be a page or a
    file this build makes, and an anchor must be a heading of that page."""
    site_url = load_config(str(ROOT / "mkdocs.yml")).site_url
    notebook = nbformat.read(notebook_path(site, chapter, lang), as_version=4)
    prose = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    targets = re.findall(r"\]\((https?://[^)\s]+)\)", prose)
    ours = [url for url in targets if url.startswith(site_url)]
    figures = len(re.findall(r"\]\(img/[^)]+\.svg\)", page_source(chapter, lang).read_text(encoding="utf-8")))
    assert len([url for url in ours if url.endswith(".svg")]) == figures, "a figure of the page is missing from its notebook"
    broken = []
    for url in ours:
        path, _, anchor = url.removeprefix(site_url).partition("#")
        target = site / path
        if path.endswith("/") or not path:
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{url}: no such file in the site")
        elif anchor and anchor not in parsed(target).ids:
            broken.append(f"{url}: no #{anchor} on that page")
    assert not broken, f"{page_source(chapter, lang).name}'s notebook:\n" + "\n".join(broken)


def notebook_pages(site):
    """Every chapter and lab page of both editions, as (edition folder, page folder)."""
    for lang, (folder, _) in EDITIONS.items():
        for chapter in CHAPTERS:
            yield lang, PurePosixPath(folder) / chapter.stem
        for lab in sorted((DOCS / "labs").glob("*.ipynb")):
            yield lang, PurePosixPath(folder) / "labs" / lab.stem


def test_every_chapter_and_lab_offers_its_notebook_and_colab_where_ci_publishes_it(site):
    """"Download notebook" fetches the file beside the page, named for its edition; "Open in
    Colab" opens the same path on the branch the deploy workflow pushes the site's notebooks
    to (extra.colab of each edition, checked against the workflow in test_workflows.py)."""
    repo = load_config(str(ROOT / "mkdocs.yml")).repo_url.removeprefix("https://github.com/").strip("/")
    problems, names = [], {}
    for lang, page in notebook_pages(site):
        links = parsed(site / page / "index.html").notebook
        download = [a for a in links if "download" in a]
        colab = [a for a in links if a.get("href", "").startswith(COLAB)]
        if len(download) != 1 or len(colab) != 1:
            problems.append(f"{page}: wants one Download and one Colab link, has {links}")
            continue
        file = site / page / download[0]["href"]
        suffix = EDITIONS[lang][1]
        if download[0]["href"] != f"{page.name}{suffix}.ipynb" or not file.is_file():
            problems.append(f"{page}: downloads {download[0]['href']!r}, wants {page.name}{suffix}.ipynb beside the page")
        names.setdefault(download[0]["href"], []).append(lang)
        published = f"{COLAB}{repo}/blob/notebooks/{page}/{download[0]['href']}"
        if colab[0]["href"] != published:
            problems.append(f"{page}: Colab opens {colab[0]['href']}, wants {published}")
    assert not problems, "\n".join(problems)
    assert all(len(langs) == 1 for langs in names.values()), "the two editions' downloads share a file name"



@pytest.mark.parametrize(
    "markdown, problem",
    [
        ('# 1. T\n\n=== "Tab"\n    text\n', "line 3: content tabs"),
        ("# 1. T\n\nA claim.[^1]\n", "line 3: a footnote"),
        ("# 1. T\n\nSee [it](x.md 'title').\n", "line 3: a link with a title"),
        ('# 1. T\n\n--8<-- "a/b.py"\n', "line 3: an include outside a fence"),
        ("# 1. T\n\nA paragraph.\n{ .lead }\n", "line 4: an attribute list"),
        ("# 1. T\n\n## H { #h .x }\n", "line 3: an attribute list"),
        ("# 1. T\n\nRun `#!python len(x)`.\n", "line 3: a highlighted code span"),
    ],
)
def test_markup_without_a_notebook_form_fails_naming_its_line(markdown, problem):
    assert HOOK.unsupported(markdown).startswith(problem)


@pytest.mark.parametrize(
    "markdown, problem",
    [
        ("# 1. T\n\nText.\n\n" + HOOK.EXPECTED_OUTPUT + "\n```text\n1\n```\n", "line 5: an expected output"),
        ("# 1. T\n\n```python\nprint(1)\n```\n\n" + HOOK.EXPECTED_OUTPUT + "\n", "line 7: an expected output"),
        ("# 1. T\n\n```python\nprint(1)\n", "line 3: this fence is never closed"),
    ],
)
def test_an_output_without_its_example_fails_naming_its_line(markdown, problem):
    lines = [HOOK.Line(text, number) for number, text in enumerate(markdown.splitlines(), start=1)]
    with pytest.raises(ValueError, match=f"^{problem}"):
        HOOK.chapter_cells(HOOK.unfold(lines, HOOK.WORDS["en"]), lambda text: text, lambda target: target, HOOK.WORDS["en"])


def test_the_build_names_the_page_and_line_it_cannot_convert():
    from mkdocs.exceptions import PluginError

    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(DOCS / "09-new.md"), src_uri="09-new.md"), canonical_url="https://x/09-new/")
    config = SimpleNamespace(theme={"language": "en"}, site_url="https://x/", site_name="Book", mdx_configs=load_config(str(ROOT / "mkdocs.yml")).mdx_configs)
    with pytest.raises(PluginError, match=r"^docs/09-new\.md:4: content tabs"):
        HOOK.build_notebook(page, config, None, '# 9. New\n\nText.\n=== "Tab"\n')
    with pytest.raises(PluginError, match=r"^docs/09-new\.md:1: a chapter starts with its title"):
        HOOK.build_notebook(page, config, None, "```python\nprint(1)\n```\n")
