"""Read the editors' files: text encoding, YAML with line numbers, CSV rows with line numbers.

Nothing here knows what a year record means; it only turns bytes into values and
remembers where each value came from, so later checks can name the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nianjian.errors import DataError

FieldPath = tuple[str | int, ...]


def field_name(path: FieldPath) -> str:
    """("achievements", 2, "area") -> "achievements[2].area"."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass
class YamlDocument:
    """A parsed YAML file plus the line/column where each field path starts."""

    file: str
    data: object
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: FieldPath) -> tuple[int | None, int | None]:
        """Line and column of a field, or of its nearest parent that has one."""
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (None, None)
            path = path[:-1]

    def error(self, path: FieldPath, message: str, hint: str = "") -> DataError:
        line, column = self.position(path)
        return DataError(self.file, line, column, field_name(path), message, hint)


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str]


@dataclass
class CsvDocument:
    file: str
    header: list[str]
    rows: list[CsvRow]


def decode_bytes(raw: bytes) -> tuple[str | None, str, int]:
    """(text with LF line ends, encoding name in Chinese, offset of the first bad byte).
    Text is None when the bytes are not UTF-8; the name then says what they look like."""
    if raw.startswith(b"\xef\xbb\xbf"):
        name = "UTF-8（带 BOM）"
    else:
        name = "UTF-8"
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n"), name, -1
    except UnicodeDecodeError as exc:
        try:
            raw.decode("gb18030")
            return None, "GBK/GB18030", exc.start
        except UnicodeDecodeError:
            return None, "无法识别的编码", exc.start


def read_text(path: Path, shown_as: str) -> tuple[str | None, list[DataError]]:
    """Decode a data file as UTF-8 (a BOM is fine); name GBK/GB18030 files with the fix."""
    raw = path.read_bytes()
    text, encoding, bad_offset = decode_bytes(raw)
    if text is not None:
        return text, []
    found = "GBK/GB18030 编码（常见于 Windows 记事本、WPS 或 Excel 另存的文件）" if encoding == "GBK/GB18030" else encoding
    return None, [
        DataError(
            shown_as,
            raw[:bad_offset].count(b"\n") + 1,
            None,
            "",
            f"文件不是 UTF-8 编码，检测为 {found}",
            "用 VS Code 打开后点右下角的编码，选“通过编码保存 → UTF-8”；"
            "或运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件",
        )
    ]


# libyaml's parser when the wheel has it (about 10× faster); both report line and column.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# English problems from PyYAML (pure Python) and libyaml, by their opening words.
_YAML_PROBLEMS_ZH = {
    "mapping values are not allowed": ("这里不能出现冒号", "值里含有英文冒号“:”时，请给整个值加上引号"),
    "could not find expected ':'": ("缺少冒号", "每个字段写成“字段名: 值”，检查这一行和上一行"),
    "found character '\\t' that cannot start any token": ("使用了 Tab 缩进", "YAML 只能用空格缩进，请把 Tab 换成空格"),
    "found a tab character": ("使用了 Tab 缩进", "YAML 只能用空格缩进，请把 Tab 换成空格"),
    "found character that cannot start any token": ("有无法识别的字符（常见原因是 Tab 缩进或 @、` 开头的值）", "缩进只用空格；以 @ 或 ` 开头的值请加引号"),
    "found unexpected end of stream": ("引号或括号没有配对", "检查引号是否成对出现"),
    "did not find expected key": ("缩进不对齐", "同一层的字段要对齐到同一列"),
    "did not find expected '-' indicator": ("列表项缩进不对齐", "同一列表的各项“- ”要对齐到同一列"),
    "expected <block end>, but found '-'": ("列表项缩进不对齐", "同一列表的各项“- ”要对齐到同一列"),
    "found undefined alias": ("引用了未定义的锚点（*名称）", "去掉 *，或先用 &名称 定义"),
}


def _yaml_syntax_error(shown_as: str, exc: yaml.YAMLError) -> DataError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    for english, (chinese, hint) in _YAML_PROBLEMS_ZH.items():
        if problem.startswith(english):
            message, advice = f"YAML 格式错误：{chinese}（{problem}）", hint
            break
    else:
        message = f"YAML 格式错误（{problem}）"
        advice = "检查这一行及上一行的缩进、冒号和引号"
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return DataError(shown_as, line, column, "", message, advice)


def _scalar_value(constructor: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    value = constructor.construct_object(node, deep=True)
    # Dates stay as the text the editor typed; the schema checks their shape.
    if isinstance(value, (dt.date, dt.datetime)):
        return node.value
    return value


def parse_yaml(text: str, shown_as: str) -> tuple[YamlDocument | None, list[DataError]]:
    """Parse YAML keeping positions; duplicate keys are errors (PyYAML would keep the last)."""
    try:
        root = yaml.compose(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        return None, [_yaml_syntax_error(shown_as, exc)]
    if root is None:
        return None, [DataError(shown_as, 1, None, "", "文件是空的", "参照 data/years/ 里已有的文件填写")]

    document = YamlDocument(shown_as, None)
    errors: list[DataError] = []
    constructor = yaml.SafeLoader("")

    def convert(node: yaml.Node, path: FieldPath) -> object:
        if isinstance(node, yaml.MappingNode):
            mapping: dict[str, object] = {}
            for key_node, value_node in node.value:
                key = str(_scalar_value(constructor, key_node)) if isinstance(key_node, yaml.ScalarNode) else "?"
                child = path + (key,)
                position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in mapping:
                    first_line = document.positions[child][0]
                    errors.append(
                        DataError(
                            shown_as, position[0], position[1], field_name(child),
                            f"字段 `{key}` 重复出现（第一次在第 {first_line} 行）",
                            "删除其中一个；YAML 里同一层的字段名不能重复",
                        )
                    )
                    continue
                document.positions[child] = position
                mapping[key] = convert(value_node, child)
            return mapping
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item_node in enumerate(node.value):
                document.positions[path + (index,)] = (item_node.start_mark.line + 1, item_node.start_mark.column + 1)
                items.append(convert(item_node, path + (index,)))
            return items
        try:
            return _scalar_value(constructor, node)
        except yaml.YAMLError as exc:
            errors.append(document.error(path, f"无法识别的值 {node.value!r}（{getattr(exc, 'problem', exc)}）", "去掉 ! 开头的标记"))
            return None

    document.positions[()] = (root.start_mark.line + 1, root.start_mark.column + 1)
    document.data = convert(root, ())
    return document, errors


def parse_csv(text: str, shown_as: str) -> tuple[CsvDocument | None, list[DataError]]:
    """Split CSV text into rows keyed by header, remembering each row's line number."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return None, [DataError(shown_as, 1, None, "", "文件是空的", "第一行应为表头")]
    except csv.Error as exc:
        return None, [DataError(shown_as, 1, None, "", f"CSV 格式错误（{exc}）", "检查引号是否成对")]
    document = CsvDocument(shown_as, header, [])
    errors: list[DataError] = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            line = reader.line_num
            if len(cells) != len(header):
                errors.append(
                    DataError(
                        shown_as, line, None, "",
                        f"这一行有 {len(cells)} 列，表头有 {len(header)} 列",
                        "值里含有英文逗号时，请给这个值加上英文双引号",
                    )
                )
                continue
            document.rows.append(CsvRow(line, {name: cell.strip() for name, cell in zip(header, cells)}))
    except csv.Error as exc:
        errors.append(DataError(shown_as, reader.line_num, None, "", f"CSV 格式错误（{exc}）", "检查引号是否成对"))
    return document, errors
