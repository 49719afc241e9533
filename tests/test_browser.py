"""The built book in a real browser, as a reader gets it from GitHub Pages.

The site, built once with its site_url (the `site` fixture), is served on 127.0.0.1 under
its sub-path (/rnn-book/), missing paths answered by its 404 page as GitHub Pages does, and
Debian's Chromium visits every page with Playwright (tests/browser.py holds the checks).
Requests to any other host are blocked and reported. The checks are shown to fail, naming
the page, on the planted defects of tests/fixtures/browser/.
"""

import re
import shutil
from urllib.parse import urlsplit

import pytest

from tests import browser as b
from tests.harness import ROOT, load_hook

FIXTURES = ROOT / "tests" / "fixtures" / "browser"


def problems(lines):
    return f"{len(lines)} problem(s):\n" + "\n".join(lines)


@pytest.fixture(scope="session")
def measured():
    """What the reader checks measured on each page in each view (filled by `report`)."""
    return []


@pytest.fixture(scope="session")
def report(book, served, site, measured):
    """Every check on every page of the built site, in every view (each page once more by
    an instant navigation click from the page before it), in browsers of its own."""
    _, root = book
    return b.check_site(root, b.page_paths(site), port80=urlsplit(served).port, measured=measured)


def test_pages_are_found(site):
    paths = b.page_paths(site)
    assert "" in paths and len(paths) >= 2, paths


def test_every_page_loads_without_errors(report):
    """HTTP 200, no console error, no uncaught error, no failed request, after a full load
    and after an instant navigation."""
    assert not report["load"], problems(report["load"])


def test_no_page_requests_another_host(report):
    assert not report["external"], problems(report["external"])


def test_every_formula_is_typeset_once(report):
    """Every formula typeset, none with a MathJax error, none typeset twice; after a full
    load and after an instant navigation."""
    assert not report["math"], problems(report["math"])


def test_every_internal_link_and_anchor_resolves(report):
    assert not report["links"], problems(report["links"])


def test_every_image_has_alt_text(report):
    assert not report["images"], problems(report["images"])


def test_no_page_is_wider_than_its_screen(report):
    """At a phone's and a tablet's width in both schemes, and a desktop's in dark mode: wide
    formulas, tables and code scroll in their own box; the page itself must not scroll
    sideways."""
    assert not report["layout"], problems(report["layout"])


def test_no_page_moves_as_it_loads(report):
    """No layout shift from the start of the load until the checks begin, in every view
    (Lighthouse's layout shift, 0)."""
    assert not report["shifts"], problems(report["shifts"])


def test_every_page_is_drawn_for_its_reader(report):
    """Measured as drawn, at a phone's, a tablet's and a desktop's width, in light and dark
    mode (tests/browser.py, READER_VIEW): every formula at least its natural size, every
    figure's and formula's text at least 9 px and every table's at least 12 px, no
    identifier in a table broken inside a word, a lab's code, output and plots across the
    column, its outputs unwrapped; whatever is wider than the screen scrolls in a box the
    keyboard reaches; no copy button over the text it copies; dark mode drawn dark."""
    assert not report["drawn"], problems(report["drawn"])


def test_every_heading_a_page_links_to_lands_below_the_header(report):
    """Every entry of each page's table of contents, and a link to each other page it
    links to, clicked as a reader does, at a desktop's width and at a phone's (where the
    table of contents is in the navigation drawer): the heading must be on the screen,
    below the sticky header, on the first click."""
    assert not report["landing"], problems(report["landing"])


def test_the_reader_checks_measured_every_page(measured, site):
    """The reader checks cannot pass by measuring nothing: every page in every view, and,
    over the book, formulas, figures, tables, lab cells and followed links in each view."""
    views = {f"{view}, {scheme}" for view in b.VIEWS for scheme in b.SCHEMES}
    seen = {(entry["page"], entry["view"]) for entry in measured}
    pages = {b.site_base() + path for path in b.page_paths(site)}
    assert seen == {(page, view) for page in pages for view in views}, sorted({(p, v) for p in pages for v in views} - seen)[:5]
    for view in views:
        entries = [entry for entry in measured if entry["view"] == view]
        totals = {kind: sum(entry["counts"][kind] for entry in entries) for kind in ("formula", "figure", "table", "lab")}
        assert all(totals.values()), f"{view}: measured {totals}"
    followed = sum(entry["links followed"] for entry in measured)
    assert followed >= len(pages), f"only {followed} links followed"


def test_every_code_block_gets_its_copy_button(report):
    """The theme adds a block's copy button as the block first comes into view
    (content.lazy): each block, brought into view in turn, must have one."""
    assert not report["code"], problems(report["code"])


