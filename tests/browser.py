"""Drive Debian's Chromium over a site served on 127.0.0.1 under its GitHub Pages sub-path.

Each check takes a page's URL and returns the problems it finds as text, each starting with
the page's path (`/rnn-book/02-inside-the-cell/: ...`). The book's browser tests
(tests/test_browser.py) and the proof that they fail on planted defects
(tests/fixtures/browser/) run exactly the same code.
"""

import functools
import gzip
import io
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from tests.harness import ROOT

CHROMIUM = Path("/usr/bin/chromium")
# As root on a machine with no network but loopback: no sandbox, and none of Chromium's own
# calls home (each would fail, slowly). Playwright gives every launch a fresh profile.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
HOST = "127.0.0.1"
VIEWPORT = {"width": 1280, "height": 900}
# A common phone and a tablet (CSS pixels): every page is checked at these widths too.
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}
# Where every page is looked at as drawn (READER_VIEW), each in light and in dark mode:
# (viewport, touch screen). The desktop in light mode is check_page's, the rest check_view's.
VIEWS = {"phone": (PHONE, True), "tablet": (TABLET, True), "desktop": (VIEWPORT, False)}
SCHEMES = ("light", "dark")
# The smallest text a reader is asked to read, in CSS pixels. 9 px is the usual floor for
# figure labels and subscripts (a phone's own smallest interface text is about 11 px): a
# figure's labels and a formula's glyphs must be at least this. Tables are read closely,
# their text is the theme's 12.8 px: nothing in them, code included, under 12 px.
FLOOR_PX = 9
TABLE_FLOOR_PX = 12
# A lab's code, printed output and plots take at least this share of the page's column
# (nbconvert's `In [n]:` gutter took 116 px of it, a third of a phone's column).
LAB_SHARE = 0.9
# Alt text describes the image in a few words at least (tests/test_site.py checks the
# built HTML with the same rule; hooks/notebooks.py holds plots to it too).
ALT_WORDS = 4
TIMEOUT_MS = 20_000  # for anything a page does
WORKERS = 3  # browsers checking pages at once (check_site)
PAUSE_S = 1.0  # a page sent in two parts: long enough for the browser to draw the first


def launch(playwright, port80=None):
    """Debian's Chromium, headless. With `port80`, the browser's http://127.0.0.1/ (port 80)
    is the server on that port: the page's origin then matches site_url's but for the host,
    as Material's instant navigation needs (it takes only protocol and host from the page's
    location when it reads the sitemap, so a page on another port would always reload)."""
    args = list(CHROMIUM_ARGS)
    if port80 is not None:
        args.append(f"--host-rules=MAP {HOST}:80 {HOST}:{port80}")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)


def site_base(config_file=ROOT / "mkdocs.yml"):
    """The sub-path the site is served under on GitHub Pages, from site_url: `/rnn-book/`."""
    from mkdocs.config import load_config

    path = urlsplit(load_config(str(config_file))["site_url"]).path
    return path if path.endswith("/") else path + "/"


# --- Serving ------------------------------------------------------------------------------


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves a directory under `base` as GitHub Pages does: the site's 404.html, status 404,
    for anything missing (a directory without index.html included)."""

    base = "/"
    # GitHub Pages sends text gzip-compressed; the benchmark measures what it sends.
    compress = False
    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".ipynb", ".txt", ".map")

    def send_head(self):
        path = self.translate_path(self.path)
        if Path(path).is_dir() and self.path.endswith("/"):
            path = str(Path(path) / "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and Path(path).is_file() and path.endswith(self.COMPRESSIBLE)):
            return super().send_head()
        body = gzipped(Path(path).read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path):
        path = urlsplit(path).path
        if path == self.base.rstrip("/"):
            path = self.base  # /rnn-book is a directory: redirected to /rnn-book/
        if not path.startswith(self.base):
            return ""  # nothing outside the sub-path: open("") fails and gives a 404
        return super().translate_path("/" + path[len(self.base) :])

    def list_directory(self, path):
        self.send_error(404)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass

    # With `pause_before`, a file is sent in two parts: up to those bytes, then, after a pause,
    # the rest, as a page arrives over a slow network (the browser draws the first part).
    # Bytes at the start of a file hold it back whole.
    pause_before = None

    def copyfile(self, source, outputfile):
        data = source.read()
        cut = data.find(self.pause_before) if self.pause_before else -1
        if cut >= 0:
            outputfile.write(data[:cut])
            outputfile.flush()
            time.sleep(PAUSE_S)
        outputfile.write(data[max(cut, 0) :])


def gzipped(body):
    """`body` as GitHub Pages sends text: gzip, level 6 (the benchmark and the budgets)."""
    return gzip.compress(body, compresslevel=6, mtime=0)


@contextmanager
def serve(directory, base, compress=False, pause_before=None):
    """Serve `directory` at http://127.0.0.1:<free port><base>; yields that URL. With
    `compress`, text goes out gzip-compressed to a client that accepts it, as on GitHub Pages;
    with `pause_before` (bytes), a file holding them pauses there (SiteHandler.copyfile)."""
    handler = type("Handler", (SiteHandler,), {"base": base, "compress": compress, "pause_before": pause_before})
    server = ThreadingHTTPServer((HOST, 0), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_port}{base}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def page_paths(site_dir):
    """Every page of a built site, as its path under the site's root ('' is the home page)."""
    paths = []
    for html in sorted(Path(site_dir).rglob("*.html")):
        relative = html.relative_to(site_dir).as_posix()
        if html.name != "404.html":
            paths.append(relative.removesuffix("index.html"))
    return sorted(paths, key=lambda path: (path != "", path))


