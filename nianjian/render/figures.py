"""Key-figure cards: value, unit, change against the year before and a small trend line.

The change is written with an arrow and a sign (▲ +3 / ▼ -60), so it reads the same in
print, in dark mode and for colour-blind readers; colour only repeats it."""

from __future__ import annotations

from nianjian.indicators import KeyFigure
from nianjian.model import Archive
from nianjian.render.charts import Series
from nianjian.render.text import cell, format_number, sample_badge

_SPARK_WIDTH, _SPARK_HEIGHT, _SPARK_YEARS = 120, 32, 10


def change_text(figure: KeyFigure) -> str:
    """“▲ +3.2%” / “▼ −1.5%” / “持平”: arrow and sign, so it reads without colour."""
    if figure.change is None:
        return "无上年数据"
    if figure.change == 0:
        return "— 持平"
    arrow = "▲" if figure.change > 0 else "▼"
    percent = f"（{figure.change_percent:+.1f}%）" if figure.change_percent is not None else ""
    # A real value compared with a sample one: the change is not a real change, the value is.
    against_sample = "，对比值为示例数据" if figure.previous_sample and not figure.sample else ""
    return f"{arrow} {format_number(figure.change, signed=True)}{percent}{against_sample}"


def sparkline(series: Series | None, year: int) -> str:
    """An inline SVG trend line of the years up to `year`: drawn at build time, prints as is."""
    if series is None:
        return ""
    points = [(y, v) for y, v in zip(series.years, series.values) if y <= year][-_SPARK_YEARS:]
    if len(points) < 2:
        return ""
    low, high = min(v for _, v in points), max(v for _, v in points)
    span = (high - low) or 1
    step = (_SPARK_WIDTH - 8) / (len(points) - 1)
    coordinates = [
        (4 + index * step, _SPARK_HEIGHT - 4 - (value - low) / span * (_SPARK_HEIGHT - 8)) for index, (_, value) in enumerate(points)
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
    last_x, last_y = coordinates[-1]
    label = f"{points[0][0]}–{points[-1][0]}年走势：" + "、".join(format_number(v) for _, v in points)
    return (
        f'<svg class="nj-spark" viewBox="0 0 {_SPARK_WIDTH} {_SPARK_HEIGHT}" width="{_SPARK_WIDTH}" height="{_SPARK_HEIGHT}" '
        f'role="img" aria-label="{cell(label)}"><title>{cell(label)}</title>'
        f'<polyline points="{line}" fill="none" stroke="currentColor" stroke-width="1.5"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.5" fill="currentColor"/></svg>'
    )


def key_figure_cards(archive: Archive, figures: list[KeyFigure], series: dict[tuple[str, str], Series]) -> str:
    if not figures:
        return '<p class="nj-empty">这一年没有统计数据。</p>\n'
    cards = []
    for figure in figures:
        direction = "up" if (figure.change or 0) > 0 else "down" if (figure.change or 0) < 0 else "flat"
        badge = f" {sample_badge()}" if figure.sample else ""
        previous = f"{figure.year - 1}年 {format_number(figure.previous)}" if figure.previous is not None else ""
        cards.append(
            '<div class="nj-card">'
            f'<div class="nj-card-name">{cell(archive.area(figure.area).name)} · {cell(figure.indicator)}{badge}</div>'
            f'<div class="nj-card-value"><span class="nj-number">{cell(format_number(figure.value))}</span> '
            f'<span class="nj-unit">{cell(figure.unit)}</span></div>'
            f'<div class="nj-change nj-change-{direction}">{cell(change_text(figure))}</div>'
            f'<div class="nj-card-previous">{cell(previous)}</div>'
            f"{sparkline(series.get((figure.area, figure.indicator)), figure.year)}"
            "</div>"
        )
    return f'<div class="nj-cards" role="list" aria-label="{figures[0].year}年主要指标">' + "".join(cards) + "</div>\n"
