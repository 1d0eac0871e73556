"""Figures derived from the metric rows: a year's key figures and their change."""

from __future__ import annotations

from dataclasses import dataclass

from nianjian.facts.units import format_number
from nianjian.model import Archive, MetricRow


# The change's arrow by direction: it reads without colour, in print and for colour-blind
# readers; colour (nianjian.css .nj-change-up/down) only repeats it.
ARROWS = {"up": "▲", "down": "▼", "flat": "—"}
PERCENT_DECIMALS = 1


@dataclass(frozen=True)
class Change:
    """From one number to another (a year and the year before, or any two years compared): the
    difference, and its percent of the earlier number. The one rule every page, chart and
    download uses; compare.js receives it as data (rule_for_scripts) and a browser test holds
    its arithmetic to this."""

    before: float | None
    after: float | None

    @property
    def difference(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def percent(self) -> float | None:
        if self.difference is None or self.before == 0:
            return None
        return self.difference / abs(self.before) * 100

    @property
    def direction(self) -> str:
        difference = self.difference or 0
        return "up" if difference > 0 else "down" if difference < 0 else "flat"

    def signed_text(self, divisor: float = 1.0) -> str:
        """“+3.2”, “-120”, “0”: the difference (in units of `divisor`) with its sign."""
        assert self.difference is not None
        rounded = round(self.difference / divisor, 2)
        return format_number(rounded, signed=True) if rounded else "0"  # no sign on nothing (nor −0)

    def arrow_text(self, divisor: float = 1.0) -> str:
        """“▲ +3.2”, “▼ -120”, “— 0”."""
        return f"{ARROWS[self.direction]} {self.signed_text(divisor)}"

    def percent_text(self) -> str | None:
        """“+66.7%”, or None where there is no percent (nothing to compare, or from zero)."""
        return None if self.percent is None else format_percent(self.percent)


def format_percent(percent: float) -> str:
    """+66.7%: a change in percent, signed, to PERCENT_DECIMALS."""
    return f"{percent:+.{PERCENT_DECIMALS}f}%"


def rule_for_scripts() -> dict[str, object]:
    """What compare.js needs to write a change as Change does (its data-change-rule)."""
    return {"arrows": ARROWS, "percentDecimals": PERCENT_DECIMALS, "numberDecimals": 2}


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
    def against_previous(self) -> Change:
        return Change(self.previous, self.value)

    @property
    def change(self) -> float | None:
        return self.against_previous.difference

    @property
    def change_percent(self) -> float | None:
        return self.against_previous.percent


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
