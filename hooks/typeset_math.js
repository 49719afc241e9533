// Typesets TeX for hooks/mathjax.py while the site is built, so that readers' browsers run
// no math JavaScript and download no math fonts: each formula becomes an SVG drawn in the
// text colour (dark mode included), with hidden MathML beside it for screen readers.
//
// Protocol, one JSON object per line. First this writes {"css": ...}, the stylesheet the SVG
// output needs. Then for each request {"formulas": [{"tex": ..., "display": bool}, ...]}
// it answers {"html": [...], "errors": [message or null, ...]}, in the same order.
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
// "local": each formula carries the glyph shapes it uses, so a page needs no shared cache
// (instant navigation swaps page content) and no font files.
const svg = new SVG({ fontCache: "local" });
const page = mathjax.document("", { InputJax: tex, OutputJax: svg });

function send(object) {
  process.stdout.write(JSON.stringify(object) + "\n");
}

send({ css: adaptor.textContent(svg.styleSheet(page)) });
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const html = [];
  const errors = [];
  for (const { tex: source, display } of JSON.parse(line).formulas) {
    error = null;
    html.push(adaptor.outerHTML(page.convert(source, { display })));
    errors.push(error);
  }
  send({ html, errors });
});
