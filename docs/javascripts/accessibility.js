// Three fixes to the theme's markup that axe-core (tests/test_browser.py) asks for, applied
// to the page as it is, and again whenever the theme adds markup (instant navigation keeps
// <body>, so one observer serves the whole visit).
//
// - The search overlay has role="dialog" but no name (aria-dialog-name). It takes the name
//   the theme gives its options, in the page's language ("Search", "검색").
// - Each code block's copy button sits in a <nav>: on a page with two blocks or more these
//   are unnamed navigation landmarks with the same name (landmark-unique), and a screen
//   reader lists them as the page's navigation. A copy button is not navigation.
// - A code block wider than the screen scrolls in its <code>; on a touch screen the theme
//   does not make it reachable with the keyboard (scrollable-region-focusable). It gets
//   tabindex="0", as the theme gives code blocks on a desktop (a table's scrolling box has
//   it from the build: hooks/render_cost.py).
(() => {
  function fix() {
    for (const dialog of document.querySelectorAll(".md-search[role=dialog]:not([aria-label])")) {
      const name = dialog.querySelector(".md-search__options[aria-label]");
      dialog.setAttribute("aria-label", name ? name.getAttribute("aria-label") : "Search");
    }
    for (const nav of document.querySelectorAll(".md-code__nav:not([role])")) {
      nav.setAttribute("role", "none");
    }
    for (const code of document.querySelectorAll(".md-typeset pre > code:not([tabindex])")) {
      code.setAttribute("tabindex", "0");
    }
  }
  fix();
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
})();
