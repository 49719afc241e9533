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
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

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
# A common phone (CSS pixels): every page is checked at this width too, in both colour schemes.
PHONE = {"width": 390, "height": 844}
# Alt text describes the image in a few words at least (tests/test_site.py checks the
# built HTML with the same rule; hooks/notebooks.py holds plots to it too).
ALT_WORDS = 4
TIMEOUT_MS = 20_000  # for anything a page does
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

# Every code block shown in the page's content, each brought into view in turn (closed <details>
# opened first: the exercises' solutions), and those that got no copy button. The theme adds
# the button as a block first comes into view (content.lazy in mkdocs.yml), so a block the
# reader scrolls to must get it; the axe pass that follows then sees every button too.
CODE_BLOCKS = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (const details of document.querySelectorAll(".md-content details:not([open])")) details.open = true;
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

KINDS = ("load", "external", "math", "links", "images", "code", "axe", "layout", "shifts", "skipping")

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


# Below the first screen, blocks skip their layout until the reader scrolls near them
# (content-visibility: auto, book.css). The page must look the same as with none skipped:
# each such block and each heading at the same place and of the same size, once every block
# has been drawn in turn. Returns the first differences (1 px of rounding allowed); the page
# is left with nothing skipped (DRAW_EVERYTHING).
DRAW_EVERYTHING = "* { content-visibility: visible !important; }"
# Adds DRAW_EVERYTHING to the document, once: as an adopted stylesheet, which needs no
# <head>, so that it also works as an init script, before the page is parsed.
DRAW_EVERYTHING_JS = f"""if (!window.__drawEverything) {{
  window.__drawEverything = new CSSStyleSheet();
  window.__drawEverything.replaceSync({json.dumps(DRAW_EVERYTHING)});
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, window.__drawEverything];
}}"""
SKIPPING_CHANGES = "async () => {" + NODE_NAME + """
  const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const skipped = [...document.querySelectorAll("body *")].filter((node) => getComputedStyle(node).contentVisibility === "auto");
  const watched = [...new Set([...skipped, ...document.querySelectorAll(".md-content :is(h1, h2, h3, h4, h5, h6)")])];
  const boxes = () => watched.map((node) => {
    const box = node.getBoundingClientRect();
    return [Math.round(box.top + scrollY), Math.round(box.height)];
  });
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
    scrollTo(0, y);
    await frame();
  }
  scrollTo(0, 0);
  await frame();
  const skipping = boxes();
""" + DRAW_EVERYTHING_JS + """
  const whole = boxes();
  return watched
    .map((node, i) => [node, skipping[i], whole[i]])
    .filter(([, a, b]) => Math.abs(a[0] - b[0]) > 1 || Math.abs(a[1] - b[1]) > 1)
    .slice(0, 3)
    .map(([node, [top, height], [wholeTop, wholeHeight]]) =>
      `${nodeName(node)} at ${top} px, ${height} px high; with nothing skipped at ${wholeTop} px, ${wholeHeight} px high`);
}"""


def draw_everything(page):
    """Lay out the whole page, skipped blocks too, for checks that measure all of it."""
    page.evaluate("() => {" + DRAW_EVERYTHING_JS + "}")


def check_skipping(page, name):
    return [f"{name}: skipping blocks below the first screen changes the page: {difference}" for difference in page.evaluate(SKIPPING_CHANGES)]


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
    on the whole page, none of it skipped."""
    draw_everything(page)
    page.add_script_tag(path=str(AXE))
    return [
        f"{name}: axe {v['id']} ({v['impact']}): {v['help']}; {len(v['targets'])} element(s): "
        + "; ".join(element(*target) for target in v["targets"][:4])
        for v in page.evaluate(AXE_RUN)
    ]


def check_page(browser, url, status=200, then=None, tab=None):
    """Load `url` in a fresh tab (or in `tab`) and run every check on it; the problems
    found, by kind.

    With `then`, a URL the page links to, also click that link and check the page that
    Material's instant navigation swaps in: its formulas, errors and requests.
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
        report["code"] += [f"{name}: code block without its copy button after it came into view: {shorten(block)}" for block in tab.page.evaluate(CODE_BLOCKS)]
        report["skipping"] += check_skipping(tab.page, name)
        report["axe"] += check_accessibility(tab.page, name)
        tab.report(name, report)
        if then is not None:
            report = merge([report, navigate_instantly(tab, url, then)])
    except PlaywrightError as error:  # the page hung or broke: say where, check the others
        tab.report(name, report)
        report["load"].append(f"{name}: the checks could not finish: {shorten(error.message, 300)}")
    finally:
        if own:
            tab.close()
    return report


