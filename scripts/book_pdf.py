"""The whole book as one PDF per edition, printed by Chromium from the built site.

    .venv/bin/python scripts/book_pdf.py SITE_DIR     (or: python3 book.py pdf)

writes each edition's extra.pdf into its folder of SITE_DIR: rnn-book.pdf and
ko/rnn-book.ko.pdf. Each is one HTML page made from the site's own pages in the
navigation's order (a title page, a table of contents, then each page as a section),
printed twice: the first print tells on which page each section starts (the named
destination Chromium writes for each contents entry's target), the second fills those
numbers into the table of contents.

Why Chromium's print engine: it is the browser the tests already drive; it draws the
book's formulas (the build's SVG), Korean with `word-break: keep-all`, and the labs'
notebook HTML as the site shows them; `@page` margin boxes give page numbers and, a named
page per section, running heads. WeasyPrint 70, tried on the same print view, has the
table of contents' page numbers and running heads built in (target-counter, string-set),
but stopped after lab 1 on the notebooks' CSS, without an error. Fonts come from npm
(FONT_FILES), never from the system: Debian's Noto CJK is a font collection that Chromium
writes as Type3.
"""

import datetime
import html
import logging
import re
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag
from mkdocs.config import load_config
from playwright.sync_api import sync_playwright
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

ROOT = Path(__file__).resolve().parent.parent
# Chromium's PDFs declare a trailer size one short of their objects: pypdf reads them right
# and says so on every read.
logging.getLogger("pypdf").setLevel(logging.ERROR)
sys.path.insert(0, str(ROOT / "hooks"))
from page_facts import recorded_torch  # noqa: E402  (the version the page foot shows)

CHROMIUM = Path("/usr/bin/chromium")
FONTS = ROOT / "node_modules" / "@fontsource"
# Each edition's config and its folder in the site; its PDF is named by its extra.pdf.
EDITIONS = {"mkdocs.yml": "", "mkdocs.ko.yml": "ko/"}
WORDS = {
    "en": {
        "about": "About this book",
        "contents": "Contents",
        "recorded": "Outputs recorded with PyTorch {version}",
        "web": "Web edition:",
        "source": "Examples and notebooks:",
        "printed": "Printed on {date:%-d %B %Y}",
        "wrapped": "A red bar beside a line of code or output marks a line too long for the page, continued on the next line.",
        "notebook": "This page as a notebook:",
        "colab": "Open in Colab",
        "explorer": "The shape explorer is interactive: give it the arguments of <code>nn.RNN</code>, <code>nn.LSTM</code> or <code>nn.GRU</code> and an input's shape, and it shows the shapes PyTorch returns, or the error it raises, as you type. It runs in the browser, so it is not printed here; use it in the web edition:",
    },
    "ko": {
        "about": "들어가며",
        "contents": "차례",
        "recorded": "출력을 기록한 버전: PyTorch {version}",
        "web": "웹판:",
        "source": "예제와 노트북:",
        "printed": "인쇄일: {date.year}년 {date.month}월 {date.day}일",
        "wrapped": "코드나 출력 옆의 빨간 막대는 한 줄이 너무 길어 다음 줄로 이어졌다는 표시입니다.",
        "notebook": "노트북으로 보기:",
        "colab": "Colab에서 열기",
        "explorer": "모양 탐색기는 <code>nn.RNN</code>, <code>nn.LSTM</code>, <code>nn.GRU</code>의 인수와 입력 모양을 넣는 대로 PyTorch가 돌려주는 모양이나 내는 오류를 보여 주는 대화형 도구입니다. 브라우저에서 동작하므로 PDF에는 싣지 않았습니다. 웹판에서 이용하십시오:",
    },
}
MARGIN_MM = (20, 22)  # A4's margins: top and bottom, left and right
# What a page shows that only works on screen: edit button, page facts, the permalink
# marks of headings (the theme's and nbconvert's), a lab cell's tags, copy button and the
# hidden copy of its code that the button copies, and what a page marks `{ .screen-only }`
# (the home page's paragraph on this PDF). (Notebook links become a line of text.)
JUNK = ".screen-only, a.md-content__button, aside.page-facts, a.headerlink, a.anchor-link, div.celltoolbar, div.zeroclipboard-container, div.clipboard-copy-txt"


