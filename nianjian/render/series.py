"""The metric rows as series: one indicator's values by year, and what the tables say about them
(a former name, a converted unit). Grouped once per build with pandas; pages only slice tuples."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nianjian.model import Archive, MetricRow
from nianjian.render.text import format_number


@dataclass(frozen=True)
class Series:
    """One indicator's values by year, ascending, in its display unit."""

    area: str
    indicator: str
    unit: str
    years: tuple[int, ...]
    values: tuple[float, ...]
    samples: tuple[bool, ...]
    notes: tuple[str, ...] = ()  # renames and conversions, said under every table of these numbers

    def value_in(self, year: int) -> tuple[float, bool] | None:
        """(value, sample) of `year`, or None when not recorded."""
        if year not in self.years:
            return None
        index = self.years.index(year)
        return self.values[index], self.samples[index]


def metrics_frame(archive: Archive) -> pd.DataFrame:
    """All metric rows as one long table, built once per build."""
    columns = ["year", "area", "indicator", "unit", "value", "sample"]
    return pd.DataFrame(
        [(row.year, row.area, row.indicator, row.unit, row.value, row.sample) for row in archive.metrics],
        columns=columns,
    )


def row_notes(rows: list[MetricRow]) -> tuple[str, ...]:
    """What the CSV rows said where it differs from what is shown: “2022年原名“就餐人数””,
    “2021年原始记录为 1,658,000 千瓦时，已换算为 165.8 万千瓦时”."""
    notes = []
    for row in sorted(rows, key=lambda row: row.year):
        if row.renamed:
            notes.append(f"{row.year}年的“{row.indicator}”原记为“{row.recorded_indicator}”（同一指标改名）。")
        if row.converted and row.recorded_value is not None:
            notes.append(
                f"{row.year}年原始记录为 {format_number(row.recorded_value)} {row.recorded_unit}，"
                f"已换算为 {format_number(row.value)} {row.unit}。"
            )
    return tuple(notes)


def metric_series(archive: Archive, frame: pd.DataFrame) -> dict[tuple[str, str], Series]:
    """Every (area, indicator) as a Series."""
    rows_of: dict[tuple[str, str], list[MetricRow]] = {}
    for row in archive.metrics:
        rows_of.setdefault((row.area, row.indicator), []).append(row)
    series = {}
    for (area, indicator), rows in frame.sort_values("year").groupby(["area", "indicator"], sort=False):
        series[(area, indicator)] = Series(
            area=area,
            indicator=indicator,
            unit=str(rows["unit"].iloc[0]),
            years=tuple(int(y) for y in rows["year"]),
            values=tuple(float(v) for v in rows["value"]),
            samples=tuple(bool(s) for s in rows["sample"]),
            notes=row_notes(rows_of[(area, indicator)]),
        )
    return series
