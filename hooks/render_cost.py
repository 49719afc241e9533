"""Spare the reader's browser work at load, by doing it while the site is built.

On a phone, a chapter's time to interactive goes to style and layout: the theme's script
makes the browser lay the page out again several times while it starts, and each time costs
in proportion to the page's elements (scripts/bench.py measures it; the figures are in the
README). So each change here removes elements, removes a relayout, takes bytes off what
must arrive before the first paint, or sets what that paint waits for:

- Every picture gets its height beside its width, from the SVG's viewBox or the PNG's header,
  so the browser reserves its box before the image arrives and nothing below it moves. An
  SVG figure also gets the width at which its smallest label is READABLE_PX high
  (`--readable-width`, used by book.css on narrow screens); a plot, the width at which its
  text, matplotlib's default 10 pt at the plot's resolution, is.
- A notebook's plots come inline, as base64 PNGs in the page's HTML, all of which arrives
  before the first paint (below): lab 4's four plots were half its 265 KB on the wire. Each
  plot is written to a file of its own under the edition's assets/plots/, named by its
  content (an unchanged plot keeps its address, and the reader's cached copy), and loaded
  lazily, as the reader scrolls towards it.
- Pygments wraps each plain name in a code block in `<span class="n">`, and the theme draws
  that class in the code's own colour (`--md-code-hl-name-color` is `--md-code-fg-color` in
  both palettes): the spans are a third of a code block's elements and change no pixel.
- A table the theme finds bare (`table:not([class])`) it moved into a scrolling box as it
  started. That box is 8 px taller than the bare table, so once the page was drawn before
  the theme's script had run (below), everything under a table moved down as the script
  started; inserting the box among the article's own children also restyled the whole
  article. The box is written here, with tabindex="0" (a table wider than the screen
  scrolls in it, and the keyboard must reach it: axe-core's scrollable-region-focusable),
  and the theme's statement that wraps tables is blanked out (THEME_EDITS).
- Every script from a file moves into <head>, deferred: it is fetched as the page starts and
  runs after the page is parsed, in the same order, without stopping the parser or holding
  back the first paint. An earlier build also made the scripts render-blocking
  (`blocking="render"`), so that the theme's start-up, with the first full style and layout
  of the page that it forces, came before the first paint rather than as a long task after
  it. Holding the paint back for it cost more than it saved: drawing held back for more
  than about 0.2 s makes headless Chromium offer the page one frame a second
  (GoogleChrome/lighthouse#17148), and Lighthouse's first paint of chapter 6 came at 2.1 to
  2.3 s. Nothing on the page moves when the theme starts after the first paint
  (tests/test_browser.py sends the theme's script late and measures the shifts).
- The first paint waits until the page's article has been parsed (the header, the
  navigation and the table of contents come before it). Drawn as it was parsed, a page
  moved as its parts came: the header's buttons, which sit at its right end, moved left
  when its last one arrived; a table's columns widened when a longer row arrived; the
  scroll bar took its room from the right. `<link rel="expect">` (Chromium 124+) holds the
  paint until an element with its id is in the page; Chromium lets go at the element's
  start tag, the HTML standard once it has been parsed whole, so the element is an empty
  one just after the article, right for both. Parsing is short next to the scripts:
  chapter 6's first paint came at 0.22 to 0.26 s in Lighthouse's runs here.
- Statements of the theme's own files are blanked out (THEME_EDITS): the table wrapping
  above, and two that each restyle the whole page as the theme starts. Measured on
  2026-12-07 (Lighthouse mobile, median of 3, five longest pages): without the two, chapter
  6 scored 91 instead of 98 and its total blocking time was 297 ms instead of 62 (the
  budget is 95 and 200 ms); the Korean chapter 6, 91 instead of 98. They stay. Each edit is replaced
  by spaces of the same length, so every byte keeps its offset and the theme's source maps
  still match; the build fails if the theme's file no longer holds the text, as after a
  theme update.
  - The palette stylesheet turns transitions off under `[data-md-color-switching] *`, and
    the script sets and removes that attribute on <body> as every page starts: a selector on
    a <body> attribute with a descendant `*` makes each change restyle every element. Without
    the rule, a reader who flips the palette sees the theme's colour transitions play once.
  - The palette script adds `<meta name="color-scheme">` to <head> and sets it; the browser
    restyles the whole page for each (Chromium does so even when the value stays the same).
    The meta only told the browser to draw its own parts of the page (the scroll bar) dark
    in dark mode; book.css says that instead, on <html>, from the palette's attribute.
"""

import base64
import functools
import hashlib
import math
import os
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

from mkdocs.exceptions import PluginError

