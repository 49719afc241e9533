// Loaded on every page, and small: it loads MathJax (from the site itself, see
// hooks/mathjax.py) only when the page on screen has math, on a full page load and after
// Material's instant navigation alike. A page without math loads no MathJax at all.
(() => {
  // Resolved against this script, so it works under any base path and after navigation.
  const STARTUP = new URL("../assets/mathjax/startup.js", document.currentScript.src).href;
  // arithmatex (generic) wraps page math in \( \) and \[ \] inside .arithmatex; notebooks
  // (mkdocs-jupyter) write $ and $$ inside their rendered Markdown and LaTeX outputs.
  const ROOTS = ".arithmatex, .jp-RenderedMarkdown, .jp-RenderedLatex";
  const TEX = /\$|\\\(|\\\[|\\begin\{/;

  function mathRoots() {
    return [...document.querySelectorAll(ROOTS)].filter(
      (root) => root.classList.contains("arithmatex") || TEX.test(root.textContent)
    );
  }

  window.MathJax = {
    loader: {
      // What tex-chtml.js holds, minus its context menu (108 KB gzip, two fifths of it):
      // TeX input (base, ams, newcommand, noundefined, require, autoload, configmacros),
      // CommonHTML output, and the hidden MathML that screen readers read. Rarer TeX
      // packages (\boldsymbol, \cancel, ...) are fetched from the site when a page uses them.
      load: ["input/tex", "output/chtml", "a11y/assistive-mml"],
    },
    tex: {
      inlineMath: [["\\(", "\\)"], ["$", "$"]],
      displayMath: [["\\[", "\\]"], ["$$", "$$"]],
      processEscapes: true,
      processEnvironments: true,
    },
    startup: {
      // MathJax's own first pass plus ours would typeset every formula twice on a full
      // page load (nested containers, or invisible formulas after clearCache()); the
      // typeset() below alone covers full loads and instant navigation.
      typeset: false,
    },
  };

  let mathjax = null; // resolves once MathJax is ready; loaded at most once per visit
  function load() {
    if (mathjax === null) {
      mathjax = new Promise((resolve, reject) => {
        window.MathJax.startup.ready = () => {
          MathJax.startup.defaultReady();
          MathJax.startup.promise.then(resolve, reject);
        };
        const script = document.createElement("script");
        script.src = STARTUP;
        script.async = true;
        script.onerror = () => reject(new Error(`MathJax failed to load from ${STARTUP}`));
        document.head.appendChild(script);
      });
    }
    return mathjax;
  }

  let shown = 0; // counts the pages shown; only the latest one is typeset
  document$.subscribe(() => {
    const page = ++shown;
    if (mathRoots().length === 0) return;
    load()
      .then(() => {
        // One typesetting at a time (MathJax's advice): chain on its own promise.
        MathJax.startup.promise = MathJax.startup.promise.then(() => {
          if (page !== shown) return; // the reader moved on meanwhile; that page typesets
          // Instant navigation replaced the content: forget the previous page's formulas.
          MathJax.startup.output.clearCache();
          MathJax.typesetClear();
          MathJax.texReset();
          return MathJax.typesetPromise(mathRoots());
        });
        return MathJax.startup.promise;
      })
      .catch((error) => console.error(error));
  });
})();
