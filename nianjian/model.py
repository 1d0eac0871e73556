"""The validated records the pages are rendered from. Plain, immutable data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path


# What `nianjian new` writes where text is still to come; a build refuses a year that still has it.
PLACEHOLDER = "（待填写）"


@dataclass(frozen=True)
class Area:
    key: str
    name: str
    order: int


@dataclass(frozen=True)
class Section:
    title: str
    number: str  # the report's own marker, e.g. "（一）"; filled in by depth when the editor left it out
    body: str
    anchor: str | None  # the editor's `id`, used as the heading anchor and by achievements
    missing: bool
    truncated: bool
    children: tuple[Section, ...] = ()
    area: str | None = None
    tags: tuple[str, ...] = ()
    internal: bool = False  # 内部: left out of the public edition, with the sections under it


@dataclass(frozen=True)
class Achievement:
    area: str
    item: str
    result: str
    date: str | None
    figure: float | None
    unit: str | None
    section: str | None  # anchor of the section it comes from
    sample: bool
    tags: tuple[str, ...] = ()
    internal: bool = False


@dataclass(frozen=True)
class Event:
    """One entry of the year's 大事记 (chronicle)."""

    date: str  # 2025-03-12, or 2025-03 where only the month is known
    text: str
    place: str = ""
    source: str = ""
    area: str | None = None
    tags: tuple[str, ...] = ()
    follow_up: bool = False  # a past year's event recorded in this one (补记)
    internal: bool = False


@dataclass(frozen=True)
class Honour:
    """An honour (荣誉/表彰) the unit or one of its people received in the year."""

    title: str
    holder: str
    level: str  # 国家级 / 省部级 / 省级 / 市级 / 局级 / 单位内部 / 其他
    awarded_by: str = ""
    date: str = ""  # 2025, 2025-12 or 2025-12-20
    area: str | None = None
    internal: bool = False


@dataclass(frozen=True)
class Photo:
    """A photograph of the year, kept under data/ (checked: nianjian/check/photos.py)."""

    file: str  # path under data/, e.g. "sources/2025-新食堂.jpg"
    caption: str  # 图注, also the alt text
    date: str = ""
    place: str = ""
    by: str = ""  # photographer or source
    area: str | None = None
    section: str | None = None  # anchor of the section it stands beside
    order: int = 0
    internal: bool = False


@dataclass(frozen=True)
class Attachment:
    """A file that belongs to a year (制度, 通知, 统计表, a signed report), kept under data/sources/."""

    file: str  # path under data/
    title: str
    kind: str = "其他"
    number: str = ""  # 文号
    date: str = ""
    internal: bool = False


@dataclass(frozen=True)
class ReportProblem:
    text: str
    area: str | None
    id: str | None = None
    continues: str | None = None  # id of the earlier year's problem this one carries forward
    internal: bool = False


@dataclass(frozen=True)
class Plan:
    id: str
    text: str
    area: str | None
    internal: bool = False


@dataclass(frozen=True)
class PlanOutcome:
    """This year's word on one of last year's plans (目标责任制)."""

    plan: str  # the plan's id in the year before
    outcome: str | None  # 已完成 / 部分完成 / 未完成 / 调整取消; None while not reported
    note: str
    evidence: tuple[str, ...]  # section anchors of this year's report


@dataclass(frozen=True)
class DocumentFields:
    """The 公文 elements of a formal edition (正式文本, GB/T 9704) as written in a year record's or
    site.yaml's `document`; "" (or ()) where not written. Dates are ISO (2024-12-31)."""

    issuer: str = ""  # 发文机关
    addressee: str = ""  # 主送机关
    signature: str = ""  # 发文机关署名
    date: str = ""  # 成文日期
    number: str = ""  # 发文字号
    signer: str = ""  # 签发人
    secrecy: str = ""  # 密级
    secrecy_period: str = ""  # 保密期限
    urgency: str = ""  # 紧急程度
    copies_to: tuple[str, ...] = ()  # 版记: 抄送
    printer: str = ""  # 版记: 印发机关
    printed: str = ""  # 版记: 印发日期
    closing: str = ""  # 结束语 after the report's last list (“特此报告。”), part of its text

    @property
    def has_version_note(self) -> bool:
        """版记 is printed (抄送 or 印发机关 given), on a last page of its own."""
        return bool(self.copies_to or self.printer)

    def over(self, defaults: DocumentFields) -> DocumentFields:
        """These fields, each one not written taken from `defaults` (site.yaml's)."""
        return DocumentFields(**{name: getattr(self, name) or getattr(defaults, name) for name in self.__dataclass_fields__})


