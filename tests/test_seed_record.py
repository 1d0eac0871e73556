"""The 2024 record is the agency's own report, faithfully: checked against the source file kept
in data/sources/ (the provenance), not against a copy of expectations."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from nianjian.check.load import load_archive
from nianjian.model import Section, YearRecord

SOURCE = REPO / "data" / "sources" / "2024-service-center-summary.txt"


def squeeze(text: str) -> str:
    """Compare text without the stray ASCII/full-width spaces the source has after markers."""
    return re.sub(r"[\s\u3000]+", "", text)


@pytest.fixture(scope="module")
def record() -> YearRecord:
    return load_archive(REPO / "data").year(2024)


@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    return [line for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]


def flatten(sections: tuple[Section, ...]) -> list[str]:
    """Headings and paragraphs in reading order, as the year page shows them."""
    lines: list[str] = []
    for section in sections:
        if section.missing:
            continue
        lines.append(squeeze(section.number + section.title))
        lines += [squeeze(paragraph) for paragraph in section.body.split("\n\n") if paragraph.strip()]
        lines += flatten(section.children)
    return lines


def test_opening_paragraph_is_the_full_one_not_the_teaser(record: YearRecord, source_lines: list[str]) -> None:
    teaser, opening = source_lines[0], source_lines[1]
    assert teaser.strip().endswith("...") and squeeze(teaser)[:-3] in squeeze(opening)
    assert squeeze(record.summary).startswith(squeeze(opening))


def test_contents_list_is_the_outline(record: YearRecord, source_lines: list[str]) -> None:
    contents_start = next(i for i, line in enumerate(source_lines) if "方面总结汇报" in line) + 1
    contents_end = next(i for i, line in enumerate(source_lines) if line.startswith("以下分别"))
    contents = [squeeze(line) for line in source_lines[contents_start:contents_end]]
    assert len(contents) == 5
    assert [squeeze(s.number + s.title) for s in record.sections] == contents


def test_every_heading_and_paragraph_in_source_order(record: YearRecord, source_lines: list[str]) -> None:
    body_start = next(i for i, line in enumerate(source_lines) if line.startswith("以下分别")) + 1
    assert flatten(record.sections) == [squeeze(line) for line in source_lines[body_start:]]


def test_parts_absent_from_the_body_are_marked_missing_with_no_text(record: YearRecord) -> None:
    missing = [(s.number, s.title, s.body, s.children) for s in record.sections if s.missing]
    assert missing == [
        ("三、", "解放思想、开拓创新，构建机关后勤服务新框架", "", ()),
        ("四、", "存在问题", "", ()),
        ("五、", "明年服务中心的工作思路", "", ()),
    ]


def test_empty_heading_is_kept_and_cut_off_text_is_marked(record: YearRecord, source_lines: list[str]) -> None:
    management = record.sections[0]
    system = management.children[1]
    assert (system.number, system.title, system.body) == ("2、", "抓制度建设", "")
    last = record.sections[1].children[0].children[-1]
    assert last.truncated
    assert squeeze(last.body) == squeeze(source_lines[-1])
    assert not source_lines[-1].rstrip().endswith(("。", "；", "！", "？"))


def test_achievements_from_the_text_link_to_their_sections(record: YearRecord) -> None:
    results = " ".join(item.item + item.result for item in record.achievements)
    for phrase in ("搬迁", "招标托管", "写字楼三星级标准", "卫生绿化达标单位", "废旧物资"):
        assert phrase in results
    award = next(item for item in record.achievements if "卫生绿化达标单位" in item.result)
    assert award.date == "2024-10" and award.section == "招标托管"
    assert all(item.section for item in record.achievements)
    assert not any(item.figure is not None for item in record.achievements), "the source states no figures"