def test_axe_finds_no_accessibility_violation(report):
    """axe-core on every page in every view: right after the load at every width and scheme
    but the desktop's light one, where it runs once every code block has been brought into
    view (the theme adds their copy buttons then)."""
    assert not report["axe"], problems(report["axe"])


@pytest.mark.parametrize("path", ["02-inside-the-cell/", "ko/labs/02-hihello/"])
def test_the_page_is_styled_in_full_once_as_it_starts(book, path):
    """The theme's start-up made the browser restyle every element of a page three more
    times after its first paint, each a quarter of a second on Lighthouse's phone; the build
    and the template now spare all three (hooks/render_cost.py, overrides/main.html). On the
    build before that change this check counts 3 more. Chapter 2 has formulas, code and
    tables; the lab is a notebook page of the Korean edition."""
    browser, root = book
    restyles = b.whole_page_restyles(browser, root + path)
    assert len(restyles) == 1, f"{root + path}: {len(restyles)} restyles of the whole page ({restyles} elements each), expected 1"


@pytest.mark.parametrize(
    ("path", "pause_before"),
    [
        # Before the header's search button: drawn without it, the header's other buttons
        # moved left once it came.
        ("02-inside-the-cell/", b'<label class="md-header__button md-icon" for="__search"'),
        # Inside the formulas' glyphs: where they sat in a paragraph, its text moved once
        # they came (hooks/mathjax.py); a Korean chapter, and an English notebook page.
        ("ko/05-sequence-and-batch/", b'<path id="MJX-TEX-'),
        ("labs/02-hihello/", b'<path id="MJX-TEX-'),
        # The theme's script, whole (the file starts with these bytes): the page is parsed
        # and drawn without it, then it starts. Chapter 2 has tables (the theme wraps them),
        # formulas and code; a Korean notebook page.
        ("02-inside-the-cell/", b'"use strict";'),
        ("ko/labs/02-hihello/", b'"use strict";'),
    ],
)
def test_a_page_that_arrives_in_parts_does_not_move(book, site, path, pause_before):
    """Over a slow network a browser may draw what it has of a page before the rest arrives.
    Sent in two parts with a pause between, the page must show no layout shift. On the build
    of 8bb1ece: 0.0008 (the header) and 0.0063 (chapter 5's first paragraph).

    Chromium, which runs this test, draws nothing before the page's article is in
    (hooks/render_cost.py), so the first three cases guard that; the glyphs' place at the
    top of the content (hooks/mathjax.py) still serves the browsers that draw earlier. The
    scripts hold back no paint: a page is drawn before the theme's script has run, and what
    the theme changes as it starts must move nothing (the last two cases: until the build
    wrote the theme's boxes for tables, each moved the text below it down by 8 px)."""
    browser, _ = book
    shifts = b.layout_shifts_in_parts(browser, site, b.site_base(), path, pause_before)
    assert not shifts, f"{b.site_base()}{path}, paused before {pause_before.decode()!r}: layout shifts {shifts}"


def test_404_page_works_under_the_sub_path(book):
    browser, root = book
    url = root + "no-such-chapter/deeper/"
    found = b.check_page(browser, url, status=404)
    assert not any(found.values()), problems([line for lines in found.values() for line in lines])
    tab = b.Tab(browser)
    try:
        tab.goto(url, status=404)
        page = tab.page
        assert "404" in page.locator("h1").first.inner_text()
        # Styled (Material's stylesheet loaded from the sub-path), and its links lead home.
        assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        home = page.locator(".md-header__button.md-logo").get_attribute("href")
        assert page.evaluate("(href) => new URL(href, location.href).href", home) == root
    finally:
        tab.close()


@pytest.mark.parametrize(
    "edition, query, page",
    [("", "hidden state", "02-inside-the-cell/"), ("ko/", "은닉 상태", "ko/02-inside-the-cell/")],
    ids=["English", "Korean"],
)
def test_search_finds_the_chapter_on_the_cell(book, edition, query, page):
    """Each edition searches its own index (Korean with lunr's Korean support): the term
    the chapter on the cell is about finds it. The index is not loaded until the reader
    opens search (overrides/main.html); typed at once, the query waits for it."""
    browser, root = book
    tab = b.Tab(browser)
    try:
        tab.goto(root + edition)
        search = tab.page
        search.wait_for_load_state("networkidle")
        early = [request.url for request in tab.issued if request.url.endswith("/search/search_index.json")]
        assert not early, f"the search index was requested before search was opened: {early}"
        search.locator(".md-search__input").click()
        search.keyboard.type(query)
        # Results appear in batches as the index answers: wait for the chapter's.
        search.locator(f'.md-search-result__item > a[href^="{root + page}"]').first.wait_for()
        texts = [text.lower() for text in search.locator(".md-search-result__item").all_inner_texts()]
        assert any(query in text for text in texts), texts
        links = [search.evaluate("(href) => new URL(href, location.href).href", link.get_attribute("href"))
                 for link in search.locator(".md-search-result__item > a").all()]
        assert all(link.startswith(root + edition) for link in links), links
        found = b.empty_report()
        tab.report("search", found)
        assert not any(found.values()), found
    finally:
        tab.close()


