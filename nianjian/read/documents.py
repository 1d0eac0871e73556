"""Read the editors' files: text encoding, YAML with line numbers, CSV rows with line numbers.

Nothing here knows what a year record means; it only turns bytes into values and
remembers where each value came from, so later checks can name the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nianjian.errors import DataError
from nianjian.escaping import XML_FORBIDDEN

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
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)  # of the key or list item
    value_lines: dict[FieldPath, int] = field(default_factory=dict)  # where the value's text starts
    refused: set[FieldPath] = field(default_factory=set)  # values already reported, read as null
    # Where each scalar value's own text, and each list item, is in the file (character offsets,
    # end exclusive): an edit replaces one and leaves every other byte as it was
    # (nianjian/edit/yaml_edit.py).
    spans: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    # Results computed from this document alone (its schema check by kind, nianjian/read/schema.py),
    # kept with it: a process that keeps documents between checks (ParsedFiles) does not redo them.
    derived: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

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

    def error_in_text(self, path: FieldPath, offset: int, message: str, hint: str = "") -> DataError:
        """An error at a character offset inside a text value (a link in a body): the line is
        exact for block text (`|`), the value's first line otherwise."""
        text = self.value_at(path)
        line = self.value_lines.get(path)
        if line is None or not isinstance(text, str):
            return self.error(path, message, hint)
        return DataError(self.file, line + text.count("\n", 0, offset), None, field_name(path), message, hint)

    def value_at(self, path: FieldPath) -> object:
        value = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str]


@dataclass
class CsvDocument:
    file: str
    header: list[str]
    rows: list[CsvRow]


def lf_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(raw: bytes) -> tuple[str | None, str, int]:
    """(text with LF line ends, encoding name in Chinese, offset of the first bad byte).
    Text is None when the bytes are not UTF-8; the name then says what they look like."""
    if raw.startswith(b"\xef\xbb\xbf"):
        name = "UTF-8（带 BOM）"
    else:
        name = "UTF-8"
    try:
        return lf_line_ends(raw.decode("utf-8-sig")), name, -1
    except UnicodeDecodeError as exc:
        try:
            raw.decode("gb18030")
            return None, "GBK/GB18030", exc.start
        except UnicodeDecodeError:
            return None, "无法识别的编码", exc.start


# Far above any real record (the 2024 year file is 10 KB); keeps a mistaken or hostile file
# from costing minutes or gigabytes before it is reported.
MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_CSV_BYTES = 8 * 1024 * 1024
MAX_SOURCE_BYTES = 50 * 1024 * 1024  # an original report (Word files with photos) copied to the site
# What an original report may be. It is copied into the site as it is, so no kind a browser runs
# (.html, .svg) and none MkDocs would render as a page of its own, raw HTML and all (.md).
# Pictures a report's text may show (its Markdown ![…](…)): kept under data/sources/ and copied
# into the site with it. No SVG: a browser runs the scripts in one opened on its own.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
SOURCE_SUFFIXES = (".txt", ".pdf", ".doc", ".docx", ".wps", ".odt", ".rtf", ".ofd", ".xls", ".xlsx", ".et", ".ods", ".csv", ".jpg", ".jpeg", ".png")
# What an editor never means (a copy-paste accident at best): everything XML 1.0 forbids, which
# would break the Word and Excel files, and DEL and the C1 controls, which act on terminals.
CONTROL_CHARACTERS = re.compile(f"{XML_FORBIDDEN.pattern}|[\x7f-\x9f]")
_REPORTED_PER_KIND = 5  # the same problem many times in a file: the first few are enough


def shown_path(data_dir: Path, path: Path) -> str:
    """The path as an editor sees it in the repository: data/years/2024.yaml."""
    return f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"


def outside_data(data_dir: Path, path: Path) -> DataError | None:
    """A symbolic link that leads out of data/ would publish whatever it points to."""
    if data_dir.resolve() in path.resolve().parents:
        return None
    return DataError(shown_path(data_dir, path), None, None, "", "这是指向数据目录以外的链接", "把真正的文件放进 data/，不要用链接")


def read_bytes(path: Path, shown_as: str, limit: int) -> tuple[bytes | None, list[DataError]]:
    """The bytes of a regular file of at most `limit` bytes. A folder, a FIFO (which would block
    forever), a device or an unreadable file is reported instead of read."""

    def refuse(message: str, hint: str) -> tuple[None, list[DataError]]:
        return None, [DataError(shown_as, None, None, "", message, hint)]

    try:
        status = path.stat()
    except OSError as exc:
        return refuse(f"无法读取这个文件（{exc.strerror}）", "检查文件名和文件权限")
    if not stat.S_ISREG(status.st_mode):
        kind = "文件夹" if stat.S_ISDIR(status.st_mode) else "管道或设备文件"
        return refuse(f"这不是普通文件，而是{kind}", "数据目录里只放 .yaml 和 .csv 文件；删除或移走它")
    if status.st_size > limit:
        return refuse(f"文件太大（{status.st_size / 1048576:.1f} MB，上限 {limit / 1048576:.0f} MB）", "检查是否误放了别的文件；一年的记录通常不到 100 KB")
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        return refuse(f"无法读取这个文件（{exc.strerror}）", "检查文件权限")
    if len(raw) > limit:
        return refuse(f"文件太大（上限 {limit / 1048576:.0f} MB）", "检查是否误放了别的文件")
    return raw, []


