"""Check YAML documents against the JSON Schema files and word the findings in Chinese.

The schema files are the single description of the data's shape: the editor's
VS Code uses them while typing, this module uses them at build time, and the
data guide page is generated from their titles and descriptions.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from nianjian.errors import DataError
from nianjian.read.documents import YamlDocument

SCHEMA_FILES = {"site": "site.schema.json", "year": "year.schema.json"}
# The schemas' pattern for a text that must say something: spaces alone are no title.
NOT_BLANK = "\\S"

_TYPE_NAMES = {
    "integer": "整数",
    "number": "数字",
    "string": "文本",
    "boolean": "true 或 false",
    "array": "列表（每项以“- ”开头）",
    "object": "字段表（“字段名: 值”）",
    "null": "空值",
}


@cache
def load_schema(kind: str) -> dict:
    text = resources.files("nianjian.schemas").joinpath(SCHEMA_FILES[kind]).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _whole_value_pattern(pattern: str) -> re.Pattern:
    r"""JSON Schema patterns are ECMA-262, where `^…$` spans the whole string; in Python `$`
    also matches before a final newline (`"zz\n"` would pass and become a folder name).
    Anchor them as `\A…\Z`; the schema files keep `^…$` for the editor's VS Code."""
    if pattern.startswith("^"):
        pattern = "\\A" + pattern[1:]
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + "\\Z"
    return re.compile(pattern)


def _pattern(validator, pattern: str, instance: object, schema: dict):
    if validator.is_type(instance, "string") and not _whole_value_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def _validator(kind: str) -> Draft202012Validator:
    return _Validator(load_schema(kind))


def describe_value(value: object) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"true/false（{str(value).lower()}）"
    if isinstance(value, int):
        return f"整数 {value}"
    if isinstance(value, float):
        return f"数字 {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "…"
        # A newline or control character is shown as \n, never breaks the message's line.
        shown = "".join(character if character.isprintable() else repr(character)[1:-1] for character in shown)
        return f"文本 “{shown}”"
    if isinstance(value, list):
        return "列表"
    return "字段表"


def _label(key: object, subschema: dict) -> str:
    title = subschema.get("title")
    return f"`{key}`（{title}）" if title else f"`{key}`"


def _example_hint(subschema: dict) -> str:
    examples = subschema.get("examples")
    return f"例如：{json.dumps(examples[0], ensure_ascii=False)}" if examples else ""


def _translate(document: YamlDocument, error: ValidationError) -> list[DataError]:
    path = tuple(error.absolute_path)
    key = path[-1] if path else "（根）"
    schema = error.schema if isinstance(error.schema, dict) else {}
    keyword = error.validator

    if keyword == "required":
        properties = schema.get("properties", {})
        missing = [name for name in error.validator_value if name not in error.instance]
        return [
            document.error(
                path,
                f"缺少必填字段 {_label(name, properties.get(name, {}))}",
                f"加上一行 `{name}: …`" + (f"，{_example_hint(properties.get(name, {}))}" if _example_hint(properties.get(name, {})) else ""),
            )
            for name in missing
        ]
    if keyword == "additionalProperties":
        allowed = "、".join(schema.get("properties", {}))
        extra = [name for name in error.instance if name not in schema.get("properties", {})]
        return [
            document.error(path + (name,), f"未知字段 `{name}`", f"检查拼写；这里可用的字段有：{allowed}")
            for name in extra
        ]
    if keyword == "type":
        expected = error.validator_value
        expected_names = "或".join(_TYPE_NAMES[t] for t in ([expected] if isinstance(expected, str) else expected))
        hint = _example_hint(schema)
        if expected in ("integer", "number") and isinstance(error.instance, str):
            hint = "写成不带引号、不带单位的数字" + (f"，{hint}" if hint else "")
        return [document.error(path, f"{_label(key, schema)}应为{expected_names}，实际是{describe_value(error.instance)}", hint)]
    if keyword == "minLength":
        return [document.error(path, f"{_label(key, schema)}不能为空", _example_hint(schema))]
    if keyword == "maxLength":
        return [document.error(path, f"{_label(key, schema)}太长（{len(error.instance)} 个字符，最多 {error.validator_value} 个）", "缩短一些")]
    if keyword == "minItems":
        return [document.error(path, f"{_label(key, schema)}至少要有 {error.validator_value} 项", _example_hint(schema))]
    if keyword == "pattern" and error.validator_value == NOT_BLANK:
        return [document.error(path, f"{_label(key, schema)}不能只有空格", _example_hint(schema))]
    if keyword == "pattern":
        hint = schema.get("description", "").rstrip("。")  # joined to the example by “；”
        example = _example_hint(schema)
        return [
            document.error(
                path,
                f"{_label(key, schema)}的值 {describe_value(error.instance)} 格式不对",
                "；".join(part for part in (hint, example) if part),
            )
        ]
    if keyword in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        return [document.error(path, f"{_label(key, schema)}应在 {low} 到 {high} 之间，实际是 {error.instance}", _example_hint(schema))]
    if keyword in ("enum", "const"):
        allowed = error.validator_value if keyword == "enum" else [error.validator_value]
        listed = "、".join(f"“{value}”" if isinstance(value, str) else str(value) for value in allowed)
        return [document.error(path, f"{_label(key, schema)}的值 {describe_value(error.instance)} 不在可选范围内", f"只能是：{listed}")]
    if keyword == "maxItems":
        return [document.error(path, f"{_label(key, schema)}最多 {error.validator_value} 项，实际有 {len(error.instance)} 项", "删去多余的项")]
    if keyword == "uniqueItems":
        return [document.error(path, f"{_label(key, schema)}里有重复的项", "每项只写一次")]
    if keyword == "format":
        return [document.error(path, f"{_label(key, schema)}的值 {describe_value(error.instance)} 格式不对", _example_hint(schema))]
    # Any other rule: said in Chinese (jsonschema's own message is English), with the example.
    return [document.error(path, f"{_label(key, schema)}的值 {describe_value(error.instance)} 不符合要求", _example_hint(schema) or schema.get("description", ""))]


def check_against_schema(document: YamlDocument, kind: str) -> list[DataError]:
    """All schema violations of one document, each placed at its line (once per document and
    kind: a kept document, nianjian.check.parsed_files, is not checked again)."""
    kept = document.derived.get(f"schema:{kind}")
    if kept is not None:
        return list(kept)
    errors: list[DataError] = []
    for error in _validator(kind).iter_errors(document.data):
        if tuple(error.absolute_path) not in document.refused:  # its problem is already reported
            errors.extend(_translate(document, error))
    # jsonschema reports `required` once per missing field, each naming the whole list.
    errors = list(dict.fromkeys(errors))
    document.derived[f"schema:{kind}"] = tuple(errors)
    return errors
