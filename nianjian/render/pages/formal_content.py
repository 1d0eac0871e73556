"""What a year's formal edition (正式文本) holds, as typed objects: the report as the 公文 the
agency files (GB/T 9704-2012), rendered by paper/word_formal.py to Word (and by LibreOffice from
that to PDF).

It is the report's own text in its own order: the title, 主送机关, the opening, the chapters with
their numbered items, and problems and plans under the report's own 存在问题 / 工作思路 chapters
(or as added last chapters, numbered on). Achievements and the key figures become 附件 (the
附件说明 lists them). No editorial notes, no sample data and no web furniture: a part the source
lost is its heading alone, a sample number is left out, and the 出处 links are not printed."""

from __future__ import annotations

from dataclasses import dataclass

from nianjian.facts.numbering import chinese_number, marker_depth
from nianjian.facts.contributions import draft_label
from nianjian.facts.report_parts import PLANS_CHAPTER, PROBLEMS_CHAPTER, list_homes
from nianjian.facts.sections import PlacedSection
from nianjian.model import DocumentFields, SiteSettings, YearRecord
from nianjian.render.parts.cards import Card
from nianjian.render.parts.figure import Figure
from nianjian.render.parts.table import Cell, Column, Table, text_cell


@dataclass(frozen=True)
class FormalHeading:
    """One heading of the report and what follows it: its text and numbered items."""

    marker: str  # “一、”, “（二）”, “1．”: the report's own, GB/T's third level written 1．
    title: str
    level: int  # 0 一、 黑体, 1 （一） 楷体, 2 1． and 3 （1） 仿宋: by the marker, not the nesting
    body: str  # Markdown
    items: tuple[str, ...] = ()  # problems or plans, numbered 1． 2． under the heading


@dataclass(frozen=True)
class Attachment:
    title: str
    tables: tuple[Table, ...] = ()
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class FormalEdition:
    fields: DocumentFields  # the year's, over site.yaml's, with 发文机关 and 署名 filled in
    letterhead: str  # 发文机关标志 of the red head, "" for none
    title: str
    opening: str  # Markdown: the text before the first chapter
    headings: tuple[FormalHeading, ...]
    attachments: tuple[Attachment, ...]
    draft: str = ""  # “征求意见稿（2025年1月20日）” until the year is signed, printed at the head of each page


def _marker(number: str, level: int) -> str:
    """The report's marker as GB/T 9704 writes the level: “1、” becomes “1．”."""
    if level == 2 and number.endswith("、"):
        return number[:-1] + "．"
    return number


def _headings(sections: tuple[PlacedSection, ...], problems: tuple[str, ...], plans: tuple[str, ...]) -> tuple[FormalHeading, ...]:
    lists = {"problems": problems, "plans": plans}
    homes = {anchor: kind for kind, anchor in list_homes(sections, tuple(kind for kind, items in lists.items() if items)).items()}
    headings = []
    for placed in sections:
        section = placed.section
        level = marker_depth(section.number)
        level = min(placed.depth, 3) if level is None else min(level, 3)
        items: tuple[str, ...] = ()
        if placed.anchor in homes:
            kind = homes[placed.anchor]
            items, lists[kind] = lists[kind], ()
        headings.append(FormalHeading(_marker(section.number, level), section.title, level, section.body, items))
    chapters = sum(placed.depth == 0 for placed in sections)
    for title, items in ((PROBLEMS_CHAPTER, lists["problems"]), (PLANS_CHAPTER, lists["plans"])):
        if items:
            chapters += 1
            headings.append(FormalHeading(f"{chinese_number(chapters)}、", title, 0, "", items))
    return tuple(headings)


def _without_samples(table: Table, source_column: Column | None = None) -> Table | None:
    """The table as paper files it: sample numbers left out (a column that held only those goes),
    and the column of web links. None when nothing is left."""
    rows = [tuple(text_cell("") if cell.sample else cell for cell in row) for row in table.rows]
    kept = [
        index for index, column in enumerate(table.columns)
        if column != source_column and any(row[index].text for row in rows)
    ]
    if not rows or not kept:
        return None
    return Table(
        table.id, tuple(table.columns[index] for index in kept), tuple(tuple(row[index] for index in kept) for row in rows),
        caption=table.caption, downloadable=False, notes=table.notes,
    )


def _key_figures(year: int, cards: tuple[Card, ...]) -> Table | None:
    real = [card for card in cards if not card.sample and not card.previous_sample]
    if not real:
        return None
    columns = (Column("指标"), Column("数值", "number"), Column("单位"), Column("同比变化"), Column("上年"))
    rows = tuple((text_cell(card.name), Cell(card.value), text_cell(card.unit), text_cell(card.change), text_cell(card.previous)) for card in real)
    return Table(f"formal-key-figures-{year}", columns, rows, caption=f"{year}年主要指标", downloadable=False)


def formal_edition(
    site: SiteSettings,
    record: YearRecord,
    sections: tuple[PlacedSection, ...],
    achievements: tuple[Table, ...],
    source_column: Column,
    cards: tuple[Card, ...],
    figures: tuple[Figure, ...],
) -> FormalEdition:
    fields = record.document.over(site.document)
    issuer = fields.issuer or site.organization
    fields = DocumentFields(**{**fields.__dict__, "issuer": issuer, "signature": fields.signature or issuer})
    attachments = []
    tables = tuple(table for table in (_without_samples(table, source_column) for table in achievements) if table)
    if tables:
        attachments.append(Attachment(f"{record.year}年主要工作成绩一览", tables=tables))
    key_figures = _key_figures(record.year, cards)
    real_figures = tuple(figure for figure in figures if not figure.sample_label)
    if key_figures or real_figures:
        attachments.append(Attachment(f"{record.year}年主要统计指标", tables=(key_figures,) if key_figures else (), figures=real_figures))
    return FormalEdition(
        fields=fields,
        letterhead=site.letterhead,
        title=record.title,
        opening=record.summary,
        headings=_headings(sections, tuple(p.text for p in record.problems), tuple(p.text for p in record.plans)),
        attachments=tuple(attachments),
        draft=draft_label(record),
    )
