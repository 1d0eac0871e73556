"""An editor makes a mistake; the check names file, line, field and the fix, in Chinese."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from nianjian.errors import DataError, DataInvalid
from nianjian.check.load import load_archive


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "multi-year", target)
    return target


def errors_of(data: Path) -> list[DataError]:
    with pytest.raises(DataInvalid) as caught:
        load_archive(data)
    return caught.value.errors


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_clean_fixture_loads(data: Path) -> None:
    archive = load_archive(data)
    assert [record.year for record in archive.years] == [2022, 2023, 2024]
    assert len(archive.metrics) == 9


def test_broken_yaml_names_line_and_column(data: Path) -> None:
    year_file = data / "years" / "2023.yaml"
    replace_in(year_file, "title: 2023年工作总结", "title: 2023年工作总结\n  oops: [unclosed")
    [error] = errors_of(data)
    assert error.file == "data/years/2023.yaml"
    assert error.line is not None and error.line >= 2
    assert "YAML 格式错误" in error.message
    assert error.hint


def test_tab_indentation_is_explained(data: Path) -> None:
    replace_in(data / "years" / "2022.yaml", "  - title: 存在问题", "\t- title: 存在问题")
    [error] = errors_of(data)
    assert "Tab" in error.message and "空格" in error.hint


def test_wrong_type_names_field_and_expected_type(data: Path) -> None:
    year_file = data / "years" / "2023.yaml"
    replace_in(year_file, "    figure: 1200", "    figure: 一千二百")
    [error] = errors_of(data)
    assert error.field == "achievements[1].figure"
    assert error.line == line_of(year_file, "figure: 一千二百")
    assert "应为数字" in error.message and "一千二百" in error.message
    assert "不带引号" in error.hint


def test_year_written_as_text(data: Path) -> None:
    replace_in(data / "years" / "2023.yaml", "year: 2023", 'year: "2023年"')
    [error] = errors_of(data)
    assert error.field == "year" and error.line == 1 and "应为整数" in error.message


def test_missing_required_field(data: Path) -> None:
    year_file = data / "years" / "2022.yaml"
    replace_in(year_file, "    result: 完成论证\n", "")
    [error] = errors_of(data)
    assert error.field == "achievements[0]"
    assert "缺少必填字段 `result`（成果）" in error.message
    assert error.line == line_of(year_file, "- area: catering")


def test_unknown_field_is_named(data: Path) -> None:
    replace_in(data / "years" / "2022.yaml", "    item: 食堂改造方案", "    itme: 食堂改造方案")
    messages = [error.message for error in errors_of(data)]
    assert "未知字段 `itme`" in messages
    assert "缺少必填字段 `item`（事项）" in messages


def test_unknown_area_key_lists_the_known_ones(data: Path) -> None:
    year_file = data / "years" / "2022.yaml"
    replace_in(year_file, "  - area: catering", "  - area: canteen")
    [error] = errors_of(data)
    assert error.field == "achievements[0].area"
    assert error.message == "未知的工作领域 `canteen`"
    assert "catering" in error.hint and "data/site.yaml" in error.hint


def test_file_name_must_match_year(data: Path) -> None:
    (data / "years" / "2024.yaml").rename(data / "years" / "2025.yaml")
    [error] = errors_of(data)
    assert error.file == "data/years/2025.yaml"
    assert error.field == "year"
    assert "2025.yaml" in error.message and "2024" in error.message


def test_duplicate_year_in_two_files(data: Path) -> None:
    (data / "years" / "2021.yaml").write_text(
        (data / "years" / "2022.yaml").read_text(encoding="utf-8").replace("2023-canteen-rebuild", "2023-other"), encoding="utf-8"
    )
    messages = [error.format() for error in errors_of(data)]
    assert any("2022 年重复" in message and "data/years/2021.yaml" in message for message in messages)


def test_duplicate_plan_ids_within_and_across_years(data: Path) -> None:
    replace_in(data / "years" / "2023.yaml", "id: 2024-energy-save", "id: 2023-canteen-rebuild")
    [error] = errors_of(data)
    assert error.file == "data/years/2023.yaml" and error.field == "plans[0].id"
    assert "2023-canteen-rebuild" in error.message and "data/years/2022.yaml" in error.message


def test_duplicate_key_in_one_mapping(data: Path) -> None:
    year_file = data / "years" / "2024.yaml"
    replace_in(year_file, "title: 2024年工作总结", "title: 2024年工作总结\ntitle: 又一个标题")
    [error] = errors_of(data)
    assert error.field == "title" and error.line == 3 and "重复出现" in error.message


def test_non_numeric_csv_value(data: Path) -> None:
    replace_in(data / "metrics" / "real.csv", "2023,catering,就餐人次,万人次,12,,false", "2023,catering,就餐人次,万人次,十二,,false")
    [error] = errors_of(data)
    assert (error.file, error.line, error.column, error.field) == ("data/metrics/real.csv", 3, 5, "value")
    assert "应为数字" in error.message and "十二" in error.message


def test_duplicate_metric_rows_across_files(data: Path) -> None:
    with (data / "metrics" / "sample.csv").open("a", encoding="utf-8") as csv_file:
        csv_file.write("2024,catering,就餐人次,万人次,99,,true\n")
    [error] = errors_of(data)
    assert error.file == "data/metrics/sample.csv" and error.line == 5
    assert "重复" in error.message and "data/metrics/real.csv 第 4 行" in error.message


def test_unit_that_does_not_convert_names_both_rows(data: Path) -> None:
    replace_in(data / "metrics" / "real.csv", "2023,catering,就餐人次,万人次,12,,false", "2023,catering,就餐人次,元,12,,false")
    [error] = errors_of(data)
    assert (error.file, error.line, error.column, error.field) == ("data/metrics/real.csv", 3, 4, "unit")
    assert "“元”无法换算成data/metrics/real.csv 第 4 行的“万人次”" in error.message
    assert "元/万元" in error.hint


def test_unit_that_does_not_convert_to_the_registered_one(data: Path) -> None:
    with (data / "site.yaml").open("a", encoding="utf-8") as site:
        site.write("indicators:\n  - key: meals\n    area: catering\n    name: 就餐人次\n    unit: 人\n")
    errors = errors_of(data)
    assert errors and all(error.field == "unit" and "指标登记表（site.yaml 第" in error.message and "“人”" in error.message for error in errors)


def test_registry_name_used_twice(data: Path) -> None:
    with (data / "site.yaml").open("a", encoding="utf-8") as site:
        site.write(
            "indicators:\n  - key: meals\n    area: catering\n    name: 就餐人次\n    unit: 万人次\n"
            "  - key: diners\n    area: catering\n    name: 就餐人数\n    unit: 人\n    former_names: [就餐人次]\n"
        )
    [error] = errors_of(data)
    assert error.file == "data/site.yaml" and error.field == "indicators[1].former_names[0]" and "第 1 项" in error.message


def test_wrong_csv_header(data: Path) -> None:
    replace_in(data / "metrics" / "real.csv", "year,area,indicator,unit,value,note,sample", "年份,领域,指标,单位,数值,备注,示例")
    [error] = errors_of(data)
    assert error.line == 1 and "year,area,indicator,unit,value,note,sample" in error.hint


def test_gbk_encoded_file_is_detected_with_the_fix(data: Path) -> None:
    text = (data / "years" / "2022.yaml").read_text(encoding="utf-8")
    (data / "years" / "2022.yaml").write_bytes(text.encode("gbk"))
    [error] = errors_of(data)
    assert error.file == "data/years/2022.yaml"
    assert "不是 UTF-8" in error.message and "GBK/GB18030" in error.message
    assert "UTF-8" in error.hint


def test_gbk_csv_is_detected(data: Path) -> None:
    text = (data / "metrics" / "real.csv").read_text(encoding="utf-8")
    (data / "metrics" / "real.csv").write_bytes(text.encode("gb18030"))
    [error] = errors_of(data)
    assert error.file == "data/metrics/real.csv" and error.line == 2 and "GBK/GB18030" in error.message


def test_utf8_with_bom_is_fine(data: Path) -> None:
    path = data / "years" / "2022.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_archive(data).years[0].year == 2022


def test_achievement_pointing_at_missing_section(data: Path) -> None:
    replace_in(data / "years" / "2022.yaml", "    section: 餐饮-2022", "    section: 不存在")
    [error] = errors_of(data)
    assert error.field == "achievements[0].section" and "不存在" in error.message and "餐饮-2022" in error.hint


def test_every_problem_is_reported_not_just_the_first(data: Path) -> None:
    replace_in(data / "years" / "2022.yaml", "  - area: catering", "  - area: canteen")
    replace_in(data / "years" / "2023.yaml", "    figure: 1200", "    figure: 很多")
    replace_in(data / "metrics" / "real.csv", "2024,vehicles,出车次数,次,700", "2024,vehicles,出车次数,次,七百")
    errors = errors_of(data)
    assert {error.file for error in errors} == {"data/years/2022.yaml", "data/years/2023.yaml", "data/metrics/real.csv"}
    report = str(DataInvalid(errors))
    assert report.startswith("数据检查发现 3 个问题")


def test_message_format_is_file_line_column_field_message_hint() -> None:
    error = DataError("data/years/2024.yaml", 12, 5, "achievements[0].area", "未知的工作领域 `canteen`", "改为 catering")
    assert error.format() == "data/years/2024.yaml:12:5: achievements[0].area — 未知的工作领域 `canteen` — 改为 catering"
