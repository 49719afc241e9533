"""One tree, two editions: the English book (mkdocs.yml) and the Korean one (mkdocs.ko.yml).

Material's multi-site approach, without a plugin: mkdocs.ko.yml INHERITs mkdocs.yml and
differs in language, site_dir, site_url and navigation titles. Both read the same docs/:

- A Korean page is its English page's twin, `X.ko.md` beside `X.md`. In the Korean build it
  takes the English page's place (same src_uri, so same URL and same links: a Korean page
  links to `02-inside-the-cell.md#...` exactly as the English one does), and the English
  build leaves it out (exclude_docs).
- A lab's Korean text is `labs/X.ko.md`: its Markdown cells by cell id. hooks/notebooks.py
  builds the Korean notebook from it and the English notebook's executed cells, so the code
  exists once and runs once for both editions.
- A figure's visible words are translated in `img/X.ko.yml` (English text: Korean text); the
  Korean build writes its own copy of the SVG with them. A figure whose words have no
  translation fails the Korean build.
- A page in one language without its twin in the other fails both builds.

Building English (`mkdocs build`, `mkdocs serve`) builds Korean too, into `<site_dir>/ko/`,
so the two commands of the README serve and test both editions. On a save, `mkdocs serve`
rebuilds only the editions that read the saved file (on_serve).

Each page gets a language switch to the same page in the other edition
(overrides/partials/alternate.html), made here at build time: it works without JavaScript.
"""

import html
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
KOREAN_CONFIG = ROOT / "mkdocs.ko.yml"
KOREAN = ".ko.md"
FIGURE_WORDS = ".ko.yml"
GLOSSARY = "glossary.yml"
GLOSSARY_TABLE = "<!-- glossary -->"
# The text right after an opening <text>, <tspan> or <title>: a figure's visible words.
SVG_TEXT = re.compile(r"(<(?:text|tspan|title)\b[^>]*>)([^<]+)")
# Text with a word in it (three letters or more) needs a translation, even if only to itself
# ("tanh: tanh"); shorter text is symbols: h, x[0], _l0, t = 1.
WORD = re.compile(r"[A-Za-z]{3,}")
log = logging.getLogger("mkdocs.hooks.editions")
EDITIONS = {
    "en": {"name": "English", "prefix": ""},
    "ko": {"name": "한국어", "prefix": "ko/"},
}


def language(config):
    return config.theme["language"]


def twin(src_uri, files):
    """The English source a Korean `X.ko.md` translates: `X.md` or the notebook `X.ipynb`."""
    stem = src_uri[: -len(KOREAN)]
    return next((f for f in (f"{stem}.md", f"{stem}.ipynb") if files.get_file_from_path(f)), None)


