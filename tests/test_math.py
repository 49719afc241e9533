"""The build's typesetting (hooks/mathjax.py): what it finds, and how it fails."""

import pytest
from mkdocs.exceptions import PluginError

from tests.harness import load_hook

hook = load_hook("mathjax")


@pytest.fixture(scope="module")
def typesetter():
    running = hook.Typesetter()
    yield running
    running.close()


def test_a_formula_tex_cannot_read_fails_the_build_naming_file_and_line(typesetter, tmp_path):
    source = tmp_path / "page.md"
    source.write_text("# A page\n\nFine: \\(x^2\\).\nBroken: \\(\\frac{1}\\).\n", encoding="utf-8")
    output = '<p>Fine: <span class="arithmatex">\\(x^2\\)</span>.</p>\n<p>Broken: <span class="arithmatex">\\(\\frac{1}\\)</span>.</p>'
    with pytest.raises(PluginError) as failure:
        hook.typeset_page(output, typesetter, "docs/page.md", source)
    assert "docs/page.md:4: Missing argument for \\frac: \\frac{1}" in str(failure.value)


def test_display_and_inline_formulas_are_typeset_with_mathml_for_screen_readers(typesetter):
    output = '<span class="arithmatex">\\(a &lt; b\\)</span><div class="arithmatex">\\[\n\\sum_i x_i\n\\]</div>'
    page = hook.typeset_page(output, typesetter, "docs/page.md")
    glyphs, formulas = page.split('<span class="arithmatex">')
    # The glyph shapes, once for the page, before its first formula (a page without the
    # theme's content box); formulas refer to them.
    assert glyphs.startswith("<svg ") and 'id="MJX-SVG-global-cache"' in glyphs and '<path id="MJX-TEX-I-1D44E"' in glyphs
    assert '<use data-c="1D44E" xlink:href="#MJX-TEX-I-1D44E">' in formulas
    inline, display = page.split("<div")
    assert "<svg" in inline and '<mjx-container class="MathJax" jax="SVG" style' in inline
    assert "<mi>a</mi><mo>&lt;</mo><mi>b</mi>" in inline  # the TeX was HTML, unescaped once
    assert '<mjx-container class="MathJax" jax="SVG" display="true"' in display and "<svg" in display


def test_the_glyphs_go_first_in_the_theme_content_not_in_a_paragraph(typesetter):
    """A paragraph that held the glyphs was laid out again when the browser had drawn it
    before reading them all (a layout shift); at the head of the content they move nothing."""
    article = '<article class="md-content__inner md-typeset">'
    output = f'<header>x</header>{article}<h1>T</h1><p>Text and <span class="arithmatex">\\(a\\)</span>.</p></article>'
    page = hook.typeset_page(output, typesetter, "docs/page.md")
    assert page.startswith(f'<header>x</header>{article}<svg style="display: none;" id="MJX-SVG-global-cache"'), page[:200]
    assert page.count("MJX-SVG-global-cache") == 1 and "<p>Text and <span" in page


def test_notebook_math_is_found_in_prose_and_not_in_code():
    page = '<p>Let $h_t$ be the state, and $$y = Wh$$ costs \\$5.</p><pre>print("$x$")</pre><p><code>$y$</code></p>'
    wrapped = hook.wrap_notebook_math(page)
    assert wrapped == (
        '<p>Let <span class="arithmatex">$h_t$</span> be the state, and '
        '<span class="arithmatex">$$y = Wh$$</span> costs \\$5.</p><pre>print("$x$")</pre><p><code>$y$</code></p>'
    )
