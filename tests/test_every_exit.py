"""Escaping at every exit (issue 19, item 1).

Someone with commit rights writes markup into every field of data/ that takes text: an image
whose error handler would run a script, double and single quotes, an ampersand and text that
looks like an entity (`&amp;`). Readers see it as text everywhere, exactly as typed, and
nothing of it runs: on every page of the built site in Chromium (charts drawn by plotly and
hovered, the search, the dark palette, the year comparison), in the search index, in every
CSV, Excel and Word download, in the charts drawn at build time and in the JSON our scripts
read. Nothing is shown escaped twice (`&lt;img`, `&amp;amp;`, `&quot;`, `&#x27;`).

tests/fixtures/every-exit/ is tests/fixtures/multi-year/ with a marker in each such field: the
field's code in capitals (ORG, S0T …), then the payload, e.g. for site.yaml's organization
    ORG<img src=x onerror=alert('org')>"&amp;'<b>
so a failure names the field (FIELDS below) and a dialog says which one ran. Wherever a code
appears in an output, its marker must follow it as typed (or cut short with “…” where a page
shortens a long label); where a field is expected to show, its marker must be there.

What cannot carry a marker (the schemas and checks refuse it, or it shows nowhere):
- ids and keys by their patterns: areas[].key, indicators[].key, sections[].id, problems[].id
  and continues, plans[].id, plan_outcomes[].plan; references that must name one of those
  (sections[].area, achievements[].area/section, problems[].area, plans[].area,
  plan_outcomes[].evidence, key_indicators[].area, indicators[].area);
- key_indicators[].indicator only picks an indicator of the CSV files and shows as its name (here
  QF, by its former name); one that names no indicator shows nowhere;
- numbers and flags: year, areas[].order, achievements[].figure, the CSV's year and value,
  sample, missing, truncated; dates by their pattern (achievements[].date); an outcome is one of
  four words (plan_outcomes[].outcome);
- length limits: tags and indicators[].name/former_names hold 40 characters, so their marker
  drops the closing `<b>` (QS, QA, QN, QF); indicators[].unit holds 20, too few for a script
  (QU is markup, quotes and the entity only);
- data/search-words.txt: one word of up to 20 characters a line, no spaces; it only tells the
  search how to cut Chinese text (jieba) and shows nowhere (SW);
- the CSV's note column is read and checked but shows nowhere (CNO).
The year file's `source` is a path under data/sources/ whose pattern allows markup: SRC is such
a file, written by the fixture below (a name with < > " would not check out on Windows).

The Word reports' chart pictures are the page's drawing laid out as one SVG file and rasterised
(render/formats/chart_image.py): the text inside the PNG is not read back, so the last test checks that
SVG file on figures of its own.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import openpyxl
import pytest
import yaml
from playwright.sync_api import Browser, Page

from conftest import FIXTURES, Project, search, serve_built_site, wait_for_charts
from nianjian.escaping import plotly_text

# A whole-site build read in Chromium.
pytestmark = [pytest.mark.slow]

FIXTURE = FIXTURES / "every-exit"


def full(code: str) -> str:
    return f"{code}<img src=x onerror=alert('{code.lower()}')>\"&amp;'<b>"


def short(code: str) -> str:
    """40 characters with a two-letter code: tags and the indicator registry's names."""
    return f"{code}<img src=x onerror=alert('{code.lower()}')>\"&amp;'"


def tiny(code: str) -> str:
    """20 characters at most: units, section numbers, a line of search-words.txt."""
    return f"{code}<i>\"&amp;'</i>"


