"""The GitHub Actions workflows are valid, safe, and do what the README promises.

actionlint cannot install on these machines (its build downloads a binary), so the files
are checked offline by check-jsonschema (GitHub's workflow schema, as vendored by
SchemaStore) and audited by zizmor; both are pinned in requirements.txt.
"""

import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from tests.harness import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
SCRIPTS = Path(sysconfig.get_path("scripts"))
FULL_SHA = re.compile(r"^[^@]+@[0-9a-f]{40}$")


def run(*command):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def load(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean true.
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_are_workflows():
    assert WORKFLOWS, "no workflow in .github/workflows/"


def test_workflows_follow_githubs_schema():
    done = run(sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS))
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing():
    zizmor = SCRIPTS / "zizmor"
    if not zizmor.is_file():
        pytest.fail(f"{zizmor} is missing: zizmor is pinned in requirements.txt")
    done = run(str(zizmor), "--offline", "--no-progress", *map(str, WORKFLOWS))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit(path):
    uses = [step["uses"] for step in steps(load(path)) if "uses" in step]
    loose = [use for use in uses if not use.startswith("./") and not FULL_SHA.match(use)]
    assert not loose, f"{path.name}: pin these to a full commit SHA (with the tag in a comment): {loose}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_grant_nothing_by_default(path):
    assert load(path).get("permissions") == {}, f"{path.name}: set `permissions: {{}}` and grant per job"


def test_ci_runs_the_readme_test_command_on_every_push_and_pull_request():
    ci = [load(path) for path in WORKFLOWS if "python3 book.py test" in path.read_text(encoding="utf-8")]
    assert ci, "no workflow runs `python3 book.py test`"
    workflow = ci[0]
    assert {"push", "pull_request"} <= set(workflow["on"])
    assert "python3 book.py test" in (ROOT / "README.md").read_text(encoding="utf-8")
    # The browser tests drive Debian's Chromium at /usr/bin/chromium.
    installs = [step.get("run", "") for step in steps(workflow)]
    assert any(re.search(r"apt-get install\b.*\bchromium\b", line) for line in installs)
    assert all(step.get("with", {}).get("persist-credentials") is False for step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@"))
    cached = [step["with"]["path"] for step in steps(workflow) if step.get("uses", "").startswith("actions/cache@")]
    assert "~/.cache/pip" in cached and "~/.npm" in cached


def test_pages_deploy_only_from_main_with_the_least_permissions():
    deploys = []
    for path in WORKFLOWS:
        for name, job in load(path)["jobs"].items():
            if any(step.get("uses", "").startswith("actions/deploy-pages@") for step in job.get("steps", [])):
                deploys.append((path.name, name, job))
    assert deploys, "no job deploys to GitHub Pages"
    for path, name, job in deploys:
        assert "refs/heads/main" in job.get("if", ""), f"{path}:{name} must deploy from main only"
        assert job.get("permissions") == {"pages": "write", "id-token": "write"}, f"{path}:{name}"
        assert job.get("needs"), f"{path}:{name} must deploy only what passed the tests"


def test_colab_links_open_what_the_deploy_workflow_pushes_to_the_notebooks_branch(site, tmp_path):
    """Each edition's "Open in Colab" links open `extra.colab` + the notebook's path in the
    site (tests/test_chapter_notebooks.py checks every link). The `notebooks` job pushes to
    that branch every notebook of the site that upload-pages-artifact packed: its own
    commands, run here on a site packed the same way, must commit exactly those files."""
    from mkdocs.config import load_config

    job = load(ROOT / ".github" / "workflows" / "ci.yml")["jobs"]["notebooks"]
    assert job["needs"] == "deploy" and job["permissions"] == {"contents": "write"}
    fetch, push = job["steps"]
    assert fetch["uses"].startswith("actions/download-artifact@") and fetch["with"] == {"name": "github-pages"}
    for config, folder in (("mkdocs.yml", ""), ("mkdocs.ko.yml", "ko/")):
        assert load_config(str(ROOT / config)).extra["colab"] == f"blob/notebooks/{folder}", config
    # The archive as actions/upload-pages-artifact makes it.
    subprocess.run(["tar", "--dereference", "--hard-dereference", "--directory", str(site), "-cf", str(tmp_path / "artifact.tar"), "--exclude=.git", "--exclude=.github", "."], check=True)
    no_push = 'git() { if [ "$1" = push ]; then return 0; fi; command git "$@"; }\n'
    env = {**os.environ, "GITHUB_SHA": "0" * 40, "TOKEN": "", "REPOSITORY": "rnn-book/rnn-book"}
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", no_push + push["run"]], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    pushed = run("git", "-C", str(tmp_path / "notebooks"), "ls-files").stdout.split()
    built = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.ipynb"))
    pages = [p for p in (ROOT / "docs").glob("[0-9][0-9]-*.md") if not p.name.endswith(".ko.md")]
    pages += list((ROOT / "docs" / "labs").glob("*.ipynb"))
    assert sorted(pushed) == built and len(built) == 2 * len(pages), f"pushed {pushed}, the site has {built}"


def test_the_published_site_holds_the_pdfs_every_page_links_to():
    """The site uploaded to Pages is built, then printed into (scripts/book_pdf.py), as the
    tests' own site is (tests/conftest.py), so the home page's and every page foot's link
    to the edition's PDF (extra.pdf) is a file of it; tests/test_browser.py follows them."""
    job = load(ROOT / ".github" / "workflows" / "ci.yml")["jobs"]["test"]
    runs = [step.get("run", "") for step in job["steps"]]
    build = next(i for i, line in enumerate(runs) if "mkdocs build --strict --site-dir site" in line)
    printed = next(i for i, line in enumerate(runs) if "scripts/book_pdf.py site" in line)
    upload = next(i for i, step in enumerate(job["steps"]) if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert build < printed < upload and job["steps"][upload]["with"]["path"] == "site"
