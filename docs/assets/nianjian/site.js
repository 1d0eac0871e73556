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

  // Search filters: year, work area and kind of hit. Material's search stays the engine: each
  // filter is a word the query requires ("+year_2022 食堂"), which the build put in a hidden field
  // of every hit (nianjian/render/pages/search_filters.py, with the choices in search/filters.json),
  // so a filtered search is an ordinary ?q= link, shown beside the filters to copy or share.
  var FILTER_WORD = /(^|\s)\+(year|area|kind)_[a-z0-9]+(?=\s|$)/g;
  var FILTER_NAMES = [["year", "年份"], ["area", "领域"], ["kind", "类别"]];
  var filtersLoading = null;

  function queryBox() {
    return document.querySelector("[data-md-component='search-query']");
  }

  function searchLink(query) {
    return location.pathname + (query ? "?q=" + encodeURIComponent(query) : "");
  }

  function syncFilters(bar) {
    var query = queryBox().value;
    bar.querySelectorAll("select").forEach(function (select) {
      var chosen = "";
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.value && (" " + query + " ").indexOf(" +" + option.value + " ") >= 0) chosen = option.value;
      });
      select.value = chosen;
    });
    bar.querySelector("a").href = searchLink(query.trim());
  }

  function applyFilters(bar) {
    var box = queryBox();
    var words = [];
    bar.querySelectorAll("select").forEach(function (select) {
      if (select.value) words.push("+" + select.value);
    });
    var text = box.value.replace(FILTER_WORD, " ").replace(/\s+/g, " ").trim();
    box.value = words.concat(text ? [text] : []).join(" ");
    var year = /^year_([0-9]{4})$/.exec(bar.querySelector("select[name='nj-year']").value);
    if (year && searchScope && !searchingWhole() && Number(year[1]) < searchScope.first_year) {
      searchWhole(true);  // a year the default index does not hold
      return;
    }
    // Material searches on the box's key events; give it one, as typing would.
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    bar.querySelector("a").href = searchLink(box.value);
  }

  // Beyond a few hundred years the default index holds the recent years only (nianjian/web/
  // search_scope.py): the panel says so and offers the whole archive, kept for this browser tab.
  // The page's script in the head (nianjian/web/theme/main.html) then loads the whole index.
  var scopeElement = document.getElementById("nj-search-scope");
  var searchScope = scopeElement ? JSON.parse(scopeElement.textContent) : null;

  function searchingWhole() {
    try { return sessionStorage.getItem("nj-search-whole") === "1"; } catch (error) { return false; }
  }

  function searchWhole(whole) {
    try {
      if (whole) sessionStorage.setItem("nj-search-whole", "1"); else sessionStorage.removeItem("nj-search-whole");
    } catch (error) { return; }
    location.assign(searchLink(queryBox().value.trim()));  // loaded again, with the other index
  }

  function scopeLine() {
    var line = document.createElement("p");
    line.className = "nj-search-scope";
    var whole = searchingWhole();
    line.textContent = whole ? "正在全部年份中搜索。" : "只搜索最近 " + searchScope.years + " 年（" + searchScope.first_year + " 年起）的年度报告。";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = whole ? "只搜索最近 " + searchScope.years + " 年" : "在全部年份中搜索";
    button.addEventListener("click", function () { searchWhole(!whole); });
    line.appendChild(button);
    return line;
  }

  function buildFilters(choices) {
    var output = document.querySelector(".md-search__output");
    if (!output || output.querySelector(".nj-search-filters")) return;
    var bar = document.createElement("div");
    bar.className = "nj-search-filters";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "筛选搜索结果");
    FILTER_NAMES.forEach(function (name) {
      var label = document.createElement("label");
      label.textContent = name[1] + " ";
      var select = document.createElement("select");
      select.name = "nj-" + name[0];
      select.add(new Option("全部", ""));
      (choices[name[0]] || []).forEach(function (choice) {
        select.add(new Option(choice.label, choice.word));
      });
      select.addEventListener("change", function () { applyFilters(bar); });
      label.appendChild(select);
      bar.appendChild(label);
    });
    var link = document.createElement("a");
    link.className = "nj-search-link";
    link.textContent = "本次搜索的链接";
    bar.appendChild(link);
    output.insertBefore(bar, output.firstChild);
    if (searchScope) bar.parentNode.insertBefore(scopeLine(), bar.nextSibling);
    queryBox().addEventListener("keyup", function () { syncFilters(bar); });
    syncFilters(bar);
  }

  function loadFilters() {
    if (filtersLoading || !queryBox()) return;
    filtersLoading = fetch(new URL("../../search/filters.json", base).href)
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(buildFilters)
      .catch(function () { filtersLoading = null; });
  }

  var searchToggle = document.getElementById("__search");
  if (searchToggle) searchToggle.addEventListener("change", function () { if (searchToggle.checked) loadFilters(); });
  document.addEventListener("focusin", function (event) {
    if (event.target === queryBox()) loadFilters();
  });

  function onPage() {
    loadPageScripts();
    nameSearchDialog();
    if (/[?&]q=/.test(location.search)) loadFilters();
  }
  if (window.document$) {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
