// Two fixes to the theme's markup that axe-core (tests/test_browser.py) asks for, applied
// to the page as it is, and again whenever the theme adds markup (instant navigation keeps
// <body>, so one observer serves the whole visit).
//
// - The search overlay has role="dialog" but no name (aria-dialog-name).
// - Each code block's copy button sits in a <nav>: on a page with two blocks or more these
//   are unnamed navigation landmarks with the same name (landmark-unique), and a screen
//   reader lists them as the page's navigation. A copy button is not navigation.
(() => {
  function fix() {
    for (const dialog of document.querySelectorAll(".md-search[role=dialog]:not([aria-label])")) {
      dialog.setAttribute("aria-label", "Search");
    }
    for (const nav of document.querySelectorAll(".md-code__nav:not([role])")) {
      nav.setAttribute("role", "none");
    }
  }
  fix();
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
})();