def check_phone(browser, url, status=200):
    """Load `url` at a phone's width in light and in dark mode: it must load cleanly and
    without layout shift, look the same with blocks below the first screen skipped or not
    (in light mode), fit the screen (no sideways scrolling of the page, measured with
    nothing skipped, which would hide what sticks out) and pass axe-core."""
    report = empty_report()
    for scheme in ("light", "dark"):
        name = f"{page_name(url)} (phone, {scheme})"
        tab = Tab(browser, viewport=PHONE, color_scheme=scheme, is_mobile=True, has_touch=True)
        try:
            report["load"] += tab.goto(url, status)
            report["shifts"] += check_shifts(tab.page, name)
            if scheme == "light":
                report["skipping"] += check_skipping(tab.page, name)
            draw_everything(tab.page)
            overflow = tab.page.evaluate(OVERFLOW)
            if overflow:
                report["layout"].append(
                    f"{name}: the page is {overflow['extra']} px wider than the screen; furthest out: "
                    + (", ".join(overflow["out"]) or "text that overflows its box")
                )
            report["axe"] += check_accessibility(tab.page, name)
            tab.report(name, report)
        except PlaywrightError as error:
            tab.report(name, report)
            report["load"].append(f"{name}: the checks could not finish: {shorten(error.message, 300)}")
        finally:
            tab.close()
    return report


def restyles(browser, url, skipping=True):
    """The element counts of the browser's restyles at `url` while it loads and the theme's
    script starts, read from a Chromium trace at a phone's width, the CPU slowed down 4 times
    as Lighthouse does. Without `skipping`, the document holds DRAW_EVERYTHING from its start:
    no block is skipped."""
    with phone_page(browser) as page:
        if not skipping:
            page.add_init_script(DRAW_EVERYTHING_JS)
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


def navigate_instantly(tab, start, url):
    """Click the link to `url` on the page loaded in `tab`, then check the new page."""
    name = f"{page_name(url)} (after instant navigation from {page_name(start)})"
    report = empty_report()
    link = tab.page.evaluate_handle(
        """(url) => {
          // Marks that an instant navigation removes (the swapped container) or keeps (window).
          document.querySelector("[data-md-component=container]")?.setAttribute("data-book-old", "");
          window.__bookNotReloaded = true;
          return [...document.querySelectorAll("a[href]")].find((a) => a.href === url) || null;
        }""",
        url,
    ).as_element()
    if link is None:
        report["load"].append(f"{name}: no link to it on {page_name(start)}")
        return report
    link.evaluate("(a) => a.click()")
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


def check_site(browser, root, paths, instant=True):
    """Every check on every page, at a desktop's width and then at a phone's. With
    `instant`, each page is also reached by an instant navigation click from the page
    before it in its edition (the first from the last): instant navigation stays within
    one edition, English or Korean (paths under ko/)."""
    reports = []
    for korean in (False, True):
        urls = [root + path for path in paths if path.startswith("ko/") == korean]
        following = urls[1:] + urls[:1] if instant and len(urls) > 1 else [None] * len(urls)
        tab = Tab(browser)
        try:
            reports += [check_page(browser, url, then=then, tab=tab) for url, then in zip(urls, following)]
        finally:
            tab.close()
        reports += [check_phone(browser, url) for url in urls]
    return merge(reports)
