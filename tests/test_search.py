"""Search as a reader meets it: previews that read as prose, the section that introduces a
term first for that term, and the term highlighted on the page a result opens.

The index checks read each edition's built search/search_index.json (fast); the reader's
checks type into the search box in Chromium, as a reader does, and click a result.
"""

import json
import re
from pathlib import PurePosixPath
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from mkdocs.structure.files import File
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests import browser as b
from tests.harness import ROOT

EDITIONS = {"English": "", "Korean": "ko/"}
# What a formula's TeX looks like when nothing typeset it: \( \) and \[ \] (the chapters'
# arithmatex) and $$ (the labs' display math).
TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$")
PILCROW = "¶"
GLOSSARY = yaml.safe_load((ROOT / "docs" / "glossary.yml").read_text(encoding="utf-8"))


def introduced(term, docs):
    """(glossary entry, location) of the section docs/glossary.yml says introduces `term`
    (English), as the search index `docs` (by location) names it:
    `01-what-is-an-rnn/#the-recurrent-structure`. A page's first heading has no entry of its
    own in the index; its section is the page's entry, `06-lstm-and-gru/`."""
    entry = next(entry for entry in GLOSSARY if entry["en"] == term)
    path, _, anchor = entry["page"].partition("#")
    # A notebook page's URL is made as a Markdown page's is (mkdocs-jupyter).
    url = File(str(PurePosixPath(path).with_suffix(".md")), "docs", "site", use_directory_urls=True).url
    return entry, f"{url}#{anchor}" if f"{url}#{anchor}" in docs else url


def search_index(site, edition):
    return json.loads((site / EDITIONS[edition] / "search" / "search_index.json").read_text(encoding="utf-8"))


def index_docs(site, edition):
    return {doc["location"]: doc for doc in search_index(site, edition)["docs"]}


# --- The built index ------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_search_index_holds_prose(site, edition):
    """No entry's text holds a formula's raw TeX or a code block (its <pre>), and no title
    ends in a heading's permalink sign."""
    problems = []
    for doc in search_index(site, edition)["docs"]:
        where = EDITIONS[edition] + doc["location"]
        if tex := TEX.findall(doc["title"] + doc["text"]):
            problems.append(f"{where}: raw TeX delimiters {sorted(set(tex))}")
        if "<pre>" in doc["text"]:
            problems.append(f"{where}: a code block ({doc['text'].count('<pre>')} <pre>)")
        if PILCROW in doc["title"]:
            problems.append(f"{where}: title {doc['title']!r}")
    assert not problems, f"{len(problems)} search entries do not read as prose:\n" + "\n".join(problems[:30])


@pytest.mark.parametrize("edition", EDITIONS)
def test_inline_formulas_read_as_text(site, edition):
    """An inline formula stays in its sentence, written out: chapter 4's \\((N, L, \\cdot)\\)
    reads (N, L, ·)."""
    text = index_docs(site, edition)["04-pytorch-api/#batch_first"]["text"]
    assert "(N, L, ·)" in text, f"not written out as (N, L, ·): {text[:300]}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_section_that_introduces_a_term_is_found_by_it(site, edition):
    """Each section docs/glossary.yml names as a term's introduction carries the term (the
    Korean edition: the Korean and the English term) in a field of its own, searched with
    more weight than titles (hooks/search_index.py); no other entry has one."""
    index = search_index(site, edition)
    field = index["config"]["fields"].get("glossary", {})
    assert field.get("boost", 0) > index["config"]["fields"]["title"]["boost"], (
        f"no glossary field searched above titles; the index's fields: {index['config']['fields']}"
    )
    docs = index_docs(site, edition)
    problems = []
    for entry in GLOSSARY:
        location = introduced(entry["en"], docs)[1]
        terms = [entry["en"]] if edition == "English" else [entry["ko"], entry["en"]]
        found = docs.get(location, {}).get("glossary", "")
        problems += [f"{location}: {term!r} not in its glossary field {found!r}" for term in terms if term not in found]
    wanted = {introduced(entry["en"], docs)[1] for entry in GLOSSARY}
    problems += [f"{location}: a glossary field, but no term is introduced there" for location, doc in docs.items() if "glossary" in doc and location not in wanted]
    assert not problems, "\n".join(problems)


# --- A reader in Chromium ---------------------------------------------------------------------

# The concept a reader looks up, in each edition's words (docs/glossary.yml's en and ko).
QUERIES = [("English", "hidden state", "en"), ("Korean", "hidden state", "ko")]


def typed_search(tab, root, edition, query):
    """Open `edition`'s home page, click the search box, type `query` and wait for the
    results of the whole query (each result's link carries the matched terms in ?h=)."""
    tab.goto(root + EDITIONS[edition])
    page = tab.page
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    last = query.split()[-1]
    # Results come as the index answers each keystroke: wait for those of the whole query,
    # whose links name its last word among the terms they matched.
    page.wait_for_function(
        """(last) => [...document.querySelectorAll(".md-search-result__item a")]
          .some((a) => (new URL(a.href).searchParams.get("h") || "").split(" ").includes(last))""",
        arg=last,
    )
    return page