# code -> (where it is written, the text written there). No code is the start of another.
FIELDS: dict[str, tuple[str, str]] = {
    "ORG": ("site.yaml organization", full("ORG")),
    "TTL": ("site.yaml title", full("TTL")),
    "DSC": ("site.yaml description (Markdown)", full("DSC")),
    "ARE": ("site.yaml areas[catering].name", full("ARE")),
    "QN": ("site.yaml indicators[0].name", short("QN")),
    "QF": ("site.yaml indicators[0].former_names[0] (= real.csv indicator, 2022)", short("QF")),
    "QU": ("site.yaml indicators[0].unit (= real.csv unit)", tiny("QU")),
    "YTI": ("2023.yaml title", full("YTI")),
    "YSU": ("2023.yaml summary (Markdown)", full("YSU")),
    "SRC": ("2023.yaml source (a file name)", full("SRC")),
    "S0N": ("2023.yaml sections[0].number", tiny("S0N")),
    "S0T": ("2023.yaml sections[0].title", full("S0T")),
    "S0B": ("2023.yaml sections[0].body (Markdown)", full("S0B")),
    "S1T": ("2023.yaml sections[0].sections[0].title", full("S1T")),
    "S2B": ("2023.yaml section body at depth 2 (Markdown)", full("S2B")),
    "S4N": ("2023.yaml section number at depth 4", tiny("S4N")),
    "S4T": ("2023.yaml section title at depth 4", full("S4T")),
    "S4B": ("2023.yaml section body at depth 4 (Markdown)", full("S4B")),
    "QS": ("2023.yaml sections[0].tags[0]", short("QS")),
    "AIT": ("2023.yaml achievements[0].item", full("AIT")),
    "ARS": ("2023.yaml achievements[0].result", full("ARS")),
    "AUN": ("2023.yaml achievements[0].unit", tiny("AUN")),
    "QA": ("2023.yaml achievements[0].tags[0]", short("QA")),
    "PRB": ("2022.yaml problems[0].text", full("PRB")),
    "PRC": ("2023.yaml problems[0].text (continues PRB)", full("PRC")),
    "PLN": ("2022.yaml plans[0].text", full("PLN")),
    "PON": ("2023.yaml plan_outcomes[0].note", full("PON")),
    "CIN": ("sample.csv indicator", full("CIN")),
    "CUN": ("sample.csv unit", tiny("CUN")),
    "CNO": ("sample.csv note (shows nowhere)", full("CNO")),
    "SW": ("search-words.txt, a word (shows nowhere)", tiny("SW")),
}
TYPED = {code: typed for code, (_, typed) in FIELDS.items()}
SOURCE = "sources/" + TYPED["SRC"] + ".txt"

# Where readers must find each field, by page (all pages: the header and the footer).
EVERY_PAGE = {"ORG", "TTL"}
METRICS = {"ARE", "QN", "QF", "QU", "CIN", "CUN"}  # key-figure cards, charts and their notes
PAGES: dict[str, set[str]] = {
    "": {"DSC", "YTI", "YSU"} | METRICS,
    "years/": {"YTI", "YSU"} | METRICS,
    "years/2022/": {"PRB", "PLN"} | METRICS,
    "years/2023/": {"YTI", "YSU", "S0N", "S0T", "S0B", "S1T", "S2B", "S4N", "S4T", "S4B", "AIT", "ARS", "AUN", "PRC", "PLN", "PON"} | METRICS,
    "years/2024/": METRICS,
    "areas/": {"ARE"},
    "areas/catering/": {"ARE", "AIT", "ARS", "S0N", "S0T", "S1T", "PRB", "PRC", "QN", "QF", "QU"},
    "areas/energy/": {"CIN", "CUN"},
    "areas/vehicles/": {"PRB"},
    "plans/": {"PLN", "PON", "ARE"},
    "problems/": {"PRB", "PRC", "ARE"},
    "compare/": {"ARE", "QN", "QU", "CIN", "CUN"},
    "tags/": {"QS", "QA"},
    "tags/qa-img-src-x-onerror-alert-qa-amp/": {"QA", "ARE", "AIT", "ARS", "S1T"},
    "tags/qs-img-src-x-onerror-alert-qs-amp/": {"QS", "S0N", "S0T"},
}
# Each Word report, and the downloads where a table holds the field as a cell of its own.
WORD: dict[int, set[str]] = {
    2022: {"PRB", "PLN"} | METRICS,
    2023: {"YTI", "YSU", "S0N", "S0T", "S0B", "S1T", "S2B", "S4N", "S4T", "S4B", "AIT", "ARS", "AUN", "PRC", "PLN", "PON"} | METRICS,
    2024: METRICS,
}
DOWNLOADS: dict[str, set[str]] = {
    "achievements-2023-catering": {"AIT", "ARS", "AUN", "S1T"},
    "outcomes-2023": {"PLN", "ARE", "PON", "S1T"},
    "plans": {"PLN", "ARE", "PON"},
    "problems": {"PRB", "PRC", "ARE"},
    "areas": {"ARE"},
    "area-catering-achievements": {"AIT", "ARS", "S1T"},
    "area-catering-metrics": {"QN", "QU"},
    "area-catering-problems": {"PRC", "PRB"},
    "area-energy-metrics": {"CIN", "CUN"},
    "compare-all": {"ARE", "QN", "QU", "CIN", "CUN"},
    "tag-qa-img-src-x-onerror-alert-qa-amp": {"ARE", "AIT", "ARS", "S1T"},
}


