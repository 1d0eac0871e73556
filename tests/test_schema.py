"""The JSON Schema the editor's VS Code uses and the build's validator agree."""

from __future__ import annotations

import json

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import FIXTURES, REPO
from nianjian.render.pages.error_guide import MISTAKES, messages_for
from nianjian.read.schema import load_schema
from nianjian.read.documents import parse_yaml
from nianjian.prose import ProseRenderer
from nianjian.check.validate import site_from_document, year_from_document

VALID_YEAR = (FIXTURES / "multi-year" / "years" / "2023.yaml").read_text(encoding="utf-8")

# (what the editor did, the changed text, whether the shape is valid)
YEAR_CASES = [
    ("unchanged", VALID_YEAR, True),
    ("optional source added", VALID_YEAR.replace("summary:", "source: sources/x.txt\nsummary:"), True),
    ("year as text", VALID_YEAR.replace("year: 2023", 'year: "2023"'), False),
    ("year out of range", VALID_YEAR.replace("year: 2023", "year: 1800"), False),
    ("title empty", VALID_YEAR.replace("title: 2023年工作总结", 'title: ""'), False),
    ("summary missing", VALID_YEAR.replace("summary: 2023年，食堂改造完工，节能工作成效明显。\n", ""), False),
    ("sections not a list", VALID_YEAR.replace("sections:\n  - title: 主要工作成绩", "sections: 主要工作成绩\nx:\n  - title: 主要工作成绩"), False),
    ("unknown top-level field", VALID_YEAR + "remarks: 备注\n", False),
    ("figure as words", VALID_YEAR.replace("figure: 1200", "figure: 一千二百"), False),
    ("date in Chinese", VALID_YEAR.replace("date: 2023-06", "date: 2023年6月"), False),
    ("missing flag as text", VALID_YEAR.replace("    body: 继续推进节能。", "    missing: 是"), False),
    ("plan id with capitals", VALID_YEAR.replace("id: 2024-energy-save", "id: Energy-Save"), False),
    ("achievement without result", VALID_YEAR.replace("    result: 更换灯具\n", ""), False),
    ("section id with a space", VALID_YEAR.replace("id: 食堂改造", "id: 食堂 改造"), False),
]


@pytest.mark.parametrize("name, text, shape_valid", YEAR_CASES, ids=[case[0] for case in YEAR_CASES])
def test_schema_and_validator_agree_on_year_files(name: str, text: str, shape_valid: bool) -> None:
    data = yaml.safe_load(text)
    schema_says = Draft202012Validator(load_schema("year")).is_valid(json.loads(json.dumps(data, default=str)))
    document, parse_errors = parse_yaml(text, "data/years/2023.yaml")
    assert not parse_errors
    record, errors = year_from_document(document, "2023", {"catering", "energy", "vehicles"}, lambda path: True, ProseRenderer())
    assert schema_says is shape_valid
    assert (record is not None and not errors) is shape_valid, [e.format() for e in errors]


def test_the_validator_adds_only_what_a_schema_cannot_know() -> None:
    text = VALID_YEAR.replace("  - area: catering", "  - area: canteen")
    assert Draft202012Validator(load_schema("year")).is_valid(yaml.safe_load(text))
    document, _ = parse_yaml(text, "data/years/2023.yaml")
    _, errors = year_from_document(document, "2023", {"catering", "energy", "vehicles"}, lambda path: True, ProseRenderer())
    assert [error.message for error in errors] == ["未知的工作领域 `canteen`"]


@pytest.mark.parametrize(
    "text, valid",
    [
        ((REPO / "data" / "site.yaml").read_text(encoding="utf-8"), True),
        ("organization: 某中心\ntitle: 年鉴\nareas: []\n", False),
        ("organization: 某中心\ntitle: 年鉴\nareas:\n  - key: Canteen\n    name: 食堂\n    order: 1\n", False),
        ("organization: 某中心\ntitle: 年鉴\nareas:\n  - key: canteen\n    name: 食堂\n    order: 一\n", False),
    ],
)
def test_schema_and_validator_agree_on_site_files(text: str, valid: bool) -> None:
    assert Draft202012Validator(load_schema("site")).is_valid(yaml.safe_load(text)) is valid
    document, _ = parse_yaml(text, "data/site.yaml")
    _, errors = site_from_document(document, ProseRenderer())
    assert (not errors) is valid


def test_every_field_has_a_chinese_title_and_an_example() -> None:
    def walk(schema: dict, where: str) -> None:
        for name, field in schema.get("properties", {}).items():
            assert field.get("title"), f"{where}.{name} has no title"
            if field.get("type") != "array" and "$ref" not in field:
                assert field.get("examples"), f"{where}.{name} has no example"
            items = field.get("items", {})
            if items.get("type") == "object":
                walk(items, f"{where}.{name}[]")
        for name, definition in schema.get("$defs", {}).items():
            walk(definition, f"$defs.{name}")

    walk(load_schema("site"), "site")
    walk(load_schema("year"), "year")


def test_every_yaml_data_file_points_vs_code_at_its_schema() -> None:
    for path in [REPO / "data" / "site.yaml", *sorted((REPO / "data" / "years").glob("*.yaml"))]:
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith("# yaml-language-server: $schema="), path
        schema_path = (path.parent / first_line.split("=", 1)[1]).resolve()
        assert schema_path.is_file(), schema_path


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.title for m in MISTAKES])
def test_each_common_mistake_in_the_guide_gives_exactly_one_message(mistake) -> None:
    messages = messages_for(mistake)
    assert len(messages) == 1 and messages[0].startswith("data/"), messages


def test_the_checked_in_error_guide_shows_what_the_checks_print_today() -> None:
    """docs/guide/errors.md is generated by running the checks on real mistakes; when a message
    changes, regenerate it with `python -m nianjian.render.pages.error_guide`."""
    from nianjian.render.pages.error_guide import render_error_guide

    checked_in = (REPO / "docs" / "guide" / "errors.md").read_text(encoding="utf-8")
    assert checked_in == render_error_guide(), "运行 python -m nianjian.render.pages.error_guide 更新 docs/guide/errors.md"
