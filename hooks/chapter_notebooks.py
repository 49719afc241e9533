"""Every chapter as a notebook, made by the build from the page's own Markdown, and the
"Download notebook" / "Open in Colab" links of chapters and labs (overrides/main.html).

A chapter's notebook (`X.ipynb`, Korean `X.ko.ipynb`, beside the page's index.html) is the
page in the notebook's terms:

- each Python fence becomes a code cell holding the example it includes, with the output
  the page shows under it (the `.out` file) as the cell's recorded output;
- the prose becomes Markdown cells: formulas as `$...$` and `$$...$$`, which Jupyter and
  Colab typeset; admonitions as quotations under their titles; each exercise's solution
  under a bold "Solution", its code cells tagged `solution` and folded in JupyterLab;
- links to other pages, and figures, point at the published book (site_url): a notebook
  opened in Colab or downloaded has no book beside it, and Colab shows neither a cell's
  attachments nor an SVG inside the notebook.

tests/test_chapter_notebooks.py runs every notebook in a fresh kernel and compares each
cell's output with the page's.

Colab opens notebooks from GitHub only: the deploy workflow pushes the site's notebooks,
laid out as on the site, to the branch `notebooks`; extra.colab names it, per edition.
"""

import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin

import markdown
import nbformat
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
# The numbered pages of docs/: the chapters.
CHAPTER = re.compile(r"^\d\d-[^/]*\.md$")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>`{3,}|~{3,})\s*(?P<info>.*)$")
ADMONITION = re.compile(r'^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+"(?P<title>[^"]*)")?\s*$')
EXPECTED_OUTPUT = "<!--pytest-codeblocks:expected-output-->"
COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
HEADING_ID = re.compile(r"^(#{1,6} .*?)\s*\{\s*#[\w-]+\s*\}\s*$")
FIGURE_TAG = re.compile(r"^\s*</?figure\b[^>]*>\s*$")
CAPTION = re.compile(r"^\s*<figcaption>(?P<text>.*)</figcaption>\s*$")
# A link or image target, and the attribute list the site's Markdown allows after it.
TARGET = re.compile(r"\]\((?P<target>[^)\s]+)\)(?:\{[^}]*\})?")
CODE_SPAN = re.compile(r"(`+).*?\1", re.DOTALL)
INLINE_MATH = re.compile(r"\\\((.+?)\\\)", re.DOTALL)
DISPLAY_MATH = re.compile(r"\\\[(.+?)\\\]", re.DOTALL)
STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
EMPHASIS = re.compile(r"(?<![*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?!\*)", re.DOTALL)
KEPT = re.compile("\0(\\d+)\0")
RUN = {"python", "py", "python3"}
WORDS = {
    "en": {
        "solution": "Solution",
        "from": "This notebook is [{title}]({url}) from the book *{book}*. Each code cell is "
        "one of the chapter's examples, shown with the output the book recorded with PyTorch "
        "{torch}; run the cells to see it again, then change them.",
        "links": "Run this chapter yourself",
        "lab_links": "Run this lab yourself",
    },
    "ko": {
        "solution": "풀이",
        "from": "이 노트북은 *{book}*의 [{title}]({url})입니다. 코드 셀 하나하나가 이 장의 "
        "예제이고, 책이 PyTorch {torch}으로 기록한 출력이 함께 실려 있습니다. 셀을 실행해 같은 "
        "출력을 확인한 뒤 코드를 바꿔 보십시오.",
        "links": "이 장을 직접 실행하기",
        "lab_links": "실습을 직접 실행하기",
    },
}


def is_chapter(page):
    return bool(CHAPTER.match(page.file.src_uri))


def notebook_name(page, lang):
    """The file a reader downloads: the page's name, with `.ko` in the Korean edition, so the
    two editions' downloads do not overwrite each other."""
    stem = posixpath.basename(page.file.src_uri).rsplit(".", 1)[0]
    return f"{stem}.ko.ipynb" if lang == "ko" else f"{stem}.ipynb"


def snippet_expander(options):
    """pymdownx.snippets' own preprocessor, as the site's Markdown runs it: a function from a
    text to the text with its `--8<--` lines replaced by the files they name."""
    options = dict(options, base_path=[str(ROOT / path) for path in options["base_path"]])
    preprocessor = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options}).preprocessors["snippet"]

    def expand(text):
        # The preprocessor turns a file's final newline into an empty last line; joining with
        # newlines gives back the file's text, as if pasted into the fence.
        expanded = "\n".join(preprocessor.run(text.splitlines()))
        return expanded if not expanded or expanded.endswith("\n") else expanded + "\n"

    return expand


def unfold(lines, in_solution=False):
    """The lines with each admonition opened: its title in bold, its body moved out to the
    admonition's own indentation; a body without a Python example becomes a quotation.
    Returns (line, in_solution) pairs: whether the line lies in an exercise's solution."""
    out, i = [], 0
    while i < len(lines):
        match = ADMONITION.match(lines[i])
        if not match:
            out.append((lines[i], in_solution))
            i += 1
            continue
        indent = match["indent"]
        end = i + 1
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) >= len(indent) + 4):
            end += 1
        while end > i + 1 and not lines[end - 1].strip():
            end -= 1
        body = [line[4:] if line.strip() else "" for line in lines[i + 1 : end]]
        title = match["title"] or match["kind"].capitalize()
        solution = match["kind"] == "success"
        has_code = any((fence := FENCE.match(line)) and language(fence["info"]) in RUN for line in body)
        if has_code or solution:
            out += [(f"{indent}**{title}**", in_solution), ("", in_solution)]
            out += unfold(body, in_solution or solution)
        else:
            out += [(f"{indent}> **{title}**", in_solution), (f"{indent}>", in_solution)]
            out += [(f"{indent}> {line[len(indent):]}".rstrip(), in_solution) for line, _ in unfold(body, in_solution)]
            out.append(("", in_solution))  # or the next line would continue the quotation
        i = end
    return out


