/* nianjian: what every page needs. Scripts only some pages need are loaded here when the page
 * has what they work on (charts.js, on pages with charts), on first load and after instant
 * navigation. And two fixes to the theme: Material's search box is a role="dialog" with no name
 * (axe: aria-dialog-name), it gets one; and a click on the search box always opens the search. */
(function () {
  "use strict";
  // [selector, path] pairs, written in by the build (nianjian/web/assets.py).
  var PAGE_SCRIPTS = __NIANJIAN_PAGE_SCRIPTS__;
  var base = document.currentScript.src;
  var requested = {};

  function loadPageScripts() {
    PAGE_SCRIPTS.forEach(function (entry) {
      var selector = entry[0], url = new URL(entry[1], base).href;
      if (requested[url] || !document.querySelector(selector)) return;
      requested[url] = true;
      var script = document.createElement("script");
      script.src = url;
      document.head.appendChild(script);
    });
  }

  function nameSearchDialog() {
    var search = document.querySelector('.md-search[role="dialog"]');
    if (search && !search.getAttribute("aria-label")) search.setAttribute("aria-label", "搜索");
  }

  // Material opens the search panel when its box gains the focus, and closes the panel when an
  // instant navigation completes. A click that lands in between (a slow machine) leaves the box
  // focused and the panel closed, and clicking again brings no new focus: nothing would open.
  // A click on the focused box opens the panel the way Material does (its toggle's change).
  function openSearchOnClick(event) {
    var box = event.target.closest && event.target.closest("[data-md-component='search-query']");
    var toggle = document.getElementById("__search");
    if (box && toggle && !toggle.checked && document.activeElement === box) {
      toggle.checked = true;
      toggle.dispatchEvent(new CustomEvent("change"));
    }
  }
  document.addEventListener("click", openSearchOnClick);

  function onPage() {
    loadPageScripts();
    nameSearchDialog();
  }
  if (window.document$) {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
