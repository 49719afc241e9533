"""The site builds with `mkdocs build --strict`, warning-free, and loads nothing from another host."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

# <link> relations that make the browser fetch something (canonical, prev and next do not).
FETCHING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")


class ResourceFinder(HTMLParser):
    """Collects every URL an HTML page makes the browser load."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed"} and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag == "link" and FETCHING_LINKS & set((attrs.get("rel") or "").split()):
            self.urls.append(attrs.get("href", ""))
        elif tag == "object" and attrs.get("data"):
            self.urls.append(attrs["data"])
        if attrs.get("srcset"):
            self.urls += [part.split()[0] for part in attrs["srcset"].split(",")]
        if attrs.get("style"):
            self.urls += CSS_URL.findall(attrs["style"])


def external(url):
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in {"", "data"}


def test_site_builds_strict_without_warnings(site):
    assert (site / "index.html").is_file()


def test_pages_load_nothing_from_another_host(site):
    offenders = []
    for page in sorted(site.rglob("*.html")):
        finder = ResourceFinder()
        finder.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(site)}: {url}" for url in finder.urls if external(url)]
    for sheet in sorted(site.rglob("*.css")):
        offenders += [f"{sheet.relative_to(site)}: {url}" for url in CSS_URL.findall(sheet.read_text()) if external(url)]
    assert not offenders, "\n".join(offenders)


def test_mathjax_and_its_fonts_are_served_by_the_site(site):
    mathjax = site / "assets" / "mathjax"
    # The components docs/javascripts/mathjax-config.js loads (hooks/mathjax.py).
    for component in ["startup.js", "core.js", "input/tex.js", "output/chtml.js", "output/chtml/fonts/tex.js", "a11y/assistive-mml.js"]:
        assert (mathjax / component).is_file(), component
    assert len(list((mathjax / "output/chtml/fonts/woff-v2").glob("*.woff"))) == 23


def test_no_page_loads_mathjax_itself(site):
    # mathjax-config.js loads MathJax when the page shown has math, so that a page without
    # math loads none, also when reached by instant navigation.
    offenders = [str(page.relative_to(site)) for page in sorted(site.rglob("*.html")) if "assets/mathjax/" in page.read_text(encoding="utf-8")]
    assert not offenders, offenders


def test_every_figure_has_alt_text(site):
    missing = []
    for page in sorted(site.rglob("*.html")):
        for img in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8")):
            alt = re.search(r'\balt="([^"]*)"', img)
            if alt is None or len(alt.group(1).split()) < 4:
                missing.append(f"{page.relative_to(site)}: {img}")
    assert not missing, "images need alt text that describes them:\n" + "\n".join(missing)
