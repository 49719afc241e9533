#!/usr/bin/env python3
"""Install what the book needs, then serve it or test it.

    python3 book.py serve    # the book at http://127.0.0.1:8000/rnn-book/, rebuilt on save
    python3 book.py test     # every code block, every guard, and `mkdocs build --strict`
    python3 book.py pdf      # the book built into site/, and each edition printed as one PDF
    python3 book.py check docs/02-inside-the-cell.md
                             # one page and its Korean twin: code blocks, build, browser checks

Both first bring .venv/ (requirements.txt) and node_modules/ (package-lock.json) up to
date, and skip that step when neither file changed since the last run. Any further
arguments go to `mkdocs serve` or to `pytest`, e.g. `python3 book.py test -k chapter`.
The PDFs and the page check need Debian's chromium, as the browser tests do.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def run(*command):
    print("+", " ".join(map(str, command)), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def refresh(lock, stamp, *command):
    """Run `command` unless `stamp` shows it already ran for this exact `lock` file."""
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text() == digest:
        return
    run(*command)
    stamp.write_text(digest)


def install():
    if sys.version_info < (3, 11):
        sys.exit(f"The book needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not (BIN / "python").exists():
        venv.create(VENV, with_pip=True)
    pip = [BIN / "python", "-m", "pip", "install", "--disable-pip-version-check", "-r", "requirements.txt"]
    refresh(ROOT / "requirements.txt", VENV / "requirements.sha256", *pip)

    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is missing: the site serves its own copy of MathJax, installed from npm.")
    refresh(ROOT / "package-lock.json", ROOT / "node_modules" / "package-lock.sha256", npm, "ci", "--no-audit", "--no-fund")


def main():
    command, *rest = sys.argv[1:] or ["help"]
    if command not in {"serve", "test", "pdf", "check"}:
        sys.exit(__doc__)
    install()
    # Material 9.8 prints a banner about its end of life on every run; it is not a warning.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if command == "serve":
        os.execv(BIN / "mkdocs", [str(BIN / "mkdocs"), "serve", *rest])
    os.chdir(ROOT)
    if command == "check":
        pages = [str(Path(page).resolve()) for page in rest]  # as typed, from where it was typed
        os.execv(BIN / "python", [str(BIN / "python"), str(ROOT / "scripts/check_page.py"), *pages])
    if command == "pdf":
        run(BIN / "python", "-m", "mkdocs", "build", "--strict", *rest)
        os.execv(BIN / "python", [str(BIN / "python"), "scripts/book_pdf.py", "site"])
    os.execv(BIN / "python", [str(BIN / "python"), "-m", "pytest", *rest])


if __name__ == "__main__":
    main()
