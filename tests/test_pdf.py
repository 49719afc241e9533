"""The book as one PDF per edition (scripts/book_pdf.py, printed into the tested site by
tests/conftest.py), read back: every page's title in the reading order, a table of
contents whose numbers and links go to those pages, every font embedded and from the
book's own (npm) files, no character lost, every formula there, within its size and time;
and the print refuses to cut what runs past the page's right edge."""

import functools
import re

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from tests.conftest import BOOK_PDF
from tests.harness import ROOT

EDITIONS = {"en": "mkdocs.yml", "ko": "mkdocs.ko.yml"}
MAX_MB = 15  # each edition; about 10 MB today, most of it the labs' plots
MAX_SECONDS = 240  # both editions, two prints each: about 85 s on an idle 2-core machine, about
# twice that while the portability runs share it (tests/conftest.py prints them first)
# Every font in the PDFs is one of the book's npm fonts (BOOK_PDF.FAMILIES), named as the
# PDF names them (a subset prefix, then the family without spaces). Noto Sans KR's files
# call their regular and bold instances "NotoSansKRThin-…": the variable font's default.
OWN_FONTS = re.compile(r"^/?([A-Z]{6}\+)?(NotoSans|NotoSansKR|NotoSansKRThin|NotoSansMono|NotoSansMath)-")


@pytest.fixture(autouse=True)
def chromium(playwright):
    """Chromium prints the PDFs: without it, these tests skip as the browser tests do."""


def edition(site, lang):
    """(config, the edition's folder in the site, its PDF read back)."""
    config = load_config(str(ROOT / EDITIONS[lang]))
    folder = site / BOOK_PDF.EDITIONS[EDITIONS[lang]]
    return config, folder, PdfReader(folder / config.extra["pdf"])


def sources(config):
    return [source for _, source in BOOK_PDF.nav_sources(config.nav)]


def title(config, folder, source):
    """A page's title as the PDF gives it: the home page is its introduction."""
    if source == "index.md":
        return BOOK_PDF.WORDS[config.theme["language"]]["about"]
    soup = BeautifulSoup((folder / BOOK_PDF.url_of(source) / "index.html").read_text(encoding="utf-8"), "html.parser")
    for mark in soup.select("article h1 a"):
        mark.decompose()
    return soup.select_one("article h1").get_text(" ", strip=True)


def squeezed(text):
    return re.sub(r"\s+", "", text)


def section_starts(site, lang):
    """(title, first page index) of each page of the book in the PDF, in reading order,
    from the named destination of each section."""
    config, folder, reader = edition(site, lang)
    return [
        (title(config, folder, source), reader.get_destination_page_number(reader.named_destinations["/" + BOOK_PDF.anchor(BOOK_PDF.url_of(source))]))
        for source in sources(config)
    ]


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_page_of_the_book_is_in_the_pdf_in_reading_order(site, lang):
    config, folder, _ = edition(site, lang)
    texts = read_text(folder / config.extra["pdf"])[0]
    starts = section_starts(site, lang)
    pages = [page for _, page in starts]
    assert pages == sorted(pages) and len(set(pages)) == len(pages), f"sections out of order: {starts}"
    for name, page in starts:
        assert squeezed(name) in squeezed(texts[page]), f"page {page + 1} does not start {name!r}"


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_table_of_contents_numbers_and_links_go_to_each_page(site, lang):
    config, folder, reader = edition(site, lang)
    starts = section_starts(site, lang)
    contents = squeezed(read_text(folder / config.extra["pdf"])[0][1])
    for name, page in starts:
        assert squeezed(name) + str(page + 1) in contents, f"the contents do not give page {page + 1} for {name!r}"
    targets = []
    for annotation in reader.pages[1].get("/Annots", []):
        destination = annotation.get_object().get("/Dest")
        if destination is not None:
            targets.append(reader.get_destination_page_number(reader.named_destinations[str(destination)]))
    assert targets == [page for _, page in starts], f"the contents' links go to pages {[t + 1 for t in targets]}"


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_bookmark_is_a_heading_said_once(site, lang):
    """Chromium's bookmarks repeated some Korean headings ("1. RNN이란?1. RNN이란?");
    scripts/book_pdf.py mends them."""
    reader = edition(site, lang)[2]
    titles, pending = [], list(reader.outline)
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending += item
        else:
            titles.append(item.title)
    doubled = [name for name in titles if BOOK_PDF.undoubled(name) != name]
    assert len(titles) > 100 and not doubled, f"{len(titles)} bookmarks; repeated: {doubled}"


def test_a_doubled_bookmark_is_said_once():
    assert BOOK_PDF.undoubled("1. RNN이란?1. RNN이란?") == "1. RNN이란?"
    assert BOOK_PDF.undoubled("초기 상태 초기 상태 h_0") == "초기 상태 h_0"
    for name in ("Summary", "h_0 and h_n", "nn.RNN and nn.RNNCell", "Padding: pad, then pack"):
        assert BOOK_PDF.undoubled(name) == name


def fonts(reader):
    """{font name: embedded} of every font the PDF's pages use."""
    found = {}
    for page in reader.pages:
        for font in ((page.get("/Resources") or {}).get("/Font") or {}).values():
            font = font.get_object()
            for part in [descendant.get_object() for descendant in font.get("/DescendantFonts", [])] or [font]:
                descriptor = part.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else {}
                # A Type3 font (Chromium's way with a font collection) has no name and no file.
                found[str(part.get("/BaseFont") or font.get("/Subtype"))] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_font_is_the_books_own_and_embedded(site, lang):
    used = fonts(edition(site, lang)[2])
    assert used and all(used.values()), f"fonts not embedded: {[name for name, embedded in used.items() if not embedded]}"
    foreign = sorted(name for name in used if not OWN_FONTS.match(name))
    assert not foreign, f"fonts from the system, not from the book's npm fonts: {foreign}"
    if lang == "ko":
        assert any("NotoSansKR" in name for name in used), sorted(used)