@pytest.mark.parametrize("start, other", [("04-pytorch-api/", "ko/04-pytorch-api/"), ("ko/labs/02-hihello/", "labs/02-hihello/")])
def test_language_switch_leads_to_the_same_page(book, start, other):
    """The header's language menu leads to this page in the other edition, which loads in
    full, in its own language (not through instant navigation, which stays in one edition)."""
    browser, root = book
    tab = b.Tab(browser)
    try:
        tab.goto(root + start)
        page = tab.page
        # Let the theme's requests at start (its sitemaps) finish: leaving earlier aborts them.
        page.wait_for_load_state("networkidle")
        lang = "en" if start.startswith("ko/") else "ko"
        page.locator(".md-header__option .md-select").hover()
        page.locator(f".md-select__link[hreflang={lang}]").click()
        page.wait_for_url(root + other)
        page.wait_for_load_state("load")
        assert page.evaluate("() => document.documentElement.lang") == lang
        found = b.empty_report()
        tab.report(other, found)
        assert not any(found.values()), found
    finally:
        tab.close()


def test_light_dark_toggle_switches_and_is_remembered(book):
    browser, root = book
    tab = b.Tab(browser, color_scheme="light")
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    background = "() => getComputedStyle(document.body).backgroundColor"
    toggle = "form[data-md-component=palette] label:visible"
    try:
        tab.goto(root)
        page = tab.page
        assert page.evaluate(scheme) == "default"
        light = page.evaluate(background)
        page.locator(toggle).click()
        assert page.evaluate(scheme) == "slate"
        assert page.evaluate(background) != light
        page.reload()
        assert page.evaluate(scheme) == "slate", "the choice of dark mode is not remembered"
        page.locator(toggle).click()
        assert page.evaluate(scheme) == "default"
        assert page.evaluate(background) == light
    finally:
        tab.close()


def first_example(site):
    """The first page showing an example file of snippets/ in a titled code block:
    (page path, file name, the file)."""
    for path in b.page_paths(site):
        chapter = path.rstrip("/").replace("-", "_")
        html = (site / path / "index.html").read_text(encoding="utf-8")
        for name in sorted(set(re.findall(r'<span class="filename">([\w.-]+\.py)</span>', html))):
            example = ROOT / "snippets" / chapter / name
            if example.is_file():
                return path, name, example
    pytest.fail("no page shows an example of snippets/ in a titled code block")


