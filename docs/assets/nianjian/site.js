/* nianjian: a fix to the theme's own markup. Material's search box is a role="dialog" with no
 * name (axe: aria-dialog-name); it gets one, on first load and after instant navigation. */
(function () {
  "use strict";
  function nameSearchDialog() {
    var search = document.querySelector('.md-search[role="dialog"]');
    if (search && !search.getAttribute("aria-label")) search.setAttribute("aria-label", "搜索");
  }
  if (window.document$) {
    window.document$.subscribe(nameSearchDialog);
  } else {
    document.addEventListener("DOMContentLoaded", nameSearchDialog);
  }
})();