def misshown(text: str, shown=lambda typed: typed) -> list[tuple[str, str]]:
    """(code, what follows it) wherever a field's code appears in `text` not followed by its
    marker as `shown` (as typed, by default): run, escaped again, or changed. A label a page
    cuts short on purpose ends in “…” (Material's search teasers in "...")."""
    found = []
    for code, typed in TYPED.items():
        expected = shown(typed)
        for match in re.finditer(re.escape(code), text):
            after = text[match.start() : match.start() + len(expected) + 24]
            if after.startswith(expected):
                continue
            cut = re.match(r"(.*?)(…|\.\.\.)", after, re.S)
            if cut and expected.startswith(cut.group(1)):
                continue
            found.append((code, after))
    return found


def strings_in(value: object) -> Iterator[str]:
    """Every string in parsed YAML or JSON."""
    if isinstance(value, str):
        yield value
    for inner in value.values() if isinstance(value, dict) else value if isinstance(value, list) else []:
        yield from strings_in(inner)


def missing(text: str, codes: set[str], shown=lambda typed: typed) -> list[str]:
    return sorted(code for code in codes if shown(TYPED[code]) not in text)


def described(findings: list[tuple[str, ...]]) -> str:
    """Findings as lines that name the field: (where, code, seen) or (where, code)."""
    return "\n".join(
        f"{FIELDS[finding[1]][0]} [{finding[1]}] → {finding[0]}: " + (repr(finding[2]) if len(finding) > 2 else "not shown as typed")
        for finding in findings
    )


@dataclass
class Built:
    project: Project
    url: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The fixture, with its hostile source file, built once by MkDocs for the address it is
    served at (conftest.serve_built_site), the built files read here too."""
    data = tmp_path_factory.mktemp("every-exit-data") / "data"
    shutil.copytree(FIXTURE, data)
    (data / SOURCE).write_text("2023年工作总结（测试用原文）\n", encoding="utf-8")
    folders: list[Path] = []

    class KeepFolder:  # serve_built_site makes its project in tmp_path_factory.mktemp(…)
        def mktemp(self, name: str) -> Path:
            folders.append(tmp_path_factory.mktemp(name))
            return folders[-1]

    serving = serve_built_site(KeepFolder(), data)  # type: ignore[arg-type]
    url = next(serving)
    yield Built(Project(folders[0] / "project"), url)
    serving.close()


def page_paths(project: Project) -> list[str]:
    """Every built page as a URL path under the site: "", "years/2023/", "404.html"."""
    paths = []
    for path in project.site.rglob("*.html"):
        folder = path.parent.relative_to(project.site).as_posix()
        paths.append(path.name if path.name != "index.html" else "" if folder == "." else folder + "/")
    return sorted(paths)


# What a reader can see on a page: its text (chart data tables opened), the text of its SVG
# (plotly's and the build's charts, sparklines), tooltips and accessible names, the tab title.
SEEN = """() => {
  document.querySelectorAll('details').forEach(details => { details.open = true; });
  const attributes = name => [...document.querySelectorAll('[' + name + ']')].map(e => e.getAttribute(name));
  return {
    text: document.body.innerText,
    svg: [...document.querySelectorAll('svg text, svg title')].map(t => t.textContent).join('\\n'),
    tips: [document.title, ...attributes('title'), ...attributes('aria-label')].join('\\n'),
    injected: [...document.querySelectorAll(INJECTED)].map(e => e.outerHTML.slice(0, 80)),
  };
}""".replace("INJECTED", "'[onerror], [onload], img[src=\"x\"], b, i'")
STATIC_CHARTS = "() => [...document.querySelectorAll('.nj-static')].map(chart => chart.textContent).join('\\n')"


@dataclass
class Reading:
    """Everything a reader's Chromium saw, visiting every page once."""

    seen: dict[str, dict] = field(default_factory=dict)  # page -> SEEN
    static: dict[str, str] = field(default_factory=dict)  # page -> text of the charts drawn at build time
    hover: dict[str, str] = field(default_factory=dict)  # page -> text of plotly's hover labels
    dark: dict[str, str] = field(default_factory=dict)  # page -> plotly's text after the switch to dark
    search: dict[str, dict] = field(default_factory=dict)  # query -> the result list's text and labels
    compare: dict[str, str] = field(default_factory=dict)  # "2022-2023" -> the comparison's text
    source: dict[str, object] = field(default_factory=dict)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


