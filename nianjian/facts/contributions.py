"""Where a year's contributions (组稿) stand: for each planned part its unit and writer, its state
(待供稿, 已供稿, 初审, 复审, 终审, 驳回), what is written, the placeholders left and the days it is
late. `nianjian status 2025` prints it; the internal edition's board (组稿与审核) shows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nianjian.facts.dates import chinese_date
from nianjian.model import PLACEHOLDER, Archive, Contribution, Section, YearRecord
# The parts a plan may name besides a section's id, and those named with a work area
# (achievements:property), with what readers call them.
WHOLE_PARTS = {"summary": "开篇", "events": "大事记", "honours": "荣誉", "photos": "图片", "attachments": "附件"}
AREA_PARTS = {"achievements": "主要成绩", "metrics": "统计数字"}


@dataclass(frozen=True)
class PartStatus:
    part: str  # as the plan names it
    label: str  # as readers know it: “（一）物业管理”, “物业、物资管理：主要成绩”
    unit: str
    writer: str
    due: str
    state: str
    written: str  # “1,234 字”, or for numbers “5 个数字”
    placeholders: int
    days_late: int  # past the due date, handed in or not (0 when on time)


def find_section(sections: tuple[Section, ...], anchor: str) -> Section | None:
    """The section whose id is `anchor`, at any depth."""
    for section in sections:
        if section.anchor == anchor:
            return section
        if (found := find_section(section.children, anchor)) is not None:
            return found
    return None


def _section_texts(section: Section) -> list[str]:
    return [section.title, section.body, *(text for child in section.children for text in _section_texts(child))]


def _texts(archive: Archive, record: YearRecord, part: str) -> tuple[str, list[str]]:
    """(label, the texts the part holds)."""
    kind, _, area = part.partition(":")
    if kind == "achievements" and area:
        items = record.achievements_in(area)
        return f"{archive.area(area).name}：{AREA_PARTS[kind]}", [text for item in items for text in (item.item, item.result)]
    if kind == "metrics" and area:
        return f"{archive.area(area).name}：{AREA_PARTS[kind]}", []
    if part == "summary":
        return WHOLE_PARTS[part], [record.summary]
    if part == "events":
        return WHOLE_PARTS[part], [event.text for event in record.events]
    if part == "honours":
        return WHOLE_PARTS[part], [text for honour in record.honours for text in (honour.title, honour.holder)]
    if part == "photos":
        return WHOLE_PARTS[part], [photo.caption for photo in record.photos]
    if part == "attachments":
        return WHOLE_PARTS[part], [attachment.title for attachment in record.attachments]
    section = find_section(record.sections, part)
    return (f"{section.number}{section.title}", _section_texts(section)) if section else (part, [])


def part_label(archive: Archive, record: YearRecord, part: str) -> str:
    """A planned part as readers know it: “（一）物业管理”, “物业、物资管理：主要成绩”, “大事记”."""
    return _texts(archive, record, part)[0]


def _days_late(contribution: Contribution, today: date) -> int:
    due = date.fromisoformat(contribution.due)
    handed_in = date.fromisoformat(contribution.submitted) if contribution.submitted else today
    return max(0, (handed_in - due).days)


def part_statuses(archive: Archive, record: YearRecord, today: date) -> list[PartStatus]:
    statuses = []
    for contribution in record.contributions:
        label, texts = _texts(archive, record, contribution.part)
        kind, _, area = contribution.part.partition(":")
        if kind == "metrics" and area:
            count = sum(1 for row in archive.metrics if row.year == record.year and row.area == area)
            written = f"{count} 个数字"
            placeholders = sum(1 for blank in archive.metric_blanks if blank.year == record.year and blank.area == area)  # rows still empty
        else:
            written = f"{sum(len(''.join(text.replace(PLACEHOLDER, '').split())) for text in texts):,} 字"
            placeholders = sum(text.count(PLACEHOLDER) for text in texts)
        statuses.append(PartStatus(
            contribution.part, label, contribution.unit, contribution.writer, contribution.due, contribution.state, written,
            placeholders, _days_late(contribution, today),
        ))
    return statuses


def credit_line(contribution: Contribution) -> str:
    """The 撰稿 line the genre puts after a part: （撰稿：物业科 张某）."""
    return f"（撰稿：{contribution.unit}{' ' + contribution.writer if contribution.writer else ''}）"


def draft_label(record: YearRecord) -> str:
    """What every rendering of a year not yet signed (签发) says: 征求意见稿 and the draft's date."""
    if record.signed:
        return ""
    return f"征求意见稿（{chinese_date(record.draft_date)}）" if record.draft_date else "征求意见稿"
