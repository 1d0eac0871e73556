/* nianjian year comparison (render/pages/compare_page.py, templates/compare.html). The build
 * writes the newest two years' comparison; this shows the pair the reader selects in the same
 * markup: each year's cells are copied from the all-years tables above, its sections from the
 * hidden store, and the change is written by the rule of facts/key_figures.Change that the
 * build hands over in data-change-rule. It makes no table of its own. Loaded by site.js on a
 * page with a comparison, on first load and after instant navigation. */
(function () {
  "use strict";

  // facts/units.format_number: grouped thousands, at most `decimals` decimals, no trailing zeros.
  function formatNumber(value, decimals, signed) {
    var text = Math.abs(value).toFixed(decimals);
    if (text.indexOf(".") !== -1) text = text.replace(/0+$/, "").replace(/\.$/, "");
    var parts = text.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    text = parts.join(".");
    if (text === "0") return "0";
    return (value < 0 ? "-" : signed ? "+" : "") + text;
  }

  // facts/key_figures.Change: the difference, its direction and its percent of the earlier number.
  function change(before, after, rule) {
    var difference = after - before;
    var direction = difference > 0 ? "up" : difference < 0 ? "down" : "flat";
    var percent = before !== 0 ? difference / Math.abs(before) * 100 : null;
    return {
      value: difference,
      direction: direction,
      signed: formatNumber(difference, rule.numberDecimals, true),
      arrow: rule.arrows[direction] + " " + formatNumber(difference, rule.numberDecimals, true),
      percent: percent,
      percentText: percent === null ? null : (percent >= 0 ? "+" : "-") + Math.abs(percent).toFixed(rule.percentDecimals) + "%"
    };
  }

  function numberIn(cell) {
    var value = cell.getAttribute("data-value");
    return value === null ? null : Number(value);
  }

  // A change cell as the build writes one (templates/table.html): its number, its text, and
  // the sample mark when either value is sample data; "—" where there is nothing to compare.
  function setChange(cell, number, text, sample, tone) {
    cell.textContent = text;
    cell.className = "nj-num" + (tone ? " " + tone : "");
    if (number === null) cell.removeAttribute("data-value"); else cell.setAttribute("data-value", String(number));
    if (sample) {
      cell.setAttribute("data-sample", "示例数据");
      cell.setAttribute("title", "示例数据：不是真实记录");
    } else {
      cell.removeAttribute("data-sample");
      cell.removeAttribute("title");
    }
  }

  function rowsByKey(table) {
    var rows = {};
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) { rows[row.getAttribute("data-key")] = row; });
    return rows;
  }

  // Copies the pair's cells out of an all-years table into the pair's table; `first` is the
  // all-years table's first year column, `valueAt` the pair table's first value column.
  function copyPair(pairTable, everyTable, years, pair, first, valueAt, writeChange) {
    var source = rowsByKey(everyTable);
    pair.forEach(function (year, which) {
      pairTable.tHead.rows[0].cells[valueAt + which].textContent = year + "年";
    });
    Array.prototype.forEach.call(pairTable.tBodies[0].rows, function (row) {
      var from = source[row.getAttribute("data-key")];
      var copies = pair.map(function (year, which) {
        var copy = from.cells[first + years.indexOf(year)].cloneNode(true);
        row.replaceChild(copy, row.cells[valueAt + which]);
        return copy;
      });
      writeChange(row, copies[0], copies[1]);
    });
  }

  function render(container, rule, years, pair) {
    var every = {
      figures: document.querySelector("table[data-table-id='compare-all']"),
      areas: document.querySelector("table[data-table-id='compare-areas-all']")
    };
    var figures = container.querySelector("[data-pair='figures'] table");
    var areas = container.querySelector("[data-pair='areas'] table");
    if (figures) {  // none when no year has key figures
      copyPair(figures, every.figures, years, pair, 2, 2, function (row, before, after) {
        var a = numberIn(before), b = numberIn(after);
        var sample = before.hasAttribute("data-sample") || after.hasAttribute("data-sample");
        if (a === null || b === null) {
          setChange(row.cells[4], null, "—", false, "");
          setChange(row.cells[5], null, "—", false, "");
          return;
        }
        var found = change(a, b, rule);
        setChange(row.cells[4], found.value, found.arrow, sample, "nj-change nj-change-" + found.direction);
        if (found.percent === null) setChange(row.cells[5], null, "—", false, "");
        else setChange(row.cells[5], found.percent, found.percentText, sample, "");
      });
    }
    copyPair(areas, every.areas, years, pair, 1, 1, function (row, before, after) {
      var a = numberIn(before), b = numberIn(after);
      if (a === null || b === null) setChange(row.cells[3], null, "—", false, "");
      else { var found = change(a, b, rule); setChange(row.cells[3], found.value, found.signed, false, ""); }
    });
    // Sections whose title (without its number) the other year lacks.
    var lists = pair.map(function (year) { return container.querySelector(".nj-compare-store ul[data-year='" + year + "']"); });
    var titles = lists.map(function (list) {
      return Array.prototype.map.call(list.children, function (item) { return item.getAttribute("data-title"); });
    });
    ["a", "b"].forEach(function (which, index) {
      var other = titles[1 - index];
      var slot = container.querySelector("ul[data-slot='only-" + which + "']");
      slot.textContent = "";
      Array.prototype.forEach.call(lists[index].children, function (item) {
        if (other.indexOf(item.getAttribute("data-title")) === -1) slot.appendChild(item.cloneNode(true));
      });
      var report = lists[index].getAttribute("data-report") === "true";
      container.querySelector("[data-slot='none-" + which + "']").hidden = !report || slot.children.length > 0;
      container.querySelector("[data-slot='no-report-" + which + "']").hidden = report;
      container.querySelectorAll("[data-slot='year-" + which + "']").forEach(function (label) { label.textContent = pair[index]; });
    });
  }

  function setUp(container) {
    if (container.getAttribute("data-ready")) return;
    container.setAttribute("data-ready", "true");
    var controls = container.querySelector(".nj-compare-controls");
    if (!controls) return;  // fewer than two years: the page says so
    var rule = JSON.parse(container.getAttribute("data-change-rule"));
    var years = JSON.parse(container.getAttribute("data-years"));
    var selects = controls.querySelectorAll("select");
    function update() { render(container, rule, years, [Number(selects[0].value), Number(selects[1].value)]); }
    selects.forEach(function (select) { select.addEventListener("change", update); });
    controls.hidden = false;
  }

  function setUpAll() { document.querySelectorAll(".nj-compare[data-years]").forEach(setUp); }
  if (window.document$) window.document$.subscribe(setUpAll); else document.addEventListener("DOMContentLoaded", setUpAll);
})();
