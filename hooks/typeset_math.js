// Typesets TeX for hooks/mathjax.py while the site is built, so that readers' browsers run
// no math JavaScript and download no math fonts: each formula becomes an SVG drawn in the
// text colour (dark mode included), with hidden MathML beside it for screen readers.
//
// Protocol, one JSON object per line. First this writes {"css": ...}, the stylesheet the SVG
// output needs. Then for each request, one page's {"formulas": [{"tex": ..., "display": bool}]},
// it answers {"html": [...], "errors": [message or null, ...], "glyphs": ...}: the formulas
// in the same order, and a hidden SVG holding the glyph shapes they use, for the page.
const readline = require("readline");
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { SVG } = require("mathjax-full/js/output/svg.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AssistiveMmlHandler } = require("mathjax-full/js/a11y/assistive-mml.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");

const adaptor = liteAdaptor();
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));

let error = null; // the TeX error of the formula being converted, if any
const tex = new TeX({
  // Every package, as if autoloaded, except textmacros: it would make `_` in \text{num_layers}
  // an error, where MathJax's usual configuration prints it as written.
  packages: AllPackages.filter((name) => name !== "textmacros"),
  formatError(jax, err) {
    error = err.message;
    return jax.formatError(err);
  },
});
// "global": each glyph's shape is written once per page (in "glyphs") and formulas refer to
// it, which makes a page with many formulas less than half the size it is when every
// formula carries its own shapes. No font files are involved.
const svg = new SVG({ fontCache: "global" });
const page = mathjax.document("", { InputJax: tex, OutputJax: svg });

// MathJax wraps every node of the formula's tree in a <g> that only names it (data-mml-node),
// even a single letter: about half of a formula's elements. The page's CSS (svg.css) and the
// tests look only at tables, errors and actions; every other such <g>, with no transform
// or style of its own, draws nothing, and its children take its place. Each element fewer
// is less work each time the theme's script makes the browser restyle the page.
const NAMED = new Set(["merror", "mtable", "mtr", "mlabeledtr", "mtd", "maction"]);

function unwrapNamingGroups(node) {
  for (const child of adaptor.childNodes(node)) {
    if (adaptor.kind(child) === "#text") continue;
    unwrapNamingGroups(child);
    const onlyNames = adaptor.allAttributes(child).every(({ name }) => name.startsWith("data-"));
    const role = adaptor.getAttribute(child, "data-mml-node");
    if (adaptor.kind(child) === "g" && onlyNames && !NAMED.has(role) && !NAMED.has(adaptor.getAttribute(node, "data-mml-node"))) {
      for (const grandchild of adaptor.childNodes(child)) adaptor.insert(grandchild, child);
      adaptor.remove(child);
    }
  }
}

function send(object) {
  process.stdout.write(JSON.stringify(object) + "\n");
}

send({ css: adaptor.textContent(svg.styleSheet(page)) });
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const html = [];
  const errors = [];
  svg.fontCache.clearCache();
  for (const { tex: source, display } of JSON.parse(line).formulas) {
    error = null;
    const container = page.convert(source, { display });
    unwrapNamingGroups(adaptor.firstChild(container));
    // A display formula wider than the column scrolls sideways in its own box (book.css),
    // which the keyboard must be able to reach too (axe-core: scrollable-region-focusable).
    if (display) adaptor.setAttribute(container, "tabindex", "0");
    html.push(adaptor.outerHTML(container));
    errors.push(error);
  }
  const glyphs = svg.svg("svg", { id: "MJX-SVG-global-cache", "aria-hidden": "true", style: { display: "none" } }, [
    svg.fontCache.getCache(),
  ]);
  send({ html, errors, glyphs: adaptor.outerHTML(glyphs) });
});