@functools.lru_cache(maxsize=4)
def read_text(path):
    """(each page's text, the pages with characters whose font maps them to no text), read by
    PDFium: a glyph without its place in the font's ToUnicode map is copied, searched and
    read aloud as nothing, or as another letter."""
    document = pdfium.PdfDocument(path)
    texts, lost = [], []
    try:
        for number, page in enumerate(document, start=1):
            text = page.get_textpage()
            texts.append(text.get_text_range())
            if any(pdfium_c.FPDFText_HasUnicodeMapError(text, i) for i in range(text.count_chars())) or "\ufffd" in texts[-1]:
                lost.append(number)
    finally:
        document.close()
    return texts, lost


@pytest.mark.parametrize("lang", EDITIONS)
def test_no_character_is_lost(site, lang):
    config, folder, _ = edition(site, lang)
    texts, lost = read_text(folder / config.extra["pdf"])
    assert not lost, f"pages {lost} hold characters that read as no text"
    text = "".join(texts)
    # A sentence of the first chapter (after the introduction), in the PDF as on the site.
    first = BeautifulSoup((folder / BOOK_PDF.url_of(sources(config)[1]) / "index.html").read_text(encoding="utf-8"), "html.parser")
    sentence = first.select_one("article p").get_text(" ", strip=True)[:40]
    assert squeezed(sentence) in squeezed(text), f"{sentence!r} is not in the PDF's text"


def test_a_font_without_its_text_map_is_caught(site, tmp_path):
    """Planted: the English PDF's first three pages, the fonts of the third without their
    ToUnicode maps (pypdf's text of it had no U+FFFD, only other letters). The other pages
    may share these fonts."""
    config, folder, reader = edition(site, "en")
    writer = PdfWriter()
    for page in reader.pages[:3]:
        writer.add_page(page)
    for font in writer.pages[2]["/Resources"]["/Font"].values():
        font.get_object().pop(NameObject("/ToUnicode"), None)
    writer.write(tmp_path / "planted.pdf")
    assert 3 in read_text(tmp_path / "planted.pdf")[1]


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_formula_of_the_site_is_in_the_print(site, lang):
    config, folder, _ = edition(site, lang)
    pages = [source for source in sources(config) if source != "shape-explorer.md"]
    on_site = sum((folder / BOOK_PDF.url_of(source) / "index.html").read_text(encoding="utf-8").count("<mjx-container") for source in pages)
    printed = BOOK_PDF.print_view(config, folder).count("<mjx-container")
    assert on_site and printed == on_site, f"{printed} formulas printed, {on_site} on the site's pages"


def test_the_pdfs_keep_their_budgets(printed):
    site, seconds = printed
    sizes = {lang: (folder / config.extra["pdf"]).stat().st_size / 2**20 for lang in EDITIONS for config, folder, _ in [edition(site, lang)]}
    assert all(size <= MAX_MB for size in sizes.values()), f"sizes in MB: {sizes}, budget {MAX_MB}"
    assert seconds <= MAX_SECONDS, f"both PDFs took {seconds:.0f} s, budget {MAX_SECONDS} s"


def print_page(book, tmp_path, body):
    browser, _ = book
    page = f'<!doctype html><html><body><div class="md-typeset"><section class="print-page" id="p-planted">{body}</section></div></body></html>'
    return BOOK_PDF.print_pdf(browser, page, tmp_path / "planted.pdf")


def test_a_print_that_would_cut_something_off_fails_naming_it(book, tmp_path):
    with pytest.raises(BOOK_PDF.PrintError, match=r'p-planted: table "wide" ends \d+ px past the right edge'):
        print_page(book, tmp_path, '<table style="width: 2000px"><tr><td>wide</td></tr></table>')
    # Code that does not wrap (as before book_pdf.css): its box fits, its text runs past.
    with pytest.raises(BOOK_PDF.PrintError, match=r'p-planted: pre "long = 1 \+ 1'):
        print_page(book, tmp_path, "<pre>long = " + " + ".join(["1"] * 200) + "</pre>")


def test_a_code_line_too_long_for_the_page_wraps_and_is_marked(book, tmp_path):
    stylesheet = f'<link rel="stylesheet" href="{(ROOT / "scripts" / "book_pdf.css").as_uri()}">'
    code = "<pre><code>short = 1\n" + "long = " + " + ".join(["1"] * 200) + "\n</code></pre>"
    soup = BeautifulSoup(stylesheet + code, "html.parser")
    BOOK_PDF.split_lines(soup.find("pre"), soup)
    assert print_page(book, tmp_path, str(soup)) == 1


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_page_links_its_editions_pdf_and_the_home_page_offers_it(site, lang):
    config, folder, _ = edition(site, lang)
    pdf = (folder / config.extra["pdf"]).resolve()
    pages = [path for path in folder.rglob("index.html") if lang == "ko" or "ko" not in path.relative_to(folder).parts]
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links = [a for a in soup.select("a[download]") if (path.parent / a["href"]).resolve() == pdf]
        expected = 2 if path == folder / "index.html" else 1
        assert len(links) == expected, f"{path.relative_to(site)}: {len(links)} link(s) to {pdf.name}, expected {expected}"
