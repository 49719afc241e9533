"""Serve MathJax from the site itself, straight out of node_modules/.

The npm package (pinned in package.json) is not committed; this hook adds the one
component the book uses and the fonts it loads to the build, for `mkdocs build` and
`mkdocs serve` alike, so no page fetches math support from another host.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

MATHJAX = Path(__file__).parent.parent / "node_modules" / "mathjax" / "es5"
FONTS = "output/chtml/fonts/woff-v2"


def on_files(files, config):
    if not (MATHJAX / "tex-chtml.js").is_file():
        raise PluginError(f"{MATHJAX} is missing: run `python3 book.py serve` (or `npm ci`) first.")
    # MathJax finds its fonts relative to its own script, so the package's layout is kept.
    served = [MATHJAX / "tex-chtml.js", *sorted((MATHJAX / FONTS).glob("*.woff"))]
    for path in served:
        name = path.relative_to(MATHJAX).as_posix()
        files.append(File.generated(config, f"assets/mathjax/{name}", abs_src_path=str(path)))
    return files
