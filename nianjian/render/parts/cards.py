"""Key-figure cards: value, unit, change against the year before and a small trend line,
as typed Card objects rendered by templates/cards.html.

The change is written with an arrow and a sign (▲ +3 / ▼ -60), so it reads the same in
print, in dark mode and for colour-blind readers; colour only repeats it. Big values are
written with 万/亿 as a report would (1.23 亿元); the tables keep full digits."""

from __future__ import annotations

from dataclasses import dataclass

from nianjian.facts.key_figures import ARROWS, KeyFigure
from nianjian.model import Archive
from nianjian.facts.series import Series
from nianjian.render.parts.templating import html_block
from nianjian.facts.units import format_number
from nianjian.facts.units import readable_unit

_SPARK_WIDTH, _SPARK_HEIGHT, _SPARK_YEARS = 120, 32, 10


@dataclass(frozen=True)
class Sparkline:
    """An inline SVG trend line, drawn at build time so it prints as is."""

    points: str  # "x,y x,y …" in the 120 × 32 box
    last: tuple[float, float]
    label: str  # what a screen reader says: “2020–2024年走势：…”
    width: int = _SPARK_WIDTH
    height: int = _SPARK_HEIGHT


@dataclass(frozen=True)
class Card:
    name: str  # “节能 · 用电量”
    value: str  # “165.8”
    unit: str
    change: str  # “▲ +3（+1.8%）”
    direction: str  # up / down / flat: colour only repeats the arrow
    previous: str  # “2023年 162.8”
    sample: bool  # the value shown is sample data
    previous_sample: bool  # the value compared against is sample data
    sparkline: Sparkline | None


def change_text(figure: KeyFigure, divisor: float = 1.0) -> str:
    """“▲ +3.2（+1.8%）” / “▼ −1.5” / “— 持平”: arrow and sign, so it reads without colour."""
    change = figure.against_previous
    if change.difference is None:
        return "无上年数据"
    if change.direction == "flat":
        return f"{ARROWS['flat']} 持平"
    percent = f"（{change.percent_text()}）" if change.percent is not None else ""
    # A real value compared with a sample one: the change is not a real change, the value is.
    against_sample = "，对比值为示例数据" if figure.previous_sample and not figure.sample else ""
    return f"{change.arrow_text(divisor)}{percent}{against_sample}"


def sparkline(series: Series | None, year: int) -> Sparkline | None:
    if series is None:
        return None
    points = series.up_to(year, _SPARK_YEARS)
    if len(points) < 2:
        return None
    low, high = min(v for _, v in points), max(v for _, v in points)
    span = (high - low) or 1
    step = (_SPARK_WIDTH - 8) / (len(points) - 1)
    coordinates = [
        (4 + index * step, _SPARK_HEIGHT - 4 - (value - low) / span * (_SPARK_HEIGHT - 8)) for index, (_, value) in enumerate(points)
    ]
    label = f"{points[0][0]}–{points[-1][0]}年走势：" + "、".join(format_number(v) for _, v in points) + f" {series.unit}"
    last_x, last_y = coordinates[-1]
    return Sparkline(" ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates), (round(last_x, 1), round(last_y, 1)), label)


def card(archive: Archive, figure: KeyFigure, series: Series | None) -> Card:
    divisor, unit = readable_unit(figure.value, figure.unit)
    previous = ""
    if figure.previous is not None:
        previous = f"{figure.year - 1}年 {format_number(round(figure.previous / divisor, 2))}" + ("（示例数据）" if figure.previous_sample else "")
    return Card(
        name=f"{archive.area(figure.area).name} · {figure.indicator}",
        value=format_number(round(figure.value / divisor, 2)),
        unit=unit,
        change=change_text(figure, divisor),
        direction=figure.against_previous.direction,
        previous=previous,
        sample=figure.sample,
        previous_sample=figure.previous_sample,
        sparkline=sparkline(series, figure.year),
    )


def cards_of(archive: Archive, figures: list[KeyFigure], series: dict[tuple[str, str], Series]) -> tuple[Card, ...]:
    return tuple(card(archive, figure, series.get((figure.area, figure.indicator))) for figure in figures)


def cards_html(cards: tuple[Card, ...], year: int) -> str:
    return html_block("cards.html", cards=cards, year=year)


def key_figure_cards(archive: Archive, figures: list[KeyFigure], series: dict[tuple[str, str], Series]) -> str:
    return cards_html(cards_of(archive, figures, series), figures[0].year if figures else 0)