def result_links(page):
    """Each result group's links, in order, as absolute URLs without the ?h= part."""
    groups = []
    for item in page.locator(".md-search-result__item").all():
        hrefs = [a.get_attribute("href") for a in item.locator("a.md-search-result__link").all()]
        groups.append([page.evaluate("(href) => new URL(href, location.href).href", href) for href in hrefs])
    return groups


def without_query(url):
    parts = urlsplit(url)
    return parts._replace(query="").geturl()


@pytest.mark.parametrize("edition, term, lang", QUERIES, ids=[q[0] for q in QUERIES])
def test_the_section_that_introduces_a_term_comes_first(book, site, edition, term, lang):
    """The first result group is the page that introduces the term, and its first section
    is the one that introduces it (docs/glossary.yml)."""
    browser, root = book
    entry, location = introduced(term, index_docs(site, edition))
    query = entry[lang]
    tab = b.Tab(browser)
    try:
        page = typed_search(tab, root, edition, query)
        groups = [[without_query(url) for url in group] for group in result_links(page)]
        expected = root + EDITIONS[edition] + location
        # A group is the page (its first link), then its best sections.
        first = groups[0][1] if "#" in location and len(groups[0]) > 1 else groups[0][0]
        ranked = [g[0].removeprefix(root) + (f" ({len(g) - 1} sections)" if len(g) > 1 else "") for g in groups[:8]]
        assert first == expected, f"{query!r}: first result {first}, expected {expected}; the result groups: {ranked}"
        found = b.empty_report()
        tab.report("search", found)
        assert not any(found.values()), found
    finally:
        tab.close()


@pytest.mark.parametrize("edition, term, lang", QUERIES, ids=[q[0] for q in QUERIES])
def test_result_previews_read_as_prose(book, site, edition, term, lang):
    """No result shows a formula's raw TeX or a code block, and no result title a ¶."""
    browser, root = book
    query = introduced(term, index_docs(site, edition))[0][lang]
    tab = b.Tab(browser)
    try:
        page = typed_search(tab, root, edition, query)
        problems = []
        for article in page.locator(".md-search-result__article").all():
            title = article.locator("h1, h2").first.text_content() or ""
            text = article.text_content() or ""
            if tex := TEX.findall(text):
                problems.append(f"{title!r}: raw TeX {sorted(set(tex))} in {b.shorten(text, 200)!r}")
            if article.locator("pre").count():
                problems.append(f"{title!r}: a code block in its preview: {b.shorten(article.locator('pre').first.text_content(), 120)!r}")
            if PILCROW in title:
                problems.append(f"{title!r}: a ¶ in its title")
        assert not problems, f"{query!r}: {len(problems)} result(s) do not read as prose:\n" + "\n".join(problems)
    finally:
        tab.close()


# The page's highlighted words (not the search results') that are on the screen.
VISIBLE_MARKS = """(words) => [...document.querySelectorAll(".md-content mark")]
  .filter((mark) => words.some((word) => mark.textContent.toLowerCase().includes(word)))
  .filter((mark) => {
    const box = mark.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
      && getComputedStyle(mark).visibility === "visible";
  })
  .map((mark) => mark.textContent)"""


@pytest.mark.parametrize("edition, term, lang", QUERIES, ids=[q[0] for q in QUERIES])
@pytest.mark.parametrize("arrival", ["click", "full load"])
def test_the_landed_page_highlights_the_term(book, site, edition, term, lang, arrival):
    """After clicking the result that introduces the term (the theme then swaps the page in,
    instant navigation) or opening its link afresh (a full load, as from a new tab), the
    term is highlighted (search.highlight) where the reader lands: a <mark> on the screen."""
    browser, root = book
    entry, location = introduced(term, index_docs(site, edition))
    query = entry[lang]
    words = [word.lower() for word in query.split()]
    tab = b.Tab(browser)
    try:
        page = typed_search(tab, root, edition, query)
        expected = root + EDITIONS[edition] + location
        link = next(
            a for a in page.locator("a.md-search-result__link").all()
            if without_query(page.evaluate("(href) => new URL(href, location.href).href", a.get_attribute("href"))) == expected
        )
        href = page.evaluate("(href) => new URL(href, location.href).href", link.get_attribute("href"))
        assert parse_qs(urlsplit(href).query).get("h"), f"the result links to {href}, without ?h="
        if arrival == "click":
            # Sections ranked below the page's best are folded under "N more on this page".
            folded = link.locator("xpath=ancestor::details[not(@open)]")
            if folded.count():
                folded.locator("summary").click()
            page.evaluate("() => { window.notReloaded = true; }")  # gone if the click reloads
            link.click()
            page.wait_for_url(href)
            assert page.evaluate("() => window.notReloaded === true"), "the click reloaded the page instead of navigating instantly"
        else:
            tab.goto(href)
        try:
            page.wait_for_function(f"(words) => ({VISIBLE_MARKS})(words).length > 0", arg=words, timeout=5000)
        except PlaywrightTimeout:
            marks = page.evaluate("() => [...document.querySelectorAll('.md-content mark')].map((m) => m.textContent)")
            pytest.fail(f"{query!r}, {arrival} to {b.page_name(href)}: no highlighted term on the screen; marks in the page: {marks[:10]}")
        found = b.empty_report()
        tab.report("search", found)
        assert not any(found.values()), found
    finally:
        tab.close()
