"""Dates as Chinese documents write them, defined once: 2024-01-05 → 2024年1月5日 (a 公文's
成文日期, GB/T 9704-2012 7.3.5: Arabic numerals, the year in full, no leading zeros); a 大事记
entry without its year, 3月12日, or 3月 where only the month is known."""

from __future__ import annotations

import re

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def chinese_date(iso: str) -> str:
    """2024-01-05 → 2024年1月5日, 2024-03 → 2024年3月, 2024 → 2024年; anything else as written."""
    found = _ISO.fullmatch(iso)
    if found is None:
        return iso
    year, month, day = found.groups()
    return f"{year}年" + (f"{int(month)}月" if month else "") + (f"{int(day)}日" if day else "")


def month_day(iso: str) -> str:
    """A 大事记 date within its year: 2025-03-12 → 3月12日, 2025-03 → 3月."""
    written = chinese_date(iso)
    return written.split("年", 1)[1] if "年" in written and written.split("年", 1)[1] else written