IMG = re.compile(r"<img\b[^>]*>")
# A script from a file, as the theme's template and mkdocs' script_tag write them.
SCRIPT = re.compile(r'\s*<script src="(?P<src>[^"]+)"(?: defer)?></script>')
THEME_SCRIPT = "assets/javascripts/bundle."
ARTICLE_END = "book-article-end"
INLINE_PNG = re.compile(r'\ssrc="data:image/png;base64,(?P<data>[^"]*)"')
PLOTS = "assets/plots"
ATTR = re.compile(r'\s(?P<name>[\w-]+)="(?P<value>[^"]*)"')
PLAIN_NAME = re.compile(r'<span class="n">([^<]*)</span>')
# A table the theme wraps: one without a class attribute. Tables never nest in the book.
BARE_TABLE = re.compile(r"<table\b(?![^>]*\sclass=)[^>]*>.*?</table>", re.DOTALL)
# (the theme's file, under its templates, as a glob; the text just before the part blanked
# out, which tells it apart; that part). The two together occur once in the file.
THEME_EDITS = [
    (
        "assets/stylesheets/palette.*.min.css",
        "",
        "[data-md-color-switching] *,[data-md-color-switching] :after,"
        "[data-md-color-switching] :before{transition-duration:0s!important}",
    ),
    ("assets/javascripts/bundle.*.min.js", 'let o=x("meta",{name:"color-scheme"});', "document.head.appendChild(o);"),
    # Among the components the theme mounts in the page's content: every bare table wrapped
    # in its scrolling box (see above).
    ("assets/javascripts/bundle.*.min.js", "", '...M("table:not([class])",e).map(i=>ti(i)),'),
]
# No label of a figure is drawn smaller than this, in CSS pixels (book.css): on a phone a
# figure is drawn at least as wide as that needs, and scrolls sideways in its box.
READABLE_PX = 9
# matplotlib's default font size (rcParams["font.size"]), which the labs' plots keep.
MATPLOTLIB_TEXT_PT = 10
# The theme's scrolling box for a table (its function Un in the bundle), written by the build.
TABLE_BOX = '<div class="md-typeset__scrollwrap" tabindex="0"><div class="md-typeset__table">{}</div></div>'


def svg_size(path):
    """(width, height, smallest font size) of an SVG drawing, in its own units: the size from
    its viewBox, the font sizes from its `font-size` attributes."""
    root = ET.parse(path).getroot()
    view_box = root.get("viewBox")
    if view_box is None:
        raise PluginError(f"{path}: an SVG figure needs a viewBox, which gives its proportions")
    _, _, width, height = map(float, view_box.replace(",", " ").split())
    sizes = [float(node.get("font-size")) for node in root.iter() if node.get("font-size")]
    return width, height, min(sizes, default=None)


def png_size(data):
    """Width and height of a PNG, from its IHDR chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", data[16:24])


def sized(tag, page_dir, site_dir):
    """`tag` with width and height, when the image's size can be known here."""
    attrs = dict((m["name"], m["value"]) for m in ATTR.finditer(tag))
    if "height" in attrs:
        return tag
    src = attrs.get("src", "")
    if src.startswith("data:image/png;base64,"):
        size = png_size(base64.b64decode(src.split(",", 1)[1][:64]))
        if size is None:
            return tag
        width, height = size
        if "width" in attrs:  # shown at another width: keep the proportions
            width, height = int(attrs["width"]), round(int(attrs["width"]) * height / width)
            tag = tag.replace(f' width="{attrs["width"]}"', "")
    elif src.endswith(".svg") and "://" not in src:
        path = (page_dir / src).resolve()
        if not path.is_relative_to(site_dir) or not path.is_file():
            return tag  # the build's link validation reports a missing picture
        if "width" not in attrs:
            raise PluginError(f"{path.name}: give the figure a width (`{{ width=\"700\" }}`) so its box is known before it loads")
        width = int(attrs["width"])
        drawing_width, drawing_height, smallest_font = svg_size(path)
        height = round(width * drawing_height / drawing_width)
        tag = tag.replace(f' width="{attrs["width"]}"', "")
        if smallest_font:  # the width below which its smallest label is under READABLE_PX
            tag = with_readable_width(tag, math.ceil(drawing_width * READABLE_PX / smallest_font))
    else:
        return tag
    end = "/>" if tag.endswith("/>") else ">"
    return tag[: -len(end)].rstrip() + f' width="{width}" height="{height}"{end}'