def nav_sources(nav, group=None):
    """(the navigation section's title or None, source) of every page, in reading order."""
    for item in nav:
        for name, value in item.items() if isinstance(item, dict) else [(None, item)]:
            if isinstance(value, list):
                yield from nav_sources(value, name)
            else:
                yield group, value


def url_of(source):
    stem = source.rsplit(".", 1)[0]
    return "" if stem == "index" else f"{stem}/"


def anchor(url, fragment=""):
    return "p-" + (url.strip("/").replace("/", "-") or "home") + (f"--{fragment}" if fragment else "")


def inline_figure(path, image, prefix):
    """The figure `image` shows, drawn inline: an SVG in <img> cannot use the page's fonts,
    and its Hangul fell back to a system font that Chromium writes as Type3. Its ids are
    prefixed, since every figure names its arrowhead `arrow`."""
    svg = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("svg")
    ids = {tag["id"] for tag in svg.find_all(id=True)}
    for tag in [svg, *svg.find_all(True)]:
        for name, value in tag.attrs.items():
            if name == "id":
                tag[name] = f"{prefix}-{value}"
            elif isinstance(value, str) and "#" in value:
                tag[name] = re.sub(r"#([\w-]+)", lambda m: f"#{prefix}-{m[1]}" if m[1] in ids else m[0], value)
    svg["role"] = "img"
    svg["aria-label"] = image.get("alt", "")
    svg["class"] = "print-figure"
    for size in ("width", "height"):
        if image.get(size):
            svg[size] = image[size]
    return svg


def split_lines(pre, soup):
    """Each line of a code block or output in a span of its own (`print-line`), so that a
    line too long for the page wraps under a hanging indent deeper than the line's own and
    can be marked (MARK_WRAPPED).
    The highlighter's spans are flat; one that holds a line break is cut in two."""
    container = pre.find("code") or pre
    lines, line = [], []
    for child in list(container.children):
        text = child.get_text() if isinstance(child, Tag) else str(child)
        for number, part in enumerate(text.split("\n")):
            if number:
                lines.append(line)
                line = []
            if part:
                piece = NavigableString(part)
                if isinstance(child, Tag):
                    piece = soup.new_tag(child.name, attrs=dict(child.attrs))
                    piece.string = part
                line.append(piece)
    if line:
        lines.append(line)
    container.clear()
    for pieces in lines:
        span = soup.new_tag("span", attrs={"class": "print-line"})
        text = "".join(piece.get_text() for piece in pieces)
        if indent := len(text) - len(text.lstrip(" ")):
            span["style"] = f"--indent: {indent}ch"  # its continuation goes deeper still
        span.extend(pieces or [" "])  # an empty line keeps its height
        container.append(span)


def notebook_line(nav, page_url, config, words, soup):
    """A chapter's or lab's notebook links (nav.lab-links on screen) as a line of text with
    their addresses: on paper, a reader still finds the notebook."""
    line = soup.new_tag("p", attrs={"class": "print-notebook"})
    download = nav.find("a", download=True)
    address = urljoin(config.site_url, page_url + download["href"])
    line.append(words["notebook"] + " ")
    link = soup.new_tag("a", href=address)
    link.string = address
    line.append(link)
    colab = nav.find("a", href=re.compile("^https://colab"))
    if colab is not None:
        line.append(" · ")
        link = soup.new_tag("a", href=colab["href"])
        link.string = words["colab"]
        line.append(link)
    return line


