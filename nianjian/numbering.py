"""Chinese outline numbering: 一、 → （一） → 1、 → （1） → ①, by depth."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ""
    if tens:
        text = ("" if tens == 1 else _DIGITS[tens]) + "十"
    if ones:
        text += _DIGITS[ones]
    return text


def circled_number(n: int) -> str:
    """1 → ① … 20 → ⑳; beyond that fall back to (21)."""
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})"


def outline_marker(depth: int, position: int) -> str:
    """The marker of the `position`-th (1-based) heading at `depth` (0 = top level)."""
    if depth == 0:
        return f"{chinese_numeral(position)}、"
    if depth == 1:
        return f"（{chinese_numeral(position)}）"
    if depth == 2:
        return f"{position}、"
    if depth == 3:
        return f"（{position}）"
    return circled_number(position)
