"""Every chapter as a notebook, made by the build from the page's own Markdown, and the
"Download notebook" / "Open in Colab" links of chapters and labs (overrides/main.html).

A chapter's notebook (`X.ipynb`, Korean `X.ko.ipynb`, beside the page's index.html) is the
page in the notebook's terms:

- each Python fence becomes a code cell: the example it includes, under a `# file.py`
  comment (the fence's title, which the prose cites), with the output the page shows under
  it (the `.out` file) as the cell's recorded output;
- the prose becomes Markdown cells, with formulas as `$...$` and `$$...$$`, which Jupyter
  and Colab typeset. A folded box (`???`) becomes a <details>, folded too; an exercise's
  solution (`??? success`) folds its text the same way, and its code cells are tagged
  `solution` and folded in JupyterLab (Colab hides only their code); any other box becomes
  a quotation under its title;
- links to other pages, and figures, point at the published book (site_url): a notebook
  opened in Colab or downloaded has no book beside it, and Colab shows neither a cell's
  attachments nor an SVG inside the notebook.

Markup with no notebook form (tabs, footnotes, ...) fails the build, naming the page's line.
tests/test_chapter_notebooks.py runs every notebook in a fresh kernel and compares each
code cell's output with the page's.

Colab opens notebooks from GitHub only: the deploy workflow pushes the site's notebooks,
laid out as on the site, to the branch `notebooks`; extra.colab names it, per edition.
"""

import functools
import hashlib
import html
import json
import posixpath
import re
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin

import markdown
import nbformat
from mkdocs.exceptions import PluginError
from page_facts import recorded_torch

ROOT = Path(__file__).resolve().parent.parent
# The numbered pages of docs/: the chapters.
CHAPTER = re.compile(r"^\d\d-[^/]*\.md$")
RUN = {"python", "py", "python3"}
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>`{3,}|~{3,})\s*(?P<info>.*)$")
FENCE_TITLE = re.compile(r'\btitle="([^"]+)"')
ADMONITION = re.compile(r'^(?P<indent>[ \t]*)(?P<marker>!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+"(?P<title>[^"]*)")?\s*$')
EXPECTED_OUTPUT = "<!--pytest-codeblocks:expected-output-->"
COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
HEADING_ID = re.compile(r"^(#{1,6} .*?)\s*\{\s*#[\w-]+\s*\}\s*$")
FIGURE_TAG = re.compile(r"^(?P<indent>\s*)<(?P<close>/?)figure\b[^>]*>\s*$")
CAPTION = re.compile(r"^\s*<figcaption>(?P<text>.*)</figcaption>\s*$")
# A link or image target, and the attribute list the site's Markdown allows after it.
TARGET = re.compile(r"\]\((?P<target>[^)\s]+)\)(?:\{[^}]*\})?")
CODE_SPAN = re.compile(r"(`+).*?\1", re.DOTALL)
INLINE_MATH = re.compile(r"\\\((.+?)\\\)", re.DOTALL)
DISPLAY_MATH = re.compile(r"\\\[(.+?)\\\]", re.DOTALL)
STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
EMPHASIS = re.compile(r"(?<![*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?!\*)", re.DOTALL)
KEPT = re.compile("\0(\\d+)\0")
# Markup the converter has no notebook form for.
UNSUPPORTED = {
    "content tabs (===)": re.compile(r"^\s*===\s"),
    "a footnote": re.compile(r"\[\^[^\]]+\]"),
    "an abbreviation or a reference-style link": re.compile(r"^\s*\*?\[[^\]]+\]:"),
    "a link with a title": re.compile(r"\]\([^)\s]+\s+[\"']"),
    "a figcaption over several lines": re.compile(r"<figcaption>(?!.*</figcaption>)"),
    "an admonition with more than a kind and a title": re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+\s+[\w-]'),
    "an include outside a fence": re.compile(r"^\s*-+8<-+\s"),
    "an attribute list": re.compile(r"(?<!\))\{\s*[.:][\w-]|^#{1,6} .*\{\s*#[\w-]+\s+[^}\s]"),
    "Markdown inside a <div>": re.compile(r"<div\b[^>]*\bmarkdown\b"),
    "a highlighted code span (`#!lang`)": re.compile(r"`#!\w"),
}
WORDS = {
    "en": {
        "from": "This notebook is the chapter [{title}]({url}) of the book {book}. Each code "
        "cell is one of the chapter's examples, with the output the book recorded with PyTorch "
        "{version}. Run the cells to see it again, then change them. (Another version of "
        "PyTorch, such as Colab's, may print a few things differently.)",
        "book": "*{}*",
        "caption": "*Figure {}. {}*",
        "continued": " (continued)",
        "links": "Run this chapter yourself",
        "lab_links": "Run this lab yourself",
    },
    "ko": {
        "from": "이 노트북은 {book}의 [{title}]({url}) 장을 옮긴 것입니다. 코드 셀마다 이 장의 "
        "예제가 하나씩 들어 있고, 이 책이 PyTorch {version}에서 기록한 출력이 함께 실려 있습니다. "
        "셀을 실행해 출력을 다시 확인한 뒤 코드를 바꿔 보십시오. (Colab에 설치된 것처럼 버전이 "
        "다른 PyTorch에서는 몇몇 출력이 다르게 나올 수 있습니다.)",
        # Hangul has no italics: a slanted font only distorts it.
        "book": "《{}》",
        "caption": "그림 {}. {}",
        "continued": "(이어서)",
        "links": "이 장을 직접 실행하기",
        "lab_links": "이 실습을 직접 실행하기",
    },
}