# --- One page in one tab --------------------------------------------------------------------

# Everything the page's formulas say, read from the DOM. The build (hooks/mathjax.py) typesets
# every formula: each arithmatex element (chapter pages; notebook prose math is wrapped in
# one too) must hold exactly one mjx-container, no TeX delimiters may be left in a notebook's
# rendered Markdown, and no formula may be a MathJax error.
MATH_STATE = r"""() => {
  const top = "mjx-container:not(mjx-container mjx-container)";
  const delimiters = /\\\([\s\S]*?\\\)|\\\[[\s\S]*?\\\]|\$\$[\s\S]+?\$\$|\$[^$\s](?:[^$\n]*[^$\s\\])?\$|\\begin\{[a-z*]+\}/g;
  const raw = [];
  for (const el of document.querySelectorAll(".arithmatex")) {
    const containers = el.querySelectorAll(top).length;
    if (containers !== 1) raw.push(`${el.textContent.trim()} (${containers} formulas typeset from it)`);
  }
  for (const root of document.querySelectorAll(".jp-RenderedMarkdown, .jp-RenderedLatex")) {
    const text = root.cloneNode(true);
    text.querySelectorAll("mjx-container, .arithmatex, code, pre, script, style").forEach((el) => el.remove());
    raw.push(...(text.textContent.match(delimiters) || []));
  }
  // An error, in MathJax's SVG output (the book's) or its CommonHTML output.
  const errors = [...document.querySelectorAll('[data-mml-node="merror"], mjx-merror')].map(
    (el) => el.getAttribute("data-mjx-error") || el.textContent
  );
  return {
    raw,
    errors,
    containers: document.querySelectorAll("mjx-container").length,
    nested: document.querySelectorAll("mjx-container mjx-container").length,
  };
}"""


IMAGES = """() => [...document.querySelectorAll("img")].map((img) => ({
  src: img.getAttribute("src") || "",
  alt: img.getAttribute("alt"),
}))"""

LINKS = """() => [...document.querySelectorAll("a[href]")]
  .map((a) => a.href)
  .filter((href) => href.startsWith(location.origin + "/"))"""

IDS = """() => [...document.querySelectorAll("[id], a[name]")].map((el) => el.id || el.getAttribute("name"))"""

# A link's target, fetched by the page itself (so through the same server and host mapping).
FETCH = """async (url) => {
  const response = await fetch(url);
  const type = response.headers.get("content-type") || "";
  if (!response.ok || !type.startsWith("text/html")) return {status: response.status, ids: []};
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  return {status: response.status, ids: [...doc.querySelectorAll("[id], a[name]")].map((el) => el.id || el.getAttribute("name"))};
}"""

AXE_RUN = """() => axe.run(document, {resultTypes: ["violations"]}).then((result) =>
  result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((node) => [node.target.join(" "), node.html]),
  })))"""

