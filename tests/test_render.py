"""Rendering straight from the model: numbering, escaping, notes and badges."""

from __future__ import annotations

import dataclasses
import json
import re
from html import unescape
from pathlib import Path

from conftest import FIXTURES
from nianjian.check.load import load_archive
from nianjian.model import Achievement, Archive
from nianjian.facts.numbering import chinese_number, outline_marker
from nianjian.render.pages.site import render_site
from nianjian.prose import ProseRenderer
from nianjian.escaping import markdown_heading


def fixture_archive() -> Archive:
    return load_archive(FIXTURES / "multi-year")


def test_chinese_numerals() -> None:
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 35, 99)] == ["一", "九", "十", "十一", "二十", "三十五", "九十九"]


def test_outline_markers_by_depth() -> None:
    assert [outline_marker(depth, 2) for depth in range(5)] == ["二、", "（二）", "2、", "（2）", "②"]


def test_sections_without_numbers_are_numbered_by_depth() -> None:
    page = render_site(fixture_archive()).pages["years/2023.md"]
    headings = re.findall(r"^(#{2,6}) (.+?)(?: \{#.*\})?$", page, flags=re.M)
    assert headings[:7] == [
        ("##", "一、主要工作成绩"),
        ("###", "（一）餐饮服务"),
        ("####", "1、就餐环境"),
        ("#####", "（1）座位"),
        ("######", "①包间"),
        ("###", "（二）节能降耗"),
        ("##", "二、明年工作思路"),
    ]


def test_script_in_titles_and_tables_is_text_not_markup() -> None:
    archive = fixture_archive()
    record = archive.year(2022)
    hostile = "<script>alert(1)</script>"
    record = dataclasses.replace(
        record,
        title=f"标题{hostile}",
        summary=f"开篇{hostile}",
        achievements=(Achievement("catering", f"事项{hostile}", f"成果{hostile}", None, None, None, None, False),),
    )
    archive = dataclasses.replace(archive, years=(record,) + archive.years[1:])
    page = render_site(archive).pages["years/2022.md"]
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # title and table cells
    assert "开篇&lt;script&gt;alert(1)&lt;/script&gt;" in page  # Markdown body: tag shown as text


def test_inline_escapes_markdown_marks() -> None:
    assert markdown_heading("a*b_c [x](y) <b> {: onclick=x}") == r"a\*b\_c \[x\]\(y\) &lt;b&gt; \{: onclick=x\}"
    assert ProseRenderer().html("**粗体** <i>x</i> & y") == "<p><strong>粗体</strong> &lt;i&gt;x&lt;/i&gt; &amp; y</p>"


def test_missing_section_gets_a_note_instead_of_text() -> None:
    page = render_site(fixture_archive()).pages["years/2024.md"]
    missing_part = page.split("## 二、存在问题", 1)[1].split("## 附", 1)[0]
    assert '<div class="admonition info">\n<p class="admonition-title">原文缺失</p>' in missing_part


def test_chart_with_sample_rows_carries_the_badge_and_real_one_does_not() -> None:
    page = render_site(fixture_archive()).pages["index.md"]
    blocks = re.findall(r'<figure class="nj-chart-block"[^>]*>.*?</figure>', page, flags=re.S)
    captions = {re.search(r"<figcaption>(.*?)</figcaption>", block).group(1) for block in blocks}
    assert any(caption.startswith("节能") and "示例数据" in caption for caption in captions)
    assert any(caption.startswith("餐饮服务") and "示例数据" not in caption for caption in captions)


def test_chart_json_holds_the_csv_numbers() -> None:
    page = render_site(fixture_archive()).pages["index.md"]
    figures = [json.loads(unescape(raw)) for raw in re.findall(r'data-figure="([^"]*)"', page)]
    catering = next(f for f in figures if any(trace.get("name") == "就餐人次" for trace in f["data"]))
    trace = catering["data"][0]
    assert trace["x"] == ["2022", "2023", "2024"] and trace["y"] == [10.0, 12.0, 15.0]


def test_key_figures_show_change_against_the_year_before() -> None:
    page = render_site(fixture_archive()).pages["index.md"]
    assert "2024年主要指标" in page
    assert "▲ +3（+25.0%）" in page  # 就餐人次 12 → 15
    assert "▼ -60（-7.9%）" in page  # 出车次数 760 → 700


