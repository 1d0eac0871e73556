"""Edits of a metrics CSV that change, remove or add whole rows and leave every other line of the
file byte for byte (its BOM, line ends, quoting and comments-by-position): a metric row is one
physical line (read/documents.py `parse_csv` refuses a record spanning lines), so a row is
addressed by its line number as the check reports it."""

from __future__ import annotations

import csv
import io
import re

from nianjian.check.metrics import METRIC_COLUMNS

_BOM = "\ufeff"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _lines(text: str) -> list[str]:
    """The text's lines with their own line ends (the last may have none)."""
    return [line for line in _LINE.findall(text) if line]


def _cells(line: str) -> list[str]:
    return next(csv.reader([line.rstrip("\r\n")]), [])


def _joined(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def _line_end(lines: list[str]) -> str:
    """The file's own line end, from its header."""
    first = lines[0] if lines else ""
    return "\r\n" if first.endswith("\r\n") else "\r" if first.endswith("\r") else "\n"


def new_metric_file(rows: list[dict[str, str]]) -> str:
    """A new metrics CSV of these rows, with the standard header."""
    return "\n".join(_joined(line) for line in [METRIC_COLUMNS, *([row.get(name, "") for name in METRIC_COLUMNS] for row in rows)]) + "\n"


def edited_csv(text: str, changed: dict[int, dict[str, str]], removed: set[int], added: dict[int, list[dict[str, str]]]) -> str:
    """The CSV text with the rows at line numbers `changed` given new values for some columns,
    those at `removed` deleted, and for each line number of `added` new rows (column -> value)
    written after it (0: after the last line). Columns a new row does not name stay empty."""
    bom = _BOM if text.startswith(_BOM) else ""
    lines = _lines(text[len(bom):])
    header = [name.strip() for name in _cells(lines[0])] if lines else []
    end = _line_end(lines)
    after = {number: rows for number, rows in added.items() if number}
    if added.get(0):
        after.setdefault(len(lines), []).extend(added[0])
    out = []
    for number, line in enumerate(lines, start=1):
        if number in changed:
            cells = _cells(line)
            for name, value in changed[number].items():
                cells[header.index(name)] = value
            line = _joined(cells) + line[len(line.rstrip("\r\n")):]
        if number in after and not line.endswith(("\n", "\r")):
            line += end  # the last line, unended: rows follow it now
        if number not in removed:
            out.append(line)
        out += [_joined([row.get(name, "") for name in header]) + end for row in after.get(number, [])]
    return bom + "".join(out)
