"""What the search index holds: each section's prose, and which section introduces a term.

Material's search plugin indexes a page's HTML as the Markdown renders it, before
hooks/mathjax.py typesets the formulas (on_post_page). Its previews therefore showed raw TeX
(`\\((N, L, \\cdot)\\)`), every code block with its output, a notebook's prompts ("In [3]:",
"Copied!") and, in a notebook heading's title, the ¶ of nbconvert's anchor link (Material
skips only its own `headerlink`).

So the plugin indexes a copy of the page (on_page_content hands it the copy, on_page_context
gives the page its HTML back once the plugin has read it: the built pages are unchanged),
cut down to what reads as prose. Marking blocks with the theme's `data-search-exclude`
instead would not do: its parser ends an excluded element at the first closing tag of the
same name, so the rest of a notebook cell (nested <div>s) would still be indexed.

- code blocks (`.highlight`, with their file name or "Output" title), any other `<pre>`, a
  notebook's code cells (code, prompts, outputs) and its headings' anchor links are left
  out. The words around them are what a reader searches for; inline `code` in a sentence
  (an argument's name, `nn.RNN`) stays, so API names are still found;
- a formula in a sentence is written out in plain text, `(N, L, ·)`, `h<sub>t−1</sub>`
  (tex_text() below): dropped, it would leave "with of shape" holes in the sentence;
- a displayed formula is left out: it stands apart from the sentences like a code block,
  and the larger ones (fractions, aligned systems, matrices) have no faithful one-line form.

And the section that docs/glossary.yml names as a term's introduction ranks first when the
term is searched: see on_post_build.
"""

import copy
import functools
import html
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from editions import GLOSSARY, glossary, walk
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File


# --- The prose copy ------------------------------------------------------------------------

# Elements left out whole, by class: code blocks, a notebook's code cells, nbconvert's ¶.
CUT_CLASSES = {"highlight", "jp-CodeCell", "anchor-link"}
CUT_TAGS = {"pre"}
# Where TeX is: arithmatex's elements (chapters), a notebook's Markdown cells (labs, `$...$`).
MATH_CLASSES = {"arithmatex", "jp-RenderedMarkdown"}
# A formula in a text node: display \[...\] or $$...$$, inline \(...\) or $...$ (no space
# just inside the dollars, as hooks/mathjax.py reads them; \$ is a dollar sign).
FORMULA = re.compile(
    r"\\\[.*?\\\]|(?<!\\)\$\$.+?(?<!\\)\$\$"
    r"|\\\((?P<inline>.*?)\\\)|(?<![\\$])\$(?P<dollars>[^$\s](?:[^$]*?[^$\s\\])?)\$",
    re.DOTALL,
)


