// Three fixes to the theme's markup that axe-core (tests/test_browser.py) asks for, applied
// to the page as it is, and again whenever the theme adds markup (instant navigation keeps
// <body>, so one observer serves the whole visit).
//
// - The search overlay has role="dialog" but no name (aria-dialog-name). It takes the name
//   the theme gives its options, in the page's language ("Search", "검색").
// - Each code block's copy button sits in a <nav>: on a page with two blocks or more these
//   are unnamed navigation landmarks with the same name (landmark-unique), and a screen
//   reader lists them as the page's navigation. A copy button is not navigation.
// - A table wider than the screen scrolls in the box the theme wraps it in, and a code
//   block in its <code>; on a touch screen the theme does not make the code reachable
//   with the keyboard, and never the table's box (scrollable-region-focusable). Both get
//   tabindex="0", as the theme gives code blocks on a desktop.
(() => {
  function fix() {
    for (const dialog of document.querySelectorAll(".md-search[role=dialog]:not([aria-label])")) {
      const name = dialog.querySelector(".md-search__options[aria-label]");
      dialog.setAttribute("aria-label", name ? name.getAttribute("aria-label") : "Search");
    }
    for (const nav of document.querySelectorAll(".md-code__nav:not([role])")) {
      nav.setAttribute("role", "none");
    }
    const scrolling = ".md-typeset__scrollwrap:not([tabindex]), .md-typeset pre > code:not([tabindex])";
    for (const box of document.querySelectorAll(scrolling)) {
      box.setAttribute("tabindex", "0");
    }
  }
  fix();
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
})();