@dataclass(frozen=True)
class ReviewStep:
    """One step of a review (审核): 初审, 复审, 终审 (签发), or 驳回 (returned, with a note)."""

    step: str
    by: str
    date: str  # 2025-01-20
    note: str = ""


REVIEW_LEVELS = ("初审", "复审", "终审")  # in order; 驳回 returns to the start


def review_state(steps: tuple[ReviewStep, ...]) -> str:
    """Where a review stands: the last step taken ("" before any)."""
    return steps[-1].step if steps else ""


@dataclass(frozen=True)
class Contribution:
    """One part of a year in the plan of contributions (组稿): who writes it, by when, and its review."""

    part: str  # a section's id, "summary", "events", "honours", "photos", "attachments", "achievements:<area>", "metrics:<area>"
    unit: str  # 供稿单位
    due: str
    writer: str = ""  # 撰稿人
    submitted: str = ""  # 供稿日期; "" while 待供稿
    review: tuple[ReviewStep, ...] = ()

    @property
    def state(self) -> str:
        """待供稿, 已供稿, 初审, 复审, 终审, or 驳回."""
        if self.review:
            return review_state(self.review)
        return "已供稿" if self.submitted else "待供稿"


@dataclass(frozen=True)
class YearRecord:
    year: int
    title: str
    summary: str
    source: str | None  # path under data/, e.g. "sources/2024-service-center-summary.txt"
    sections: tuple[Section, ...]
    achievements: tuple[Achievement, ...]
    problems: tuple[ReportProblem, ...]
    plans: tuple[Plan, ...]
    plan_outcomes: tuple[PlanOutcome, ...] = ()
    document: DocumentFields = DocumentFields()
    images: tuple[str, ...] = ()  # pictures its texts show and files they link, under data/ (sources/…): copied into the site
    events: tuple[Event, ...] = ()  # 大事记, in date order
    honours: tuple[Honour, ...] = ()
    photos: tuple[Photo, ...] = ()  # in album order
    attachments: tuple[Attachment, ...] = ()
    index_terms: tuple[str, ...] = ()  # the year's own words for the subject index (索引)
    # The files its texts link or show, each with the field that does: (field path, path under data/).
    image_links: tuple[tuple[tuple[str | int, ...], str], ...] = ()
    internal: bool = False  # the whole year is 内部: not in the public edition
    # The year's review (审核); None for a record kept before reviews were (final as it is).
    review: tuple[ReviewStep, ...] | None = None
    contributions: tuple[Contribution, ...] = ()  # 组稿

    @property
    def signed(self) -> bool:
        """签发: its review has reached 终审 (a record without a review is final)."""
        return self.review is None or review_state(self.review) == "终审"

    @property
    def draft_date(self) -> str:
        """The draft's date: the latest date of its review or of its parts' (ISO), or ""."""
        dates = [step.date for step in self.review or ()]
        dates += [date for part in self.contributions for date in (part.submitted, *(step.date for step in part.review)) if date]
        return max(dates, default="")

    @cached_property
    def _achievements_by_area(self) -> dict[str, tuple[Achievement, ...]]:
        by_area: dict[str, list[Achievement]] = {}
        for item in self.achievements:
            by_area.setdefault(item.area, []).append(item)
        return {area: tuple(items) for area, items in by_area.items()}

    def achievements_in(self, area: str) -> tuple[Achievement, ...]:
        """This year's achievements of one work area, in report order."""
        return self._achievements_by_area.get(area, ())


@dataclass(frozen=True)
class MetricRow:
    """One number of one year, in the indicator's display name and unit (see nianjian.check.metrics);
    what the CSV row itself said is kept beside it for the tables' notes."""

    year: int
    area: str
    indicator: str
    unit: str
    value: float
    note: str
    sample: bool
    file: str  # the CSV it came from, e.g. "metrics/energy.csv"
    line: int
    recorded_indicator: str = ""  # the name and unit as written in the row, when they differ
    recorded_unit: str = ""
    recorded_value: float | None = None
    internal: bool = False  # 内部: not in the public edition

    @property
    def renamed(self) -> bool:
        return bool(self.recorded_indicator) and self.recorded_indicator != self.indicator

    @property
    def converted(self) -> bool:
        return bool(self.recorded_unit) and self.recorded_unit != self.unit

    @property
    def place(self) -> str:
        """Where the row is, for messages: "metrics/energy.csv 第 3 行"."""
        return f"{self.file} 第 {self.line} 行"


