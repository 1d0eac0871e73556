"""Any two years side by side.

The build writes every year's key figures and achievement counts in two tables (历年主要指标,
历年各领域成绩), and the comparison of the newest two years: their figures with the change
(facts/key_figures.Change), their counts, and the sections only one of them has. That is what
the page shows without JavaScript and in print. compare.js (loaded on this page only) shows
another pair the reader selects from the same markup: it copies the two years' cells out of
the all-years tables and the two years' section lists out of a hidden store, and writes the
change with the rule Change hands it (data-change-rule); it makes no table of its own."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from nianjian import urls
from nianjian.escaping import script_json
from nianjian.facts.key_figures import Change, MetricIndex, rule_for_scripts
from nianjian.facts.sections import YearOutline
from nianjian.facts.series import Series
from nianjian.model import Archive
from nianjian.navigation import section_title
from nianjian.render.pages.rendered import RenderedPage
from nianjian.render.parts.table import Cell, Column, Table, number_cell, text_cell
from nianjian.render.parts.tables import table_html
from nianjian.render.parts.templating import html_block, page_markdown

COMPARE_PAGE = urls.COMPARE_PAGE
_MISSING = "—"
_NO_REPORT = "无报告"


@dataclass(frozen=True)
class YearSections:
    """A year's sections as the comparison lists them: (title without its marker, label)."""

    year: int
    report: bool  # a year with only statistics has no report, hence no sections
    sections: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Comparison:
    """What the comparison part of the page is made of."""

    years: tuple[int, ...]
    pair: tuple[int, int] | None  # the pair the build writes: the newest two years
    figures: Table | None  # the pair's key figures and their change
    areas: Table | None  # the pair's achievement counts per area
    only: tuple[tuple[tuple[str, str], ...], ...]  # (title, label) of the sections only in the pair's first / second year
    store: tuple[YearSections, ...]  # every year's sections, for compare.js


def figures_table(archive: Archive, series: dict[tuple[str, str], Series], keys: list[tuple[str, str]], years: list[int]) -> Table:
    """Every year's key figures: an indicator a row, a year a column."""
    rows = []
    for key in keys:
        one = series[key]
        row = [text_cell(_indicator_name(archive, key)), text_cell(one.unit)]
        for year in years:
            found = one.value_in(year)
            row.append(number_cell(found[0], sample=found[1]) if found else Cell(None))
        rows.append(tuple(row))
    columns = (Column("指标"), Column("单位")) + tuple(Column(f"{year}年", "number") for year in years)
    return Table("compare-all", columns, tuple(rows), caption="历年主要指标", css_class="nj-table nj-compare-all",
                 row_keys=tuple(_key(key) for key in keys))


def areas_table(archive: Archive, years: list[int]) -> Table:
    """Every year's number of achievements per area (a year with only statistics: 无报告)."""
    records = {record.year: record for record in archive.years}
    rows = []
    for area in archive.site.areas:
        row = [text_cell(area.name)]
        for year in years:
            record = records.get(year)
            row.append(number_cell(len(record.achievements_in(area.key))) if record else Cell(None, shown=_NO_REPORT))
        rows.append(tuple(row))
    columns = (Column("领域"),) + tuple(Column(f"{year}年", "number") for year in years)
    return Table("compare-areas-all", columns, tuple(rows), caption="历年各领域成绩（项）", css_class="nj-table nj-compare-all",
                 row_keys=tuple(area.key for area in archive.site.areas))


def pair_figures_table(every_year: Table, years: list[int], pair: tuple[int, int]) -> Table:
    """Two years' key figures and the change between them, from the all-years table's cells."""
    first, second = (2 + years.index(year) for year in pair)
    rows = []
    for row in every_year.rows:
        before, after = row[first], row[second]
        change = Change(before.number, after.number)
        sample = before.sample or after.sample  # a change against a sample value is sample data too
        if change.difference is None:
            changes = (Cell(None, shown=_MISSING), Cell(None, shown=_MISSING))
        else:
            changes = (
                number_cell(change.difference, shown=change.arrow_text(), sample=sample, tone=f"nj-change nj-change-{change.direction}"),
                number_cell(change.percent, shown=change.percent_text(), sample=sample) if change.percent is not None else Cell(None, shown=_MISSING),
            )
        rows.append((row[0], row[1], before, after) + changes)
    columns = (
        Column("指标"), Column("单位"), Column(f"{pair[0]}年", "number"), Column(f"{pair[1]}年", "number"),
        Column("变化", "number"), Column("变化率", "number"),
    )
    return Table("compare-pair", columns, tuple(rows), caption="主要指标", downloadable=False, row_keys=every_year.row_keys)