class ProseCopy(HTMLParser):
    """Finds, with their offsets in the page's HTML, the elements to leave out and the text
    nodes whose formulas must be written out; prose() applies them."""

    def __init__(self, source):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]
        self.edits = []  # (start, end, replacement), in order, never overlapping
        # Inside an element left out, or one with formulas: [tag, start, open elements of
        # that tag]; counting only that tag needs no knowledge of void elements (<img>).
        self.cut = self.math = None
        self.code = 0  # open <code> elements: a `$` in code is not a formula

    def here(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.cut:
            self.cut[2] += tag == self.cut[0]
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in CUT_TAGS or classes & CUT_CLASSES:
            self.cut = [tag, self.here(), 1]
            return
        if self.math:
            self.math[2] += tag == self.math[0]
        elif classes & MATH_CLASSES:
            self.math = [tag, self.here(), 1]
        self.code += tag == "code"

    def handle_endtag(self, tag):
        if self.cut:
            self.cut[2] -= tag == self.cut[0]
            if not self.cut[2]:
                end = self.source.index(">", self.here()) + 1
                self.edits.append((self.cut[1], end, ""))
                self.cut = None
            return
        if self.math and tag == self.math[0]:
            self.math[2] -= 1
            self.math = self.math if self.math[2] else None
        self.code -= tag == "code"

    def handle_data(self, data):
        if self.cut or not self.math or self.code or not FORMULA.search(data):
            return
        # The raw text runs to the next tag: a text node holds no "<" (nbconvert and
        # Python-Markdown escape it), and its entities stay as they are outside formulas.
        start = self.here()
        end = self.source.find("<", start)
        end = len(self.source) if end < 0 else end
        self.edits.append((start, end, FORMULA.sub(written_out, self.source[start:end])))


# mkdocs serve renders every page again on each save; most come out as they were.
@functools.lru_cache(maxsize=256)
def prose(page_html):
    """The page's HTML without its code and displayed formulas, inline formulas as text."""
    parser = ProseCopy(page_html)
    parser.feed(page_html)
    parser.close()
    pieces, done = [], 0
    for start, end, replacement in parser.edits:
        pieces += [page_html[done:start], replacement]
        done = end
    return "".join(pieces) + page_html[done:]


def written_out(match):
    """A formula found in raw (escaped) HTML text: displayed ones go, inline ones are written
    out as escaped HTML with <sub> and <sup>, which the search plugin keeps."""
    tex = match["inline"] if match["inline"] is not None else match["dollars"]
    return "" if tex is None else tex_text(html.unescape(tex))


# --- Simple TeX as text --------------------------------------------------------------------

# Commands written as a symbol; Greek letters are found by name (unicodedata) below.
SYMBOLS = {
    "cdot": "·", "times": "×", "odot": "⊙", "top": "⊤", "partial": "∂", "sum": "Σ",
    "prod": "∏", "to": "→", "gets": "←", "leftarrow": "←", "rightarrow": "→",
    "longmapsto": "⟼", "mapsto": "↦", "approx": "≈", "le": "≤", "leq": "≤", "ge": "≥",
    "geq": "≥", "ne": "≠", "neq": "≠", "in": "∈", "pm": "±", "sim": "∼", "mid": "|",
    "dots": "…", "ldots": "…", "cdots": "⋯", "ell": "ℓ", "infty": "∞", "lVert": "‖",
    "rVert": "‖", "Vert": "‖", "nabla": "∇", "_": "_", "{": "{", "}": "}", "%": "%",
    "$": "$", "&": "&", "#": "#", "varepsilon": "ε", "varphi": "φ", "phi": "ϕ",
    "epsilon": "ϵ",
}
# Commands written as their name (upright functions), and those that only size or space.
WORDS = {"tanh", "sin", "cos", "tan", "log", "ln", "exp", "max", "min", "arg", "arcsin",
         "arccos", "arctan", "sinh", "cosh", "det", "dim", "lim", "sup", "inf"}
SIZES = {"left", "right", "bigl", "bigr", "Bigl", "Bigr", "big", "Big", "bigg", "Bigg",
         "displaystyle", "textstyle", "limits", "nolimits"}
SPACES = {",", ";", ":", "!", " ", "quad", "qquad", "enspace", "thinspace"}
# Commands whose argument is shown as it is: text (where _ is an underscore) and fonts.
TEXT = {"text", "textrm", "texttt", "textbf", "textit", "mbox"}
FONTS = {"mathrm", "operatorname", "mathbf", "mathit", "mathsf", "boldsymbol", "underbrace", "overbrace"}
ACCENTS = {"hat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "vec": "\u20d7", "dot": "\u0307"}
TOKEN = re.compile(r"\\([A-Za-z]+|.)|([{}_^])|(\s+)|(.)", re.DOTALL)
SIMPLE = re.compile(r"[\w.]+")


def tex_text(tex):
    """Simple TeX written out as escaped HTML: `(N, L, \\cdot)` -> `(N, L, ·)`,
    `h_{t-1} W_{hh}^\\top` -> `h<sub>t−1</sub> W<sub>hh</sub><sup>⊤</sup>`. A command it does
    not know is written as its name, never with its backslash."""
    tokens = [m.groups() for m in TOKEN.finditer(tex)]
    text, _ = group(tokens, 0)
    return re.sub(r" {2,}", " ", text).strip()


def group(tokens, i, single=False):
    """Tokens from i up to the closing brace (or one atom, if `single`) as HTML; (html, next i)."""
    out = []
    while i < len(tokens):
        command, brace, space, char = tokens[i]
        i += 1
        if brace == "}":
            break
        if brace in ("_", "^"):  # a script belongs to the atom before it
            inner, i = group(tokens, i, single=True)
            tag = "sub" if brace == "_" else "sup"
            out.append(f"<{tag}>{inner.strip()}</{tag}>")
            continue
        if brace == "{":
            piece, i = group(tokens, i)
        elif space:
            piece = " "
        elif char:
            piece = html.escape("−" if char == "-" else char, quote=False)
        else:
            piece, i = command_text(command, tokens, i)
        out.append(piece)
        if single and not space:
            break
    return "".join(out), i


def text_argument(tokens, i):
    """A text-mode argument, {num_layers}: as written, \\_ an underscore; (html, next i)."""
    out, depth = [], 0
    while i < len(tokens):
        command, brace, space, char = tokens[i]
        i += 1
        depth += (brace == "{") - (brace == "}")
        if brace in ("{", "}"):
            if depth == 0:
                break
            continue
        out.append(" " if space else SYMBOLS.get(command, command) if command else brace or char)
    return html.escape("".join(out), quote=False), i


def command_text(name, tokens, i):
    """A command (and the arguments it takes from tokens[i:]) as HTML; (html, next i)."""
    if name == "operatorname" and i < len(tokens) and tokens[i][3] == "*":
        i += 1
    if name in TEXT:
        return text_argument(tokens, i)
    if name in FONTS | {"mathcal", "mathbb", "mathscr"} | ACCENTS.keys():
        inner, i = group(tokens, i, single=True)
        if name in ACCENTS:
            return inner + ACCENTS[name], i
        if name in FONTS:
            return inner, i
        return "".join(letter("DOUBLE-STRUCK" if name == "mathbb" else "SCRIPT", c) for c in inner), i
    if name in ("frac", "tfrac", "dfrac", "sqrt"):
        parts = []
        for _ in range(1 if name == "sqrt" else 2):
            part, i = group(tokens, i, single=True)
            parts.append(part if SIMPLE.fullmatch(part) else f"({part})")
        return ("√" + parts[0] if name == "sqrt" else "/".join(parts)), i
    if name in SIZES:
        return "", i
    if name in SPACES or name == "\\":
        return " ", i
    if name in SYMBOLS:
        return html.escape(SYMBOLS[name], quote=False), i
    greek = greek_letter(name)
    if greek:
        return greek, i
    # A function's name, kept apart from a letter after it (\\sin\\varphi, \\tanh x).
    after = tokens[i] if i < len(tokens) else (None, None, None, None)
    apart = (after[0] is not None and after[0] not in SIZES) or (after[3] or "").isalnum()
    return name + (" " if name in WORDS and apart else ""), i


def greek_letter(name):
    case = "CAPITAL" if name[0].isupper() else "SMALL"
    try:
        return unicodedata.lookup(f"GREEK {case} LETTER {name.upper()}")
    except KeyError:
        return None


def letter(kind, c):
    """ℝ, 𝔼, ℒ: a letter in a maths alphabet (some live in Letterlike Symbols)."""
    for name in (f"{kind} CAPITAL {c}", f"MATHEMATICAL {kind} CAPITAL {c}"):
        try:
            return unicodedata.lookup(name)
        except KeyError:
            pass
    return c


# --- Hooks ---------------------------------------------------------------------------------

# Last of all content changes (other hooks run at 0), so that the copy has all of them.
@event_priority(-100)
def on_page_content(content, page, config, files):
    page.book_html = content
    return prose(content)


# After the search plugin (priority 0) has read the copy, before the page is rendered with
# its content: the page gets its own HTML back.
@event_priority(-100)
def on_page_context(context, page, config, nav):
    page.content = page.book_html
    return context


# --- A page indexed again only when it changed ---------------------------------------------

# `mkdocs serve` builds every page again on each save, and most come out as they were.
# Material's search plugin cuts each page's copy into sections with an HTML parser (a fifth
# of an edition's rebuild); the entries it adds depend on the copy, the page's address,
# title, contents and metadata alone. A page whose all of these are as at its last build
# gets that build's entries back.
INDEXED = {}  # (edition, page address) -> (what the entries were made from, the entries)


def on_pre_build(config):
    index = config.plugins["material/search"].search_index  # a new one for every build
    add = index.add_entry_from_context

    def add_or_recall(page):
        made_from = (page.content, page.title, repr(page.meta), tuple((i.id, i.url, i.title, i.level) for i in walk(page.toc)))
        name = (config.theme["language"], page.url)
        last = INDEXED.get(name)
        if last is not None and last[0] == made_from:
            index.entries.extend(copy.deepcopy(last[1]))
            return
        before = len(index.entries)
        add(page)
        INDEXED[name] = (made_from, copy.deepcopy(index.entries[before:]))

    index.add_entry_from_context = add_or_recall


# --- The section that introduces a term ----------------------------------------------------

# Each section that docs/glossary.yml names as a term's introduction carries the term in a
# field of its own, searched with twice the weight of a title (Material's is 1000), never
# shown. Material's search plugin takes extra fields (its `fields` option), and its worker
# indexes every field the index's config lists.
#
# Why not a document `boost`: it weighs a section for every query, and 46 sections introduce
# terms. For "hidden state", the sections that introduce "initial state" and "final state",
# whose titles match, stayed ahead of chapter 1 at every boost tried (10 to 3000), and other
# queries lost their own sections. Measured with the theme's own worker on the built index:
# with the field, 69 of the glossary's 80 terms find their section first (21 before; Korean
# 71, 27 before; the misses are single words such as "cell" or "layer" that titles share);
# a section's title, searched, still finds that section first in 76 of the 83 cases it did
# (Korean 82 of 93); the others now find where the glossary introduces one of their words
# ("Backpropagation through time": chapter 4's section that introduces it, before lab 1's).
# At 1000 or 1500, "hidden state" still found first the section titled "input_size and
# hidden_size" (Korean: the notes page's "은닉 상태와 출력 크기").
FIELD, FIELD_BOOST = "glossary", 2000


def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    index["config"]["fields"][FIELD] = {"boost": FIELD_BOOST}
    docs = {doc["location"]: doc for doc in index["docs"]}
    korean = config.theme["language"] == "ko"
    for entry in glossary():
        source, _, anchor = entry["page"].partition("#")
        # mkdocs-jupyter gives a notebook the URL a Markdown page of its name would have.
        markdown = PurePosixPath(source).with_suffix(".md").as_posix()
        url = File(markdown, config.docs_dir, config.site_dir, config.use_directory_urls).url
        # A page's first heading has no entry of its own: the page's entry is its section.
        doc = docs.get(f"{url}#{anchor}") or docs.get(url)
        if doc is None:
            raise PluginError(f"docs/{GLOSSARY}: {entry['en']!r} is introduced in {entry['page']}, which the search index does not have")
        # The Korean edition gives the English term at its first use: it is searched too.
        terms = [entry["ko"], entry["en"]] if korean else [entry["en"]]
        doc[FIELD] = " ".join(filter(None, [doc.get(FIELD), *terms]))
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
