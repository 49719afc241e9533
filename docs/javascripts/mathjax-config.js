// MathJax reads this object when tex-chtml.js loads (it is listed after this file).
window.MathJax = {
  tex: {
    // arithmatex (generic) wraps page math in \( \) and \[ \]; notebooks write $ and $$.
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
  },
  startup: {
    // MathJax's own first pass plus Material's document$ would typeset every formula
    // twice on a full page load; document$ alone covers full loads and instant navigation.
    typeset: false,
    ready() {
      MathJax.startup.defaultReady();
      document$.subscribe(() => {
        const roots = document.querySelectorAll(
          ".arithmatex, .jp-RenderedMarkdown, .jp-RenderedLatex"
        );
        if (roots.length === 0) return;
        MathJax.startup.output.clearCache();
        MathJax.typesetClear();
        MathJax.texReset();
        MathJax.typesetPromise([...roots]);
      });
    },
  },
};
