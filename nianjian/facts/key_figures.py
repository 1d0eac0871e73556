"""Figures derived from the metric rows: a year's key figures and their change."""

from __future__ import annotations

from dataclasses import dataclass

from nianjian.model import Archive, MetricRow


@dataclass(frozen=True)
class KeyFigure:
    area: str
    indicator: str
    unit: str
    year: int
    value: float
    previous: float | None  # the same indicator the year before, if recorded
    sample: bool  # this year's number is sample data
    previous_sample: bool = False  # the number compared against is sample data

    @property
    def change(self) -> float | None:
        return None if self.previous is None else self.value - self.previous

    @property
    def change_percent(self) -> float | None:
        if self.previous in (None, 0):
            return None
        return (self.value - self.previous) / abs(self.previous) * 100


def latest_figures_year(index: MetricIndex) -> int | None:
    """The newest year with a key figure: early in a year its report may exist before its
    statistics do, and the home page shows the last year that has them."""
    keys = set(index.keys)
    return max((year for year, area, indicator in index.rows if (area, indicator) in keys), default=None)


def ordered_indicators(archive: Archive) -> list[tuple[str, str]]:
    """(area, indicator) pairs: the site's key indicators if listed, else all, in area order."""
    if archive.site.key_indicators:
        return list(archive.site.key_indicators)
    area_order = {area.key: position for position, area in enumerate(archive.site.areas)}
    seen = dict.fromkeys((row.area, row.indicator) for row in archive.metrics)
    return sorted(seen, key=lambda key: area_order.get(key[0], 0))


@dataclass(frozen=True)
class MetricIndex:
    """The metric rows looked up by (year, area, indicator), and the indicators to feature;
    built once per build."""

    keys: tuple[tuple[str, str], ...]
    rows: dict[tuple[int, str, str], MetricRow]


def index_metrics(archive: Archive) -> MetricIndex:
    return MetricIndex(
        keys=tuple(ordered_indicators(archive)),
        rows={(row.year, row.area, row.indicator): row for row in archive.metrics},
    )


def key_figures(index: MetricIndex, year: int) -> list[KeyFigure]:
    figures = []
    for area, indicator in index.keys:
        current = index.rows.get((year, area, indicator))
        if current is None:
            continue
        before = index.rows.get((year - 1, area, indicator))
        figures.append(
            KeyFigure(
                area=area,
                indicator=indicator,
                unit=current.unit,
                year=year,
                value=current.value,
                previous=before.value if before else None,
                sample=current.sample,
                previous_sample=bool(before and before.sample),
            )
        )
    return figures