def control_character_errors(text: str, shown_as: str) -> list[DataError]:
    """Invisible control characters, each with its line and column (YAML's own error gives
    only a character offset)."""
    errors = []
    for match in CONTROL_CHARACTERS.finditer(text):
        if len(errors) == _REPORTED_PER_KIND:
            break
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        errors.append(
            DataError(
                shown_as, line, column, "",
                f"有不可见的控制字符 U+{ord(match.group()):04X}",
                "通常是从别的软件复制来的；删除这个位置的字符（在 VS Code 里会显示为红色小方块）",
            )
        )
    return errors


def read_text(path: Path, shown_as: str, limit: int = MAX_YAML_BYTES) -> tuple[str | None, list[DataError]]:
    """Decode a data file as UTF-8 (a BOM is fine); name GBK/GB18030 files with the fix;
    report control characters by line and column."""
    raw, errors = read_bytes(path, shown_as, limit)
    if raw is None:
        return None, errors
    text, encoding, bad_offset = decode_bytes(raw)
    if text is not None:
        errors = control_character_errors(text, shown_as)
        return (None, errors) if errors else (text, [])
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


def read_data_text(data_dir: Path, path: Path, limit: int) -> tuple[str | None, list[DataError]]:
    """A file under data/ as text: refused when it is a link leading out of data/, else read
    as `read_text` does."""
    if (outside := outside_data(data_dir, path)) is not None:
        return None, [outside]
    return read_text(path, shown_path(data_dir, path), limit)


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
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    # An unclosed quote or bracket is only noticed at the end of the file; the editor needs
    # the line where it was opened, which YAML keeps as the context mark.
    opened_here = context.startswith(("while scanning a quoted scalar", "while parsing a flow"))
    mark = (getattr(exc, "context_mark", None) if opened_here else None) or getattr(exc, "problem_mark", None)
    if context.startswith("while scanning a quoted scalar"):
        message, advice = "YAML 格式错误：从这里开始的引号没有结束", "在文字末尾补上同样的引号（\" 或 '）"
    elif context.startswith("while parsing a flow"):
        message, advice = "YAML 格式错误：从这里开始的方括号或花括号没有结束", "补上对应的 ] 或 }，或改用“- ”列表"
    else:
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