class Line(NamedTuple):
    text: str
    number: int  # in the page's Markdown, for error messages
    solution: bool = False  # inside an exercise's solution


def is_chapter(page):
    return bool(CHAPTER.match(page.file.src_uri))


def notebook_name(page, lang):
    """The file a reader downloads: the page's name, with `.ko` in the Korean edition, so the
    two editions' downloads do not overwrite each other."""
    stem = posixpath.basename(page.file.src_uri).rsplit(".", 1)[0]
    return f"{stem}.ko.ipynb" if lang == "ko" else f"{stem}.ipynb"


def fence_language(info):
    """`python title="a.py"`, `{ .python .annotate }` and `py` all name Python."""
    match = re.match(r"\s*\{?\s*\.?([\w+-]*)", info or "")
    return match.group(1).lower()


def snippet_expander(options):
    """pymdownx.snippets' own preprocessor, as the site's Markdown runs it: a function from a
    text to the text with its `--8<--` lines replaced by the files they name."""
    return expander_for(json.dumps(options, sort_keys=True))


@functools.lru_cache(maxsize=4)
def expander_for(options):
    options = json.loads(options)
    options = dict(options, base_path=[str(ROOT / path) for path in options["base_path"]])
    preprocessor = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options}).preprocessors["snippet"]

    def expand(text):
        # The preprocessor turns a file's final newline into an empty last line; joining with
        # newlines gives back the file's text, as if pasted into the fence.
        expanded = "\n".join(preprocessor.run(text.splitlines()))
        return expanded if not expanded or expanded.endswith("\n") else expanded + "\n"

    return expand


def unsupported(source):
    """`line N: what` for the first line of the page the converter cannot carry over."""
    fence = None
    for number, text in enumerate(source.splitlines(), start=1):
        match = FENCE.match(text)
        if fence is not None:
            if match and match["mark"][0] == fence[0] and not match["info"]:
                fence = None
            continue
        if match:
            fence = match["mark"]
            continue
        prose = CODE_SPAN.sub(lambda m: m[0] if m[0].startswith("`#!") else "", text)
        for what, pattern in UNSUPPORTED.items():
            if pattern.search(prose):
                return f"line {number}: {what} has no form in the chapter's notebook"
    return None


