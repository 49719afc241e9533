"""`python3 book.py serve`: a save rebuilds only the editions it touches, and what the
rebuild keeps from before (hooks/rendered.py and the hooks' own memories) stays right.

On a copy of the book, each kind of file a writer saves (tests/serve.py) is edited in turn:
after each save the served files it shows on have changed, with the edit in them, no other
page has, and only the editions that read the file were rebuilt. With every edit put back,
every page is served as it was at the start.
"""

import re

from tests import serve
from tests.browser import site_base
from tests.harness import ROOT

LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>", re.DOTALL)


def served_files(served, paths):
    """Each file as served, without the live-reload script mkdocs adds to every page (it
    differs from one request to the next)."""
    return {path: LIVERELOAD.sub(b"", served.get(path)) for path in paths}


def test_each_save_changes_its_pages_and_no_other(site, tmp_path):
    tree = serve.copy_of_book(tmp_path / "book", warm=True)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    watched = sorted({*pages, *serve.INDEX, *(path for edit in serve.EDITS for path in edit.shows_on)})
    served = serve.Served(tree, site_base(ROOT / "mkdocs.yml"))
    try:
        start = before = served_files(served, watched)
        originals, problems = {}, []
        for edit in serve.EDITS:
            seen = len(served.lines)
            originals[edit.path] = edit.apply(tree, 1)
            rebuild = served.rebuilt(seen)
            after = served_files(served, watched)
            changed = {path for path in watched if after[path] != before[path]}
            rebuilt = [lang for lang, name in (("en", "English"), ("ko", "한국어")) if any("Rebuilding" in line and name in line for line in rebuild)]
            if changed != set(edit.shows_on):
                problems.append(f"{edit.path} ({edit.kind}): changed {sorted(changed)}, expected {list(edit.shows_on)}")
            problems += [f"{edit.path} ({edit.kind}): {path} does not show the edit" for path in edit.shows_on if not edit.shown_in(after[path], path, 1)]
            if tuple(rebuilt) != edit.editions:
                problems.append(f"{edit.path} ({edit.kind}): rebuilt {rebuilt}, expected {list(edit.editions)}")
            before = after
        seen = len(served.lines)
        for path, original in originals.items():
            (tree / path).write_text(original, encoding="utf-8")
        served.rebuilt(seen)
        back = served_files(served, watched)
        problems += [f"every edit put back: {path} is not served as at the start" for path in watched if back[path] != start[path]]
        assert not problems, "\n".join(problems) + "\n\nmkdocs serve logged:\n" + served.log()[-4000:]
    finally:
        served.close()
