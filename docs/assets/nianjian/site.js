/* nianjian: what every page needs. Scripts only some pages need are loaded here when the page
 * has what they work on (charts.js, on pages with charts), on first load and after instant
 * navigation. And a fix to the theme's own markup: Material's search
 * box is a role="dialog" with no name (axe: aria-dialog-name); it gets one. */
(function () {
  "use strict";
  // [selector, path] pairs, written in by the build (nianjian/assets.py).
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
