"""The metric rows as series: one indicator's values by year, and what the tables say about them
(a former name, a converted unit). Grouped once per build; pages only slice tuples.

Plain Python, not pandas: grouping a few thousand rows takes milliseconds, while importing
pandas took ~0.4 s and ~60 MiB of every build (see the benchmark in the README). The tests
check these series against pandas' own groupby of the same CSV files."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from nianjian.model import Archive, MetricRow
from nianjian.facts.units import format_number


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

    @cached_property
    def _positions(self) -> dict[int, int]:
        """Each year's place in `years`, found once (a page per year looks up its year)."""
        return {year: index for index, year in enumerate(self.years)}

    def has(self, year: int) -> bool:
        return year in self._positions

    def value_in(self, year: int) -> tuple[float, bool] | None:
        """(value, sample) of `year`, or None when not recorded."""
        index = self._positions.get(year)
        return None if index is None else (self.values[index], self.samples[index])

    def up_to(self, year: int, count: int) -> tuple[tuple[int, float], ...]:
        """The last `count` (year, value) pairs up to and including `year`, by bisection (years
        ascend), so a page per year costs the same at 20 years as at 2,000."""
        end = bisect_right(self.years, year)
        start = max(0, end - count)
        return tuple(zip(self.years[start:end], self.values[start:end]))


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


def metric_series(archive: Archive) -> dict[tuple[str, str], Series]:
    """Every (area, indicator) as a Series, in the order the rows first name them."""
    rows_of: dict[tuple[str, str], list[MetricRow]] = {}
    for row in archive.metrics:
        rows_of.setdefault((row.area, row.indicator), []).append(row)
    series = {}
    for (area, indicator), rows in rows_of.items():
        rows = sorted(rows, key=lambda row: row.year)  # validation allows one row per year
        series[(area, indicator)] = Series(
            area=area,
            indicator=indicator,
            unit=rows[0].unit,  # one display unit per indicator, by validation
            years=tuple(row.year for row in rows),
            values=tuple(row.value for row in rows),
            samples=tuple(row.sample for row in rows),
            notes=row_notes(rows),
        )
    return series
