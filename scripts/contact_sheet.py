#!/usr/bin/env python3
"""Screenshots of every page, at a phone's width and a desktop's, in both editions.

    .venv/bin/python scripts/contact_sheet.py                 # build, then shoot every page
    .venv/bin/python scripts/contact_sheet.py --site site     # shoot an existing build
    .venv/bin/python scripts/contact_sheet.py --only 02-inside-the-cell/ --scheme dark

Writes contact-sheet/<edition>/<page>-<width>.png (the whole page, top to bottom, as the
reader scrolls through it) and contact-sheet/index.html, which shows them side by side, so
that a person reviewing a change looks at the book and not only at its tests. CI keeps
the folder as an artifact (.github/workflows/ci.yml). Needs Debian's Chromium at
/usr/bin/chromium, as the browser tests do.
"""

import argparse
import html
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import browser as b  # noqa: E402

WIDTHS = {"phone": b.PHONE, "desktop": b.VIEWPORT}


def build(site_dir):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)], cwd=ROOT, env=env, check=True)


def shoot(site_dir, out, only, scheme):
    from playwright.sync_api import sync_playwright

    every = b.page_paths(site_dir)
    unknown = sorted(set(only) - set(every))
    if unknown:
        sys.exit(f"no such page: {', '.join(unknown)}; pages are named as served, e.g. 02-inside-the-cell/, ko/, \"\"")
    paths = [path for path in every if not only or path in only]
    shots = []
    with sync_playwright() as playwright, b.serve(site_dir, b.site_base()) as root:
        browser = b.launch(playwright)
        try:
            for width, viewport in WIDTHS.items():
                phone = width == "phone"
                context = b.new_context(browser, viewport=viewport, color_scheme=scheme, is_mobile=phone, has_touch=phone)
                page = context.new_page()
                for path in paths:
                    page.goto(root + path, wait_until="load")
                    page.wait_for_load_state("networkidle")
                    # Lazy plots load as the reader scrolls; a whole-page shot shows them all.
                    page.evaluate("() => document.querySelectorAll('img[loading=lazy]').forEach((img) => { img.loading = 'eager'; })")
                    page.wait_for_load_state("networkidle")
                    edition, name = ("ko", path[3:]) if path.startswith("ko/") else ("en", path)
                    file = out / edition / f"{name.strip('/').replace('/', '-') or 'home'}-{width}.png"
                    file.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=file, full_page=True)
                    shots.append((edition, path, width, file.relative_to(out)))
                    print(file.relative_to(ROOT) if file.is_relative_to(ROOT) else file, flush=True)
                context.close()
        finally:
            browser.close()
    return shots


def index(out, shots):
    rows = {}
    for edition, path, width, file in shots:
        rows.setdefault((edition, path), {})[width] = file
    cells = "".join(
        f"<section><h2>{html.escape(edition)} /{html.escape(path)}</h2>"
        + "".join(f'<a href="{file.as_posix()}"><img src="{file.as_posix()}" alt="{html.escape(path or "home")} at {width} width" loading="lazy"></a>' for width, file in files.items())
        + "</section>"
        for (edition, path), files in sorted(rows.items())
    )
    style = "body{font:14px sans-serif}section{display:inline-block;vertical-align:top;margin:8px}img{height:600px;margin-right:4px;border:1px solid #ccc}"
    (out / "index.html").write_text(f"<!doctype html><meta charset=utf-8><title>Contact sheet</title><style>{style}</style>{cells}", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--out", type=Path, default=ROOT / "contact-sheet")
    parser.add_argument("--only", nargs="*", default=[], help='page paths as served, e.g. 02-inside-the-cell/ ko/ "" (home)')
    parser.add_argument("--scheme", choices=["light", "dark"], default="light")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            build(site)
        shots = shoot(site.resolve(), args.out.resolve(), set(args.only), args.scheme)
    index(args.out.resolve(), shots)
    print(f"{len(shots)} screenshots; open {args.out / 'index.html'}")


if __name__ == "__main__":
    main()
