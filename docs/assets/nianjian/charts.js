/* nianjian charts: redraw every .nj-chart from its data-figure JSON with the site's own
 * plotly.js, in place of the chart drawn at build time. plotly.js is loaded only when a page
 * has a chart and the reader uses the page. Subscribing to Material's
 * document$ makes charts draw on first load and after every instant navigation; a
 * MutationObserver on the palette attribute recolours them when dark mode is toggled. */
(function () {
  "use strict";
  // The build writes plotly.js's content-hashed name here (nianjian/web/assets.py).
  var plotlyUrl = new URL("__NIANJIAN_PLOTLY_JS__", document.currentScript.src).href;
  var plotlyLoading = null;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyLoading) {
      plotlyLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = plotlyUrl;
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () { plotlyLoading = null; reject(new Error("plotly.js 加载失败")); };
        document.head.appendChild(script);
      });
    }
    return plotlyLoading;
  }

  // On the dark scheme the earlier years' bars (light on white) would outshine the highlighted
  // year: the figure's JSON names the colours to swap for ones that keep the order ("dark":
  // nianjian/render/parts/palette.py's DARK, as the stylesheet's dark custom properties).
  function figureFor(element) {
    var text = element.getAttribute("data-figure");
    var figure = JSON.parse(text);
    if (document.body.getAttribute("data-md-color-scheme") === "slate" && figure.dark) {
      Object.keys(figure.dark).forEach(function (light) {
        text = text.split('"' + light + '"').join('"' + figure.dark[light] + '"');
      });
      figure = JSON.parse(text);
    }
    return figure;
  }

  // Small multiples are laid out three to a row for a desktop page; on a phone the figure's
  // JSON carries the layout two to a row and the phone's width (nianjian/render/parts/chart_plotly.py,
  // from the drawing's facts in chart_svg.py), which takes the wide layout's place.
  function fitPhone(figure) {
    var narrow = figure.narrow;
    if (!narrow || !window.matchMedia("(max-width: " + narrow.width + "px)").matches) return figure;
    Object.keys(narrow.layout).forEach(function (key) {
      var value = narrow.layout[key], current = figure.layout[key];
      var merge = current && typeof current === "object" && !Array.isArray(current) && !Array.isArray(value);
      figure.layout[key] = merge ? Object.assign(current, value) : value;
    });
    return figure;
  }

  function paletteLayout() {
    var style = getComputedStyle(document.body);
    var text = style.getPropertyValue("--md-default-fg-color").trim() || "#333";
    var grid = style.getPropertyValue("--md-default-fg-color--lightest").trim() || "#ddd";
    var layout = { "font.color": text, "font.family": style.fontFamily };
    ["xaxis", "yaxis"].forEach(function (axis) {
      for (var n = 1; n <= 12; n++) {
        var name = n === 1 ? axis : axis + n;
        layout[name + ".gridcolor"] = grid;
        layout[name + ".zerolinecolor"] = grid;
        layout[name + ".linecolor"] = grid;
      }
    });
    return layout;
  }

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll(".nj-chart"));
  }

  // Draws each of `elements` with plotly (once); resolves when they are drawn. Should plotly.js
  // fail to load, the charts drawn at build time stay: they are complete charts.
  function draw(elements) {
    return Promise.all(elements.map(function (element) {
      if (!element.njDrawing) {
        element.setAttribute("data-drawing", "true");
        element.njDrawing = loadPlotly().then(function (Plotly) {
          if (!element.isConnected) return null;
          var figure = fitPhone(figureFor(element));
          // plotly draws over the chart drawn at build time, in the same room; once drawn, the
          // static drawing is hidden on screen (nianjian.css) and still the one paper prints.
          // No toolbar: it covered the chart's top right and put buttons inside a picture.
          return Plotly.newPlot(element, figure.data, figure.layout, { responsive: true, displayModeBar: false }).then(function () {
            return Plotly.relayout(element, paletteLayout());
          }).then(function () {
            element.setAttribute("data-drawn", "true");
          });
        }).catch(function () {
          element.removeAttribute("data-drawing");
          element.njDrawing = null;
        });
      }
      return element.njDrawing;
    }));
  }

  // Every chart is drawn at build time as SVG (.nj-static), so a page reads at once without
  // plotly. plotly.js (~400 KB compressed, seconds of a phone's CPU) comes only for a reader who
  // uses the page: after the first scroll, touch, pointer move or key, each chart is redrawn
  // by plotly (hover values, resizing) as it nears the screen. A page that is only looked at
  // never loads it.
  var observer = null;
  var INPUT_EVENTS = ["scroll", "pointermove", "pointerdown", "touchstart", "keydown", "focusin"];
  function observeCharts() {
    if (observer) observer.disconnect();
    var pending = charts().filter(function (element) { return !element.getAttribute("data-drawing"); });
    if (!pending.length) return;
    if (!("IntersectionObserver" in window)) {
      draw(pending);
      return;
    }
    observer = new IntersectionObserver(function (entries) {
      var near = entries.filter(function (entry) { return entry.isIntersecting; }).map(function (entry) { return entry.target; });
      near.forEach(function (element) { observer.unobserve(element); });
      draw(near);
    }, { rootMargin: "400px 0px" });
    pending.forEach(function (element) { observer.observe(element); });
  }
  var used = false;
  function onFirstInput() {
    used = true;
    INPUT_EVENTS.forEach(function (name) { window.removeEventListener(name, onFirstInput, true); });
    observeCharts();
  }
  function drawAll() {
    showTools();
    if (used) {
      observeCharts();  // instant navigation: the reader is using the site already
    } else {
      INPUT_EVENTS.forEach(function (name) { window.addEventListener(name, onFirstInput, { capture: true, passive: true }); });
    }
  }

  // The buttons under each chart: full screen (where the browser can) and a PNG picture, drawn
  // by plotly at twice the size (plotly is fetched for it if the page has not needed it yet).
  function showTools() {
    document.querySelectorAll(".nj-chart-tools button").forEach(function (button) {
      var action = button.getAttribute("data-chart-action");
      button.hidden = action === "fullscreen" && !document.fullscreenEnabled;
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-chart-action]");
    if (!button) return;
    var block = button.closest(".nj-chart-block");
    var element = block.querySelector(".nj-chart");
    if (button.getAttribute("data-chart-action") === "fullscreen") {
      if (document.fullscreenElement) document.exitFullscreen(); else block.requestFullscreen();
      return;
    }
    var title = block.querySelector("figcaption").childNodes[0].textContent.trim();
    draw([element]).then(function () {
      return window.Plotly.downloadImage(element, { format: "png", filename: title, width: element.offsetWidth, height: element.offsetHeight, scale: 2 });
    });
  });
  // In full screen a chart takes the screen's height; back on the page, its own.
  document.addEventListener("fullscreenchange", function () {
    if (!window.Plotly) return;
    charts().forEach(function (element) {
      if (!element.getAttribute("data-drawn")) return;
      var full = document.fullscreenElement && document.fullscreenElement.contains(element);
      window.Plotly.relayout(element, { height: full ? Math.round(window.innerHeight * 0.75) : figureFor(element).layout.height });
    });
  });

  // Every chart of the page at once (make pdf and the tests, before printing or reading them).
  window.nianjianDrawCharts = function () { return draw(charts()); };

  function recolour() {
    if (!window.Plotly) return;
    charts().forEach(function (element) {
      if (!element.getAttribute("data-drawn")) return;
      var figure = figureFor(element);
      window.Plotly.react(element, figure.data, element.layout).then(function () {
        return window.Plotly.relayout(element, paletteLayout());
      });
    });
  }

  if (window.document$) {
    window.document$.subscribe(drawAll);
  } else {
    document.addEventListener("DOMContentLoaded", drawAll);
  }
  new MutationObserver(recolour).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"]
  });
  /* Print: chart tables are collapsed on screen, print them in full. The charts print as drawn at
   * build time (nianjian.css shows the static drawing on paper, never plotly's), so nothing is
   * redrawn or waited for. */
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.nj-chart-data").forEach(function (details) {
      details.open = true;
    });
  });
})();