# Every code block shown in the page's content, each brought into view in turn (unfold() opens
# the exercises' solutions first), and those that got no copy button. The theme adds
# the button as a block first comes into view (content.lazy in mkdocs.yml), so a block the
# reader scrolls to must get it; the axe pass that follows then sees every button too.
CODE_BLOCKS = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  // A block that is not shown (the shape explorer's error box, until there is an error)
  // cannot come into view: it gets its button when it is shown.
  const blocks = [...document.querySelectorAll(".md-content pre:not(.mermaid) > code")].filter((code) => code.getClientRects().length);
  for (const code of blocks) {
    code.scrollIntoView({ block: "center" });
    await frame();
  }
  const bare = () => blocks.filter((code) => !code.parentElement.querySelector(":scope > nav button[data-md-type=copy]"));
  for (let wait = 0; wait < 10 && bare().length; wait++) await frame();
  window.scrollTo(0, 0);
  return bare().map((code) => `block ${blocks.indexOf(code) + 1} of ${blocks.length}, "${code.textContent.trim().split("\\n")[0]}"`);
}"""

KINDS = ("load", "external", "math", "links", "images", "code", "axe", "layout", "shifts", "drawn", "landing")

# How a problem names an element: its tag and its classes, "pre.planted".
NODE_NAME = r"""const nodeName = (node) => node.tagName.toLowerCase() +
  (typeof node.className === "string" && node.className.trim() ? "." + node.className.trim().split(/\s+/).join(".") : "");"""

# The page's width beyond the screen, and the elements that stick out furthest (the page
# scrolls sideways on a phone). Content inside its own scrolling box does not count.
OVERFLOW = "() => {" + NODE_NAME + """
  // On a phone, innerWidth grows to fit a page that is too wide; the screen is clientWidth.
  const width = document.documentElement.clientWidth;
  const extra = document.documentElement.scrollWidth - width;
  if (extra <= 0) return null;
  const out = [...document.querySelectorAll("body *")]
    .map((node) => [node, node.getBoundingClientRect().right - width])
    .filter(([, beyond]) => beyond > 1)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([node, beyond]) => `${nodeName(node)} (+${Math.round(beyond)} px)`);
  return { extra, out };
}"""


# The page as drawn, measured: every formula at least its natural size (the SVG's own width
# and height, in ex of its text), every figure's smallest label, every table's text and
# every formula's glyphs at least their floors, identifiers in tables never broken inside a
# word, a lab's code, output and plots at least LAB_SHARE of the column, its output lines
# never wrapped. Whatever sticks out of the screen must sit in a box that scrolls to it
# and that the keyboard can reach. Formulas, figures and tables hidden from the reader
# (a folded solution) are skipped. Returns {problems, counts, smallest}: the number of
# things measured and the smallest text found, per kind.
READER_VIEW = "async ({floor, tableFloor, share}) => {" + NODE_NAME + """
  const problems = [], counts = {formula: 0, figure: 0, table: 0, lab: 0}, smallest = {};
  const note = (kind, px) => { smallest[kind] = Math.min(smallest[kind] ?? Infinity, Math.round(px * 10) / 10); };
  const shown = (node) => node.getClientRects().length > 0;
  const px = (value) => Math.round(value);
  const screen = document.documentElement.clientWidth;
  const column = document.querySelector(".md-content__inner") || document.body;
  const columnStyle = getComputedStyle(column);
  const columnWidth = column.clientWidth - parseFloat(columnStyle.paddingLeft) - parseFloat(columnStyle.paddingRight);
  // Null if the reader can see all of `node`, else why not.
  const reachable = (node) => {
    const box = node.getBoundingClientRect();
    if (box.left >= -1 && box.right <= screen + 1) return null;
    for (let scroller = node.parentElement; scroller && scroller !== document.body; scroller = scroller.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(scroller).overflowX) && scroller.scrollWidth > scroller.clientWidth + 1) {
        return scroller.tabIndex >= 0 ? null : `scrolls in ${nodeName(scroller)}, which the keyboard cannot reach (no tabindex)`;
      }
    }
    return `is cut off at the screen's edge (drawn from ${px(box.left)} to ${px(box.right)} px, the screen is ${screen} px)`;
  };
  const probe = document.createElement("span");
  probe.style.cssText = "position: absolute; visibility: hidden; width: 100ex; height: 0; padding: 0; border: 0";
  for (const svg of document.querySelectorAll(".md-content mjx-container > svg")) {
    if (!shown(svg) || !/ex$/.test(svg.getAttribute("width") || "")) continue;
    const container = svg.parentElement;
    container.appendChild(probe);
    const ex = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const natural = [parseFloat(svg.getAttribute("width")) * ex, parseFloat(svg.getAttribute("height")) * ex];
    const box = svg.getBoundingClientRect();
    const tex = (container.querySelector("mjx-assistive-mml")?.textContent || "").replace(/\\s+/g, " ").slice(0, 60);
    counts.formula++;
    // Its glyphs' size: the text's, scaled as the formula is drawn (subscripts are smaller).
    const glyphs = parseFloat(getComputedStyle(container).fontSize) * box.width / natural[0];
    note("formula", glyphs);
    if (box.width < natural[0] - 0.5 || box.height < natural[1] - 0.5) {
      problems.push(`formula "${tex}" drawn ${px(box.width)}×${px(box.height)} px, its natural size is ${px(natural[0])}×${px(natural[1])} px`);
    } else if (glyphs < floor) {
      problems.push(`formula "${tex}": its glyphs are drawn ${glyphs.toFixed(1)} px high (the floor is ${floor} px)`);
    } else {
      const why = reachable(svg);
      if (why) problems.push(`formula "${tex}" ${why}`);
    }
  }
  // Figures: an SVG image (its labels' sizes read from the file), or an SVG drawn in the page.
  for (const img of document.querySelectorAll(".md-content img[src$='.svg']")) {
    if (!shown(img)) continue;
    const drawing = new DOMParser().parseFromString(await (await fetch(img.src)).text(), "image/svg+xml").documentElement;
    const width = Number(drawing.getAttribute("viewBox").split(/[\\s,]+/)[2]);
    const sizes = [...drawing.querySelectorAll("[font-size]")].map((node) => parseFloat(node.getAttribute("font-size")));
    const style = getComputedStyle(img);
    const drawn = img.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const name = img.getAttribute("src").split("/").pop();
    counts.figure++;
    if (sizes.length) {
      const smallest = Math.min(...sizes) * drawn / width;
      note("figure", smallest);
      if (smallest < floor) problems.push(`figure ${name}: its smallest label is drawn ${smallest.toFixed(1)} px high (the floor is ${floor} px)`);
    }
    const why = reachable(img);
    if (why) problems.push(`figure ${name} ${why}`);
  }
  for (const svg of document.querySelectorAll(".md-content svg[viewBox]:not(mjx-container svg)")) {
    const texts = [...svg.querySelectorAll("text")].filter(shown);
    if (!shown(svg) || !texts.length) continue;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const smallest = Math.min(...texts.map((text) => parseFloat(getComputedStyle(text).fontSize))) * scale;
    counts.figure++;
    note("figure", smallest);
    if (smallest < floor) problems.push(`figure ${nodeName(svg.parentElement)}: its smallest label is drawn ${smallest.toFixed(1)} px high (the floor is ${floor} px)`);
  }
  for (const table of document.querySelectorAll(".md-content table")) {
    if (!shown(table)) continue;
    const title = (table.querySelector("th, td")?.textContent || "").trim().slice(0, 30);
    counts.table++;
    const why = reachable(table);
    if (why) problems.push(`table "${title}…" ${why}`);
    for (const node of table.querySelectorAll("*")) {
      if (node.closest("mjx-container") || ![...node.childNodes].some((child) => child.nodeType === 3 && child.textContent.trim())) continue;
      const size = parseFloat(getComputedStyle(node).fontSize);
      note("table", size);
      if (size < tableFloor) {
        problems.push(`table "${title}…": ${nodeName(node)} "${node.textContent.trim().slice(0, 30)}" drawn at ${size.toFixed(1)} px (the floor is ${tableFloor} px)`);
        break;
      }
    }
    for (const code of table.querySelectorAll("code")) {
      if (!/\\s/.test(code.textContent.trim()) && code.getClientRects().length > 1) {
        problems.push(`table "${title}…": \\`${code.textContent}\\` is broken across lines`);
      }
    }
  }
  const lab = [[".jp-InputArea-editor", "code"], [".jp-OutputArea-output", "output"], [".jp-RenderedImage img", "plot"]];
  for (const [selector, what] of lab) {
    for (const node of document.querySelectorAll(`.md-content ${selector}`)) {
      if (!shown(node)) continue;
      counts.lab++;
      const wanted = what === "plot" ? Math.min(Number(node.getAttribute("width")) || Infinity, share * columnWidth) : share * columnWidth;
      const width = node.getBoundingClientRect().width;
      if (width < wanted - 1) {
        problems.push(`lab ${what} ${counts.lab} drawn ${px(width)} px wide, less than ${Math.round(share * 100)} % of the column (${px(columnWidth)} px)`);
      }
    }
  }
  for (const pre of document.querySelectorAll(".md-content .jp-RenderedText pre")) {
    if (!shown(pre)) continue;
    if (/wrap/.test(getComputedStyle(pre).whiteSpace) || !/pre|nowrap/.test(getComputedStyle(pre).whiteSpace)) {
      problems.push(`lab output "${pre.textContent.trim().slice(0, 30)}…" wraps its lines (white-space: ${getComputedStyle(pre).whiteSpace})`);
    } else if (pre.scrollWidth > pre.clientWidth + 1 && pre.tabIndex < 0) {
      problems.push(`lab output "${pre.textContent.trim().slice(0, 30)}…" scrolls, but the keyboard cannot reach it (no tabindex)`);
    }
  }
  // Korean breaks lines between words (eojeol), never inside one: a heading or a navigation
  // link drawn "필/요합니다" reads as two words.
  if (document.documentElement.lang === "ko") {
    const hangul = /[\uac00-\ud7a3]/;
    const range = document.createRange();
    const boxes = ".md-nav__link, .md-typeset :is(h1, h2, h3, h4, p, li, td, th, figcaption)";
    for (const box of document.querySelectorAll(boxes)) {
      if (!shown(box) || box.closest("pre, mjx-container")) continue;
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      let broken = null;
      for (let text = walker.nextNode(); text && !broken; text = walker.nextNode()) {
        if (text.parentElement.closest("pre, mjx-container") || text.parentElement.closest(boxes) !== box) continue;
        let above = null;
        for (let i = 0; i < text.data.length && !broken; i++) {
          range.setStart(text, i);
          range.setEnd(text, i + 1);
          const glyph = range.getBoundingClientRect();
          if (!glyph.height) { above = null; continue; }
          if (above && glyph.top >= above.bottom - 1 && hangul.test(text.data[i]) && hangul.test(text.data[i - 1])) {
            const start = text.data.lastIndexOf(" ", i) + 1, end = text.data.indexOf(" ", i);
            broken = text.data.slice(start, end < 0 ? undefined : end);
          }
          above = glyph;
        }
      }
      if (broken) problems.push(`${nodeName(box)}: the Korean word "${broken}" is broken across two lines`);
    }
  }
  return { problems, counts, smallest };
}"""

# A copy button drawn over the code or output it copies: the first problems found. Run once
# the buttons are there (the theme adds each as its block comes into view: CODE_BLOCKS).
COVERED_TEXT = "() => {" + NODE_NAME + """
  const problems = [];
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  for (const button of document.querySelectorAll(".md-content :is(.md-code__nav, .zeroclipboard-container)")) {
    const box = button.getBoundingClientRect();
    const block = button.closest("pre, .jp-InputArea-editor");
    const code = block && (block.querySelector("code") || block.querySelector("pre") || block);
    if (!box.width || !code) continue;
    const range = document.createRange();
    range.selectNodeContents(code);
    if ([...range.getClientRects()].some((line) => line.width > 1 && overlap(line, box))) {
      problems.push(`the copy button covers the text of ${nodeName(block)} "${code.textContent.trim().split("\\n")[0].slice(0, 40)}"`);
    }
  }
  return problems.slice(0, 5);
}"""


def check_drawn(page, name):
    """READER_VIEW's problems, each named; and what it measured."""
    found = page.evaluate(READER_VIEW, {"floor": FLOOR_PX, "tableFloor": TABLE_FLOOR_PX, "share": LAB_SHARE})
    return [f"{name}: {problem}" for problem in found["problems"]], {"counts": found["counts"], "smallest": found["smallest"]}