POINTS = """chart => [...chart.querySelectorAll('.scatterlayer .points path, .barlayer .point path')].slice(0, 6)
    .map(point => { const box = point.getBoundingClientRect(); return [box.x + box.width / 2, box.y + box.height / 2]; })"""


def hover_chart(page: Page, index: int) -> str:
    """Point at the values of a drawn chart, as a reader reading them does: plotly's hover labels."""
    chart = page.locator(".nj-chart").nth(index)
    chart.scroll_into_view_if_needed()
    shown = []
    for x, y in chart.evaluate(POINTS):
        page.mouse.move(x, y, steps=3)
        page.wait_for_timeout(150)
        shown.append(chart.evaluate("c => [...c.querySelectorAll('.hoverlayer text')].map(t => t.textContent).join(' ')"))
    return "\n".join(text for text in shown if text)


@pytest.fixture(scope="module")
def reading(built: Built, browser: Browser) -> Reading:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    read = Reading()
    page.on("dialog", lambda dialog: (read.dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    context.on("request", lambda request: urlsplit(request.url).hostname != "127.0.0.1" and read.outside.append(request.url))
    page.on("pageerror", lambda error: read.errors.append(f"{page.url}: {error}"))
    for path in page_paths(built.project):
        page.goto(built.url + path)
        page.wait_for_load_state("networkidle")
        read.static[path] = page.evaluate(STATIC_CHARTS)  # before the first move: no plotly yet
        page.mouse.move(300, 300)
        page.mouse.wheel(0, 300)
        page.keyboard.press("Tab")
        charts = page.locator(".nj-chart").count()
        if charts:
            wait_for_charts(page, charts)
            read.hover[path] = "\n".join(hover_chart(page, index) for index in range(charts))
        page.wait_for_load_state("networkidle")
        read.seen[path] = page.evaluate(SEEN)
        if path == "years/2023/":
            link = page.locator("a[data-print]")
            read.source = {
                "print": link.get_attribute("data-print"),
                "status": link.evaluate("a => fetch(a.href).then(response => response.text().then(text => [response.status, text]))"),
            }
            font_colour = "() => document.querySelector('.nj-chart')._fullLayout.font.color"
            light = page.evaluate(font_colour)
            page.locator("label.md-header__button[for='__palette_1']").click()
            page.wait_for_function(f"light => ({font_colour})() !== light", arg=light)  # charts.js redrew them
            read.dark[path] = page.evaluate("() => [...document.querySelectorAll('.nj-chart svg text')].map(t => t.textContent).join('\\n')")
            page.locator("label.md-header__button[for='__palette_0']").click()
        if path == "compare/":
            for a, b in (("2022", "2023"), ("2023", "2024")):
                page.locator("select[name='year-a']").select_option(a)
                page.locator("select[name='year-b']").select_option(b)
                read.compare[f"{a}-{b}"] = page.locator(".nj-compare-output").inner_text()
    for query in ("食堂", "新增", "包间", "onerror"):  # words of the data, one of the markers'
        hits = search(page, built.url, query)
        read.search[query] = {
            # textContent: innerText breaks a label where Material's <mark> makes a flex item of it.
            "text": "\n".join(page.locator(".md-search-result__link").all_text_contents()),
            "tags": "\n".join(tag for hit in hits for tag in hit["tags"]),
            "injected": page.evaluate(SEEN)["injected"],
        }
    page.wait_for_timeout(300)
    context.close()
    return read


def test_the_fixture_writes_each_marker_in_its_field() -> None:
    """Each marker ends a text of the fixture (the YAML and CSV quoting undone; Markdown fields
    and the 万 units have text before it), so the checks below test the field they name."""
    yaml_files = [FIXTURE / "site.yaml", *sorted((FIXTURE / "years").glob("*.yaml"))]
    texts = [text for path in yaml_files for text in strings_in(yaml.safe_load(path.read_text(encoding="utf-8")))]
    for path in sorted((FIXTURE / "metrics").glob("*.csv")):
        texts += [value for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))) for value in row]
    texts += [line.split(" ")[0] for line in (FIXTURE / "search-words.txt").read_text(encoding="utf-8").splitlines()]
    for code, typed in TYPED.items():
        assert any(text.endswith(typed) for text in texts) or code == "SRC", code
    assert SOURCE in texts
    assert misshown("\n".join(texts)) == []
    assert all(len(TYPED[code]) <= 40 for code in ("QS", "QA", "QN", "QF")) and len(TYPED["QU"]) <= 20