def print_view(config, site):
    """The edition as one HTML page, its contents without page numbers (print_pdf fills
    them in)."""
    lang = config.theme["language"]
    words = WORDS[lang]
    entries = list(nav_sources(config.nav))
    urls = {url_of(source) for _, source in entries}
    sections, glyphs, titles = [], {}, []
    for group, source in entries:
        url = url_of(source)
        soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.md-content__inner")
        for junk in article.select(JUNK):
            junk.decompose()
        # The MathJax SVGs draw their glyphs from the page's cache, outside the article.
        for glyph in soup.select("#MJX-SVG-global-cache [id]"):
            glyphs.setdefault(glyph["id"], str(glyph))
        h1 = article.find("h1")
        for nav in article.select("nav.lab-links"):  # under the title, as a line of text
            if nav.find("a", download=True, href=re.compile(r"\.ipynb$")):
                h1.insert_after(notebook_line(nav, url, config, words, soup))
            nav.decompose()
        if source == "index.md":  # the home page: the book's title, then its introduction
            book_title = h1.get_text(" ", strip=True)
            h1.string = words["about"]
        titles.append((group, anchor(url), h1.get_text(" ", strip=True)))
        if source == "shape-explorer.md":
            for child in list(h1.find_next_siblings()):
                child.decompose()
            note = soup.new_tag("p")
            note.extend(list(BeautifulSoup(words["explorer"] + " ", "html.parser").contents))
            link = soup.new_tag("a", href=urljoin(config.site_url, url))
            link.string = urljoin(config.site_url, url)
            note.append(link)
            h1.insert_after(note)
        for tag in article.find_all(id=True):
            if not tag["id"].startswith("MJX-"):
                tag["id"] = anchor(url, tag["id"])
        for pre in article.find_all("pre"):
            split_lines(pre, soup)
        # A folded box (a solution, a hint) prints open, as the box it is: Chromium never
        # splits a <details> across pages, so a long one moved on and left a gap.
        for details in article.find_all("details"):
            details.name = "div"
            details["class"] = ["admonition", *details.get("class", [])]
            if (summary := details.find("summary")) is not None:
                summary.name = "p"
                summary["class"] = ["admonition-title"]
        for link in article.find_all("a", href=True):
            if re.match(r"^[a-z]+:", link["href"]):
                continue
            path, _, fragment = urljoin("https://book/" + url, link["href"]).removeprefix("https://book/").partition("#")
            link["href"] = f"#{anchor(path, fragment)}" if path in urls else urljoin(config.site_url, path) + (f"#{fragment}" if fragment else "")
        for number, image in enumerate(article.find_all("img", src=True)):
            src = urljoin("https://book/" + url, image["src"]).removeprefix("https://book/")
            if src.endswith(".svg"):
                image.replace_with(inline_figure(site / src, image, anchor(url, f"figure-{number}")))
            else:
                image["src"] = src
        sections.append(f'<section class="print-page" id="{anchor(url)}" style="page: {anchor(url)}">{article.decode_contents()}</section>')
    title_page = (
        f'<section class="title-page"><h1 class="book-title">{html.escape(book_title)}</h1>'
        f'<p class="book-subtitle">{html.escape(config.site_description or "")}</p>'
        f'<p>{words["recorded"].format(version=recorded_torch())}</p>'
        f'<p>{words["web"]} <a href="{config.site_url}">{config.site_url}</a><br>'
        f'{words["source"]} <a href="{config.repo_url}">{config.repo_url}</a></p>'
        f'<p>{words["printed"].format(date=datetime.date.today())}</p></section>'
    )
    contents, last = [], None
    for group, ident, title in titles:
        if group != last and group is not None:
            contents.append(f'<li class="contents-group">{html.escape(group)}</li>')
        last = group
        contents.append(f'<li><a href="#{ident}"><span>{html.escape(title)}</span><span class="page-number"></span></a></li>')
    heads = "\n".join(f'@page {ident} {{ @top-center {{ content: "{title.replace(chr(34), "")}"; }} }}' for _, ident, title in titles)
    page = f"@page {{ size: A4; margin: {MARGIN_MM[0]}mm {MARGIN_MM[1]}mm; }}"
    links = "".join(str(link) for link in BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").select("link[rel=stylesheet]"))
    fonts = "".join(f'<link rel="stylesheet" href="{(FONTS / name).as_uri()}">' for name in FONT_FILES)
    return (
        f'<!doctype html><html lang="{lang}" dir="ltr"><head><meta charset="utf-8"><title>{html.escape(book_title)}</title>'
        f'{links}{fonts}<link rel="stylesheet" href="{(ROOT / "scripts" / "book_pdf.css").as_uri()}"><style>{page}\n{heads}</style></head>'
        f'<body><svg style="display: none" aria-hidden="true"><defs>{"".join(glyphs.values())}</defs></svg>'
        f'<div class="md-typeset">{title_page}<nav class="contents"><h1>{words["contents"]}</h1><ol>{"".join(contents)}</ol>'
        f'<p class="contents-note">{words["wrapped"]}</p></nav>{"".join(sections)}</div></body></html>'
    )


def section_pages(pdf, identifiers):
    """The page (1-based) on which each section starts. Each contents entry links its
    section's id, so Chromium writes that id as a named destination. (The outline is no
    guide: Chromium repeats some Korean headings in it, "1. RNN이란?1. RNN이란?".)"""
    reader = PdfReader(pdf)
    return {ident: reader.get_destination_page_number(reader.named_destinations[f"/{ident}"]) + 1 for ident in identifiers}


# Noto from npm (package.json; Noto Sans Math is declared in book_pdf.css): Debian's Noto CJK
# is a font collection that Chromium writes as Type3, and a system font differs from one
# machine to the next.
FONT_FILES = ["noto-sans/400.css", "noto-sans/700.css", "noto-sans/400-italic.css", "noto-sans-kr/400.css", "noto-sans-kr/700.css", "noto-sans-mono/400.css", "noto-sans-mono/700.css"]
FAMILIES = ["Noto Sans", "Noto Sans KR", "Noto Sans Mono", "Noto Sans Math"]
# Each family's faces that the text needs (each face is a range of characters): a face the
# browser has not asked for by the time it prints (a symbol in a figure, say) would come
# from a system font instead.
LOAD_FONTS = """async (families) => {
  const text = document.body.textContent;
  await Promise.all(families.flatMap((family) => ["400", "700", "italic 400"].map((style) => document.fonts.load(`${style} 16px "${family}"`, text))));
  await document.fonts.ready;
}"""
# The width of the text on an A4 page less its margins, in CSS pixels: laid out at this
# width for print, the page is as it will be printed.
TEXT_WIDTH_PX = int((210 - 2 * MARGIN_MM[1]) / 25.4 * 96)
# Marks each code line that wraps (its fragments on more than one line), and names what
# runs past the right edge of the text, which the print would cut off.
MARK_WRAPPED = """(width) => {
  let wrapped = 0;
  for (const line of document.querySelectorAll(".print-line")) {
    const range = document.createRange();
    range.selectNodeContents(line);
    const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
    if (tops.size > 1) { line.classList.add("print-line--wrapped"); wrapped++; }
  }
  const cut = [];
  // Anything wider than the column makes Chromium shrink every page to fit it.
  const page = document.documentElement.scrollWidth;
  if (page > width + 1) {
    const widest = [...document.querySelectorAll(".print-page *")].filter((element) => element.getBoundingClientRect().right > width + 1);
    cut.push(`the page is ${page - width} px wider than the text: ` + widest.slice(0, 3).map((element) => `${element.closest(".print-page").id}: ${element.tagName.toLowerCase()}.${element.classList[0] || ""}`).join(", "));
  }
  for (const element of document.querySelectorAll(".print-page pre, .print-page table, .print-page mjx-container, .print-page img, .print-page svg.print-figure")) {
    const box = element.getBoundingClientRect();
    const right = Math.max(box.right, box.left + element.scrollWidth);  // its content, too
    if (right > width + 1) {
      const section = element.closest(".print-page");
      const what = element.tagName === "IMG" ? element.getAttribute("src") : element.textContent.trim();
      cut.push(`${section.id}: ${element.tagName.toLowerCase()} "${what.slice(0, 60)}" ends ${Math.round(right - width)} px past the right edge`);
    }
  }
  return {wrapped, cut};
}"""


def undoubled(title):
    """A bookmark's title without the repetition Chromium gives some Korean headings:
    "1. RNN이란?1. RNN이란?" and "초기 상태 초기 상태 h_0" (the heading's text before a formula,
    then the whole heading)."""
    for cut in range(3, len(title) // 2 + 1):
        head, rest = title[:cut], title[cut:]
        if rest.startswith(head.strip()) and len(rest) >= len(head.strip()):
            return rest
    return title


def mend_outline(pdf):
    """Rewrite the PDF's bookmarks (its outline, from the headings) with undoubled titles."""
    writer = PdfWriter(pdf, incremental=True)
    mended = 0
    pending = [writer._root_object["/Outlines"]] if "/Outlines" in writer._root_object else []
    while pending:
        item = pending.pop().get_object()
        if "/Title" in item and (title := undoubled(str(item["/Title"]))) != item["/Title"]:
            item[NameObject("/Title")] = TextStringObject(title)
            mended += 1
        pending += [item[key] for key in ("/First", "/Next") if key in item]
    writer.write(pdf)
    return mended


class PrintError(Exception):
    """The print would lose part of the book."""


# Each contents entry's page number, from {section id: page}.
FILL_NUMBERS = """(numbers) => {
  for (const link of document.querySelectorAll(".contents a[href^='#']")) {
    link.querySelector(".page-number").textContent = numbers[link.getAttribute("href").slice(1)];
  }
}"""


def print_pdf(browser, page_html, target, sections=()):
    """Print `page_html` to `target`; how many code lines wrapped. The page is a file beside
    the edition's pages, so that their relative stylesheet and image addresses resolve.
    With `sections` (the ids the contents link to), it is printed twice from one load: the
    first print tells on which page each section starts, the second has those numbers in
    the contents (which end on a page of their own, so no page moves)."""
    view = target.with_suffix(".print.html")
    view.write_text(page_html, encoding="utf-8")
    page = browser.new_page(viewport={"width": TEXT_WIDTH_PX, "height": 1000})
    try:
        page.emulate_media(media="print")
        page.goto(view.as_uri(), wait_until="load")
        page.evaluate(LOAD_FONTS, FAMILIES)
        found = page.evaluate(MARK_WRAPPED, TEXT_WIDTH_PX)
        if found["cut"]:
            raise PrintError(f"{target.name}: {len(found['cut'])} element(s) would be cut at the right edge of the page:\n" + "\n".join(found["cut"]))
        if sections:  # without the tags and bookmarks, which only the last print needs
            page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
            page.evaluate(FILL_NUMBERS, section_pages(target, sections))
        page.pdf(path=str(target), prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
        return found["wrapped"]
    finally:
        page.close()
        view.unlink()


def build(site):
    """Print each edition of the site built in `site` to its PDF (extra.pdf of its config);
    the seconds it took."""
    if not CHROMIUM.is_file():
        raise PrintError(f"{CHROMIUM} is missing: the PDFs are printed by Debian's chromium (apt-get install chromium)")
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            for config_file, folder in EDITIONS.items():
                config = load_config(str(ROOT / config_file))
                edition = site / folder
                target = edition / config.extra["pdf"]
                view = print_view(config, edition)
                sections = re.findall(r'<section class="print-page" id="([^"]+)"', view)
                wrapped = print_pdf(browser, view, target, sections)
                mend_outline(target)
                print(f"{target}: {len(PdfReader(target).pages)} pages, {target.stat().st_size / 2**20:.1f} MB, {wrapped} code line(s) wrapped")
        finally:
            browser.close()
    return time.monotonic() - started


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        print(f"both editions in {build(Path(sys.argv[1]).resolve()):.0f} s")
    except PrintError as error:
        sys.exit(str(error))