def unfold(page):
    """Open every folded block (an exercise's solution) as a reader does: a click on its title."""
    folded = page.locator(".md-content details:not([open]) > summary")
    for _ in range(folded.count()):
        folded.first.click()


# Where the element a link led to is drawn, once the page has stopped scrolling (for ten
# frames: a link in the navigation drawer scrolls only once the drawer has closed and let go
# of the page): null if it is on the screen, below the sticky header, else where it is.
LANDED = """async (id) => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  // Looked up afresh each time: the first click on a page loaded in full makes the theme's
  // instant navigation fetch the page again and swap its content in, and a heading found
  // before the swap is then detached, drawn nowhere (its box all zeros).
  const target = () => document.getElementById(id);
  // Navigated: the theme follows a link to a heading by clicking an anchor to it once the
  // page is in place (after swapping in another page's content and loading its scripts),
  // so the heading is the :target only then (at most five seconds). Measured before that,
  // the page still stands where the previous one was scrolled to.
  for (let frames = 0; frames < 300 && !target()?.matches(":target"); frames++) await frame();
  // Still: the page and the target where they were for ten frames (at most five seconds).
  const where = () => `${scrollY} ${target()?.getBoundingClientRect().top ?? ""}`;
  for (let last = null, same = 0, frames = 0; same < 10 && frames < 300; frames++) {
    await frame();
    same = where() === last ? same + 1 : 0;
    last = where();
  }
  if (!target()) return "is not on the page";
  const box = target().getBoundingClientRect();
  const below = document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0;
  if (box.top < below - 1) return `lands under the header: its top at ${Math.round(box.top)} px, the header ends at ${Math.round(below)} px`;
  if (box.bottom > innerHeight + 1) return `lands below the screen: its top at ${Math.round(box.top)} px of ${innerHeight}`;
  return null;
}"""