def language(info):
    match = re.match(r"\s*\{?\s*\.?([\w+-]*)", info or "")
    return match.group(1).lower()


def fenced(lines, start):
    """(index after the fence that opens at lines[start], its content dedented)."""
    opening = FENCE.match(lines[start][0])
    indent, mark = len(opening["indent"]), opening["mark"]
    end = start + 1
    while end < len(lines):
        closing = FENCE.match(lines[end][0])
        if closing and closing["mark"][0] == mark[0] and len(closing["mark"]) >= len(mark) and not closing["info"]:
            break
        end += 1
    body = "\n".join(line[indent:] if not line[:indent].strip() else line.lstrip() for line, _ in lines[start + 1 : end])
    # As pytest-codeblocks reads a fence (and as an included file ends): one final newline.
    return end + 1, body if not body or body.endswith("\n") else body + "\n"


def chapter_cells(text, words, link):
    """The notebook cells of a page's Markdown (its includes expanded)."""
    lines = unfold(text.splitlines())
    cells, prose = [], []

    def flush():
        source = prose_for_notebook("\n".join(prose), link).strip("\n")
        if source.strip():
            cells.append(nbformat.v4.new_markdown_cell(source))
        prose.clear()

    i = 0
    while i < len(lines):
        line, in_solution = lines[i]
        fence = FENCE.match(line)
        if fence and language(fence["info"]) in RUN:
            flush()
            i, code = fenced(lines, i)
            cell = nbformat.v4.new_code_cell(code.rstrip("\n"))
            if in_solution:
                cell.metadata = {"tags": ["solution"], "jupyter": {"source_hidden": True}}
            cells.append(cell)
        elif line.strip() == EXPECTED_OUTPUT:
            start = next(j for j in range(i + 1, len(lines)) if lines[j][0].strip())
            i, printed = fenced(lines, start)
            if not cells or cells[-1].cell_type != "code" or any(text.strip() for text in prose):
                raise ValueError(f"the output starting {printed[:40]!r} does not follow a Python example")
            prose.clear()
            cells[-1].outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed)]
        elif fence:
            # A fence shown as it is (text, console): part of the prose.
            end, _ = fenced(lines, i)
            prose.extend(line for line, _ in lines[i:end])
            i = end
        elif COMMENT.match(line) or FIGURE_TAG.match(line):
            i += 1
        else:
            caption = CAPTION.match(line)
            heading = HEADING_ID.match(line)
            prose += ["", f"*{caption['text']}*"] if caption else [heading[1] if heading else line]
            i += 1
    flush()
    return cells


def prose_for_notebook(text, link):
    """Markdown as Jupyter and Colab read it (see convert_prose); fences shown as text are
    left as they are."""
    chunks, prose, fence = [], [], None
    for line in text.split("\n"):
        match = FENCE.match(line)
        if fence is None and not match:
            # A figure's image is indented inside <figure> on the page.
            prose.append(line.lstrip() if line.lstrip().startswith("![") else line)
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
    lang = config.theme["language"]
    words = WORDS[lang]
    site_url = config.site_url

    def link(target):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            return target
        path, _, anchor = target.partition("#")
        if not path:
            return page.canonical_url + (f"#{anchor}" if anchor else "")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), path))
        found = files.get_file_from_path(resolved)
        if found is None:
            raise PluginError(f"docs/{page.file.src_uri}: the notebook cannot link {target!r}: no such file in the book")
        return urljoin(site_url, found.url) + (f"#{anchor}" if anchor else "")

    expand = snippet_expander(config.mdx_configs["pymdownx.snippets"])
    try:
        cells = chapter_cells(expand(source), words, link)
    except ValueError as error:
        raise PluginError(f"docs/{Path(page.file.abs_src_path).name}: {error}") from None
    title = cells[0].source.splitlines()[0].lstrip("# ").strip() if cells and cells[0].cell_type == "markdown" else page.title
    torch = (ROOT / "snippets" / "recorded_on.txt").read_text(encoding="utf-8")
    torch = re.search(r"PyTorch (\d+\.\d+\.\d+)", torch)[1]
    intro = words["from"].format(title=title, url=page.canonical_url, book=config.site_name, torch=torch)
    first = cells[0].source.split("\n", 1)
    cells[0].source = f"{first[0]}\n\n> {intro}" + (f"\n\n{first[1].lstrip()}" if len(first) > 1 and first[1].strip() else "")
    notebook = nbformat.v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.validate(notebook)
    return notebook


def on_page_markdown(markdown_text, page, config, files):
    if not is_chapter(page):
        return markdown_text
    notebook = build_notebook(page, config, files, markdown_text)
    target = Path(page.file.abs_dest_path).parent / notebook_name(page, config.theme["language"])
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
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