def test_nothing_runs_and_nothing_leaves_the_machine(reading: Reading) -> None:
    assert reading.dialogs == []
    assert reading.outside == []
    assert reading.errors == []
    injected = {path: seen["injected"] for path, seen in reading.seen.items() if seen["injected"]}
    assert injected == {}
    assert len(reading.seen) >= len(PAGES) + 4  # the guide pages and the 404 page too


def test_every_page_shows_every_field_as_typed(reading: Reading) -> None:
    findings = []
    for path, seen in reading.seen.items():
        for part in ("text", "svg", "tips"):
            findings += [(f"{path or 'home'} ({part})", code, after) for code, after in misshown(seen[part])]
        shown = seen["text"] + seen["svg"] + seen["tips"]
        expected = PAGES.get(path, set()) | EVERY_PAGE
        findings += [(f"{path or 'home'}", code) for code in missing(shown, expected)]
    assert findings == [], "\n" + described(findings)


def test_the_tab_title_and_the_logo_tooltip_show_the_titles_as_typed(reading: Reading) -> None:
    tips = reading.seen["years/2023/"]["tips"].split("\n")
    assert tips[0] == f"{TYPED['YTI']} - {TYPED['TTL']}"  # <title>
    assert TYPED["TTL"] in tips[1:]


def test_charts_show_the_fields_as_typed_before_plotly_with_plotly_hovered_and_in_the_dark(reading: Reading) -> None:
    findings = []
    for kind, texts in (("chart drawn at build time", reading.static), ("plotly hover", reading.hover), ("plotly, dark palette", reading.dark)):
        for path, text in texts.items():
            findings += [(f"{path or 'home'} ({kind})", code, after) for code, after in misshown(text)]
    # The indicators' names and units each chart draws (the area's name is in its caption).
    # plotly shows no legend for a chart of one line (QN on the home page, in its caption there).
    drawn = [
        ("home (chart drawn at build time)", reading.static[""], {"QN", "QU", "CIN", "CUN"}),
        ("years/2023/ (chart drawn at build time)", reading.static["years/2023/"], {"QN", "QU", "CIN", "CUN"}),
        ("home (plotly)", reading.seen[""]["svg"], {"QU", "CIN", "CUN"}),
        ("years/2023/ (plotly)", reading.seen["years/2023/"]["svg"], {"QN", "QU", "CIN", "CUN"}),
        ("years/2023/ (plotly, dark palette)", reading.dark["years/2023/"], {"QN", "QU", "CIN", "CUN"}),
        ("home (plotly hover)", reading.hover[""], {"QN", "QU", "CIN", "CUN"}),
        ("years/2023/ (plotly hover)", reading.hover["years/2023/"], {"QN", "QU"}),
        ("areas/catering/ (plotly hover)", reading.hover["areas/catering/"], {"QN", "QU"}),
    ]
    findings += [(where, code) for where, text, codes in drawn for code in missing(text, codes)]
    assert findings == [], "\n" + described(findings)