# The theme has recorded where the page stands (true at once on a page without the theme).
RECORDED = "() => typeof document$ === 'undefined' || (history.state !== null && Math.abs(history.state.y - scrollY) < 1)"

# The page's table of contents: each entry's target id, in order.
CONTENTS = """() => [...document.querySelectorAll(".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link")]
  .map((a) => decodeURIComponent(new URL(a.href).hash.slice(1)))"""
# Links in the page's text to a heading of another page: one link to each page, with its href.
OTHER_PAGES = """() => {
  const seen = new Set();
  return [...document.querySelectorAll(".md-content a[href*='#']:not(.headerlink)")].filter((a) => {
    const url = new URL(a.href);
    if (url.origin !== location.origin || url.pathname === location.pathname || seen.has(url.pathname) || !url.hash) return false;
    return seen.add(url.pathname);
  }).map((a) => a.getAttribute("href"));
}"""


def follow_links(tab, url, name):
    """check_landings(), after which `tab` is back on `url`, with nothing recorded: the pages
    the links led to are checked on their own visits."""
    try:
        return check_landings(tab, url, name)
    finally:
        tab.page.wait_for_load_state("networkidle")
        tab.forget()


def check_landings(tab, url, name):
    """Every heading the page's table of contents lists, and one heading on each other page
    its text links to, followed by a click, as a reader does: each must land on the screen,
    below the sticky header. Where the table of contents is not beside the page (a phone,
    a tablet), it is in the navigation drawer, opened from the header's menu button.
    Returns (problems, the number of links followed)."""
    page, problems = tab.page, []
    ids = page.evaluate(CONTENTS)
    for id in ids:
        link = page.locator(f".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link[href$='#{id}']")
        if not link.is_visible():
            page.locator("label.md-header__button[for=__drawer]").click()
            link = page.locator(f".md-nav--primary nav.md-nav--secondary a.md-nav__link[href$='#{id}']")
            # The drawer opens on the site's navigation the first time, on the page's table of
            # contents (the toggle #__toc, checked) after that.
            if not page.locator("#__toc").is_checked():
                page.locator(".md-nav--primary label.md-nav__link[for=__toc]").click()
        link.click()
        # The drawer (on a phone) closes as the link is followed; the page scrolls after.
        page.wait_for_function("() => !document.getElementById('__drawer')?.checked")
        where = page.evaluate(LANDED, id)
        if where:
            problems.append(f"{name}: the table of contents' link to #{id} {where}")
    others = page.evaluate(OTHER_PAGES)
    for href in others:
        page.wait_for_load_state("networkidle")  # leaving earlier aborts the page's requests
        # Marks the content that instant navigation swaps out, so that the new page's is measured.
        page.evaluate("() => document.querySelector('.md-content')?.setAttribute('data-book-old', '')")
        link = page.locator(f".md-content a[href='{href}']").first
        # At a reader's pace: the link scrolled into view, and the page at rest long enough
        # for the theme to record where it stands (100 ms after the last scroll). A click
        # sooner than that can see the theme put the new page where the old one stood, when
        # the page arrives slowly: a race in the theme, which no reader clicks fast enough to
        # meet on a fast connection.
        link.scroll_into_view_if_needed()
        page.wait_for_function(RECORDED)
        link.click()
        target = urljoin(url, href)
        page.wait_for_url(target)
        page.wait_for_function("() => !document.querySelector('[data-book-old]')")
        where = page.evaluate(LANDED, unquote(urldefrag(target).fragment))
        if where:
            problems.append(f"{name}: the link to {page_name(target)} {where}")
        tab.goto(url)
    return problems, len(ids) + len(others)


def check_covered(page, name):
    return [f"{name}: {problem}" for problem in page.evaluate(COVERED_TEXT)]


def check_shifts(page, name):
    """No layout shift from the start of the load until now (CLS 0)."""
    return [f"{name}: layout shift {shift}" for shift in page.evaluate(LAYOUT_SHIFTS)]


def shorten(text, limit=100):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def page_name(url):
    """How problems name a page: its path on the server, `/rnn-book/02-inside-the-cell/`."""
    parts = urlsplit(url)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


def new_context(browser, **options):
    options.setdefault("viewport", VIEWPORT)
    return browser.new_context(service_workers="block", **options)


@contextmanager
def phone_page(browser):
    """A page in a context of its own at a phone's width (touch), without Tab's records and
    routing; the context is closed on leaving."""
    context = new_context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        yield page
    finally:
        context.close()


