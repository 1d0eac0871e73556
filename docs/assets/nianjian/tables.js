/* nianjian tables: sort by any column and filter by text (and by a column's values where
 * the header asks for it), all in the browser with no external script. Without JavaScript
 * the tables are plain, complete HTML. Runs on first load and after instant navigation. */
(function () {
  "use strict";

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  /* A number cell carries its number (data-value, written by the build); an empty one sorts
   * first going up. */
  function numberIn(row, index) {
    var cell = row.cells[index];
    var value = cell ? cell.getAttribute("data-value") : null;
    return value === null ? -Infinity : Number(value);
  }

  function sortBy(table, index, button) {
    var header = button.parentNode;
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var numeric = header.classList.contains("nj-num");  // a number column (templates/table.html)
    rows.sort(function (a, b) {
      var order;
      if (numeric) {
        var x = numberIn(a, index), y = numberIn(b, index);
        order = x === y ? 0 : x < y ? -1 : 1;
      } else {
        order = cellText(a, index).localeCompare(cellText(b, index), "zh-Hans-CN");
      }
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function applyFilters(table, tools) {
    var query = tools.querySelector("input").value.trim().toLowerCase();
    var selects = Array.prototype.slice.call(tools.querySelectorAll("select"));
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var visible = (!query || row.textContent.toLowerCase().indexOf(query) !== -1) && selects.every(function (select) {
        return !select.value || cellText(row, Number(select.getAttribute("data-column"))) === select.value;
      });
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    tools.querySelector(".nj-table-count").textContent = "显示 " + shown + " / " + table.tBodies[0].rows.length + " 行";
  }

  function setUp(table) {
    if (table.getAttribute("data-ready")) return;
    table.setAttribute("data-ready", "true");
    // The page keeps an empty bar of the right height before the table (templates/table.html),
    // so filling it in moves nothing.
    var wrapper = table.closest(".nj-table-scroll") || table;
    var tools = wrapper.previousElementSibling;
    if (!tools || !tools.classList.contains("nj-table-filter")) {
      tools = document.createElement("div");
      tools.className = "nj-table-filter";
      wrapper.parentNode.insertBefore(tools, wrapper);
    }
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "筛选：输入文字";
    input.setAttribute("aria-label", "筛选表格");
    tools.appendChild(input);
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      var label = th.textContent;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "nj-sort";
      button.textContent = label;
      button.title = "按“" + label + "”排序";
      button.addEventListener("click", function () { sortBy(table, index, button); });
      th.textContent = "";
      th.appendChild(button);
      if (th.getAttribute("data-filter") === "select") {
        var select = document.createElement("select");
        select.setAttribute("data-column", String(index));
        select.setAttribute("aria-label", "按" + label + "筛选");
        var values = {};
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) { values[cellText(row, index)] = true; });
        select.appendChild(new Option("全部" + label, ""));
        Object.keys(values).sort(function (a, b) { return a.localeCompare(b, "zh-Hans-CN"); }).forEach(function (value) {
          if (value) select.appendChild(new Option(value, value));
        });
        select.addEventListener("change", function () { applyFilters(table, tools); });
        tools.appendChild(select);
      }
    });
    var count = document.createElement("span");
    count.className = "nj-table-count";
    tools.appendChild(count);
    input.addEventListener("input", function () { applyFilters(table, tools); });
    applyFilters(table, tools);
  }

  function setUpAll() {
    document.querySelectorAll("table.nj-data-table").forEach(setUp);
  }

  if (window.document$) {
    window.document$.subscribe(setUpAll);
  } else {
    document.addEventListener("DOMContentLoaded", setUpAll);
  }

  /* Print: Chromium leaves a header row that repeats on the next page blank when it holds
   * buttons, so the sort buttons give way to their plain labels while printing. */
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("button.nj-sort").forEach(function (button) {
      if (button.style.display === "none") return;  // printing may announce itself twice
      var label = document.createElement("span");
      label.className = "nj-sort-label";
      label.textContent = button.textContent;
      button.style.display = "none";  // not `hidden`: the theme gives buttons a display of their own
      button.parentNode.insertBefore(label, button);
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll(".nj-sort-label").forEach(function (label) { label.remove(); });
    document.querySelectorAll("button.nj-sort").forEach(function (button) { button.style.display = ""; });
  });
})();