def test_every_generated_figure_is_valid_plotly() -> None:
    """Figures are serialised without plotly's per-figure validation at build time; validate here."""
    import plotly.graph_objects as go

    site = render_site(fixture_archive())
    raw_figures = [raw for page in site.pages.values() for raw in re.findall(r'data-figure="([^"]*)"', page)]
    assert len(raw_figures) >= 8
    from nianjian.render.parts.palette import DARK

    for raw in raw_figures:
        figure = json.loads(unescape(raw))
        assert figure.pop("dark") == DARK  # for charts.js, not for plotly
        go.Figure(figure)  # raises ValueError on any invalid property


def test_series_agree_with_pandas_reading_the_same_csv_files() -> None:
    """Our plain-Python grouping, checked against pandas' own read_csv + pivot of the files."""
    import pandas as pd

    from nianjian.facts.series import metric_series

    frame = pd.concat(pd.read_csv(path) for path in sorted((FIXTURES / "knowledge-base" / "metrics").glob("*.csv")))
    wide = frame.pivot_table(index=["area", "indicator"], columns="year", values="value", aggfunc="first")
    series = metric_series(load_archive(FIXTURES / "knowledge-base"))
    assert set(series) == set(wide.index)
    for (area, indicator), row in wide.iterrows():
        expected = {int(year): float(value) for year, value in row.items() if not pd.isna(value)}
        one = series[(area, indicator)]
        assert dict(zip(one.years, one.values)) == expected and list(one.years) == sorted(expected)


def test_a_long_trend_drawn_at_build_time_stays_inside_its_plot_and_marks_sample_years() -> None:
    """25 years of one indicator, the last two sample values: every point inside the plot box,
    the axis covering the largest value, at most 12 year labels (every other one hidden on a
    phone), hollow dots for the sample years."""
    from nianjian.render.parts.chart_svg import static_chart
    from nianjian.render.parts.figure import line_figure
    from nianjian.render.parts.table import Column, Table, number_cell, year_cell

    years = range(2000, 2025)
    rows = tuple((year_cell(year), number_cell(1000.0 + 37 * (year - 2000), sample=year >= 2023)) for year in years)
    figure = line_figure("节能：用电量（千瓦时）", Table("trend-test", (Column("年份", "year"), Column("用电量", "number", "千瓦时")), rows))
    [plot] = static_chart(figure).plots
    [line] = plot.lines
    points = list(line.points)
    assert len(points) == 25 and all(0 <= x <= 100 and 0 <= y <= 100 for x, y in points)
    assert min(y for _, y in points) > 0  # the highest value is under the top of the axis, not cut
    labels = [mark for mark in plot.marks if mark.tag == "text" and mark.text.isdigit() and len(mark.text) == 4]
    assert 6 <= len(labels) <= 12 and any("nj-tick-wide" in mark.attributes["class"] for mark in labels)
    hollow = [dot for dot in plot.dots if "nj-point-sample" in dot.attributes["class"]]
    assert len(hollow) == 2  # 2023 and 2024, sample data


def test_a_chart_label_with_quotes_and_markup_reads_as_typed_in_plotly() -> None:
    """plotly reads <b>, <a href> … in labels and decodes &lt; &gt; &amp; but not &quot;: an
    indicator named with quotes and a tag is drawn as typed, and `%{…}` in a name is never
    read as part of plotly's hover template."""
    import json

    from nianjian.render.parts.chart_plotly import plotly_json
    from nianjian.render.parts.figure import line_figure, stacked_bars_figure
    from nianjian.render.parts.table import Column, Table, number_cell, year_cell

    name = '用水量"<a href=javascript:alert(1)>点</a>%{x}'
    rows = tuple((year_cell(year), number_cell(10.0 + year - 2020)) for year in range(2020, 2023))
    table = Table("quotes", (Column("年份", "year"), Column(name, "number", "吨")), rows)
    for figure in (line_figure("用水量", table), stacked_bars_figure("用水量", table, {name: "#3f6ec6"}, "年份", "吨")):
        trace = json.loads(plotly_json(figure))["data"][0]
        assert trace["name"] == '用水量"&lt;a href=javascript:alert(1)&gt;点&lt;/a&gt;%{x}'
        assert "&quot;" not in plotly_json(figure)
        assert name.split("%")[0] not in trace["hovertemplate"] and "%{meta" in trace["hovertemplate"]