def test_search_results_show_the_fields_as_typed(reading: Reading) -> None:
    findings = []
    for query, shown in reading.search.items():
        for part in ("text", "tags"):
            findings += [(f"search “{query}” ({part})", code, after) for code, after in misshown(shown[part])]
        assert shown["injected"] == [], query
    # Material shows each hit's title, text and labels (year, work area) as HTML.
    findings += [("search “食堂” (labels)", code) for code in missing(reading.search["食堂"]["tags"], {"ARE"})]
    findings += [("search “新增” (hits)", code) for code in missing(reading.search["新增"]["text"], {"YTI", "S2B"})]
    findings += [("search “包间” (hits)", code) for code in missing(reading.search["包间"]["text"], {"S4N", "S4T", "S4B"})]
    findings += [("search “onerror” (hits)", code) for code in missing(reading.search["onerror"]["text"], {"YSU", "S0N", "S0T", "S0B", "ARE"})]
    assert findings == [], "\n" + described(findings)


def test_the_comparison_of_two_years_shows_the_fields_as_typed(reading: Reading) -> None:
    findings = []
    for pair, text in reading.compare.items():
        findings += [(f"compare {pair}", code, after) for code, after in misshown(text)]
    # 2023 has sections 2022 has not; both have figures of every key indicator.
    expected = {"ARE", "QN", "QU", "CIN", "CUN", "S0N", "S0T", "S1T", "S4N", "S4T"}
    findings += [("compare 2022-2023", code) for code in missing(reading.compare["2022-2023"], expected)]
    assert findings == [], "\n" + described(findings)


def test_the_original_file_link_names_and_fetches_the_file(reading: Reading) -> None:
    assert reading.source["print"] == SOURCE.rsplit("/", 1)[-1]  # its name, printed after the link (no repository path)
    assert reading.source["status"] == [200, "2023年工作总结（测试用原文）\n"]


def test_the_search_index_holds_each_field_escaped_once(built: Built) -> None:
    """Material inserts an entry's title, text and tags into the result list as HTML."""
    index = json.loads((built.project.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    findings = []
    everything = []
    for entry in index["docs"]:
        for name in ("title", "text", "tags"):
            values = entry.get(name, [])
            for value in [values] if isinstance(values, str) else values:
                everything.append(unescape(value))
                findings += [(f"search_index.json {entry['location'] or 'home'} {name}", code, after) for code, after in misshown(unescape(value))]
                if re.search(r"<(img|i|b)\b", value):  # markup as markup: Material would insert it
                    findings += [(f"search_index.json {entry['location'] or 'home'} {name}", code, value) for code in TYPED if code in value]
    indexed = {"DSC", "YTI", "YSU", "S0N", "S0T", "S0B", "S1T", "S2B", "S4N", "S4T", "S4B", "AIT", "ARS", "AUN", "ARE", "PRB", "PRC", "PLN", "PON"}
    findings += [("search_index.json", code) for code in missing("\n".join(everything), indexed)]
    assert findings == [], "\n" + described(findings)


class Attributes(HTMLParser):
    """The values of one attribute on a page, unescaped as a browser reads them."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name, self.values = name, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values += [value for name, value in attrs if name == self.name and value is not None]


def test_the_json_for_our_scripts_carries_the_typed_text(built: Built) -> None:
    """JSON.parse of data-figure gives plotly the text with only & < > escaped (plotly reads
    those entities and a few tags). (The comparison's text is HTML the templates made, read in
    the browser by test_every_page_read_in_chromium…; its scripts' data, data-years and
    data-change-rule, carry no text from data.)"""
    figures = []
    for path in sorted(built.project.site.rglob("*.html")):
        parser = Attributes("data-figure")
        parser.feed(path.read_text(encoding="utf-8"))
        figures += ["\n".join(strings_in(json.loads(value))) for value in parser.values]
    findings = [("data-figure", code, after) for text in figures for code, after in misshown(text, plotly_text)]
    findings += [("data-figure", code) for code in missing("\n".join(figures), {"QN", "QU", "CIN", "CUN"}, plotly_text)]
    assert figures
    assert findings == [], "\n" + described(findings)


def spreadsheet_cells(path: Path) -> list[str]:
    """The text cells of a CSV or .xlsx download, a formula guard (a leading ') taken off."""
    if path.suffix == ".csv":
        values = [value for row in csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))) for value in row]
    else:
        values = [cell.value for row in openpyxl.load_workbook(path).active.iter_rows() for cell in row if isinstance(cell.value, str)]
    return [value[1:] if value.startswith("'") else value for value in values]


