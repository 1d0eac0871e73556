"""The edits the Word round trip makes to a year file (edit/yaml_edit.py) change what they must
and keep every other byte: comments, quoting, order, line ends."""

from __future__ import annotations

import pytest

from nianjian.edit.yaml_edit import EditFailed, with_values
from nianjian.read.documents import parse_yaml

YEAR = """year: 2025  # 年份
honours: []
achievements:
  - area: property  # 物业
    item: 报修平台上线
    result: 全部线上
problems: []
"""


def edited(text: str, **changes) -> str:  # noqa: ANN003
    document, errors = parse_yaml(text, "data/years/2025.yaml")
    assert not errors
    return with_values(text, document, changes.get("values", {}), changes.get("removed", ()), changes.get("added", ()))


def test_first_honours_take_the_place_of_an_empty_list() -> None:
    honour = (("title", "先进集体"), ("holder", "物业科"), ("level", "市级"))
    after = edited(YEAR, added=((("honours",), None, honour), (("honours",), None, (("title", "文明科室"), ("holder", "物业科"), ("level", "局级")))))
    assert after == YEAR.replace("honours: []\n", "honours:\n  - title: 先进集体\n    holder: 物业科\n    level: 市级\n  - title: 文明科室\n    holder: 物业科\n    level: 局级\n")


def test_a_list_the_file_lacks_starts_at_its_end_and_an_unended_last_line_is_ended() -> None:
    after = edited(YEAR.rstrip("\n"), added=((("events",), None, (("date", "2025-03-01"), ("text", "启用新楼。"))),))
    assert after == YEAR + 'events:\n  - date: "2025-03-01"\n    text: 启用新楼。\n'


def test_a_field_an_item_lacks_is_added_before_a_new_item_that_follows_it() -> None:
    after = edited(YEAR, values={("achievements", 0, "date"): "2025-06"}, added=((("achievements",), 0, (("area", "property"), ("item", "节水改造"))),))
    assert after == YEAR.replace("    result: 全部线上\n", "    result: 全部线上\n    date: 2025-06\n  - area: property\n    item: 节水改造\n")


def test_crlf_line_ends_and_comments_stay() -> None:
    text = YEAR.replace("\n", "\r\n")
    after = edited(text, values={("achievements", 0, "result"): "全部线上办理"})
    assert after == text.replace("result: 全部线上\r\n", "result: 全部线上办理\r\n")


def test_a_value_that_is_not_a_list_takes_no_item() -> None:
    with pytest.raises(EditFailed, match="year"):
        edited(YEAR, added=((("year",), None, (("text", "x"),)),))