def test_copy_button_copies_the_exact_code(book, site):
    browser, root = book
    path, name, example = first_example(site)
    tab = b.Tab(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        tab.goto(root + path)
        page = tab.page
        block = page.locator(".highlight", has=page.locator(".filename", has_text=name)).first
        block.hover()
        block.locator("button[data-md-type=copy], .md-clipboard").first.click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        expected = example.read_text(encoding="utf-8")
        assert copied.rstrip("\n") == expected.rstrip("\n"), f"{root + path}: {name}: copied\n{copied!r}\nexpected\n{expected!r}"
    finally:
        tab.close()


# --- The checks fail on planted defects, naming the page -------------------------------------


@pytest.fixture(scope="session")
def fixture_report(playwright, tmp_path_factory):
    """The checks run on tests/fixtures/browser/, served like the book: the formulas of the
    control page, formula-collapsed.html and small-text.html typeset by the book's typesetter
    (hooks/mathjax.py), and bad-formula.html given
    the error it makes of a formula it cannot read (which fails the book's build)."""
    site = tmp_path_factory.mktemp("browser-fixtures")
    shutil.copytree(FIXTURES, site, dirs_exist_ok=True)
    hook = load_hook("mathjax")
    typesetter = hook.Typesetter()
    try:
        (site / "assets" / "mathjax").mkdir(parents=True)
        (site / "assets" / "mathjax" / "svg.css").write_text(typesetter.css, encoding="utf-8")
        for page in ("index.html", "formula-collapsed.html", "small-text.html"):
            page = site / page
            page.write_text(hook.typeset_page(page.read_text(encoding="utf-8"), typesetter, page.name), encoding="utf-8")
        (error,), _, glyphs = typesetter.typeset([(r"\frac{1}", False)])
        bad = site / "bad-formula.html"
        bad.write_text(bad.read_text(encoding="utf-8").replace(r"<!-- typeset \frac{1} -->", glyphs + error), encoding="utf-8")
    finally:
        typesetter.close()
    with b.serve(site, b.site_base()) as root:
        return b.check_site(root, b.page_paths(site), instant=False)


PLANTED = [
    ("external-script.html", "external", "1 request(s) to another host blocked: https://cdn.example.com/x.js"),
    ("broken-anchor.html", "links", "broken anchor: link to /rnn-book/broken-anchor.html#missing-anchor, no id 'missing-anchor' there"),
    ("broken-anchor.html", "links", "broken anchor: link to /rnn-book/index.html#no-such-id, no id 'no-such-id' there"),
    ("image-without-alt.html", "images", "image without alt text: figure.svg"),
    ("image-without-alt.html", "axe", "axe image-alt"),
    ("bad-formula.html", "math", r"formula not typeset: \(\frac{1}{2}\) (0 formulas typeset from it)"),
    ("bad-formula.html", "math", r"MathJax error: Missing argument for \frac"),
    ("script-error.html", "load", "uncaught error: Error: planted error"),
    ("missing-stylesheet.html", "load", "missing.css (HTTP 404)"),
    ("code-without-copy-button.html", "code", 'code block without its copy button after it came into view: block 1 of 1, "print(\'planted\')"'),
    ("too-wide.html", "layout", "px wider than the screen; furthest out: pre.planted"),
    ("too-wide.html", "axe", "(phone, dark): axe scrollable-region-focusable"),
    ("layout-shift.html", "shifts", "layout shift"),
    ("layout-shift.html", "shifts", "(phone, dark): layout shift"),
    ("formula-collapsed.html", "drawn", '(phone, light): formula "ht=tanh⁡(xtWih⊤+bih+ht−1Whh⊤+bhh)" drawn 1×'),
    ("formula-collapsed.html", "drawn", "(phone, dark): formula \"h1Whh⊤=(0.5⋅0.4621, −1⋅0.7616)=(0.2311,−0.7616)=(0.2311,−0.7\" is cut off at the screen's edge"),
    ("small-text.html", "drawn", "(tablet, light): figure small-labels.svg: its smallest label is drawn 6.0 px high"),
    ("small-text.html", "drawn", '(desktop, dark): table "Name…": th "Name" drawn at 10.0 px'),
    ("small-text.html", "drawn", '(tablet, dark): formula "ht": its glyphs are drawn 6.0 px high'),
    ("small-text.html", "drawn", '(phone, light): table "Name…": `weight_ih_l0` is broken across lines'),
    ("korean-word-broken.html", "drawn", '(phone, light): p: the Korean word'),
    ("korean-word-broken.html", "drawn", '(desktop, dark): p: the Korean word'),
    ("lab-squeezed.html", "drawn", "(phone, light): lab code 1 drawn"),
    ("lab-squeezed.html", "drawn", '(desktop, light): lab output "epoch  loss    accuracy   a pr…" wraps its lines'),
    ("copy-button-covers.html", "drawn", '(desktop, light): the copy button covers the text of pre "print('),
    ("copy-button-covers.html", "drawn", '(phone, light): the copy button covers the text of pre "print('),
    ("heading-under-header.html", "landing", "(desktop): the table of contents' link to #planted lands under the header"),
    ("heading-under-header.html", "landing", "(phone): the table of contents' link to #planted lands under the header"),
    ("axe-at-load.html", "axe", "(phone, light): axe scrollable-region-focusable"),
    ("axe-at-load.html", "axe", "(phone, dark): axe scrollable-region-focusable"),
]


@pytest.mark.parametrize(("page", "kind", "message"), PLANTED, ids=[f"{page}-{kind}-{i}" for i, (page, kind, _) in enumerate(PLANTED)])
def test_planted_defect_fails_with_its_page_named(fixture_report, page, kind, message):
    lines = [line for line in fixture_report[kind] if line.startswith((f"/rnn-book/{page}: ", f"/rnn-book/{page} ("))]
    assert any(message in line for line in lines), problems(fixture_report[kind])


def test_control_page_passes_every_check(fixture_report):
    found = [line for lines in fixture_report.values() for line in lines if line.startswith(("/rnn-book/: ", "/rnn-book/ ("))]
    assert not found, problems(found)
