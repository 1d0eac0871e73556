"""Units of measure: which units convert into each other, and how a report writes numbers
(1,234 and 12.35; 万 and 亿 for big ones).

A unit belongs to a family of units that differ only by a factor (元, 千元, 万元, 亿元). Any unit
we do not list (场, 件, 次, 人次 …) forms its own family with the Chinese magnitude prefixes
万 and 亿 in front of it, so 万件 converts to 件 without being listed.
"""

from __future__ import annotations

# unit -> (family, factor to the family's base unit)
_LISTED: dict[str, tuple[str, float]] = {
    "元": ("元", 1), "千元": ("元", 1e3), "万元": ("元", 1e4), "百万元": ("元", 1e6), "亿元": ("元", 1e8),
    "千瓦时": ("千瓦时", 1), "度": ("千瓦时", 1), "兆瓦时": ("千瓦时", 1e3), "万千瓦时": ("千瓦时", 1e4),
    "亿千瓦时": ("千瓦时", 1e8),
    "克": ("千克", 1e-3), "千克": ("千克", 1), "公斤": ("千克", 1), "吨": ("千克", 1e3), "万吨": ("千克", 1e7),
    "升": ("升", 1), "立方米": ("升", 1e3), "万立方米": ("升", 1e7),
    "平方米": ("平方米", 1), "万平方米": ("平方米", 1e4),
}
_PREFIXES = {"万": 1e4, "亿": 1e8}
_NOT_SCALED = {"%", "‰", "℃", "分", "个百分点"}  # ratios and scores: 万 in front makes no sense


def unit_family(unit: str) -> tuple[str, float]:
    """(family, factor to its base unit): 万人次 -> (人次, 1e4); 吨 -> (千克, 1000)."""
    if unit in _LISTED:
        return _LISTED[unit]
    if len(unit) > 1 and unit[0] in _PREFIXES:
        return unit[1:], _PREFIXES[unit[0]]
    return unit, 1.0


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """`value` in `from_unit` expressed in `to_unit`, or None when the units do not convert."""
    if from_unit == to_unit:
        return value
    (family, factor), (to_family, to_factor) = unit_family(from_unit), unit_family(to_unit)
    if family != to_family:
        return None
    converted = value * factor / to_factor if factor >= to_factor else value / (to_factor / factor)
    # 12 significant digits: 0.076 万次 is 760 次, not 760.0000000000001.
    return float(f"{converted:.12g}")


def _larger_units(unit: str) -> list[tuple[str, float]]:
    """The 万/亿 units above `unit` in its family, with their size relative to `unit`."""
    if unit in _NOT_SCALED:
        return []
    family, factor = unit_family(unit)
    if any(name_family == family for name_family, _ in _LISTED.values()):
        candidates = [(name, size) for name, (name_family, size) in _LISTED.items() if name_family == family and name[0] in _PREFIXES]
    else:
        candidates = [(prefix + family, size) for prefix, size in _PREFIXES.items()]
    return sorted(((name, size / factor) for name, size in candidates if size > factor), key=lambda item: item[1])


def readable_unit(largest: float, unit: str) -> tuple[float, str]:
    """(divisor, unit) for writing numbers up to |largest| the way a Chinese report does:
    123,456,789 元 -> 1.23 亿元; 18,200 人次 -> 1.82 万人次; 1,420 件 stays 件."""
    chosen = (1.0, unit)
    for name, size in _larger_units(unit):
        if abs(largest) >= size:
            chosen = (size, name)
    return chosen


def format_number(value: float, *, signed: bool = False) -> str:
    """1234.0 → 1,234; 12.345 → 12.35; signed: +5, −3.2 (whole numbers without decimals)."""
    sign = "+" if signed else ""
    if float(value).is_integer():
        return f"{int(value):{sign},}"
    return f"{value:{sign},.2f}".rstrip("0").rstrip(".")