def test_every_csv_and_excel_download_holds_the_typed_text(built: Built) -> None:
    findings = []
    downloads = built.project.site / "downloads"
    files = sorted([*downloads.glob("*.csv"), *downloads.glob("*.xlsx")])
    for path in files:
        cells = spreadsheet_cells(path)
        findings += [(path.name, code, after) for cell in cells for code, after in misshown(cell)]
        findings += [(path.name, code) for code in missing("\n".join(cells), DOWNLOADS.get(path.stem, set()))]
    assert {path.stem for path in files} >= set(DOWNLOADS)
    assert findings == [], "\n" + described(findings)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_every_word_report_holds_the_typed_text(built: Built) -> None:
    """word/document.xml parsed by an XML parser: each paragraph's text (its runs joined) is the
    text as typed, never `&lt;` after parsing; the file's title (docProps/core.xml) too."""
    findings = []
    for year, expected in WORD.items():
        name = f"report-{year}.docx"
        with zipfile.ZipFile(built.project.site / "downloads" / name) as archive:
            document = ElementTree.fromstring(archive.read("word/document.xml"))
            core = ElementTree.fromstring(archive.read("docProps/core.xml"))
        paragraphs = ["".join(node.text or "" for node in paragraph.iter(f"{W}t")) for paragraph in document.iter(f"{W}p")]
        findings += [(name, code, after) for text in paragraphs for code, after in misshown(text)]
        findings += [(name, code) for code in missing("\n".join(paragraphs), expected)]
        title = core.find("{http://purl.org/dc/elements/1.1/}title")
        findings += [(f"{name} docProps/core.xml title", code, after) for code, after in misshown(title.text or "")]
        if year == 2023 and title.text != TYPED["YTI"]:
            findings.append((f"{name} docProps/core.xml title", "YTI", title.text))
    assert findings == [], "\n" + described(findings)



def test_the_chart_pictures_of_word_reports_show_names_as_typed() -> None:
    """The Word reports' chart pictures are rasterised from one SVG file per chart
    (render/formats/chart_image.py): an indicator's name and unit with markup, quotes, an entity and
    `$…$` are text in that file, escaped once (an XML parser reads them back as typed), and the
    file rasterises."""
    from xml.etree import ElementTree

    from nianjian.facts.key_figures import KeyFigure
    from nianjian.render.formats.chart_image import figure_png, figure_svg
    from nianjian.render.parts.charts import year_change_figure
    from nianjian.render.parts.figure import line_figure, small_multiples_figure
    from nianjian.render.parts.table import Column, Table, number_cell, year_cell

    name, unit = short("QN") + "$x^2$", tiny("QU")
    table = Table(
        "hostile", (Column("年份", "year"), Column(name, "number", unit), Column("出车次数", "number", unit)),
        tuple((year_cell(year), number_cell(value, sample=year == 2023), number_cell(value * 2)) for year, value in ((2022, 10.0), (2023, 12.0))),
    )
    change = year_change_figure([KeyFigure("energy", name[:16], unit, 2023, 12.0, 10.0, False)], 2023)
    for figure in (line_figure("x", table), small_multiples_figure("x", table, 2023), change):
        svg = figure_svg(figure, 552)
        texts = ["".join(text.itertext()) for text in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
        shown = "\n".join(texts)
        assert name[:16] in shown and "&amp;amp;" not in shown and "<img" not in svg, (figure.kind, texts)
        assert figure_png(figure, 146).startswith(b"\x89PNG")