def pair_areas_table(every_year: Table, years: list[int], pair: tuple[int, int]) -> Table:
    first, second = (1 + years.index(year) for year in pair)
    rows = []
    for row in every_year.rows:
        before, after = row[first], row[second]
        change = Change(before.number, after.number)
        shown = Cell(None, shown=_MISSING) if change.difference is None else number_cell(change.difference, shown=change.signed_text())
        rows.append((row[0], before, after, shown))
    columns = (Column("领域"), Column(f"{pair[0]}年", "number"), Column(f"{pair[1]}年", "number"), Column("变化", "number"))
    return Table("compare-pair-areas", columns, tuple(rows), caption="各领域成绩（项）", downloadable=False, row_keys=every_year.row_keys)


def year_sections(archive: Archive, outline: dict[int, YearOutline], years: list[int]) -> tuple[YearSections, ...]:
    reported = {record.year for record in archive.years}
    return tuple(
        YearSections(year, year in reported,
                     tuple((placed.section.title, placed.label) for placed in outline[year].sections) if year in reported else ())
        for year in years
    )


def only_in_one(first: YearSections, second: YearSections) -> tuple[tuple[tuple[str, str], ...], ...]:
    """Each year's sections whose title (without its number) the other year lacks."""
    titles = ({title for title, _ in first.sections}, {title for title, _ in second.sections})
    return (
        tuple(section for section in first.sections if section[0] not in titles[1]),
        tuple(section for section in second.sections if section[0] not in titles[0]),
    )


def render_compare_page(
    archive: Archive, series: dict[tuple[str, str], Series], outline: dict[int, YearOutline], metrics: MetricIndex
) -> RenderedPage:
    keys = [key for key in metrics.keys if key in series]
    years = sorted({record.year for record in archive.years} | {year for key in keys for year in series[key].years})
    every_figure, every_area = figures_table(archive, series, keys, years), areas_table(archive, years)
    store = year_sections(archive, outline, years)
    pair = (years[-2], years[-1]) if len(years) >= 2 else None
    comparison = Comparison(
        years=tuple(years),
        pair=pair,
        figures=pair_figures_table(every_figure, years, pair) if pair and keys else None,
        areas=pair_areas_table(every_area, years, pair) if pair else None,
        only=only_in_one(store[-2], store[-1]) if pair else ((), ()),
        store=store,
    )
    sample = every_figure.has_sample
    lines = [
        "先看历年主要指标和各领域成绩；[下方](#两个年份对比)对比最近两年（在浏览器中可任选两年）："
        "主要指标的绝对变化和百分比变化、各领域成绩数量，以及只在其中一年报告里出现的章节。",
        "",
        # The badge stays out of the contents list and the heading's anchor.
        "## 历年主要指标" + (' <span class="nj-sample">示例数据</span> { #历年主要指标 data-toc-label="历年主要指标" }' if sample else ""),
        "",
        table_html(every_figure, COMPARE_PAGE),
        "",
        "## 历年各领域成绩",
        "",
        table_html(every_area, COMPARE_PAGE),
        "",
        "## 两个年份对比",
        "",
        html_block(
            "compare.html", comparison=comparison, page=COMPARE_PAGE,
            # Our own tables' HTML (templates/table.html, escaped there).
            figures_html=Markup(table_html(comparison.figures, COMPARE_PAGE)) if comparison.figures else "",
            areas_html=Markup(table_html(comparison.areas, COMPARE_PAGE)) if comparison.areas else "",
            rule=script_json(rule_for_scripts()), years_json=script_json(list(years)),
        ),
        "",
    ]
    tables = (every_figure, every_area)
    return RenderedPage(page_markdown(section_title("compare"), lines), tables)


def _indicator_name(archive: Archive, key: tuple[str, str]) -> str:
    return f"{archive.area(key[0]).name} · {key[1]}"


def _key(key: tuple[str, str]) -> str:
    return f"{key[0]}|{key[1]}"

