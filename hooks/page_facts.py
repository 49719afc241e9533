"""What a careful reader checks first, at the foot of every page (overrides/main.html):

- the date the page last changed: the last commit that touched any file the page is built
  from (its Markdown, or a lab's notebook and Korean text; the examples it includes; the
  glossary's data), from git, so a clone needs its history (CI fetches it);
- the PyTorch version its outputs were recorded with (snippets/recorded_on.txt, which
  `--update-outputs` writes);
- a link that opens a new GitHub issue with the page's title and address filled in: a plain
  link, no script and no request to another host.
"""

import functools
import re
import subprocess
from pathlib import Path
from urllib.parse import urlencode

from editions import GLOSSARY, GLOSSARY_TABLE
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
RECORDED_ON = SNIPPETS / "recorded_on.txt"
INCLUDE = re.compile(r'^\s*-+8<-+\s+"([^"]+)"\s*$', re.MULTILINE)
TORCH = re.compile(r"PyTorch (\d+\.\d+\.\d+)")


def sources(page):
    """The files of the repository that make up `page`, as paths relative to ROOT."""
    if page.file.src_uri.endswith(".ipynb"):
        # The build executes a lab in a cached copy (hooks/notebooks.py): its source is in docs/.
        notebook = ROOT / "docs" / page.file.src_uri
        found = [notebook, notebook.with_suffix(".ko.md")]  # and the Korean edition's text
    else:
        main = Path(page.file.abs_src_path)  # in the Korean build, the X.ko.md
        found = [main]
        text = main.read_text(encoding="utf-8")
        found += [SNIPPETS / include for include in INCLUDE.findall(text)]
        if GLOSSARY_TABLE in text:
            found.append(ROOT / "docs" / GLOSSARY)
    return [path.relative_to(ROOT).as_posix() for path in found]


def last_changed(paths):
    """YYYY-MM-DD of the last commit touching `paths`, or None outside a git checkout."""
    return commit_date(BUILD["head"] if "head" in BUILD else head(), tuple(paths))


# The commit a build starts from (None outside a git checkout): `mkdocs serve` builds again
# on every save, and asks git about each page only when the history has moved.
BUILD = {}


def on_pre_build(config):
    BUILD["head"] = head()


def head():
    return git("rev-parse", "HEAD")


@functools.lru_cache(maxsize=1024)
def commit_date(head, paths):
    return git("log", "-1", "--format=%cs", "--", *paths) if head else None


def git(*arguments):
    try:
        out = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def recorded_torch():
    match = TORCH.search(RECORDED_ON.read_text(encoding="utf-8"))
    if not match:
        raise PluginError(f"{RECORDED_ON.relative_to(ROOT)}: no 'PyTorch X.Y.Z' in it; run the tests with --update-outputs")
    return match.group(1)


def report_url(config, page, lang):
    repo = (config.repo_url or "").rstrip("/")
    title = f'"{page.title}": ' if lang == "en" else f'"{page.title}" 페이지: '
    body = f"Page: {page.canonical_url}\n\nWhat is wrong, and what should it say?\n"
    return f"{repo}/issues/new?" + urlencode({"title": title, "body": body})


def on_page_context(context, page, config, nav):
    lang = config.theme["language"]
    context["page_facts"] = {
        "changed": last_changed(sources(page)),
        "torch": recorded_torch(),
        "report": report_url(config, page, lang) if (config.repo_url or "").startswith("https://github.com/") else None,
    }
    return context