@dataclass(frozen=True)
class MetricBlank:
    """A row of a metrics CSV whose value is still empty (as `nianjian new` writes next year's
    rows): not a number of any page, but a number a department is to fill in."""

    year: int
    area: str
    indicator: str
    unit: str
    note: str
    sample: bool
    file: str
    line: int
    internal: bool = False


@dataclass(frozen=True)
class Indicator:
    """An entry of the indicator registry (site.yaml `indicators`): one series across years."""

    key: str
    area: str
    name: str  # the display name; rows under a former name join this series
    unit: str  # the display unit; rows in a convertible unit are converted to it
    former_names: tuple[str, ...] = ()
    line: int | None = None  # where site.yaml lists it, for messages


@dataclass(frozen=True)
class Editorial:
    """编者信息 and 编辑说明 of the 年鉴 (site.yaml `editorial`)."""

    committee: tuple[str, ...] = ()  # 编委会, a line each: “主任：张三”
    chief_editor: str = ""
    editors: tuple[str, ...] = ()
    office: str = ""  # 承编单位
    date: str = ""  # 编成日期, 2025-03
    notice: str = "内部资料　注意保存"
    notes: str = ""  # 编辑说明 (Markdown)
    credits: bool = True  # each planned part ends with its 撰稿 line: （撰稿：物业科 张某）

    @property
    def given(self) -> bool:
        return bool(self.committee or self.chief_editor or self.editors or self.office or self.notes)


@dataclass(frozen=True)
class AcceptedFinding:
    """A finding of the secrecy check an editor accepted: the exact text found, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class SecrecySettings:
    """site.yaml `secrecy` (nianjian/check/secrecy.py)."""

    words: tuple[str, ...] = ("涉密", "秘密", "机密", "绝密")
    staff: tuple[str, ...] = ()  # names not to appear in the public edition
    accepted: tuple[AcceptedFinding, ...] = ()


@dataclass(frozen=True)
class Unit:
    """A department (供稿单位) and its reviewers on the forge (site.yaml `units`)."""

    name: str
    reviewers: tuple[str, ...] = ()  # @user or @org/team
    office: bool = False  # the office (编辑部) reviews all the data


@dataclass(frozen=True)
class SiteSettings:
    organization: str
    title: str
    description: str
    areas: tuple[Area, ...]
    key_indicators: tuple[tuple[str, str], ...]  # (area, indicator); empty means all
    indicators: tuple[Indicator, ...] = ()
    document: DocumentFields = DocumentFields()  # the formal editions' defaults
    letterhead: str = ""  # 发文机关标志 of the formal editions' red head; "" prints none
    images: tuple[str, ...] = ()  # pictures the description shows, under data/ (sources/…)
    editorial: Editorial = Editorial()
    secrecy: SecrecySettings = SecrecySettings()
    units: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Archive:
    """Everything under data/, validated: the one input of every renderer."""

    site: SiteSettings
    years: tuple[YearRecord, ...]  # ascending by year
    metrics: tuple[MetricRow, ...]
    metric_blanks: tuple[MetricBlank, ...] = ()  # rows still to be filled in (组稿: 待填写)
    sources: dict[str, bytes] = field(default_factory=dict)  # path under data/ -> file content
    photo_files: dict[str, Path] = field(default_factory=dict)  # path under data/ -> the checked file, read when rendered
    # Attachments and files the texts link to: path under data/ -> the checked file, copied as is.
    copied_files: dict[str, Path] = field(default_factory=dict)
    search_words: tuple[str, ...] = ()  # the agency's terms (data/search-words.txt), also index terms
    public: bool = False  # the public edition (公开版): nothing marked 内部 (nianjian/check/edition.py)

    @cached_property
    def _areas_by_key(self) -> dict[str, Area]:
        return {area.key: area for area in self.site.areas}

    def area(self, key: str) -> Area:
        return self._areas_by_key[key]

    def year(self, year: int) -> YearRecord:
        return next(record for record in self.years if record.year == year)
