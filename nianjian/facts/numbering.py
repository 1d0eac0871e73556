"""Chinese numerals and the outline's markers, defined once: how a heading at each depth is
numbered (一、 → （一） → 1、 → （1） → ①) and how a typed or imported marker is recognised.
The validator and the pages number headings with outline_marker; the importer reads typed
markers with MARKER_PATTERNS and Word's automatic numbering with chinese_number."""

from __future__ import annotations

import re

DIGITS = "零一二三四五六七八九"
CIRCLED = "".join(chr(0x2460 + index) for index in range(20))  # ① … ⑳
_UNITS = ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, ""))
_LARGEST = 99999

# A marker as typed, by depth: Chinese numbers up to 一百二十三 (a section number fits the
# schema), half- or full-width brackets, 1、 or 1. (not a decimal such as 1.5), ① to ⑳.
_CHINESE_NUMBER = "[一二三四五六七八九十百零〇]{1,6}"
MARKER_PATTERNS = [
    (0, f"{_CHINESE_NUMBER}、"),
    (1, f"[（(]{_CHINESE_NUMBER}[）)]"),
    (2, r"\d{1,3}(?:、|[.．](?![0-9]))"),
    (3, r"[（(]\d{1,3}[）)]"),
    (4, f"[{CIRCLED[0]}-{CIRCLED[-1]}]"),
]


def chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 105 → 一百零五, 1010 → 一千零一十, 32767 → 三万二千七百六十七
    (as Word's chineseCounting writes them), for 0 to 99,999."""
    if not 0 <= value <= _LARGEST:
        raise ValueError(f"{value} is beyond the Chinese numbers written here (0–{_LARGEST})")
    if value == 0:
        return DIGITS[0]
    text, zeros = "", False
    for unit, name in _UNITS:
        digit = value // unit % 10
        if not digit:
            zeros = bool(text)  # one 零 stands for any run of zeros inside the number
            continue
        text += ("零" if zeros else "") + DIGITS[digit] + name
        zeros = False
    return text[1:] if text.startswith("一十") else text  # 十二, not 一十二


def circled_number(n: int) -> str:
    """1 → ① … 20 → ⑳; beyond that fall back to (21)."""
    return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else f"({n})"


def outline_marker(depth: int, position: int) -> str:
    """The marker of the `position`-th (1-based) heading at `depth` (0 = top level)."""
    if depth == 0:
        return f"{chinese_number(position)}、"
    if depth == 1:
        return f"（{chinese_number(position)}）"
    if depth == 2:
        return f"{position}、"
    if depth == 3:
        return f"（{position}）"
    return circled_number(position)


def marker_depth(marker: str) -> int | None:
    """The outline level a typed marker stands for (一、 → 0, （一） → 1, 1、 or 1． → 2, （1） → 3,
    ① → 4), whatever depth the heading is nested at; None for any other text."""
    for depth, pattern in MARKER_PATTERNS:
        if re.fullmatch(pattern, marker.strip()):
            return depth
    return None