def unfold(lines, words, in_solution=False):
    """The lines with each admonition opened as Jupyter can show it, at the admonition's own
    indentation: a folded one (`???`) as a <details>, with its title as the summary, and
    any other as a quotation under its title in bold. Code in either (an exercise's
    solution, an example in a note) cannot be inside them, since it becomes a cell of its
    own: the text around it is folded, or quoted, run by run, each run after the first under
    the title marked as continued."""
    out, i = [], 0
    while i < len(lines):
        match = ADMONITION.match(lines[i].text)
        if not match:
            out.append(lines[i]._replace(solution=in_solution))
            i += 1
            continue
        indent, head = match["indent"], lines[i]
        end = i + 1
        while end < len(lines) and (not lines[end].text.strip() or len(lines[end].text) - len(lines[end].text.lstrip()) >= len(indent) + 4):
            end += 1
        while end > i + 1 and not lines[end - 1].text.strip():
            end -= 1
        # The book writes each exercise's solution as `??? success` (and a self-check's answers).
        solution = in_solution or (match["marker"].startswith("???") and match["kind"] == "success")
        body = unfold([line._replace(text=line.text[4:] if line.text.strip() else "") for line in lines[i + 1 : end]], words, solution)
        title = match["title"] or match["kind"].capitalize()
        folded = match["marker"].startswith("???")
        summary = "".join(
            f"<code>{html.escape(piece.strip('`').strip())}</code>" if piece.startswith("`") else html.escape(piece, quote=False)
            for piece in re.split(r"(`+.*?`+)", title)
        )

        def new(text):
            return Line(text, head.number, solution)

        titled = False
        for is_text, run in text_runs(body):
            if not is_text:
                if not titled:  # code first: the title still says what follows
                    out += [new(f"{indent}{'' if folded else '> '}**{title}**"), new("")]
                    titled = True
                out += run
                continue
            shown = title + (words["continued"] if titled else "")
            if folded:
                opening = f"{indent}<details{'' if match['marker'] == '???' else ' open'}><summary><b>{summary}{words['continued'] if titled else ''}</b></summary>"
                out += [new(opening), new(""), *run, new(""), new(f"{indent}</details>"), new("")]
            else:
                out += [new(f"{indent}> **{shown}**"), new(f"{indent}>")]
                out += [line._replace(text=f"{indent}> {line.text[len(indent):]}".rstrip()) for line in run]
                out.append(new(""))  # or the next paragraph would continue the quotation
            titled = True
        i = end
    return out


def text_runs(lines):
    """The lines cut into runs, (is_text, lines): runs of text, and runs holding a Python
    example, the output shown under it, and the blank lines around them."""
    kinds, inside, output_next = [], None, False  # each line: "code", "text" or "blank"
    for line in lines:
        fence = FENCE.match(line.text)
        if inside is not None:
            kinds.append("code")
            if fence and fence["mark"][0] == inside[0] and not fence["info"]:
                inside = None
        elif fence and (fence_language(fence["info"]) in RUN or output_next):
            inside, output_next = fence["mark"], False
            kinds.append("code")
        elif line.text.strip() == EXPECTED_OUTPUT:
            output_next = True
            kinds.append("code")
        else:
            kinds.append("text" if line.text.strip() else "blank")
    runs = []
    for n, (line, kind) in enumerate(zip(lines, kinds)):
        if kind == "blank":  # text only between two lines of text
            before = next((k for k in reversed(kinds[:n]) if k != "blank"), "code")
            after = next((k for k in kinds[n + 1 :] if k != "blank"), "code")
            kind = "text" if before == after == "text" else "code"
        if runs and runs[-1][0] == (kind == "text"):
            runs[-1][1].append(line)
        else:
            runs.append((kind == "text", [line]))
    return runs


def fenced(lines, start):
    """(index after the fence that opens at lines[start], its content dedented)."""
    opening = FENCE.match(lines[start].text)
    indent, mark = len(opening["indent"]), opening["mark"]
    end = start + 1
    while end < len(lines):
        closing = FENCE.match(lines[end].text)
        if closing and closing["mark"][0] == mark[0] and len(closing["mark"]) >= len(mark) and not closing["info"]:
            return end + 1, "\n".join(line.text[indent:] if not line.text[:indent].strip() else line.text.lstrip() for line in lines[start + 1 : end])
        end += 1
    raise ValueError(f"line {lines[start].number}: this fence is never closed")


