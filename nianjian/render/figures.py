"""The key-figures table: value, unit, the year before and the change, readable in print."""

from __future__ import annotations

from nianjian.indicators import KeyFigure
from nianjian.model import Archive
from nianjian.render.text import cell, format_number, html_table, sample_badge


def change_text(figure: KeyFigure) -> str:
    """“▲ +3.2%” / “▼ −1.5%” / “持平”: arrow and sign, so it reads without colour."""
    if figure.change is None:
        return "无上年数据"
    if figure.change == 0:
        return "— 持平"
    arrow = "▲" if figure.change > 0 else "▼"
    percent = f"（{figure.change_percent:+.1f}%）" if figure.change_percent is not None else ""
    return f"{arrow} {format_number(figure.change, signed=True)}{percent}"


def key_figures_table(archive: Archive, figures: list[KeyFigure]) -> str:
    if not figures:
        return '<p class="nj-empty">这一年没有统计数据。</p>\n'
    year = figures[0].year
    rows = []
    for figure in figures:
        direction = "up" if (figure.change or 0) > 0 else "down" if (figure.change or 0) < 0 else "flat"
        badge = f" {sample_badge()}" if figure.sample else ""
        rows.append(
            [
                cell(archive.area(figure.area).name),
                cell(figure.indicator) + badge,
                f'<span class="nj-number">{cell(format_number(figure.value))}</span>',
                cell(figure.unit),
                cell(format_number(figure.previous)) if figure.previous is not None else "—",
                f'<span class="nj-change nj-change-{direction}">{cell(change_text(figure))}</span>',
            ]
        )
    return html_table(
        ["领域", "指标", f"{year}年", "单位", f"{year - 1}年", "同比变化"], rows, css_class="nj-table nj-key-figures"
    ) + "\n"
