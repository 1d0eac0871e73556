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


def _item_lines(fields: tuple[tuple[str, str], ...], dash: int) -> str:
    """A new block list item of these fields, its dash at column `dash`, without a final line break."""
    return "\n".join(
        " " * dash + ("- " if index == 0 else "  ") + f"{key}: {scalar_text(value, dash + 4)}" for index, (key, value) in enumerate(fields)
    )


# A new list item: (the list's path, the index of the item it follows or None for a list that is
# empty or absent, its fields).
NewItem = tuple[FieldPath, int | None, tuple[tuple[str, str], ...]]


def with_values(
    text: str, document: YamlDocument, values: dict[FieldPath, str],
    removed: tuple[FieldPath, ...] = (), added: tuple[NewItem, ...] = (),
) -> str:
    """The file's text with each path's scalar replaced by its new value (a field an item lacks is
    added as its last line), the list items at `removed` deleted (their lines), and the `added`
    items written: after the item they follow at its indentation, in place of an empty `[]`, or
    for a top-level list the file lacks, at the end of the file under its key."""
    edits = []
    for path, value in values.items():
        if path not in document.spans:  # a field the item does not have yet
            _, end, dash = _item_block(text, document.spans[path[:-1]][0])
            edits.append((end, end, " " * (dash + 2) + f"{path[-1]}: {scalar_text(value, dash + 4)}\n"))
            continue
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
    first_items: dict[FieldPath, list[tuple[tuple[str, str], ...]]] = {}
    for list_path, after, fields in added:
        if after is None:
            first_items.setdefault(list_path, []).append(fields)
            continue
        _, end, dash = _item_block(text, document.spans[(*list_path, after)][0])
        edits.append((end, end, _item_lines(fields, dash) + "\n"))
    for list_path, items in first_items.items():
        if document.value_at(list_path) == [] and list_path in document.spans:  # `key: []`: the block list takes the brackets' place
            start, end = document.spans[list_path]
            while start > 0 and text[start - 1] == " ":
                start -= 1
            dash = document.positions[list_path][1] - 1 + 2
            edits.append((start, end, "\n" + "\n".join(_item_lines(fields, dash) for fields in items)))
        elif len(list_path) == 1 and list_path[0] not in (document.data or {}):
            ending = "" if text.endswith("\n") or not text else "\n"
            block = "\n".join(_item_lines(fields, 2) for fields in items)
            edits.append((len(text), len(text), f"{ending}{list_path[0]}:\n{block}\n"))
        else:
            raise EditFailed(f"{document.file} 的 {list_path[-1]} 既不是列表也不是空列表，无法加入新的一项")
    # From the end, so earlier offsets stay right; of edits at one place the later is applied
    # first, so each lands after those listed before it (an added field, then a new item).
    ordered = sorted(enumerate(edits), key=lambda numbered: (numbered[1][0], numbered[1][1], numbered[0]), reverse=True)
    for _, (start, end, new) in ordered:
        text = text[:start] + new + text[end:]
    reread, errors = parse_yaml(text, document.file)
    # With items removed or added the paths after them move: the caller compares the new data.
    moved = bool(removed or added)
    if reread is None or errors or (not moved and any(reread.value_at(path) != value for path, value in values.items())):
        raise EditFailed(f"{document.file} 修改后读不回原样")
    return text
