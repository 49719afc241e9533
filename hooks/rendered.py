"""A page's Markdown is rendered again only when something it is rendered from has changed,
and the theme's templates are compiled once.

`mkdocs serve` builds the whole edition again on every save (hooks/editions.py rebuilds
only the editions a save touches). Turning each page's Markdown into HTML was most of what
was left of a rebuild once the other hooks kept their own work between builds (each of
them says so where it does: hooks/notebooks.py, hooks/mathjax.py, hooks/render_cost.py,
hooks/search_index.py, hooks/page_facts.py, hooks/chapter_notebooks.py). A page's HTML
depends on:

- its Markdown, as the other hooks have left it (the glossary table is in it by then), with
  the text of every example it includes, as pymdownx.snippets expands it;
- where every file of the edition is (links are made relative, and checked);
- its source, its address, and the configuration (the Markdown extensions, their options).

All of these make the key (chapter_notebooks.page_inputs); a
page whose key is the one of its last render gets that render back: its HTML, contents,
title, anchors and links, and any warning the render logged, logged again (a warning fails
the strict build, however often it is built). The memory is the process's: `mkdocs build`
starts empty, `mkdocs serve` keeps it between saves. mkdocs-jupyter renders notebooks
itself, from a cache of its own. tests/test_serve.py saves each kind of file in a running
`mkdocs serve` and checks that what is served changes, and only that.
"""

import copy
import logging

import jinja2
from chapter_notebooks import page_inputs
from mkdocs.plugins import event_priority

# (configuration file, page) -> (key, render)
RENDERS = {}


class Captured(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


# After mkdocs-jupyter (a plugin, priority 0), which gives notebook pages a render of its own.
@event_priority(-100)
def on_pre_page(page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        return page
    render = page.render

    def render_or_recall(config, files):
        key = page_inputs(page, config, files, page.markdown)
        name = (config.config_file_path, page.file.src_uri)
        last = RENDERS.get(name)
        if last is None or last[0] != key:
            last = RENDERS[name] = (key, rendered(render, page, config, files))
        recall(page, files, last[1])

    page.render = render_or_recall
    return page




def rendered(render, page, config, files):
    logger = logging.getLogger("mkdocs")
    captured = Captured()
    logger.addHandler(captured)
    try:
        render(config, files)
    finally:
        logger.removeHandler(captured)
    return {
        "content": page.content,
        "toc": copy.deepcopy(page.toc),
        "title": page._title_from_render,
        "anchors": page.present_anchor_ids,
        "links": {file.src_uri: links for file, links in (page.links_to_anchors or {}).items()},
        "warnings": captured.records,
    }


def recall(page, files, render):
    page.content = render["content"]
    page.toc = copy.deepcopy(render["toc"])  # later hooks may change a page's contents
    page._title_from_render = render["title"]
    page.present_anchor_ids = set(render["anchors"])
    page.links_to_anchors = {files.get_file_from_path(uri): dict(links) for uri, links in render["links"].items()}
    if not page.links_to_anchors:
        page.links_to_anchors = None
    for record in render["warnings"]:
        logging.getLogger(record.name).handle(record)


class Templates(jinja2.BytecodeCache):
    """The theme's templates, compiled once: mkdocs makes a new Jinja environment for every
    build, which compiled them all again (0.3 s of each edition's rebuild). Jinja checks each
    template's source against its compiled copy, so an edited template is compiled anew."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = Templates()


def on_env(env, config, files):
    env.bytecode_cache = TEMPLATES
    return env
