/* nianjian year comparison: two selects, three tables, computed from the per-year data the
 * build embedded in data-compare. Runs on first load and after instant navigation. */
(function () {
  "use strict";

  function text(tag, content, className) {
    var element = document.createElement(tag);
    element.textContent = content;
    if (className) element.className = className;
    return element;
  }

  function format(value) {
    var rounded = Math.round(value * 100) / 100;
    return rounded.toLocaleString("zh-CN", { maximumFractionDigits: 2 });
  }

  function signed(value) {
    return (value > 0 ? "+" : "") + format(value);
  }

  // A table in its own sideways-scrolling box, as the build's tables are: on a phone it
  // scrolls inside the box, never the page.
  // numeric: per column, whether it holds numbers (right-aligned, as in the build's tables).
  function table(caption, headers, rows, numeric) {
    var box = document.createElement("div");
    box.className = "nj-table-scroll";
    box.tabIndex = 0;  // a scrolling region is reached by keyboard too
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", caption);
    var element = document.createElement("table");
    element.className = "nj-table";
    box.appendChild(element);
    element.appendChild(text("caption", caption));
    var head = element.createTHead().insertRow();
    headers.forEach(function (header, index) { head.appendChild(text("th", header, numeric && numeric[index] ? "nj-num" : "")); });
    var body = element.createTBody();
    rows.forEach(function (cells) {
      var row = body.insertRow();
      cells.forEach(function (cell) {
        var td = row.insertCell();
        if (cell && cell.nodeType) td.appendChild(cell); else td.textContent = cell;
        if (numeric && numeric[td.cellIndex]) td.className = "nj-num";
      });
    });
    return box;
  }

  function change(a, b) {
    if (a === undefined || b === undefined) return ["—", "—"];
    var diff = b - a;
    var arrow = diff > 0 ? "▲ " : diff < 0 ? "▼ " : "— ";
    var percent = a !== 0 ? (diff / Math.abs(a) * 100).toFixed(1) : null;
    return [
      text("span", arrow + signed(diff), "nj-change nj-change-" + (diff > 0 ? "up" : diff < 0 ? "down" : "flat")),
      percent === null ? "—" : (diff > 0 ? "+" : "") + percent + "%"
    ];
  }

  function render(container, data, yearA, yearB) {
    var a = data.data[yearA], b = data.data[yearB];
    var output = container.querySelector(".nj-compare-output");
    output.textContent = "";
    var keys = [];
    var byKey = {};
    [a, b].forEach(function (year, which) {
      year.figures.forEach(function (figure) {
        if (!byKey[figure.key]) { byKey[figure.key] = { name: figure.name, unit: figure.unit, sample: [false, false] }; keys.push(figure.key); }
        byKey[figure.key][which] = figure.value;
        byKey[figure.key].sample[which] = figure.sample;
      });
    });
    output.appendChild(table("主要指标：" + yearA + "年 与 " + yearB + "年", ["指标", "单位", yearA + "年", yearB + "年", "变化", "变化率"],
      keys.map(function (key) {
        var row = byKey[key];
        var delta = change(row[0], row[1]);
        // Each value says whether it is sample data; a change against a sample value says so too.
        // The same badge as the build's tables (nianjian.css .nj-sample), not words that wrap.
        function value(which) {
          if (row[which] === undefined) return "—";
          var shown = text("span", format(row[which]));
          if (row.sample[which]) { shown.appendChild(document.createTextNode(" ")); shown.appendChild(text("span", "示例数据", "nj-sample")); }
          return shown;
        }
        var againstSample = row.sample[0] || row.sample[1];
        return [row.name, row.unit, value(0), value(1), delta[0], delta[1] + (againstSample && delta[1] !== "—" ? "（含示例数据）" : "")];
      }), [false, false, true, true, true, true]));
    // A year with only statistics has no report to count achievements or sections in.
    function count(year, area) { return year.report ? String(year.areas[area]) : "无报告"; }
    output.appendChild(table("各领域成绩（项）", ["领域", yearA + "年", yearB + "年", "变化"],
      Object.keys(a.areas).map(function (area) {
        var both = a.report && b.report;
        return [area, count(a, area), count(b, area), both ? signed(b.areas[area] - a.areas[area]) : "—"];
      }), [false, true, true, true]));
    function strip(label) { return label.replace(/^[（(]?[一二三四五六七八九十百\d]+[）)、.．]?|^[\u2460-\u2473]/, ""); }
    var titlesA = a.sections.map(strip), titlesB = b.sections.map(strip);
    var onlyA = a.sections.filter(function (label, i) { return titlesB.indexOf(titlesA[i]) === -1; });
    var onlyB = b.sections.filter(function (label, i) { return titlesA.indexOf(titlesB[i]) === -1; });
    var longest = Math.max(onlyA.length, onlyB.length, 1);
    var rows = [];
    function none(year) { return year.report ? "（无）" : "（无报告）"; }
    for (var i = 0; i < longest; i++) rows.push([onlyA[i] || (i === 0 ? none(a) : ""), onlyB[i] || (i === 0 ? none(b) : "")]);
    output.appendChild(table("只在一年报告中出现的章节", ["只在" + yearA + "年", "只在" + yearB + "年"], rows));
  }

  function setUp(container) {
    if (container.getAttribute("data-ready")) return;
    container.setAttribute("data-ready", "true");
    var data = JSON.parse(container.getAttribute("data-compare"));
    var years = data.years.map(String);
    if (years.length < 2) { container.textContent = "至少需要两个年份才能对比。"; return; }
    var controls = document.createElement("div");
    controls.className = "nj-compare-controls";
    var selects = [years[years.length - 2], years[years.length - 1]].map(function (chosen, which) {
      var label = text("label", which === 0 ? "年份 A " : "年份 B ");
      var select = document.createElement("select");
      select.name = which === 0 ? "year-a" : "year-b";
      years.forEach(function (year) { select.appendChild(new Option(year + "年", year, false, year === chosen)); });
      label.appendChild(select);
      controls.appendChild(label);
      return select;
    });
    container.appendChild(controls);
    var output = document.createElement("div");
    output.className = "nj-compare-output";
    container.appendChild(output);
    function update() { render(container, data, selects[0].value, selects[1].value); }
    selects.forEach(function (select) { select.addEventListener("change", update); });
    update();
  }

  function setUpAll() { document.querySelectorAll(".nj-compare[data-compare]").forEach(setUp); }
  if (window.document$) window.document$.subscribe(setUpAll); else document.addEventListener("DOMContentLoaded", setUpAll);
})();