def chapter_cells(lines, expand, link, words):
    """The notebook cells of a page's Markdown lines, with `expand` filling in the files
    its fences include and `link` making a link's target absolute."""
    cells, prose, figure, figures = [], [], None, 0

    def flush():
        source = prose_for_notebook("\n".join(outdented(prose)), link).strip("\n")
        if source.strip():
            cells.append(nbformat.v4.new_markdown_cell(source))
        prose.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line.text)
        if fence and fence_language(fence["info"]) in RUN:
            flush()
            i, body = fenced(lines, i)
            title = FENCE_TITLE.search(fence["info"])
            cell = nbformat.v4.new_code_cell((f"# {title[1]}\n" if title else "") + expand(body).rstrip("\n"))
            if line.solution:
                # Folded in JupyterLab and VS Code; Colab hides the code ("Show code"), not its output.
                cell.metadata = {"tags": ["solution"], "jupyter": {"source_hidden": True, "outputs_hidden": True}, "colab": {"cellView": "form"}}
            cells.append(cell)
        elif line.text.strip() == EXPECTED_OUTPUT:
            start = next((j for j in range(i + 1, len(lines)) if lines[j].text.strip()), None)
            follows_example = cells and cells[-1].cell_type == "code" and not cells[-1].outputs and not any(text.strip() for text in prose)
            if start is None or not FENCE.match(lines[start].text) or not follows_example:
                raise ValueError(f"line {line.number}: an expected output must be the fence right after a Python example, and its only one")
            i, body = fenced(lines, start)
            prose.clear()
            cells[-1].outputs = [nbformat.v4.new_output("stream", name="stdout", text=expand(body))]
        elif fence:  # shown as it is (text, console): part of the prose
            i, body = fenced(lines, i)
            shown = [fence["indent"] + text if text else text for text in expand(body).rstrip("\n").split("\n")]
            prose += [line.text, *shown, fence["indent"] + fence["mark"]]
        elif match := FIGURE_TAG.match(line.text):
            figure = None if match["close"] else match["indent"]
            i += 1
        elif COMMENT.match(line.text):
            i += 1
        else:
            text = figure + line.text.lstrip() if figure is not None else line.text
            caption, heading = CAPTION.match(text), HEADING_ID.match(text)
            if caption:
                figures += 1
            prose += ["", (figure or "") + words["caption"].format(figures, caption["text"])] if caption else [heading[1] if heading else text]
            i += 1
    flush()
    return cells


def outdented(lines):
    """The lines with the indentation of their opening run removed. Text that continues a
    list item (an exercise) after a code cell starts a cell of its own, where four spaces
    would make it a code block."""
    first = next((line for line in lines if line.strip()), "")
    depth = len(first) - len(first.lstrip())
    out = list(lines)
    for n, line in enumerate(lines):
        if line.strip() and len(line) - len(line.lstrip()) < depth:
            break
        out[n] = line[depth:]
    return out


def prose_for_notebook(text, link):
    """Markdown as Jupyter and Colab read it (see convert_prose); fences shown as text are
    left as they are."""
    chunks, prose, fence = [], [], None
    for line in text.split("\n"):
        match = FENCE.match(line)
        if fence is None and not match:
            prose.append(line)
            continue
        if fence is None:
            chunks.append(convert_prose("\n".join(prose), link))
            prose, fence = [], match["mark"]
        elif match and match["mark"][0] == fence[0] and not match["info"]:
            fence = None
        chunks.append(line)
    chunks.append(convert_prose("\n".join(prose), link))
    return "\n".join(chunks)


def convert_prose(text, link):
    """Formulas in dollars; links and figures to the published book; and emphasis glued to
    a letter, as Korean writes it (`**굵게**입니다`), as HTML: CommonMark, which Jupyter and
    Colab follow, does not close a `**` between punctuation (a formula, a parenthesis) and
    a letter. Code spans and formulas are kept as they are."""
    kept = []

    def keep(piece):
        kept.append(piece)
        return f"\0{len(kept) - 1}\0"

    text = CODE_SPAN.sub(lambda m: keep(m[0]), text)
    text = DISPLAY_MATH.sub(lambda m: keep(f"$${m[1]}$$"), text)
    text = INLINE_MATH.sub(lambda m: keep(f"${m[1]}$"), text)
    text = TARGET.sub(lambda m: f"]({link(m['target'])})", text)
    for pattern, tag in ((STRONG, "strong"), (EMPHASIS, "em")):
        text = pattern.sub(lambda m: f"<{tag}>{m[1]}</{tag}>" if glued(m) else m[0], text)
    return KEPT.sub(lambda m: kept[int(m[1])], text)


def glued(match):
    """Whether an emphasis touches a letter or digit outside its delimiters."""
    before, after = match.string[match.start() - 1 : match.start()], match.string[match.end() : match.end() + 1]
    return before.isalnum() or after.isalnum()


