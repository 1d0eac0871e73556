"""Edits of a year file that change one value's text and leave every other byte of the file as it
was (comments, order, quoting, line ends): the value's span comes from the parse
(read/documents.py `YamlDocument.spans`), and the new text is checked by parsing it again."""

from __future__ import annotations

import json
import re

import yaml

from nianjian.read.documents import FieldPath, YamlDocument, parse_yaml

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def _block_safe(value: str) -> bool:
    """Text a `|-` block holds as it is: no tabs or control characters, no line starting with a
    space (it would need an indentation indicator) or ending in one (kept by YAML, unseen by an
    editor), no blank line first or last."""
    lines = value.split("\n")
    return value.strip() != "" and value == value.strip("\n") and not _CONTROL.search(value) and not any(
        line.startswith(" ") or line.endswith(" ") for line in lines
    )


class EditFailed(ValueError):
    """The edited file would not read back as written (a bug of ours: nothing is written)."""


def _plain_safe(value: str) -> bool:
    """A line YAML reads back as this very text without quotes (as editors write most texts)."""
    if not value or value != value.strip() or value[0] in "-?:,[]{}#&*!|>'\"%@`" or ": " in value or " #" in value or _CONTROL.search(value):
        return False
    try:
        return yaml.safe_load(value) == value
    except (yaml.YAMLError, ValueError):  # 2024-02-30 reads as a date that is not on the calendar
        return False


def scalar_text(value: str, indent: int) -> str:
    """`value` as a YAML scalar: a `|-` block, `indent` spaces in, for text of several lines; a
    plain scalar for a line that reads back as itself; else a double-quoted string (JSON's
    quoting is YAML's)."""
    if "\n" in value and _block_safe(value):
        return "|-\n" + "\n".join(" " * indent + line if line else "" for line in value.split("\n"))
    if "\n" not in value and _plain_safe(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _item_block(text: str, start: int) -> tuple[int, int, int]:
    """A block list item's lines: (start of its `- ` line, end of its last non-blank line
    including the line break, the dash's column). Lines belong to it while they are blank or
    indented beyond the dash."""
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start:text.find("\n", line_start) if "\n" in text[line_start:] else len(text)]
    dash = len(line) - len(line.lstrip(" "))
    position = end = text.find("\n", line_start) + 1 if "\n" in text[line_start:] else len(text)
    while position < len(text):
        next_end = text.find("\n", position) + 1 or len(text)
        current = text[position:next_end].rstrip("\n")
        if current.strip() and len(current) - len(current.lstrip(" ")) <= dash:
            break
        if current.strip():
            end = next_end
        position = next_end
    return line_start, end, dash


def with_values(
    text: str, document: YamlDocument, values: dict[FieldPath, str],
    removed: tuple[FieldPath, ...] = (), added: tuple[tuple[FieldPath, tuple[tuple[str, str], ...]], ...] = (),
) -> str:
    """The file's text with each path's scalar replaced by its new value, the list items at
    `removed` deleted (their lines), and for each (item path, fields) of `added` a new item of
    those fields written after that item, at its indentation."""
    edits = []
    for path, value in values.items():
        start, end = document.spans[path]
        old = text[start:end]
        trailing = old[len(old.rstrip("\n")):]  # a block's span ends with its line breaks: keep them
        indent = document.positions[path][1] - 1 + 2  # two spaces in from the value's key
        new = scalar_text(value, indent)
        if new.startswith("|") and not trailing and end < len(text) and text[end] != "\n":
            new += "\n"  # a block must end its line
        edits.append((start, end, new + trailing))
    for path in removed:
        line_start, end, _ = _item_block(text, document.spans[path][0])
        edits.append((line_start, end, ""))
    for path, fields in added:
        _, end, dash = _item_block(text, document.spans[path][0])
        lines = [" " * dash + ("- " if index == 0 else "  ") + f"{key}: {scalar_text(value, dash + 4)}" for index, (key, value) in enumerate(fields)]
        edits.append((end, end, "\n".join(lines) + "\n"))
    for start, end, new in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):  # from the end: earlier offsets stay right
        text = text[:start] + new + text[end:]
    reread, errors = parse_yaml(text, document.file)
    # With items removed or added the paths after them move: the caller compares the new data.
    moved = bool(removed or added)
    if reread is None or errors or (not moved and any(reread.value_at(path) != value for path, value in values.items())):
        raise EditFailed(f"{document.file} 修改后读不回原样")
    return text