class Tab:
    """A browser tab that records, while it is open, every request to another host
    (blocked, with page.route), failed request, console error and uncaught error;
    `report(name)` hands them over, each line starting with `name`.

    check_site() visits every page in one tab; `forget()` starts afresh for the next."""

    def __init__(self, browser, **context_options):
        self.context = new_context(browser, **context_options)
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.set_default_timeout(TIMEOUT_MS)
        self.visit = 0  # counts forget(): which page's checks a request belongs to
        self.issued = {}  # request: the visit that issued it
        self.page.on("request", lambda request: self.issued.setdefault(request, self.visit))
        self.forget()
        self.quiet = set()  # URLs whose failure is expected or reported elsewhere
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught error: {error.name}: {shorten(error.message, 300)}"))
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", self._response)
        self.page.on("websocket", self._websocket)
        self.targets = {}  # link target URL: (status, ids)

    def _route(self, route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname != HOST:
            self.blocked.append(url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    def _websocket(self, socket):
        if urlsplit(socket.url).hostname != HOST:
            self.blocked.append(socket.url)

    def _console(self, message):
        if message.type != "error":
            return
        source = message.location.get("url", "")
        # A failed load is reported once, as a blocked or failed request, not twice.
        if message.text.startswith("Failed to load resource") and source:
            return
        self.errors.append(f"console error: {shorten(message.text, 300)}" + (f" ({source})" if source else ""))

    def _request_failed(self, request):
        # A request the previous page left running is aborted when the next page loads: the
        # test's doing, not the next page's fault.
        if request.failure == "net::ERR_ABORTED" and self.issued.get(request, self.visit) != self.visit:
            return
        # A 404 is reported by its response; Chromium may then also abort the request.
        if request.url not in self.blocked and request.url not in self.quiet | self.failed_urls:
            self.failed_urls.add(request.url)
            self.failed.append(f"{shorten(request.url)} ({request.failure})")

    def _response(self, response):
        if response.status >= 400 and response.url not in self.quiet | self.failed_urls:
            self.failed_urls.add(response.url)
            self.failed.append(f"{shorten(response.url)} (HTTP {response.status})")

    def report(self, name, problems):
        """Move what was recorded so far into `problems`, each line named by `name`."""
        if self.blocked:
            problems["external"].append(
                f"{name}: {len(self.blocked)} request(s) to another host blocked: " + ", ".join(map(shorten, self.blocked))
            )
        problems["load"] += [f"{name}: failed request: {failure}" for failure in self.failed]
        problems["load"] += [f"{name}: {error}" for error in self.errors]
        self.blocked, self.failed, self.errors = [], [], []

    def goto(self, url, status=200):
        """Load `url`; a problem unless it answers `status`."""
        if status != 200:
            self.quiet.add(url)
        response = self.page.goto(url, wait_until="load")
        got = response.status if response else "no response"
        return [] if got == status else [f"{page_name(url)}: HTTP {got}, expected {status}"]

    def target(self, url):
        """(status, ids) of a page this tab links to, fetched once."""
        if url not in self.targets:
            self.quiet.add(url)
            result = self.page.evaluate(FETCH, url)
            self.targets[url] = result["status"], frozenset(result["ids"])
        return self.targets[url]

    def forget(self):
        """Drop what was recorded so far, before the next page is loaded in this tab."""
        self.blocked, self.failed, self.errors, self.failed_urls = [], [], [], set()
        self.visit += 1

    def close(self):
        self.context.close()


def empty_report():
    return {kind: [] for kind in KINDS}


def merge(reports):
    merged = empty_report()
    for report in reports:
        for kind, problems in report.items():
            merged[kind] += problems
    return merged


def check_math(page, name):
    state = page.evaluate(MATH_STATE)
    problems = [f"{name}: formula not typeset: {shorten(raw)}" for raw in state["raw"]]
    problems += [f"{name}: MathJax error: {shorten(error, 200)}" for error in state["errors"]]
    if state["nested"]:
        problems.append(f"{name}: {state['nested']} formula(s) typeset twice (mjx-container inside mjx-container)")
    return problems


def check_images(page, name):
    problems = []
    for image in page.evaluate(IMAGES):
        alt, src = image["alt"], shorten(image["src"], 80)
        if alt is None or not alt.strip():
            problems.append(f"{name}: image without alt text: {src}")
        elif len(alt.split()) < ALT_WORDS:
            problems.append(f"{name}: image whose alt text {alt!r} does not describe it: {src}")
    return problems


def check_links(tab, url, name):
    """Every link to this server answers 200, and every anchor exists in its target
    (notebook pages included, which mkdocs' own validation does not check)."""
    problems, here = [], urldefrag(url).url
    own_ids = set(tab.page.evaluate(IDS))
    for href in sorted(set(tab.page.evaluate(LINKS))):
        target, fragment = urldefrag(href)
        status, ids = (200, own_ids) if target == here else tab.target(target)
        if status != 200:
            problems.append(f"{name}: broken link to {page_name(target)} (HTTP {status})")
        elif fragment and unquote(fragment) not in ids:
            problems.append(f"{name}: broken anchor: link to {page_name(href)}, no id {unquote(fragment)!r} there")
    return problems


def element(selector, html):
    """An element axe names: the end of its selector (the start is the page's layout)."""
    selector = " ".join(selector.split())
    selector = selector if len(selector) <= 60 else "…" + selector[-59:]
    return f"{selector} {shorten(html, 60)}"


def check_accessibility(page, name):
    """axe-core's rules, all of those it runs by default (WCAG 2 A/AA and best practices),
    on the whole page as it is drawn now."""
    page.add_script_tag(path=str(AXE))
    return [
        f"{name}: axe {v['id']} ({v['impact']}): {v['help']}; {len(v['targets'])} element(s): "
        + "; ".join(element(*target) for target in v["targets"][:4])
        for v in page.evaluate(AXE_RUN)
    ]


def check_page(browser, url, status=200, then=None, tab=None, measured=None):
    """Load `url` in a fresh tab (or in `tab`) at a desktop's width, in light mode, and run
    every check on it; the problems found, by kind. What the reader checks measured is
    added to `measured` (a list), if given.

    axe runs once every code block has been brought into view (and has its copy button);
    the other views (check_view) run it right after the load. With `then`, a URL the page
    links to, also click that link and check the page that Material's instant navigation
    swaps in: its formulas, errors and requests.
    """
    name = page_name(url)
    report = empty_report()
    own = tab is None
    tab = Tab(browser) if own else tab
    tab.forget()
    try:
        report["load"] += tab.goto(url, status)
        report["shifts"] += check_shifts(tab.page, name)
        report["math"] += check_math(tab.page, name)
        report["images"] += check_images(tab.page, name)
        report["links"] += check_links(tab, url, name)
        drawn, numbers = check_drawn(tab.page, f"{name} (desktop, light)")
        report["drawn"] += drawn
        unfold(tab.page)
        report["code"] += [f"{name}: code block without its copy button after it came into view: {shorten(block)}" for block in tab.page.evaluate(CODE_BLOCKS)]
        report["drawn"] += check_covered(tab.page, f"{name} (desktop, light)")
        report["axe"] += check_accessibility(tab.page, name)
        tab.report(name, report)
        report["landing"], followed = follow_links(tab, url, f"{name} (desktop)")
        if measured is not None:
            measured.append({"page": name, "view": "desktop, light", "links followed": followed, **numbers})
        if then is not None:
            report = merge([report, navigate_instantly(tab, url, then)])
    except PlaywrightError as error:  # the page hung or broke: say where, check the others
        tab.report(name, report)
        report["load"].append(f"{name}: the checks could not finish: {shorten(error.message, 300)}")
    finally:
        if own:
            tab.close()
    return report


def check_view(browser, url, view, scheme, status=200, measured=None):
    """Load `url` as seen in one of VIEWS, in `scheme` (light or dark), as drawn right after
    the load: it must load cleanly, without layout shift, not be wider than the screen
    (wide formulas, tables and code scroll in their own boxes), pass the reader checks
    (READER_VIEW) and axe-core, and in dark mode be drawn dark, the browser's own parts too.
    On a phone in light mode, also: every heading the page links to lands on the screen
    (check_landings), and no copy button covers text once every block has its button."""
    name = f"{page_name(url)} ({view}, {scheme})"
    viewport, touch = VIEWS[view]
    report = empty_report()
    tab = Tab(browser, viewport=viewport, color_scheme=scheme, is_mobile=touch, has_touch=touch)
    try:
        report["load"] += tab.goto(url, status)
        report["shifts"] += check_shifts(tab.page, name)
        # A page with the theme's palette toggle (every page of the book) follows the system.
        if scheme == "dark" and tab.page.locator("[data-md-component=palette]").count():
            drawn = tab.page.evaluate("() => [document.body.getAttribute('data-md-color-scheme'), getComputedStyle(document.documentElement).colorScheme]")
            # The browser's own parts (scroll bar, canvas) dark too: book.css, in place of the
            # theme's <meta name="color-scheme"> (hooks/render_cost.py).
            if drawn != ["slate", "dark"]:
                report["drawn"].append(f"{name}: dark mode asked for; the palette is {drawn[0]!r}, the browser's own parts {drawn[1]!r}")
        report["axe"] += check_accessibility(tab.page, name)
        overflow = tab.page.evaluate(OVERFLOW)
        if overflow:
            report["layout"].append(
                f"{name}: the page is {overflow['extra']} px wider than the screen; furthest out: "
                + (", ".join(overflow["out"]) or "text that overflows its box")
            )
        drawn, numbers = check_drawn(tab.page, name)
        report["drawn"] += drawn
        followed = 0
        if view == "phone" and scheme == "light":
            unfold(tab.page)
            tab.page.evaluate(CODE_BLOCKS)
            report["drawn"] += check_covered(tab.page, name)
            tab.report(name, report)
            report["landing"], followed = follow_links(tab, url, f"{page_name(url)} ({view})")
        if measured is not None:
            measured.append({"page": page_name(url), "view": f"{view}, {scheme}", "links followed": followed, **numbers})
        tab.report(name, report)
    except PlaywrightError as error:
        tab.report(name, report)
        report["load"].append(f"{name}: the checks could not finish: {shorten(error.message, 300)}")
    finally:
        tab.close()
    return report


def restyles(browser, url):
    """The element counts of the browser's restyles at `url` while it loads and the theme's
    script starts, read from a Chromium trace at a phone's width, the CPU slowed down 4 times
    as Lighthouse does."""
    with phone_page(browser) as page:
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline"])
        try:
            page.goto(url, wait_until="load")
            page.wait_for_timeout(2000)  # the theme mounts its components after the load event
        finally:
            trace = json.loads(browser.stop_tracing())
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    return [event["args"].get("elementCount", 0) for event in events if event.get("name") == "UpdateLayoutTree" and event.get("ph") == "X"]


def whole_page_restyles(browser, url):
    """The element counts of the restyles of the whole page at `url` (see restyles()).

    A restyle is of the whole page when it takes within 2 % of the most elements any restyle
    took. Once is the page's first full style; each further time is work in proportion to the
    page that something made the browser redo (see hooks/render_cost.py, overrides/main.html).
    """
    counts = restyles(browser, url)
    return [count for count in counts if count >= 0.98 * max(counts, default=0)]


# Every layout shift of the page so far: its size and what moved, from where to where. The
# observer hands over the shifts recorded before it (buffered) in a task of its own.
LAYOUT_SHIFTS = "() => new Promise((done) => {" + NODE_NAME + """
  const shifts = [];
  new PerformanceObserver((list) => shifts.push(...list.getEntries())).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => done(shifts.map((shift) => `${shift.value.toFixed(4)}: ` + shift.sources.map((source) => {
    const node = source.node, element = node && (node.nodeType === 1 ? node : node.parentElement);
    const name = element ? nodeName(element) : "?";
    const [before, after] = [source.previousRect, source.currentRect];
    return `${node && node.nodeType === 3 ? "text in " : ""}${name} from (${before.x}, ${before.y}) to (${after.x}, ${after.y})`;
  }).join(", "))), 200);
})"""


def layout_shifts_in_parts(browser, directory, base, path, pause_before):
    """The layout shifts of the page at `path` when it arrives in two parts, the first ending
    just before `pause_before` (bytes): what the browser drew of the first part must not move
    when the rest comes. At a phone's width; the theme's script has run by the load event."""
    with serve(directory, base, pause_before=pause_before) as root, phone_page(browser) as page:
        start = time.monotonic()
        page.goto(root + path, wait_until="load")
        if time.monotonic() - start < PAUSE_S:
            raise AssertionError(f"{path}: no file it loads holds {pause_before!r}, so nothing arrived in parts")
        return page.evaluate(LAYOUT_SHIFTS)


VISIBLE_LINK = """(url) => {
  const shown = (a) => a.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && a.getClientRects().length;
  return [...document.querySelectorAll("a[href]")].find((a) => a.href === url && shown(a)) || null;
}"""
# The visible title of the folded navigation section that holds the link to `url`, if any.
FOLDED_SECTION = """(url) => {
  const link = [...document.querySelectorAll(".md-nav--primary a[href]")].find((a) => a.href === url);
  const toggle = link?.closest(".md-nav__item--nested")?.querySelector(":scope > input.md-nav__toggle");
  const title = toggle && !toggle.checked ? document.querySelector(`label[for="${toggle.id}"]`) : null;
  return title && title.getClientRects().length ? title : null;
}"""


def navigate_instantly(tab, start, url):
    """Click the link to `url` on the page loaded in `tab`, then check the new page."""
    name = f"{page_name(url)} (after instant navigation from {page_name(start)})"
    report = empty_report()
    # Marks that an instant navigation removes (the swapped container) or keeps (window).
    tab.page.evaluate("""() => {
      document.querySelector("[data-md-component=container]")?.setAttribute("data-book-old", "");
      window.__bookNotReloaded = true;
    }""")
    link = tab.page.evaluate_handle(VISIBLE_LINK, url).as_element()
    if link is None:
        # In a folded section of the navigation: unfold it, as a reader does, by its title.
        section = tab.page.evaluate_handle(FOLDED_SECTION, url).as_element()
        if section is not None:
            section.click()
            try:  # the section unfolds with a transition
                link = tab.page.wait_for_function(VISIBLE_LINK, arg=url, timeout=5_000).as_element()
            except PlaywrightTimeout:
                link = None
    if link is None:
        report["load"].append(f"{name}: no visible link to it on {page_name(start)}")
        return report
    link.click()
    try:
        tab.page.wait_for_url(url)
        tab.page.wait_for_function("() => !document.querySelector('[data-book-old]')")
    except PlaywrightTimeout:
        tab.report(name, report)
        report["load"].append(f"{name}: the page was not shown {TIMEOUT_MS // 1000} s after the click")
        return report
    if not tab.page.evaluate("() => window.__bookNotReloaded === true"):
        report["load"].append(f"{name}: the click reloaded the page instead of navigating instantly")
    report["math"] += check_math(tab.page, name)
    tab.report(name, report)
    return report


def in_browsers(jobs, port80=None, workers=WORKERS):
    """Run `jobs` (functions of a browser, each returning a report) over `workers` browsers
    at once, each in a thread of its own with its own Playwright (its API is per thread);
    the reports, merged. The checks mostly wait (for frames, transitions, the network):
    one browser keeps a third of a core busy, so a few at once finish sooner on two cores.
    """
    pending, reports = list(reversed(jobs)), []
    lock = threading.Lock()

    def work():
        with sync_playwright() as playwright:
            browser = launch(playwright, port80)
            try:
                while True:
                    with lock:
                        if not pending:
                            return
                        job = pending.pop()
                    reports.append(job(browser))
            finally:
                browser.close()

    with ThreadPoolExecutor(workers) as pool:
        for future in [pool.submit(work) for _ in range(workers)]:
            future.result()
    return merge(reports)


def check_site(root, paths, port80=None, instant=True, measured=None, workers=WORKERS):
    """Every check on every page: at a desktop's width in light mode (check_page), then in
    every other view of VIEWS and SCHEMES (check_view), in `workers` browsers at once (see
    in_browsers; the browsers reach the server as b.launch does with `port80`). With
    `instant`, each page is also reached by an instant navigation click from the page before
    it in its edition (the first from the last): instant navigation stays within one
    edition, English or Korean (paths under ko/). What the reader checks measured goes into
    `measured`, if given."""
    first, rest = [], []
    others = [(view, scheme) for view in VIEWS for scheme in SCHEMES if (view, scheme) != ("desktop", "light")]
    for korean in (False, True):
        urls = [root + path for path in paths if path.startswith("ko/") == korean]
        following = urls[1:] + urls[:1] if instant and len(urls) > 1 else [None] * len(urls)
        first += [functools.partial(check_page, url=url, then=then, measured=measured) for url, then in zip(urls, following)]
        for url in urls:
            for view, scheme in others:
                job = functools.partial(check_view, url=url, view=view, scheme=scheme, measured=measured)
                # The views that follow every link take longest: started first, they end sooner.
                (first if (view, scheme) == ("phone", "light") else rest).append(job)
    return in_browsers(first + rest, port80, workers)