def plot_file(tag, page_dir, site_dir):
    """`tag` loading its inline PNG lazily from a file of the site, written here (see above)."""
    inline = INLINE_PNG.search(tag)
    if inline is None:
        return tag
    data = base64.b64decode(inline["data"])
    path = site_dir / PLOTS / f"{hashlib.sha256(data).hexdigest()[:16]}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    src = Path(os.path.relpath(path, page_dir)).as_posix()
    tag = tag[: inline.start()] + f' src="{src}" loading="lazy"' + tag[inline.end() :]
    readable = plot_readable_width(data)
    return with_readable_width(tag, readable) if readable else tag


def with_readable_width(tag, width):
    """`tag` telling book.css the width (px) below which its text would be unreadable."""
    return tag.replace("<img", f'<img style="--readable-width: {width}px"', 1)


def plot_readable_width(png):
    """The width at which a matplotlib plot's text, matplotlib's default 10 pt at the PNG's
    resolution (its pHYs chunk), is READABLE_PX high; None for a PNG without a resolution.
    The labs set no other font size."""
    size, at = png_size(png), png.find(b"pHYs")
    if size is None or at < 0:
        return None
    per_metre, _ = struct.unpack(">II", png[at + 4 : at + 12])
    text_px = MATPLOTLIB_TEXT_PT / 72 * per_metre * 0.0254
    return math.ceil(size[0] * READABLE_PX / text_px)


@functools.lru_cache(maxsize=128)  # mkdocs serve renders every page on each save
def scripts_first(html, name):
    """`html` with each script of <body> moved to the end of <head>, deferred (see above)."""
    head_end, body = html.find("</head>"), html.find("<body")
    if head_end < 0 or body < 0:
        return html
    scripts = list(SCRIPT.finditer(html, body))
    if not any(THEME_SCRIPT in m["src"] for m in scripts):
        raise PluginError(f"render_cost: {name} has no <script src=\"...{THEME_SCRIPT}...\"> in its <body> to move into <head>")
    for m in reversed(scripts):
        html = html[: m.start()] + html[m.end() :]
    tags = "".join(f'<script src="{m["src"]}" defer></script>' for m in scripts)
    return html[:head_end] + tags + html[head_end:]


def paint_after_article(html, name):
    """`html` whose first paint waits until its article has been parsed (see above)."""
    head_end, article_end = html.find("</head>"), html.rfind("</article>")  # the theme's, last
    if head_end < 0 or article_end < 0:
        raise PluginError(f"render_cost: {name} has no <article> after its <head> to wait for")
    article_end += len("</article>")
    html = html[:article_end] + f'<div id="{ARTICLE_END}" hidden></div>' + html[article_end:]
    return html[:head_end] + f'<link rel="expect" href="#{ARTICLE_END}" blocking="render">' + html[head_end:]


def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return paint_after_article(scripts_first(output_content, template_name), template_name)


def on_post_page(output, page, config):
    site_dir = Path(config["site_dir"]).resolve()
    page_dir = (site_dir / page.url).resolve() if page.url.endswith("/") or not page.url else (site_dir / page.url).parent
    output = IMG.sub(lambda m: plot_file(sized(m.group(0), page_dir, site_dir), page_dir, site_dir), output)
    output = BARE_TABLE.sub(lambda m: TABLE_BOX.format(m.group(0)), output)
    output = paint_after_article(scripts_first(output, page.file.src_uri), page.file.src_uri)
    return PLAIN_NAME.sub(r"\1", output)


def theme_file(dirs, name):
    """The theme's own copy of `name` (a path under its templates), as mkdocs finds it in the
    theme's directories, first match first; None if no directory has it."""
    return next((Path(d) / name for d in dirs if (Path(d) / name).is_file()), None)


def on_post_build(config):
    # Written from the theme's own files, so that a rebuild (which may not copy them again)
    # and a theme update that drops or changes the text both come out right.
    site_dir = Path(config["site_dir"])
    edits = {}  # the theme's file (a glob) -> its edits, all applied to one copy of it
    for pattern, before, blanked in THEME_EDITS:
        edits.setdefault(pattern, []).append((before, blanked))
    for pattern, blanks in edits.items():
        written = list(site_dir.glob(pattern))
        if len(written) != 1:
            raise PluginError(f"render_cost: expected the theme's one {pattern} in {site_dir}, found {written}")
        name = written[0].relative_to(site_dir)
        original = theme_file(config["theme"].dirs, name)
        content = original.read_text(encoding="utf-8") if original else ""
        for before, blanked in blanks:
            text = before + blanked
            if content.count(text) != 1:
                raise PluginError(f"render_cost: the theme's {name} no longer holds the text this hook blanks out once: {text!r}")
            content = content.replace(text, before + " " * len(blanked))
        written[0].write_text(content, encoding="utf-8")
