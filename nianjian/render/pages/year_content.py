"""What one year shows, as typed objects: the report's sections with their notes, the
achievement and outcome tables, problems, plans, key-figure cards and figures. The year page
(render/pages/year_page.py) and the Word document (paper/word.py) are two renderings of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from nianjian import urls
from nianjian.facts.key_figures import MetricIndex, key_figures
from nianjian.model import Archive, Area, Section, YearRecord
from nianjian.navigation import volume_title
from nianjian.facts.contributions import credit_line, draft_label
from nianjian.render.parts.cards import Card, cards_of
from nianjian.render.parts.charts import year_change_figure, year_window_figure
from nianjian.render.parts.chronicle import ChronicleEntry, attachments_table, chronicle, honours_table
from nianjian.render.parts.figure import Figure
from nianjian.render.formats.photos import PhotoSet
from nianjian.render.pages.formal_content import FormalEdition, formal_edition
from nianjian.render.parts.note import MISSING_PART, SAMPLE_DATA, TRUNCATED_PART, Note
from nianjian.facts.report_parts import list_homes
from nianjian.facts.sections import PlacedSection, YearOutline
from nianjian.facts.series import Series
from nianjian.render.parts.table import Cell, Column, Link, Table, number_cell, text_cell
from nianjian.facts.tracking import PlanStatus


@dataclass(frozen=True)
class YearContent:
    record: YearRecord
    sections: tuple[PlacedSection, ...]
    achievements: tuple[tuple[Area, Table], ...]  # one table per work area
    outcomes: Table | None  # last year's plans and this year's word on them
    problems: tuple[tuple[str, str], ...]  # (text, area name or "")
    plans: tuple[tuple[str, str], ...]
    cards: tuple[Card, ...]
    figures: tuple[Figure, ...]
    formal: FormalEdition  # the same year as the 公文 the agency files (正式文本)
    # The report's own 存在问题 / 工作思路 chapter for its problems and plans: their lists are
    # shown there ("problems" / "plans" → section anchor), else as the page's 附 parts.
    list_homes: dict[str, str]
    chronicle: tuple[ChronicleEntry, ...] = ()  # 大事记, in date order
    honours: Table | None = None
    photos: tuple[PhotoSet, ...] = ()  # the 图片专辑, in album order
    attachments: Table | None = None
    volume_title: str = ""  # the year's own printed volume (年卷): 机关服务中心年鉴（2024）
    draft: str = ""  # “征求意见稿（2025年1月20日）” until the year is signed (签发), else ""
    credits: dict[str, str] = field(default_factory=dict)  # part (section id, "events", …) -> its 撰稿 line

    def photos_beside(self, anchor: str) -> tuple[PhotoSet, ...]:
        """The photographs that stand beside one section of the report."""
        return tuple(photo for photo in self.photos if photo.photo.section == anchor)
    sample_note: Note = SAMPLE_DATA

    @property
    def sample(self) -> bool:
        """Some number shown is sample data: the page and the document say so."""
        return any(card.sample for card in self.cards) or any(figure.sample_label for figure in self.figures)

    @property
    def cards_table(self) -> Table:
        """The key figures as a table (for renderings without cards)."""
        columns = (Column("指标"), Column("数值", "number"), Column("单位"), Column("同比变化"), Column("上年"))
        rows = tuple(
            (text_cell(card.name), Cell(card.value, sample=card.sample), text_cell(card.unit), text_cell(card.change), text_cell(card.previous))
            for card in self.cards
        )
        return Table(f"key-figures-{self.record.year}", columns, rows, caption=f"{self.record.year}年主要指标", downloadable=False)


def section_notes(section: Section) -> tuple[tuple[Note, ...], tuple[Note, ...]]:
    """The notes a section carries, (before its text, after it): 原文缺失 stands where the text
    would be, 原文不完整 where the text breaks off."""
    return (MISSING_PART,) if section.missing else (), (TRUNCATED_PART,) if section.truncated else ()


# The achievement tables' links to the report's sections: web furniture the formal edition leaves out.
SOURCE_COLUMN = Column("出处")


def _source_link(anchor: str, labels: dict[str, str], year: int) -> Link:
    label = labels[anchor]
    if len(label) <= 18:
        return Link(label, urls.year_url(year, anchor))
    return Link(label[:17] + "…", urls.year_url(year, anchor), title=label, full_text=label)


def _achievement_tables(archive: Archive, record: YearRecord, labels: dict[str, str]) -> tuple[tuple[Area, Table], ...]:
    """One table per work area, as the report groups them (the area is its heading, not a
    column repeating it on every row). Date and figure columns appear only in a table where
    some achievement has one (an empty column took a phone's width)."""
    tables = []
    for area in archive.site.areas:
        items = record.achievements_in(area.key)
        if not items:
            continue
        show_date = any(item.date for item in items)
        show_figure = any(item.figure is not None for item in items)
        columns = [Column("事项"), Column("成果")]
        columns += [Column("时间")] if show_date else []
        columns += [Column("数值", "number"), Column("单位")] if show_figure else []
        columns += [SOURCE_COLUMN]
        rows = []
        for item in items:
            row = [text_cell(item.item), text_cell(item.result)]
            row += [text_cell(item.date)] if show_date else []
            row += [number_cell(item.figure, sample=item.sample), text_cell(item.unit)] if show_figure else []
            row.append(Cell(labels[item.section], links=(_source_link(item.section, labels, record.year),)) if item.section else text_cell(""))
            rows.append(tuple(row))
        tables.append((area, Table(f"achievements-{record.year}-{area.key}", tuple(columns), tuple(rows), caption=f"{area.name}：主要成绩", searched=True)))
    return tuple(tables)


def _evidence_cell(anchors: list[str], labels: dict[str, str], year: int) -> Cell:
    """Links to the sections a plan's outcome cites, shortened on the page; the download keeps
    their full labels."""
    return Cell("、".join(labels[anchor] for anchor in anchors), links=tuple(_source_link(anchor, labels, year) for anchor in anchors))


def _plan_outcomes_table(archive: Archive, record: YearRecord, reported_here: tuple[PlanStatus, ...], labels: dict[str, str]) -> Table | None:
    """Every plan of the year before with this year's outcome; unreported ones say so."""
    if not reported_here:
        return None
    rows = tuple(
        (
            text_cell(status.plan.text),
            text_cell(_area_name(archive, status.plan.area)),
            text_cell(status.outcome),
            text_cell(status.note),
            _evidence_cell([anchor for anchor in status.evidence if anchor in labels], labels, record.year),
        )
        for status in reported_here
    )
    columns = (Column("目标"), Column("领域"), Column("落实情况"), Column("说明"), Column("佐证"))
    return Table(f"outcomes-{record.year}", columns, rows, caption=f"{record.year - 1}年提出的目标在{record.year}年的落实情况", searched=True)


def _area_name(archive: Archive, area: str | None) -> str:
    return archive.area(area).name if area else ""


def year_content(
    archive: Archive,
    record: YearRecord,
    series: dict[tuple[str, str], Series],
    reported_here: tuple[PlanStatus, ...],  # the plans of the year before, with this year's word on them
    outline: YearOutline,
    metrics: MetricIndex,
    photos: tuple[PhotoSet, ...] = (),
) -> YearContent:
    figures = key_figures(metrics, record.year)
    charts = tuple(chart for chart in (year_window_figure(series, metrics.keys, record.year), year_change_figure(figures, record.year)) if chart)
    achievements = _achievement_tables(archive, record, outline.labels)
    cards = cards_of(archive, figures, series)
    return YearContent(
        record=record,
        sections=outline.sections,
        achievements=achievements,
        outcomes=_plan_outcomes_table(archive, record, reported_here, outline.labels),
        problems=tuple((problem.text, _area_name(archive, problem.area)) for problem in record.problems),
        plans=tuple((plan.text, _area_name(archive, plan.area)) for plan in record.plans),
        cards=cards,
        figures=charts,
        formal=formal_edition(archive.site, record, outline.sections, tuple(table for _, table in achievements), SOURCE_COLUMN, cards, charts),
        list_homes=list_homes(outline.sections, tuple(kind for kind, items in (("problems", record.problems), ("plans", record.plans)) if items)),
        chronicle=chronicle(archive, record),
        honours=honours_table(record),
        photos=photos,
        attachments=attachments_table(archive, record),
        volume_title=volume_title(archive.site.title, record.year),
        draft=draft_label(record),
        credits={part.part: credit_line(part) for part in record.contributions} if archive.site.editorial.credits else {},
    )

