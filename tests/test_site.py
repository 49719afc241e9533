"""The site builds with `mkdocs build --strict`, warning-free, and loads nothing from another host."""

import functools
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from tests.browser import ALT_WORDS, gzipped
from tests.harness import ROOT, load_hook

render_cost = load_hook("render_cost")

# <link> relations that make the browser fetch something (canonical, prev and next do not).
FETCHING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")


class ResourceFinder(HTMLParser):
    """Collects every URL an HTML page makes the browser load."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed"} and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag == "link" and FETCHING_LINKS & set((attrs.get("rel") or "").split()):
            self.urls.append(attrs.get("href", ""))
        elif tag == "object" and attrs.get("data"):
            self.urls.append(attrs["data"])
        if attrs.get("srcset"):
            self.urls += [part.split()[0] for part in attrs["srcset"].split(",")]
        if attrs.get("style"):
            self.urls += CSS_URL.findall(attrs["style"])


def external(url):
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in {"", "data"}


def test_site_builds_strict_without_warnings(site):
    assert (site / "index.html").is_file()


def test_pages_load_nothing_from_another_host(site):
    offenders = []
    for page in sorted(site.rglob("*.html")):
        finder = ResourceFinder()
        finder.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(site)}: {url}" for url in finder.urls if external(url)]
    for sheet in sorted(site.rglob("*.css")):
        offenders += [f"{sheet.relative_to(site)}: {url}" for url in CSS_URL.findall(sheet.read_text()) if external(url)]
    assert not offenders, "\n".join(offenders)


def test_every_formula_is_typeset_by_the_build(site):
    """hooks/mathjax.py replaced the TeX of every arithmatex element (notebook prose math
    included) by one SVG with hidden MathML for screen readers; no page loads MathJax."""
    problems, formulas = [], {}
    for page in sorted(site.rglob("*.html")):
        name, html = str(page.relative_to(site)), page.read_text(encoding="utf-8")
        elements = re.findall(r'<(?:span|div) class="arithmatex">(.{0,80})', html, re.DOTALL)
        problems += [f"{name}: not typeset: {element}" for element in elements if not element.startswith("<mjx-container")]
        containers = re.findall(r"<mjx-container\b.*?</mjx-container>", html, re.DOTALL)
        problems += [f"{name}: no SVG or no MathML: {c[:80]}" for c in containers if "<svg" not in c or "<mjx-assistive-mml" not in c]
        if re.search(r"<script\b[^>]*\bsrc=[^>]*mathjax|\.woff", html, re.IGNORECASE):
            problems.append(f"{name}: loads MathJax or its fonts")
        formulas[name] = len(containers)
    assert not problems, "\n".join(problems)
    assert formulas["02-inside-the-cell/index.html"] > 100 and formulas["labs/02-hihello/index.html"] > 10, formulas
    assert (site / "assets" / "mathjax" / "svg.css").is_file()


def images(site):
    """(page, <img> tag) for every image of every built page."""
    for page in sorted(site.rglob("*.html")):
        for img in render_cost.IMG.findall(page.read_text(encoding="utf-8")):
            yield page.relative_to(site), img


def test_every_figure_has_alt_text(site):
    missing = []
    for page, img in images(site):
        alt = re.search(r'\balt="([^"]*)"', img)
        if alt is None or len(alt.group(1).split()) < ALT_WORDS:
            missing.append(f"{page}: {img}")
    assert not missing, "images need alt text that describes them:\n" + "\n".join(missing)


class ParagraphLines(HTMLParser):
    """The lines of text of every <p> of a page (formulas, code and all), in order."""

    LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s")
    # A block that starts closes an open <p>, as in a browser (`<p><!--comment--><div>`).
    BLOCKS = {"div", "pre", "table", "ul", "ol", "dl", "figure", "blockquote", "details", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "p"}

    def __init__(self):
        super().__init__()
        self.open, self.text, self.lines = False, [], []

    def close(self):
        super().close()
        self.handle_endtag("p")

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.handle_endtag("p")
        self.open = self.open or tag == "p"

    def handle_endtag(self, tag):
        if tag == "p" and self.open:
            self.lines += "".join(self.text).splitlines()
            self.open, self.text = False, []

    def handle_data(self, data):
        if self.open:
            self.text.append(data)


def test_no_list_item_is_swallowed_into_a_paragraph(site):
    """A Markdown list item written right after an indented block of the item before it (a
    display formula in a summary's bullet) is read as text of that bullet's paragraph, and
    the page shows "- A GRU has..." in running text. mkdocs builds it without a warning."""
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = ParagraphLines()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        found += [f"{page.relative_to(site)}: {line.strip()[:80]}" for line in parser.lines if ParagraphLines.LIST_ITEM.match(line)]
    assert not found, "list items shown as text inside a paragraph (add a blank line before them):\n" + "\n".join(found)


def test_every_image_is_a_file_of_this_site(site):
    """No picture is inline in its page, where it would hold back the first paint: each is a
    file that exists, and the notebooks' plots (hooks/render_cost.py writes them out) load
    lazily."""
    problems = []
    for page, img in images(site):
        src = re.search(r'\ssrc="([^"]*)"', img).group(1)
        if src.startswith("data:") or not (site / page.parent / urlsplit(src).path).is_file():
            problems.append(f"{page}: {src[:80]} is not a file of the site")
        elif f"/{render_cost.PLOTS}/" in f"/{src}" and ' loading="lazy"' not in img:
            problems.append(f"{page}: the plot {src} does not load lazily")
    assert not problems, "\n".join(problems)


def test_mkdocs_serve_rebuilds_on_every_file_a_page_is_built_from():
    config = load_config(str(ROOT / "mkdocs.yml"))
    watched = {Path(path).resolve() for path in config["watch"]}
    sources = {ROOT / "snippets", ROOT / "hooks", ROOT / "overrides"}
    assert sources <= watched, f"add to `watch:` in mkdocs.yml: {sorted(map(str, sources - watched))}"


# What a page may weigh, set from the figures of the build that met the phone budget
# (scripts/bench.py, README): the heaviest page of each kind and some room above it. The
# timings themselves move with the machine and stay in the benchmark; these do not.
MAX_ELEMENTS = 10_000  # chapter 6: 8,156
MAX_GZIP = {"labs": 400_000, "other": 160_000}  # lab 4 (its plots): 325 KB; chapter 6: 139 KB
# The page's own HTML, all of which arrives before the first paint.
MAX_HTML_GZIP = 80_000  # Korean chapter 6: 65 KB (lab 4 was 270 KB with its plots inline)


class ElementCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = 0
        self.in_head = True
        # Scripts from a file that stop the parser or hold back the first paint: each must
        # wait in <head>, deferred, and not render-blocking (hooks/render_cost.py says why).
        self.blocking = []

    def handle_starttag(self, tag, attrs):
        self.elements += 1
        self.in_head = self.in_head and tag != "body"
        attrs = dict(attrs)
        waits = self.in_head and "defer" in attrs and "blocking" not in attrs
        if tag == "script" and attrs.get("src") and not waits:
            self.blocking.append(attrs["src"])


@functools.cache  # every page loads the same theme files
def gzip_size(path):
    return len(gzipped(path.read_bytes()))


def test_every_page_stays_within_its_weight_budget(site):
    """Elements in the page (each restyle and relayout costs in proportion to them), bytes on
    the wire gzip-compressed as GitHub Pages sends them (the page's HTML alone, then with every
    file of this site it loads, the search index apart), and no script that stops the parser
    or holds back the first paint."""
    over = []
    for page in sorted(site.rglob("index.html")):
        name, html = str(page.relative_to(site)), page.read_text(encoding="utf-8")
        counter, finder = ElementCounter(), ResourceFinder()
        counter.feed(html)
        finder.feed(html)
        files = {(page.parent / urlsplit(url).path).resolve() for url in finder.urls if not external(url) and not url.startswith("data:")}
        wire = gzip_size(page) + sum(gzip_size(path) for path in files if path.is_file())
        budget = MAX_GZIP["labs" if name.startswith(("labs/", "ko/labs/")) else "other"]
        if counter.elements > MAX_ELEMENTS:
            over.append(f"{name}: {counter.elements:,} elements, budget {MAX_ELEMENTS:,}")
        if gzip_size(page) > MAX_HTML_GZIP:
            over.append(f"{name}: its HTML is {gzip_size(page):,} bytes gzip, budget {MAX_HTML_GZIP:,}")
        if wire > budget:
            over.append(f"{name}: {wire:,} bytes gzip on the wire, budget {budget:,}")
        over += [f"{name}: script not deferred in <head>, or render-blocking: {src}" for src in counter.blocking]
    assert not over, "\n".join(over)


def test_every_image_reserves_its_box(site):
    """hooks/render_cost.py gives every picture its width and height, so that nothing moves
    when it arrives (cumulative layout shift 0, the phone budget)."""
    unsized = []
    for page, img in images(site):
        if not re.search(r'\swidth="\d+"', img) or not re.search(r'\sheight="\d+"', img):
            unsized.append(f"{page}: {img[:160]}")
    assert not unsized, "images without width and height:\n" + "\n".join(unsized)


def test_every_bare_table_comes_in_its_scrolling_box(site):
    """The theme wrapped each table without a class in a scrolling box as it started, which
    moved the text below it once a page was drawn before the theme's script had run.
    hooks/render_cost.py writes the box (with the tabindex the keyboard needs to scroll it)
    and blanks out the theme's wrapping."""
    opening, closing = render_cost.TABLE_BOX.split("{}")
    loose = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for table in render_cost.BARE_TABLE.finditer(html):
            if not (html[: table.start()].endswith(opening) and html[table.end() :].startswith(closing)):
                line = html.count("\n", 0, table.start()) + 1
                loose.append(f"{page.relative_to(site)}:{line}: {html[table.start() : table.start() + 80]!r}")
    assert not loose, "tables not in the theme's scrolling box:\n" + "\n".join(loose)


def test_the_theme_files_carry_the_edits_at_the_same_offsets(site):
    """Each text of render_cost.THEME_EDITS is blanked out of the built theme file, with
    spaces, so that the file keeps its length and the theme's source maps still match."""
    dirs = load_config(str(ROOT / "mkdocs.yml"))["theme"].dirs
    for pattern, before, blanked in render_cost.THEME_EDITS:
        (built,) = site.glob(pattern)
        name = built.relative_to(site)
        original = render_cost.theme_file(dirs, name).read_text(encoding="utf-8")
        text = built.read_text(encoding="utf-8")
        assert before + blanked in original and before + blanked not in text, name
        assert before + " " * len(blanked) in text and len(text) == len(original), name


def test_a_theme_that_changed_fails_the_build_naming_its_file(tmp_path):
    """After a theme update that drops or changes an edited text, the build stops and says
    which file; it does not ship the theme's files unedited."""
    theme, site = tmp_path / "theme", tmp_path / "site"
    edited, expected = {}, {}  # each file's edited texts, before and after the hook
    for pattern, before, blanked in render_cost.THEME_EDITS:
        name = pattern.replace("*", "0123abcd")
        edited.setdefault(name, []).append(before + blanked)
        expected.setdefault(name, []).append(before + " " * len(blanked))
    for name, texts in edited.items():
        for root, content in [(theme, ";".join(texts)), (site, "copied by mkdocs")]:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(f"start;{content};end", encoding="utf-8")
    config = {"site_dir": str(site), "theme": SimpleNamespace(dirs=[str(theme)])}
    render_cost.on_post_build(config)
    for name, texts in expected.items():
        assert (site / name).read_text(encoding="utf-8") == f"start;{';'.join(texts)};end", name

    (theme / name).write_text("a newer theme", encoding="utf-8")
    with pytest.raises(PluginError, match=re.escape(name)):
        render_cost.on_post_build(config)


class Ending(HTMLParser):
    """A page's last paragraph that says where to go next, and the theme's footer link."""

    def __init__(self):
        super().__init__()
        self.paragraphs, self.footer_href, self.footer_title = [], None, ""
        self.in_p = self.in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p":
            self.in_p = True
            self.paragraphs.append({"text": "", "href": None})
        elif tag == "a" and self.in_p and self.paragraphs[-1]["href"] is None:
            self.paragraphs[-1]["href"] = attrs.get("href")
        elif tag == "a" and "md-footer__link--next" in (attrs.get("class") or ""):
            self.footer_href = attrs["href"]
        elif tag == "div" and self.footer_href and not self.footer_title and "md-ellipsis" in (attrs.get("class") or ""):
            self.in_title = True

    def handle_endtag(self, tag):
        if tag == "p":
            self.in_p = False
        elif tag == "div":
            self.in_title = False

    def handle_data(self, data):
        if self.in_p:
            self.paragraphs[-1]["text"] += data
        if self.in_title:
            self.footer_title += data.strip()


NEXT = ("Next:", "다음:")
READING_ORDER = re.compile(r"^(labs/)?\d\d-[^/]+/index\.html$")
LAST = "labs/05-char-language-model/index.html"  # the end of the path: no next page to name


@pytest.mark.parametrize("edition", ["", "ko/"])
def test_every_chapter_and_lab_ends_on_the_page_the_navigation_goes_to_next(site, edition):
    """One reading order: a chapter's closing "Next:" links to the page the footer (and so
    the navigation) goes to next; a lab, whose text is also a notebook on its own, names it."""
    problems = []
    pages = sorted(p for p in (site / edition).rglob("index.html") if READING_ORDER.match(p.relative_to(site / edition).as_posix()))
    assert len(pages) == 11, [p.relative_to(site / edition).as_posix() for p in pages]
    for page in pages:
        where = page.relative_to(site / edition).as_posix()
        ending = Ending()
        ending.feed(page.read_text(encoding="utf-8"))
        said = [p for p in ending.paragraphs if p["text"].strip().startswith(NEXT)]
        if where == LAST:
            problems += [f"{edition}{where}: the last page of the path says {said[-1]['text'][:60]!r}"] if said else []
            continue
        if not said:
            problems.append(f"{edition}{where}: no closing paragraph starting {' or '.join(NEXT)}")
            continue
        said = said[-1]
        next_title = re.sub(r"^(\d+\. |Lab \d+: |실습 \d+: )", "", ending.footer_title)
        if where.startswith("labs/"):
            if next_title not in said["text"]:
                problems.append(f"{edition}{where}: says {said['text'][:70]!r}, but the navigation goes on to {ending.footer_title!r}")
        elif said["href"] is None or (page.parent / said["href"]).resolve() != (page.parent / ending.footer_href).resolve():
            problems.append(f"{edition}{where}: its Next links to {said['href']}, the navigation to {ending.footer_href} ({ending.footer_title})")
    assert not problems, "\n".join(problems)


page_facts = load_hook("page_facts")


class Facts(HTMLParser):
    """The page's facts at its foot (hooks/page_facts.py), and its canonical address."""

    def __init__(self):
        super().__init__()
        self.canonical, self.changed, self.report, self.text, self.inside = None, None, None, "", 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        elif tag == "aside" and "page-facts" in (attrs.get("class") or ""):
            self.inside = 1
        elif self.inside and tag == "aside":
            self.inside += 1
        elif self.inside and tag == "time":
            self.changed = attrs.get("datetime")
        elif self.inside and tag == "a":
            self.report = attrs.get("href")

    def handle_endtag(self, tag):
        if self.inside and tag == "aside":
            self.inside -= 1

    def handle_data(self, data):
        if self.inside:
            self.text += data


def sources_of(site_path):
    """The page built at `site_path` (under one edition), as hooks/page_facts.py sees it."""
    class File:
        pass

    class Page:
        file = File()

    stem = site_path.removeprefix("ko/").removesuffix("index.html").rstrip("/") or "index"
    docs = ROOT / "docs"
    notebook = docs / f"{stem}.ipynb"
    Page.file.src_uri = f"{stem}.ipynb" if notebook.is_file() else f"{stem}.md"
    Page.file.abs_src_path = str(notebook if notebook.is_file() else docs / (f"{stem}.ko.md" if site_path.startswith("ko/") else f"{stem}.md"))
    return page_facts.sources(Page)


def test_every_page_says_when_it_changed_what_recorded_it_and_where_to_report(site):
    """At every page's foot, in both editions: the date of the last commit touching what the
    page is built from, the PyTorch version of the recorded outputs, and a plain link that
    opens a GitHub issue with the page's title and address."""
    problems, torch_version = [], page_facts.recorded_torch()
    in_git = page_facts.last_changed(["README.md"]) is not None
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) >= 30
    for path in pages:
        facts = Facts()
        facts.feed((site / path).read_text(encoding="utf-8"))
        expected = page_facts.last_changed(sources_of(path))
        if in_git and facts.changed != expected:
            problems.append(f"{path}: last changed {facts.changed!r}; git says {expected!r} for {sources_of(path)}")
        if f"PyTorch {torch_version}" not in facts.text:
            problems.append(f"{path}: no 'PyTorch {torch_version}' at its foot: {facts.text.split()!r}")
        report = urlsplit(facts.report or "")
        query = dict(parse_qsl(report.query))
        if (report.netloc, report.path) != ("github.com", "/rnn-book/rnn-book/issues/new") or facts.canonical not in query.get("body", ""):
            problems.append(f"{path}: the report link {facts.report!r} does not open an issue naming {facts.canonical}")
        elif not query.get("title", "").strip():
            problems.append(f"{path}: the report link's issue has no title")
    assert not problems, "\n".join(problems)