def build_notebook(page, config, files, source):
    """The chapter's notebook from its Markdown `source` (the page's language)."""
    name = f"docs/{Path(page.file.abs_src_path).name}"
    words = WORDS[config.theme["language"]]

    def link(target):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            return target
        path, _, anchor = target.partition("#")
        fragment = f"#{anchor}" if anchor else ""
        if not path:
            return page.canonical_url + fragment
        found = files.get_file_from_path(posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), path)))
        if found is None:
            raise PluginError(f"{name}: the notebook cannot link {target!r}: no such file in the book")
        return urljoin(config.site_url, found.url) + fragment

    try:
        problem = unsupported(source)
        if problem:
            raise ValueError(problem)
        lines = unfold([Line(text, number) for number, text in enumerate(source.splitlines(), start=1)], words)
        cells = chapter_cells(lines, snippet_expander(config.mdx_configs["pymdownx.snippets"]), link, words)
        if not cells or cells[0].cell_type != "markdown" or not cells[0].source.startswith("# "):
            raise ValueError("line 1: a chapter starts with its title, `# N. Title`")
    except ValueError as error:
        raise PluginError(f"{name}:{str(error).removeprefix('line ')}") from None
    version = recorded_torch()
    title, _, rest = cells[0].source.partition("\n")
    intro = words["from"].format(title=title[2:].strip(), url=page.canonical_url, book=words["book"].format(config.site_name), version=version)
    cells[0].source = f"{title}\n\n> {intro}" + (f"\n\n{rest.strip()}" if rest.strip() else "")
    for number, cell in enumerate(cells, start=1):
        cell.id = f"cell-{number}"  # the same notebook from the same page, build after build
    notebook = nbformat.v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.validate(notebook)
    return notebook


# Both editions' configuration: mkdocs.ko.yml inherits mkdocs.yml.
CONFIGURATION = sorted(ROOT.glob("mkdocs*.yml"))


def page_inputs(page, config, files, markdown_text):
    """What a page is made from, besides the hooks' code: the configuration, its Markdown
    with every example it includes, its source and address, and where its edition's files
    are (hooks/rendered.py and on_page_markdown below keep their work on these)."""
    expand = snippet_expander(config.mdx_configs["pymdownx.snippets"])
    configuration = hashlib.sha256(b"".join(path.read_bytes() for path in CONFIGURATION)).hexdigest()
    return (configuration, page.file.abs_src_path, page.canonical_url, expand(markdown_text), tuple((f.src_uri, f.url) for f in files))


# (configuration file, page) -> (what the notebook was made from, the notebook as written).
# `mkdocs serve` builds every page again on each save; most notebooks come out the same.
NOTEBOOKS = {}


def on_page_markdown(markdown_text, page, config, files):
    if not is_chapter(page):
        return markdown_text
    inputs = (page_inputs(page, config, files, markdown_text), config.theme["language"], recorded_torch())
    last = NOTEBOOKS.get((config.config_file_path, page.file.src_uri))
    if last is None or last[0] != inputs:
        text = nbformat.writes(build_notebook(page, config, files, markdown_text))
        last = NOTEBOOKS[config.config_file_path, page.file.src_uri] = (inputs, text if text.endswith("\n") else text + "\n")
    target = Path(page.file.abs_dest_path).parent / notebook_name(page, config.theme["language"])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(last[1], encoding="utf-8")
    return markdown_text


def on_page_context(context, page, config, nav):
    """The page's notebook, for the links above its title: a chapter's, made above, or a
    lab's, which mkdocs-jupyter copies beside the page under the name it has on disk."""
    lang = config.theme["language"]
    if is_chapter(page):
        name, label = notebook_name(page, lang), WORDS[lang]["links"]
    elif page.file.src_uri.endswith(".ipynb"):
        name, label = Path(page.file.abs_src_path).name, WORDS[lang]["lab_links"]
    else:
        return context
    repo = (config.repo_url or "").rstrip("/")
    colab = config.extra.get("colab")
    context["notebook"] = {
        "file": name,
        "label": label,
        "colab": f"https://colab.research.google.com/github/{repo.removeprefix('https://github.com/')}/{colab}{page.url}{name}"
        if repo.startswith("https://github.com/") and colab
        else None,
    }
    return context