class _ValueRefused(Exception):
    """A scalar that is valid YAML but no value the data can hold; the message is Chinese."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


# An integer of more digits than this is a typing accident (Python refuses to convert one of
# over 4,300 digits at all); the largest figure validation accepts has 16.
_MAX_INTEGER_DIGITS = 20


def _scalar_value(constructor: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    """The value of a scalar as the data may hold it: YAML's escapes are decoded here, so the
    decoded text is checked again for control characters (written as \\x01, \\e, \\0, \\uFFFE)."""
    if node.tag == _MERGE_TAG:
        raise _ValueRefused("不支持 YAML 合并键（<<）", "把要合并的字段直接写在这里")
    if node.tag == "tag:yaml.org,2002:int" and sum(character.isdigit() for character in node.value) > _MAX_INTEGER_DIGITS:
        raise _ValueRefused(f"数字位数太多（{len(node.value)} 位）", "写成普通的数字；多半是多粘贴了内容")
    # Dates stay as the text the editor typed; the schema checks their shape and validation the
    # calendar (PyYAML's own conversion raises a bare ValueError on 2024-02-30).
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value
    try:
        value = constructor.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise _ValueRefused(f"无法识别的值 {node.value[:40]!r}（{getattr(exc, 'problem', exc)}）", "去掉 ! 开头的标记") from None
    # Dates stay as the text the editor typed; the schema checks their shape.
    if isinstance(value, (dt.date, dt.datetime)):
        return node.value
    if isinstance(value, str) and (found := CONTROL_CHARACTERS.search(value)):
        raise _ValueRefused(
            f"有不可见的控制字符 U+{ord(found.group()):04X}（写成了转义，如 \\x01、\\e、\\0）",
            "删除这个转义；文字里不能有控制字符",
        )
    return value


_PLAIN_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_MERGE_TAG = "tag:yaml.org,2002:merge"  # the key `<<`, which copies another mapping in
# Real records nest five outline levels inside a year; deeper means a mistake or an attack.
MAX_YAML_DEPTH = 32


def _alias_errors(text: str, shown_as: str) -> list[DataError]:
    """One error per `*alias`, at the alias itself (the composed node only knows its anchor)."""
    errors: list[DataError] = []
    for token in yaml.scan(text, Loader=_YAML_LOADER):
        if isinstance(token, yaml.AliasToken) and len(errors) < _REPORTED_PER_KIND:
            errors.append(
                DataError(
                    shown_as, token.start_mark.line + 1, token.start_mark.column + 1, "",
                    f"不支持 YAML 引用（*{token.value}）",
                    "把被引用的内容直接写在这里；年鉴数据不使用 & 锚点和 * 引用",
                )
            )
    return errors


def parse_yaml(text: str, shown_as: str) -> tuple[YamlDocument | None, list[DataError]]:
    """Parse YAML keeping positions; duplicate keys are errors (PyYAML would keep the last).
    Aliases are refused: they can make a document refer to itself (endless recursion) or
    expand exponentially ("billion laughs") from a few lines."""
    try:
        root = yaml.compose(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        return None, [_yaml_syntax_error(shown_as, exc)]
    if root is None:
        return None, [DataError(shown_as, 1, None, "", "文件是空的", "参照 data/years/ 里已有的文件填写")]

    document = YamlDocument(shown_as, None)
    errors: list[DataError] = []
    constructor = yaml.SafeLoader("")
    seen_nodes: set[int] = set()  # an alias composes to a node object already seen
    found_alias = False

    def convert(node: yaml.Node, path: FieldPath) -> object:
        nonlocal found_alias
        if id(node) in seen_nodes:
            found_alias = True
            return None
        seen_nodes.add(id(node))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_COLLECTION_TAGS:
            errors.append(document.error(path, f"无法识别的值（带有标记 {node.tag}）", "去掉 ! 开头的标记"))
            return None
        if len(path) > MAX_YAML_DEPTH:
            errors.append(document.error(path, f"层级太深（超过 {MAX_YAML_DEPTH} 层）", "检查缩进；年度记录的章节最多 5 层"))
            return None
        if isinstance(node, yaml.MappingNode):
            mapping: dict[str, object] = {}
            for key_node, value_node in node.value:
                position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                try:
                    key = str(_scalar_value(constructor, key_node)) if isinstance(key_node, yaml.ScalarNode) else "?"
                except _ValueRefused as refused:
                    errors.append(DataError(shown_as, *position, field_name(path), str(refused), refused.hint))
                    continue
                child = path + (key,)
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
                document.value_lines[child] = _value_first_line(value_node)
                mapping[key] = convert(value_node, child)
            return mapping
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item_node in enumerate(node.value):
                document.spans[path + (index,)] = (item_node.start_mark.index, item_node.end_mark.index)
                document.positions[path + (index,)] = (item_node.start_mark.line + 1, item_node.start_mark.column + 1)
                document.value_lines[path + (index,)] = _value_first_line(item_node)
                items.append(convert(item_node, path + (index,)))
            if not node.value:  # an empty list (`honours: []`): where a first item would go
                document.spans[path] = (node.start_mark.index, node.end_mark.index)
            return items
        document.spans[path] = (node.start_mark.index, node.end_mark.index)
        try:
            return _scalar_value(constructor, node)
        except _ValueRefused as refused:
            errors.append(document.error(path, str(refused), refused.hint))
            document.refused.add(path)
            return None

    document.positions[()] = (root.start_mark.line + 1, root.start_mark.column + 1)
    document.data = convert(root, ())
    if found_alias:
        return None, _alias_errors(text, shown_as) + errors
    return document, errors


def _value_first_line(node: yaml.Node) -> int:
    """The line a scalar's text starts on: a `|`/`>` block starts on the line after its marker."""
    line = node.start_mark.line + 1
    return line + 1 if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">") else line


def parse_csv(text: str, shown_as: str) -> tuple[CsvDocument | None, list[DataError]]:
    """Split CSV text into rows keyed by header, remembering each row's line number. A record
    spanning lines means an unclosed quote (metric cells never hold line breaks): it is
    reported at the line where the quote opens."""
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return None, [DataError(shown_as, 1, None, "", "文件是空的", "第一行应为表头")]
    except csv.Error as exc:
        return None, [_csv_quote_error(shown_as, 1, None, exc)]
    if reader.line_num > 1:
        return None, [_csv_quote_error(shown_as, 1, reader.line_num, None)]
    document = CsvDocument(shown_as, header, [])
    errors: list[DataError] = []
    record_start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(_csv_quote_error(shown_as, record_start, None, exc))
            break
        line, record_start = record_start, reader.line_num + 1
        if reader.line_num > line:
            errors.append(_csv_quote_error(shown_as, line, reader.line_num, None))
            continue
        if not any(cell.strip() for cell in cells):
            continue
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
    return document, errors


def _csv_quote_error(shown_as: str, line: int, until: int | None, exc: csv.Error | None) -> DataError:
    if until is not None:
        message = f"这一行的英文双引号没有配对：引号内的内容一直延续到第 {until} 行"
    elif "end of data" in str(exc):
        message = "这一行的英文双引号没有配对：直到文件末尾都没有结束"
    else:
        message = "这一行的英文双引号用法不对：引号后面应紧跟逗号或换行"
    return DataError(shown_as, line, None, "", message, "值两边的英文双引号要成对；值里要写双引号时写两个（\"\"）")
