"""Serve MathJax from the site itself, straight out of node_modules/.

The npm package (pinned in package.json) is not committed; this hook adds to the build,
for `mkdocs build` and `mkdocs serve` alike, the MathJax components the book loads and
the fonts they use, so no page fetches math support from another host.

docs/javascripts/mathjax-config.js (on every page, small) loads these components only on a
page that has math: startup.js, then core, TeX input, CommonHTML output with its font data,
and the assistive MathML for screen readers. The browser fetches only the fonts and the
rarer TeX packages (autoloaded: \\boldsymbol, \\cancel, ...) that a page actually uses.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

MATHJAX = Path(__file__).parent.parent / "node_modules" / "mathjax" / "es5"
COMPONENTS = [
    "startup.js",
    "core.js",
    "input/tex.js",
    "output/chtml.js",
    "output/chtml/fonts/tex.js",
    "a11y/assistive-mml.js",
]
FONTS = "output/chtml/fonts/woff-v2"
TEX_PACKAGES = "input/tex/extensions"


def on_files(files, config):
    missing = [name for name in COMPONENTS if not (MATHJAX / name).is_file()]
    if missing:
        raise PluginError(f"{MATHJAX} lacks {', '.join(missing)}: run `python3 book.py serve` (or `npm ci`) first.")
    # MathJax finds its components, packages and fonts relative to startup.js: the
    # package's layout is kept.
    served = [
        *(MATHJAX / name for name in COMPONENTS),
        *sorted((MATHJAX / FONTS).glob("*.woff")),
        *sorted((MATHJAX / TEX_PACKAGES).glob("*.js")),
    ]
    for path in served:
        name = path.relative_to(MATHJAX).as_posix()
        files.append(File.generated(config, f"assets/mathjax/{name}", abs_src_path=str(path)))
    return files