def on_files(files, config):
    pages = {f.src_uri for f in files if f.src_uri.endswith((".md", ".ipynb")) and not f.src_uri.endswith(KOREAN)}
    korean = {f.src_uri for f in files if f.src_uri.endswith(KOREAN)}
    docs = Path(config.docs_dir)
    # The English build excludes the Korean files; look for them on disk.
    korean |= {p.relative_to(docs).as_posix() for p in docs.rglob(f"*{KOREAN}")}
    english_twins = {stem + KOREAN for stem in (PurePosixPath(p).with_suffix("").as_posix() for p in pages)}
    missing = sorted(english_twins - korean)
    orphans = sorted(k for k in korean if not any(k[: -len(KOREAN)] + ext in pages for ext in (".md", ".ipynb")))
    if missing or orphans:
        lines = [f"docs/{k}: missing, the Korean twin of an English page" for k in missing]
        lines += [f"docs/{k}: no English page X.md or X.ipynb beside it" for k in orphans]
        raise PluginError("every page exists in both editions:\n" + "\n".join(lines))
    if language(config) != "ko":
        return files
    for korean_file in [f for f in files if f.src_uri.endswith(KOREAN)]:
        files.remove(korean_file)
        english = files.get_file_from_path(twin(korean_file.src_uri, files))
        if english.src_uri.endswith(".ipynb"):
            continue  # hooks/notebooks.py translates the notebook itself
        page = File(english.src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        page.abs_src_path = korean_file.abs_src_path
        page.edit_uri = korean_file.src_uri
        files.remove(english)
        files.append(page)
    for figure in [f for f in files if f.src_uri.endswith(".svg")]:
        files.remove(figure)
        files.append(File.generated(config, figure.src_uri, content=korean_figure(figure)))
    return files


def korean_figure(figure):
    """The SVG with its words replaced from `X.ko.yml`; every word must have a translation."""
    source = Path(figure.abs_src_path)
    words_file = source.with_suffix(FIGURE_WORDS)
    words = yaml.load(words_file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) if words_file.is_file() else {}
    original = source.read_text(encoding="utf-8")
    untranslated = []

    def translate(match):
        text = html.unescape(match[2]).strip()
        if text in words:
            return match[1] + html.escape(str(words[text]), quote=False)
        if WORD.search(text):
            untranslated.append(text)
        return match[0]

    svg = SVG_TEXT.sub(translate, original)
    unused = sorted(set(words) - {html.unescape(m[2]).strip() for m in SVG_TEXT.finditer(original)})
    if untranslated or unused:
        raise PluginError(
            f"docs/{figure.src_uri}: the Korean edition needs {words_file.name} to translate "
            f"{untranslated or 'nothing more'}; it has entries no text of the figure has: {unused or 'none'}"
        )
    return svg.replace('<svg ', '<svg xml:lang="ko" ', 1) if "xml:lang" not in svg else svg


def on_page_markdown(markdown, page, config, files):
    if GLOSSARY_TABLE not in markdown:
        return markdown
    return markdown.replace(GLOSSARY_TABLE, glossary_table(language(config), files))


def glossary_table(lang, files):
    """docs/glossary.yml as a table, in Korean or English alphabetical order: each term with
    its one-line meaning, its name in the other language, and a link to the section that
    introduces it, named by its page's and heading's titles."""
    entries = glossary()
    other = "en" if lang == "ko" else "ko"
    header = {"ko": "| 용어 | 뜻 | English | 처음 나오는 곳 |", "en": "| Term | Meaning | Korean | Introduced in |"}[lang]
    rows = [header, "|---|---|---|---|"]
    for entry in sorted(entries, key=lambda e: e[lang].lower()):
        path, _, anchor = entry["page"].partition("#")
        page = files.get_file_from_path(path).page
        where = page.title or notebook_title(path, lang)
        section = next((item.title for item in walk(page.toc) if item.id == anchor and item.level > 1), None)
        if section:
            where += f" › {section}"
        rows.append(f"| {entry[lang]} | {entry['means'][lang]} | {entry[other]} | [{where}]({entry['page']}) |")
    return "\n".join(rows)


def glossary():
    """docs/glossary.yml's entries, parsed by libyaml: PyYAML's own parser took a quarter of
    a second of every build for it, in each of the two hooks that read it."""
    return yaml.load((ROOT / "docs" / GLOSSARY).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def notebook_title(path, lang):
    """A lab's title, its first `# ` heading, before mkdocs-jupyter has rendered the lab (and
    set its page's title): from the notebook, or from its Korean text."""
    source = ROOT / "docs" / path
    if lang == "ko":
        lines = source.with_suffix(KOREAN).read_text(encoding="utf-8").splitlines()
    else:
        cells = json.loads(source.read_text(encoding="utf-8"))["cells"]
        lines = "".join(next(cell["source"] for cell in cells if cell["cell_type"] == "markdown")).splitlines()
    heading = next(line for line in lines if line.startswith("# "))
    return re.sub(r"\s*\{#[^}]*\}$", "", heading[2:]).strip()


def walk(toc):
    for item in toc:
        yield item
        yield from walk(item.children)


def on_page_context(context, page, config, nav):
    """The other edition's URL of this page, for the language switch and the head."""
    here = language(config)
    path = page.url  # the same in both editions
    context["editions"] = [
        {
            "lang": lang,
            "name": edition["name"],
            "current": lang == here,
            # From this page to the site root of this edition, then into the other one.
            "href": root_relative(page.url, here) + edition["prefix"] + path,
        }
        for lang, edition in EDITIONS.items()
    ]
    return context


def root_relative(url, lang):
    """The relative path from a page at `url` (in edition `lang`) up to the English root."""
    depth = url.count("/") + (1 if EDITIONS[lang]["prefix"] else 0)
    return "../" * depth or "./"


def on_post_build(config):
    """Building English builds Korean into <site_dir>/ko/.

    Last of the English build's post-build work (hooks run after plugins), and it must be:
    mkdocs keeps one instance per process of a plugin with on_startup, so the search
    plugin loaded now for Korean is the one that has just written the English index."""
    if language(config) == "en" and SERVING["korean_follows"]:
        build_korean(os.path.join(config.site_dir, "ko"), config.strict)


def build_korean(site_dir, strict):
    build(load_config(str(KOREAN_CONFIG), site_dir=str(site_dir), strict=strict), dirty=False)


# --- mkdocs serve: rebuild the editions a save touches ------------------------------------

# Sources only the Korean edition reads; of the rest, the English edition alone reads its
# pages (`X.md`), and both read everything else (examples, figures, the glossary, notebooks,
# templates, hooks, mkdocs.yml).
KOREAN_ONLY = (KOREAN, FIGURE_WORDS)
SERVING = {"korean_follows": True}


def on_serve(server, config, builder):
    """On a save, `mkdocs serve` rebuilds the editions the saved files belong to, and no other.

    mkdocs' builder rebuilds English (which would build Korean after it); the server calls
    whatever `server.builder` is. Korean is rebuilt by a process of its own (KoreanBuilds),
    at the same time as English when a save touches both: on two cores, a save of an
    example reaches the browser in the time of one edition's rebuild. An edition whose
    build failed is built again on the next save, whatever it touches. The English build
    empties its site directory first, so Korean is served from a directory of its own,
    linked in as `ko/`: mkdocs empties a directory with shutil.rmtree(errors ignored),
    which refuses to go through a link."""
    site = Path(config.site_dir)
    SERVING["korean_dir"] = Path(tempfile.mkdtemp(prefix="mkdocs_ko_"))
    korean = SERVING["korean_dir"] / "ko"
    (site / "ko").rename(korean)
    (site / "ko").symlink_to(korean, target_is_directory=True)
    SERVING["korean"] = KoreanBuilds(korean, config.strict)
    watched = [Path(p).resolve() for p in (config.docs_dir, config.config_file_path, *config.watch)]
    times = mtimes(watched)
    failed = set()

    def rebuild():
        nonlocal times
        before, times = times, mtimes(watched)
        editions = touched(before, times) | failed
        if not editions:
            return
        log.info(f"Rebuilding {' and '.join(EDITIONS[lang]['name'] for lang in EDITIONS if lang in editions)}")
        failed.update(editions)
        if "ko" in editions:
            SERVING["korean"].start()
        try:
            if "en" in editions:
                SERVING["korean_follows"] = False
                builder()
                failed.discard("en")
        finally:
            SERVING["korean_follows"] = True
            if "ko" in editions:
                SERVING["korean"].wait()
                failed.discard("ko")

    server.builder = rebuild
    return server


def on_shutdown():
    try:
        if "korean" in SERVING:
            SERVING.pop("korean").stop()
    finally:
        if "korean_dir" in SERVING:
            shutil.rmtree(SERVING.pop("korean_dir"), ignore_errors=True)


class KoreanBuilds:
    """`python hooks/editions.py STRICT`: for each line it reads, a directory, builds the
    Korean edition into it and answers `built` or `failed` on a descriptor of its own
    (whatever else it prints goes to the terminal). Its hooks keep what they made between
    builds, as in `mkdocs serve` itself; a first build into a scratch directory fills them
    while the writer reads the first page. mkdocs' warnings and errors go to the terminal,
    as the server's do. In a session of its own: Ctrl-C in the terminal stops the server,
    which stops it."""

    def __init__(self, site_dir, strict):
        self.site_dir, self.strict = site_dir, strict
        self.scratch = tempfile.TemporaryDirectory(prefix="mkdocs_ko_warm_")
        self.process = None
        self.start(self.scratch.name)

    def start(self, site_dir=None):
        if self.process is None or self.process.poll() is not None:
            command = [sys.executable, __file__, "strict" if self.strict else "lax"]
            self.process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, start_new_session=True)
            self.pending = 0
        self.process.stdin.write(f"{site_dir or self.site_dir}\n")
        self.process.stdin.flush()
        self.pending += 1

    def wait(self):
        answers = [self.process.stdout.readline().strip() for _ in range(self.pending)]
        self.pending = 0
        if answers[-1] != "built":
            raise PluginError(f"the Korean edition did not build ({answers[-1] or 'its process ended'}); mkdocs said why above")

    def stop(self):
        try:
            self.process.stdin.close()
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
        finally:
            self.scratch.cleanup()


def build_korean_on_request(strict):
    # The answers go out on a copy of stdout; anything printed goes to stderr instead.
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    for line in sys.stdin:
        try:
            build_korean(line.strip(), strict)
        except Exception as error:  # mkdocs has logged why; the server says it failed
            log.error(f"{type(error).__name__}: {error}")
            print("failed", file=answers, flush=True)
        else:
            print("built", file=answers, flush=True)


def mtimes(paths):
    """Every file under `paths`, with the time it last changed."""
    found = {}
    for path in paths:
        for file in [path] if path.is_file() else path.rglob("*"):
            if file.is_file():
                found[file] = file.stat().st_mtime_ns
    return found


def touched(before, now):
    """The editions that read a file changed between two looks. mkdocs reads no file whose
    name starts with a dot (an editor's swap file)."""
    changed = {path for path in before.keys() | now.keys() if before.get(path) != now.get(path) and not path.name.startswith(".")}
    if not changed:
        return set()
    if changed - (before.keys() & now.keys()):
        return {"en", "ko"}  # a file added or removed changes the page list of both
    korean = {path for path in changed if path.name.endswith(KOREAN_ONLY)}
    if changed == korean:
        return {"ko"}
    return {"en"} if all(path.suffix == ".md" for path in changed - korean) and not korean else {"en", "ko"}


if __name__ == "__main__":
    logging.basicConfig(format="%(levelname)-8s-  %(message)s", level=logging.WARNING)
    build_korean_on_request(sys.argv[1] == "strict")