def test_every_rendering_of_a_figure_shows_the_same_numbers_labels_and_sample_marks() -> None:
    """One figure, four renderings: its number table, the static drawing (the page, print), the
    SVG file rasterised for Word and plotly's JSON. The values each draws, the axis numbers and
    unit, the series names and which points are sample data agree."""
    import json
    from xml.etree import ElementTree

    from nianjian.render.formats.chart_image import figure_svg
    from nianjian.render.parts.chart_plotly import plotly_json
    from nianjian.render.parts.chart_svg import static_chart
    from nianjian.render.parts.figure import line_figure, small_multiples_figure
    from nianjian.render.parts.table import Column, Table, number_cell, year_cell

    values = {2020: (18200.0, False), 2021: (17600.0, False), 2022: (19400.0, True), 2023: (20100.0, True)}
    table = Table(
        "same", (Column("年份", "year"), Column("就餐人次", "number", "人次")),
        tuple((year_cell(year), number_cell(value, sample=sample)) for year, (value, sample) in values.items()),
    )
    svg_ns = "{http://www.w3.org/2000/svg}"
    for figure in (line_figure("餐饮", table), small_multiples_figure("餐饮", table, 2023)):
        drawing = static_chart(figure)
        [plot] = drawing.plots
        plotly = json.loads(plotly_json(figure))
        [trace] = [trace for trace in plotly["data"] if trace["name"] == "就餐人次"]
        # The numbers: table / divisor, as plotly plots them and as the drawing places them.
        assert plot.divisor == 10_000 and plot.unit == "万人次"
        assert trace["y"] == [value / 10_000 for value, _ in values.values()]
        low, high = plot.value_range
        if figure.kind == "line":
            [line] = plot.lines
            placed = [low + (100 - y) / 100 * (high - low) for _, y in line.points]
        else:
            bars = [mark for mark in plot.marks if mark.tag == "rect" and "nj-bar" in mark.attributes.get("class", "")]
            placed = [low + float(bar.attributes["height"].rstrip("%")) / 100 * (high - low) for bar in bars]
        assert [round(value, 3) for value in placed] == [round(value / 10_000, 3) for value, _ in values.values()]
        # The axis: the same numbers and unit on the page, in the Word picture and in plotly.
        axis = plotly["layout"]["yaxis"]
        ticks = [mark.text for mark in plot.marks if "nj-tick" in mark.attributes.get("class", "") and mark.attributes.get("text-anchor") == "end"]
        assert axis["ticktext"] == ticks and axis["range"] == list(plot.value_range)
        word = ElementTree.fromstring(figure_svg(figure, 552))
        word_texts = ["".join(text.itertext()) for text in word.iter(f"{svg_ns}text")]
        assert all(tick in word_texts for tick in ticks)
        assert "万人次" in word_texts or "就餐人次（万人次）" in word_texts
        assert ("万人次" if figure.kind == "line" else "就餐人次（万人次）") in json.dumps(plotly, ensure_ascii=False)
        # Sample marks: 2022 and 2023 in the table, hollow dots or hatched bars in every drawing.
        assert [cell.sample for row in table.rows for cell in row[1:]] == [False, False, True, True]
        if figure.kind == "line":
            assert trace["marker"]["symbol"] == ["circle", "circle", "circle-open", "circle-open"]
            assert sum("nj-point-sample" in dot.attributes["class"] for dot in plot.dots) == 2
            hollow = [circle for circle in word.iter(f"{svg_ns}circle") if "nj-point-sample" in circle.get("class", "")]
            assert len(hollow) == 2 + 1  # and the legend's swatch
            legend = "空心点为示例数据"
        else:
            assert trace["marker"]["pattern"]["shape"] == ["", "", "/", "/"]
            hatched = [path for path in word.iter(f"{svg_ns}path") if path.get("class") == "nj-hatch-line" and path.get("d")]
            assert len(hatched) == 2  # one path of hatch lines over each sample bar
            assert [rect.get("fill") for rect in word.iter(f"{svg_ns}rect")].count(f"url(#{drawing.hatch_id})") == 1  # the legend's swatch
            legend = "斜线为示例数据"
        assert legend in [entry.label for entry in drawing.legend] and legend in word_texts
        assert legend in [trace["name"] for trace in plotly["data"]]


def test_beyond_its_budget_the_render_step_writes_pages_and_downloads_to_the_build_s_folder(tmp_path: Path) -> None:
    """At 2,000 years the pages would not fit in memory: with no budget every page and download
    is a file of the build's folder, holding what the held site holds."""
    held = render_site(fixture_archive())
    spilled = render_site(fixture_archive(), spill_dir=tmp_path, most_held=0)
    assert set(spilled.pages) == set(held.pages) and all(isinstance(path, Path) for path in spilled.pages.values())
    assert all(spilled.pages[name].read_text(encoding="utf-8") == text for name, text in held.pages.items())
    downloads = [name for name in held.files if name.startswith("downloads/")]
    assert downloads and all(spilled.files[name].read_bytes() == held.files[name] for name in downloads)
