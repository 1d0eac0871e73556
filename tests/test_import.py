"""An editor imports last year's report: one small document per rule of the genre."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, nianjian
from word_reports import WordReport
from nianjian.edit.importing.outline import HEADING_MAX_CHARACTERS, ImportedReport, ImportedSection, SourceParagraph, recognise, squeeze
from nianjian.edit.importing.reading import read_docx, read_plain_text
from nianjian.edit.importing.tables import read_table
from nianjian.edit.importing.writing import check_own_output, year_file_text
from nianjian.check.load import load_archive


def outline(text: str) -> ImportedReport:
    return recognise(read_plain_text(text.encode("utf-8")).paragraphs)


def shape(sections: list[ImportedSection]) -> list:
    return [(s.number, s.title, shape(s.children)) if s.children else (s.number, s.title) for s in sections]


@pytest.mark.parametrize(
    "line, number, title",
    [
        ("一、总体情况", "一、", "总体情况"),
        ("一、  总体情况", "一、", "总体情况"),
        ("一、\u3000总体情况", "一、", "总体情况"),
        ("十二、总体情况", "十二、", "总体情况"),
        ("（一）总体情况", "（一）", "总体情况"),
        ("(一) 总体情况", "(一)", "总体情况"),
        ("1、        总体情况", "1、", "总体情况"),
        ("1.总体情况", "1.", "总体情况"),
        ("1．总体情况", "1．", "总体情况"),
        ("（1）总体情况", "（1）", "总体情况"),
        ("(1)总体情况", "(1)", "总体情况"),
        ("①总体情况", "①", "总体情况"),
    ],
)
def test_every_marker_style_is_a_heading(line: str, number: str, title: str) -> None:
    report = outline(f"{line}\n正文。\n")
    assert shape(report.sections) == [(number, title)]
    assert report.sections[0].paragraphs == ["正文。"]


def test_nesting_follows_marker_rank_even_when_a_level_is_skipped() -> None:
    report = outline("一、甲\n1、乙\n（1）丙\n（一）丁\n①戊\n二、己\n")
    assert shape(report.sections) == [
        ("一、", "甲", [("1、", "乙", [("（1）", "丙")]), ("（一）", "丁", [("①", "戊")])]),
        ("二、", "己"),
    ]


def test_a_decimal_number_is_not_a_marker() -> None:
    report = outline("一、节能\n1.5万元用于更换灯具。\n")
    assert shape(report.sections) == [("一、", "节能")]
    assert report.sections[0].paragraphs == ["1.5万元用于更换灯具。"]


def test_a_long_numbered_paragraph_is_split_at_its_first_clause_so_what_follows_nests_under_it() -> None:
    """The 2023 report's “2、转变观念、规范管理，完成了……” is too long for a heading: kept whole
    as text, its (1)(2) fell under 1、. Its first clause is the heading, the rest its body."""
    long_body = "完成了大楼动力设施、卫生保洁、绿化美化工作的招标托管工作，" * 3 + "取得成效。"
    report = outline(f"一、管理\n1、抓思想建设\n学习。\n2、转变观念、规范管理，{long_body}\n（1）动力设施\n托管。\n（2）卫生保洁\n达标。\n")
    assert shape(report.sections) == [
        ("一、", "管理", [("1、", "抓思想建设"), ("2、", "转变观念、规范管理", [("（1）", "动力设施"), ("（2）", "卫生保洁")])]),
    ]
    assert report.sections[0].children[1].paragraphs == [long_body]


def test_a_long_numbered_line_with_no_clause_break_near_its_start_stays_text() -> None:
    long_text = "1、" + "认真落实各项制度并取得明显成效" * 4 + "。"
    report = outline(f"一、管理\n{long_text}\n")
    assert shape(report.sections) == [("一、", "管理")]
    assert report.sections[0].paragraphs == [long_text]


def test_enumeration_inside_a_paragraph_is_not_a_heading() -> None:
    text = "一是加强学习；二是完善制度；三是狠抓落实。"
    report = outline(f"一、思想建设\n{text}\n一是党员素质有了明显提高。\n")
    assert shape(report.sections) == [("一、", "思想建设")]
    assert report.sections[0].paragraphs == [text, "一是党员素质有了明显提高。"]


def test_title_line_and_opening_paragraph() -> None:
    report = outline("2019年机关服务中心工作总结\n今年，中心工作取得新进展。\n一、成绩\n正文。\n")
    assert report.title == "2019年机关服务中心工作总结"
    assert report.summary == ["今年，中心工作取得新进展。"]


def test_contents_list_is_the_outline_and_absent_parts_are_marked_missing() -> None:
    report = outline(
        "开篇，现从以下三个方面汇报：\n一、 成绩\n二、 问题\n三、 思路\n以下分别介绍：\n一、成绩\n取得成绩。\n三、思路\n明年继续。\n"
    )
    assert report.contents == ["一、成绩", "二、问题", "三、思路"]
    assert [(s.number, s.title, s.missing) for s in report.sections] == [
        ("一、", "成绩", False),
        ("二、", "问题", True),
        ("三、", "思路", False),
    ]
    assert report.summary == ["开篇，现从以下三个方面汇报：", "以下分别介绍："]
    assert report.sections[0].paragraphs == ["取得成绩。"]


def test_heading_with_no_body_is_kept() -> None:
    report = outline("一、管理\n1、抓思想\n学习。\n2、抓制度\n3、抓落实\n落实。\n")
    assert [(c.title, c.paragraphs) for c in report.sections[0].children] == [("抓思想", ["学习。"]), ("抓制度", []), ("抓落实", ["落实。"])]


def test_text_stopping_mid_sentence_is_marked_truncated() -> None:
    report = outline("一、管理\n完成了交接登记工作，并根据机关和分支\n")
    assert report.sections[0].truncated
    assert not outline("一、管理\n完成了交接登记工作。\n").sections[0].truncated


def test_teaser_first_line_is_not_repeated() -> None:
    report = outline("2024年，中心工作...\n2024年，中心工作稳步推进，成效明显。\n一、成绩\n")
    assert report.teaser == "2024年，中心工作..." and report.summary == ["2024年，中心工作稳步推进，成效明显。"]


def test_a_numbered_line_with_its_text_on_the_same_line_is_a_heading_and_its_body() -> None:
    """“1、食堂改造。完成了……” as many reports write short items: the first sentence is the
    heading, the rest its body (not a heading marked as having no text); nothing is lost."""
    report = outline("一、主要成绩\n1、食堂改造。完成了食堂改造，就餐环境明显改善。\n2、节能降耗：全年用电量下降4.5%。\n")
    assert shape(report.sections) == [("一、", "主要成绩", [("1、", "食堂改造。"), ("2、", "节能降耗：")])]
    assert [s.paragraphs for s in report.sections[0].children] == [["完成了食堂改造，就餐环境明显改善。"], ["全年用电量下降4.5%。"]]


def test_a_marker_alone_on_its_line_takes_the_short_line_after_it_as_its_title() -> None:
    """“二、” on a line and “存在问题” on the next is one heading broken by a line break (or pasted
    from a PDF); a marker with no such line is a heading whose title the editor writes."""
    report = outline("今年顺利。\n一、主要成绩\n（一）\n食堂改造完成。\n二、\n存在问题\n车辆老化。\n三、\n")
    assert shape(report.sections) == [("一、", "主要成绩", [("（一）", "")]), ("二、", "存在问题"), ("三、", "")]
    assert report.sections[0].children[0].paragraphs == ["食堂改造完成。"]
    assert report.sections[1].paragraphs == ["车辆老化。"]


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_a_report_with_lone_markers_imports_and_validates_apart_from_the_titles_to_write(workdir: Path, kind: str) -> None:
    lines = ["2019年工作总结", "今年工作顺利。", "一、主要成绩", "（一）", "食堂改造完成。", "二、", "存在问题", "车辆老化。", "三、"]
    result = nianjian("import", write_report(workdir, kind, lines), "--year", "2019", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "一致" in result.stdout  # every character of the file is in the year file, nothing added
    year_file = workdir / "data" / "years" / "2019.yaml"
    written = yaml.safe_load(year_file.read_text(encoding="utf-8"))
    assert [(s["number"], s["title"]) for s in written["sections"]] == [("一、", "主要成绩"), ("二、", "存在问题"), ("三、", "（待填写）")]
    assert written["sections"][0]["sections"] == [{"number": "（一）", "title": "（待填写）", "body": "食堂改造完成。"}]

    checked = nianjian("validate", cwd=workdir)
    problems = checked.stdout.strip().splitlines()[:-1]
    assert checked.returncode == 1 and len(problems) == 2 and all("还有待填写的内容" in line for line in problems), checked.stdout
    year_file.write_text(year_file.read_text(encoding="utf-8").replace("（待填写）", "餐饮服务"), encoding="utf-8")
    assert nianjian("validate", cwd=workdir).returncode == 0


def test_an_indented_inline_enumeration_in_a_gb18030_crlf_file_is_not_a_heading() -> None:
    text = "一、主要工作\r\n\u3000\u3000（一）物业管理；（二）餐饮服务；（三）安全保卫。\r\n（一）物业管理\r\n完成了大楼托管。\r\n"
    report = recognise(read_plain_text(text.encode("gb18030")).paragraphs)
    assert shape(report.sections) == [("一、", "主要工作", [("（一）", "物业管理")])]
    assert report.sections[0].paragraphs == ["（一）物业管理；（二）餐饮服务；（三）安全保卫。"]


@pytest.mark.parametrize(
    "encode, expected",
    [
        (lambda text: text.encode("utf-8"), "UTF-8"),
        (lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), "UTF-8（带 BOM）"),
        (lambda text: text.encode("gb18030"), "GB18030（兼容 GBK）"),
        (lambda text: text.encode("gbk"), "GB18030（兼容 GBK）"),
        (lambda text: text.replace("\n", "\r\n").encode("utf-8"), "UTF-8"),
    ],
)
def test_encodings_and_line_ends_give_the_same_outline(encode, expected: str) -> None:
    text = "一、食堂管理\n（一）就餐\n食堂就餐秩序良好。\n"
    document = read_plain_text(encode(text))
    assert document.encoding == expected
    report = recognise(document.paragraphs)
    assert shape(report.sections) == [("一、", "食堂管理", [("（一）", "就餐")])]
    assert report.sections[0].children[0].paragraphs == ["食堂就餐秩序良好。"]


def test_word_document_headings_numbering_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("2020年工作总结")
    document.add_paragraph("今年工作顺利。")
    document.add_heading("主要成绩", level=1)
    document.add_paragraph("（一）食堂")
    document.add_paragraph("新建食堂投入使用。")
    document.add_heading("存在问题", level=1)
    document.add_paragraph("车辆老化。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "事项", "成果"
    table.cell(1, 0).text, table.cell(1, 1).text = "食堂改造", "完工"
    path = tmp_path / "report.docx"
    document.save(str(path))

    source = read_docx(path)
    report = recognise(source.paragraphs)
    assert report.title == "2020年工作总结"
    assert shape(report.sections) == [("", "主要成绩", [("（一）", "食堂")]), ("", "存在问题")]
    assert source.tables == [[["事项", "成果"], ["食堂改造", "完工"]]]
    written = year_file_text(report, 2020, None, [read_table(rows) for rows in source.tables])
    assert "#   食堂改造 | 完工" in written
    # The table's rows are achievements to check: item and result from its columns, the area
    # left for the editor (validate reports it until it is set).
    assert yaml.safe_load(written)["achievements"] == [{"item": "食堂改造", "result": "完工", "area": "（待填写）"}]


def test_table_columns_are_found_by_their_headings() -> None:
    reading = read_table([["时间", "成果", "事项", "负责科室", "单位", "数量"], ["2023年6月", "完工", "食堂改造", "后勤科", "平方米", "1200"], ["", "", "（空行）"]])
    assert reading.achievements == [
        {"item": "食堂改造", "result": "完工", "area": "（待填写）", "date": "2023-06", "figure": 1200, "unit": "平方米"},
    ]
    assert reading.columns_left == ["负责科室"] and reading.cells_left == 1 + 1 and reading.rows_left == 1
    # No heading row: the first two columns; one column: nothing to take.
    assert read_table([["食堂改造", "完工"]]).achievements == [{"item": "食堂改造", "result": "完工", "area": "（待填写）"}]
    assert read_table([["只有一列"]]).achievements == []
    # A date or figure the schema cannot hold as written stays in the comments, never altered.
    odd = read_table([["事项", "成果", "时间", "数量"], ["修缮", "完工", "上半年", "12.50"]])
    assert odd.achievements == [{"item": "修缮", "result": "完工", "area": "（待填写）"}] and odd.cells_left == 2



def test_text_too_long_for_its_field_stays_text_and_the_year_file_stays_valid() -> None:
    """A table cell or a Word heading longer than the year schema lets its field be stays in
    the comments or as a paragraph, never in a year file the import's own check refuses."""
    table = read_table([["事项", "成果", "单位"], ["修缮", "完" * 2001, "平方米"], ["绿化", "完工", "单" * 21]])
    assert table.achievements == [{"item": "绿化", "result": "完工", "area": "（待填写）"}]
    assert table.rows_left == 1 and table.cells_left == 3 + 1
    report = recognise([SourceParagraph("主要成绩", 0), SourceParagraph("长" * 201, 1), SourceParagraph("正文。")])
    assert shape(report.sections) == [("", "主要成绩")] and report.sections[0].paragraphs == ["长" * 201, "正文。"]
    check_own_output(year_file_text(report, 2020, None, [table]), "2020.yaml")
    numbered = outline("总结\n开篇。\n" + "一" * 21 + "、标题\n正文。\n二、存在问题")  # no section number of 22 characters
    assert shape(numbered.sections) == [("二、", "存在问题")]
    check_own_output(year_file_text(numbered, 2020, None, []), "2020.yaml")

def numbered_report(path: Path) -> None:
    """A report whose outline is Word's automatic numbering (一、 （一） 1、), none of it typed."""
    report = WordReport()
    report.paragraph("今年工作顺利。")
    report.listed("主要成绩", 0)
    report.listed("后勤保障", 1)
    report.listed("食堂改造", 2)
    report.paragraph("完成食堂改造。")
    report.listed("节能降耗", 2)
    report.listed("安全保卫", 1)
    report.listed("存在问题", 0)
    report.paragraph("车辆老化。")
    report.save(path)


def test_word_automatic_numbering_is_written_back_as_the_markers_word_shows(tmp_path: Path) -> None:
    path = tmp_path / "numbered.docx"
    numbered_report(path)
    report = recognise(read_docx(path).paragraphs)
    assert shape(report.sections) == [
        ("一、", "主要成绩", [("（一）", "后勤保障", [("1、", "食堂改造"), ("2、", "节能降耗")]), ("（二）", "安全保卫")]),
        ("二、", "存在问题"),
    ]
    assert report.sections[0].children[0].children[0].paragraphs == ["完成食堂改造。"]


def test_text_in_tracked_changes_and_content_controls_is_imported_and_a_text_box_is_reported(tmp_path: Path) -> None:
    """python-docx's paragraph text leaves out unaccepted insertions and content controls; an
    office's report often has both. Moved text is read once, at its new place. A text box is
    not part of the text: it is counted and named."""
    from nianjian.edit.importing.tally import count_import, report_lines
    from nianjian.edit.importing.writing import check_own_output

    report = WordReport()
    report.paragraph("一、主要成绩")
    report.tracked_insertion("食堂改造完成，", "就餐环境明显改善。")
    report.content_control("全年节约用电十二万千瓦时。")
    report.tracked_move("车辆更新两台。", "安全无事故。")
    report.text_box("图片说明")
    source = read_docx(report.save(tmp_path / "changes.docx"))
    imported = recognise(source.paragraphs)
    assert imported.sections[0].paragraphs == ["食堂改造完成，就餐环境明显改善。", "全年节约用电十二万千瓦时。", "安全无事故。车辆更新两台。"]
    written = check_own_output(year_file_text(imported, 2023, None, []), "2023.yaml")
    tally = count_import(source, imported, [], written)
    assert tally.characters_not_imported == 4
    assert report_lines(tally, [])[-1] == f"字数（不计空格和标点）：原文 {tally.characters_in}，只有 正文 {tally.characters_written}：4 字没有导入（可能在文本框中），请对照原文核对"


def test_headings_numbered_by_their_style_get_the_numbers_word_shows(tmp_path: Path) -> None:
    report = WordReport()
    report.number_heading_style(1)
    report.number_heading_style(2)
    report.heading("主要成绩", level=1)
    report.heading("后勤保障", level=2)
    report.paragraph("食堂改造完成。")
    report.heading("安全保卫", level=2)
    report.heading("存在问题", level=1)
    imported = recognise(read_docx(report.save(tmp_path / "styled.docx")).paragraphs)
    assert shape(imported.sections) == [("一、", "主要成绩", [("（一）", "后勤保障"), ("（二）", "安全保卫")]), ("二、", "存在问题")]


def test_a_templates_own_heading_styles_rank_by_their_outline_level(tmp_path: Path) -> None:
    """Office templates often bring “一级标题/二级标题” styles instead of Word's 标题 1/2; Word
    knows their level from the style's outline level, and so does the import."""
    report = WordReport()
    report.outline_style("一级标题", 1)
    report.outline_style("二级标题", 2)
    report.paragraph("今年工作顺利。")
    report.paragraph("主要成绩", style="一级标题")
    report.paragraph("后勤保障", style="二级标题")
    report.paragraph("食堂改造完成。")
    report.paragraph("存在问题", style="一级标题")
    report.paragraph("车辆老化。")
    imported = recognise(read_docx(report.save(tmp_path / "template.docx")).paragraphs)
    assert shape(imported.sections) == [("", "主要成绩", [("", "后勤保障")]), ("", "存在问题")]
    assert imported.summary == ["今年工作顺利。"]


def test_list_number_formats_read_as_word_shows_them() -> None:
    from nianjian.edit.importing.word_numbering import _formatted

    shown = {kind: _formatted(12, kind) for kind in ("chineseCounting", "taiwaneseCountingThousand", "chineseLegalSimplified", "decimalFullWidth", "decimalEnclosedCircle", "decimal")}
    assert shown == {"chineseCounting": "十二", "taiwaneseCountingThousand": "十二", "chineseLegalSimplified": "拾贰", "decimalFullWidth": "１２", "decimalEnclosedCircle": "⑫", "decimal": "12"}
    assert _formatted(3, "ideographTraditional") == "丙"


def test_chinese_list_numbers_count_as_word_counts() -> None:
    from nianjian.facts.numbering import chinese_number

    assert [chinese_number(n) for n in (1, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110, 120)] == [
        "一", "九", "十", "十一", "十九", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十", "一百二十",
    ]
    assert [chinese_number(n) for n in (0, 1000, 1001, 1010, 1100, 10000, 10010, 32767)] == [
        "零", "一千", "一千零一", "一千零一十", "一千一百", "一万", "一万零一十", "三万二千七百六十七",
    ]
    for beyond in (-1, 100_000, 10**4000):  # beyond the numbers written (a Word list stops at 32767 before)
        with pytest.raises(ValueError):
            chinese_number(beyond)


def flatten(sections: list) -> list[str]:
    """Headings and paragraphs in reading order, squeezed."""
    found: list[str] = []
    for section in sections:
        if section.get("missing"):
            continue
        found.append(squeeze(section.get("number", "") + section["title"]))
        found += [squeeze(p) for p in section.get("body", "").split("\n\n") if p.strip()]
        found += flatten(section.get("sections", []))
    return found


def test_importing_the_seed_gives_the_shipped_2024_record() -> None:
    seed = REPO / "data" / "sources" / "2024-service-center-summary.txt"
    document = read_plain_text(seed.read_bytes())
    imported = yaml.safe_load(year_file_text(recognise(document.paragraphs), 2024, None, []))
    shipped = yaml.safe_load((REPO / "data" / "years" / "2024.yaml").read_text(encoding="utf-8"))

    def outline_of(sections: list) -> list:
        keep = ("number", "title", "body", "missing", "truncated")
        return [{**{k: s[k] for k in keep if k in s}, "sections": outline_of(s.get("sections", []))} for s in sections]

    assert outline_of(imported["sections"]) == outline_of(shipped["sections"])
    assert imported["summary"] == shipped["summary"]


# --- never drops text: a property over generated reports --------------------------------

_WORDS = "机关服务中心食堂车辆节能会议保障安全卫生绿化物业管理采购维修培训落实完成推进制度"
_MARKERS_BY_RANK = [
    lambda n: ["一、", "二、", "三、", "四、"][n],
    lambda n: [f"（{c}）" for c in "一二三四"][n] if n % 2 == 0 else [f"({c})" for c in "一二三四"][n],
    lambda n: [f"{n + 1}、", f"{n + 1}.", f"{n + 1}．"][n % 3],
    lambda n: [f"（{n + 1}）", f"({n + 1})"][n % 2],
    lambda n: "①②③④"[n],
]
_SPACES = st.sampled_from(["", " ", "  ", "\u3000", "\u3000\u3000", "        "])
words = st.text(alphabet=_WORDS, min_size=2, max_size=16)
paragraphs = st.lists(st.builds(lambda a, b: f"{a}，{b}。", words, words), max_size=3)


@st.composite
def report_trees(draw, rank: int = 0, depth: int = 0) -> list[tuple]:
    """Sections as (rank, title, paragraphs, children); deeper ranks may be skipped."""
    count = draw(st.integers(min_value=1 if depth == 0 else 0, max_value=3))
    sections = []
    for _ in range(count):
        children = []
        if depth < 2 and rank < 4:
            child_rank = draw(st.integers(min_value=rank + 1, max_value=min(4, rank + 2)))
            children = draw(report_trees(rank=child_rank, depth=depth + 1))
        sections.append((rank, draw(words), draw(paragraphs), children))
    return sections


@st.composite
def documents(draw) -> tuple[str, list[str], list[tuple]]:
    tree = draw(report_trees())
    opening = draw(paragraphs)
    lines = list(opening)
    body: list[str] = []

    def write(sections: list[tuple]) -> None:
        for position, (rank, title, texts, children) in enumerate(sections):
            line = _MARKERS_BY_RANK[rank](position) + draw(_SPACES) + title
            lines.append(line)
            body.append(line)
            lines.extend(texts)
            body.extend(texts)
            write(children)

    write(tree)
    return "\n".join(lines) + "\n", opening + body, tree


def ranks(sections: list[tuple]) -> list:
    """The outline of a generated tree: ranks only."""
    return [(rank, ranks(children)) for rank, _, _, children in sections]


def imported_ranks(sections: list[ImportedSection]) -> list:
    return [(section.rank, imported_ranks(section.children)) for section in sections]


@settings(max_examples=150, deadline=None)
@given(documents(), st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]), st.booleans())
def test_import_never_drops_text(document, encoding: str, crlf: bool) -> None:
    text, source_lines, tree = document
    raw = (text.replace("\n", "\r\n") if crlf else text).encode(encoding)
    report = recognise(read_plain_text(raw).paragraphs)
    written = yaml.safe_load(year_file_text(report, 2020, None, []))

    summary = [squeeze(p) for p in written["summary"].split("\n\n")] if report.summary else []
    assert summary + flatten(written["sections"]) == [squeeze(line) for line in source_lines]

    assert imported_ranks(report.sections) == ranks(tree)


def test_imported_file_is_a_valid_year_record(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "years").mkdir(parents=True)
    (data / "site.yaml").write_text((REPO / "data" / "site.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    seed = REPO / "data" / "sources" / "2024-service-center-summary.txt"
    report = recognise(read_plain_text(seed.read_bytes()).paragraphs)
    (data / "years" / "2023.yaml").write_text(year_file_text(report, 2023, None, []), encoding="utf-8")
    record = load_archive(data).year(2023)
    assert [s.title for s in record.sections if s.missing] == ["解放思想、开拓创新，构建机关后勤服务新框架", "存在问题", "明年服务中心的工作思路"]
    assert re.match(r"^2023年", record.title)


# --- the same property for Word files --------------------------------------------------------

def _inline_enumeration(rank: int, first: str, second: str) -> str:
    """“（一）甲；（二）乙。” — a list inside one paragraph, at any rank's markers."""
    return f"{_MARKERS_BY_RANK[rank](0)}{first}；{_MARKERS_BY_RANK[rank](1)}{second}。"


_WAYS = ["typed", "style", "style+typed", "automatic", "title.body", "long"]
clauses = st.lists(words, min_size=6, max_size=9).map(lambda parts: "，".join(parts) + "。")


@st.composite
def word_documents(draw, tmp_path: Path) -> tuple[Path, list[str], list[tuple]]:
    """A .docx holding a generated report, each heading written one of the ways offices write
    them; body paragraphs include inline enumerations and tables sit between them. Returns the
    file, the text expected in the year file in reading order, and the outline."""
    tree = draw(report_trees())
    report = WordReport()
    expected: list[str] = []
    for text in draw(paragraphs):
        report.paragraph(text)
        expected.append(text)

    def body(rank: int, texts: list[str]) -> None:
        for text in texts:
            if draw(st.booleans()) and len(text) > 3:
                text = _inline_enumeration(draw(st.integers(0, 4)), text[:2], text[2:-1])
            report.paragraph(text)
            expected.append(text)
            if draw(st.integers(0, 5)) == 0:
                report.table([[draw(words), draw(words)] for _ in range(draw(st.integers(1, 3)))])

    def write(sections: list[tuple]) -> None:
        for position, (rank, title, texts, children) in enumerate(sections):
            way = draw(st.sampled_from(_WAYS if texts else _WAYS[:4] + ["long"]))
            marker = _MARKERS_BY_RANK[rank](position)
            if way == "typed":
                report.paragraph(marker + draw(_SPACES) + title)
                expected.append(marker + title)
            elif way.startswith("style"):
                shown = marker + title if way == "style+typed" else title
                report.heading(shown, level=rank + 1)
                expected.append(shown)
            elif way == "automatic":
                report.listed(title, rank)  # Word writes the marker; its count need not match
                expected.append(None)  # filled in below from what the import read
            elif way == "title.body":  # “1、食堂改造。完成了……” on one line
                report.paragraph(f"{marker}{title}。{texts[0]}")
                expected.extend([marker + title + "。", texts[0]])
                texts = texts[1:]
            else:  # a numbered paragraph too long for a heading: “2、转变观念，……”
                long_text = draw(clauses)
                while len(title) + 1 + len(long_text) <= HEADING_MAX_CHARACTERS:
                    long_text = long_text[:-1] + "，" + long_text
                report.paragraph(f"{marker}{title}，{long_text}")
                expected.extend([marker + title, long_text])
            body(rank, texts)
            write(children)

    write(tree)
    path = report.save(tmp_path / f"generated-{draw(st.integers(0, 10**9))}.docx")
    return path, expected, tree


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_word_import_never_drops_text_and_keeps_the_outline(tmp_path_factory, data) -> None:
    from nianjian.edit.importing.tally import count_import
    from nianjian.edit.importing.writing import check_own_output

    path, expected, tree = data.draw(word_documents(tmp_path_factory.mktemp("word")))
    document = read_docx(path)
    report = recognise(document.paragraphs)
    tables = [read_table(rows) for rows in document.tables]
    written = check_own_output(year_file_text(report, 2020, None, tables), "generated.yaml")

    # Headings Word numbers itself come back with the marker Word shows.
    automatic = iter(p.text for p in document.paragraphs if p.marker_length)
    expected = [text if text is not None else next(automatic) for text in expected]
    opening = [squeeze(p) for p in written["summary"].split("\n\n")] if report.summary else []
    assert opening + flatten(written["sections"]) == [squeeze(text) for text in expected]

    assert imported_ranks(report.sections) == ranks(tree)
    # Every character of the file is accounted for: body text, table cells, Word's numbers.
    tally = count_import(document, report, tables, written)
    assert tally.characters_not_imported == 0 and tally.characters_in > 0


# --- The whole report: problems, plans, the closing 落款 and date -------------------------

OPENING = ["2025年机关服务中心工作总结", "2025年，中心围绕保障中心工作，完成了全年任务。", "一、主要工作", "全年供餐二十万人次，食堂改造顺利完成。"]
# Two ways offices write the end of a report: 1．-numbered lists under 存在问题 / 明年工作思路,
# signed on two lines; or （一） items, one running on in a second paragraph, under 存在的不足 /
# 工作打算, “特此报告。”, and the 落款 with a date in Chinese numerals on one line.
LAYOUTS = {
    "numbered": (
        ["二、存在问题", "1．部分设施设备老化，维修任务重。", "2．服务人员专业技能有待提高。",
         "三、明年工作思路", "1．制定设施设备更新计划，分步实施", "2．加强业务培训",
         "省局机关服务中心", "2025年12月26日"],
        ["部分设施设备老化，维修任务重。", "服务人员专业技能有待提高。"],
        ["制定设施设备更新计划，分步实施", "加强业务培训"],
        ("省局机关服务中心", "2025-12-26", None),
    ),
    "bracketed": (
        ["二、工作中存在的不足", "（一）食堂就餐高峰排队时间长，", "部分职工反映较多。", "（二）公务用车老化",
         "三、2026年工作打算", "（一）缩短就餐高峰排队时间；", "（二）更新公务用车。",
         "特此报告。", "省局机关服务中心 二〇二五年十二月二十六日"],
        ["食堂就餐高峰排队时间长，\n\n部分职工反映较多。", "公务用车老化"],
        ["缩短就餐高峰排队时间；", "更新公务用车。"],
        ("省局机关服务中心", "2025-12-26", "特此报告。"),
    ),
}


def write_report(workdir: Path, kind: str, lines: list[str]) -> str:
    """The report as a plain-text file or a Word file of one paragraph a line; its name."""
    if kind == "txt":
        (workdir / "report.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        report = WordReport()
        for line in lines:
            report.paragraph(line)
        report.save(workdir / "report.docx")
    return f"report.{kind}"


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_an_imported_report_s_lists_become_problems_and_plans_and_its_closing_the_formal_fields(workdir: Path, kind: str, layout: str) -> None:
    ending, problems, plans, (signature, date, closing) = LAYOUTS[layout]
    result = nianjian("import", write_report(workdir, kind, OPENING + ending), "--year", "2025", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "一致" in result.stdout and "无正文的标题" not in result.stdout, result.stdout
    assert f"存在问题 {len(problems)} 条" in result.stdout and f"成文日期 {date}" in result.stdout
    text = (workdir / "data" / "years" / "2025.yaml").read_text(encoding="utf-8")
    written = yaml.safe_load(text)
    assert [item["text"] for item in written["problems"]] == problems
    assert [item["text"] for item in written["plans"]] == plans
    assert [item["id"] for item in written["plans"]] == ["2026-01", "2026-02"]
    expected = {"signature": signature, "date": date} | ({"closing": closing} if closing else {})
    assert written["document"] == expected
    assert "truncated" not in text and signature not in str(written["sections"]) and "2025年12月" not in text
    # The list chapters keep their place in the outline, with nothing of their own to say.
    assert [section["title"] for section in written["sections"]][1:] == [line[2:] for line in ending if line.startswith(("二、", "三、"))]
    assert nianjian("validate", cwd=workdir).returncode == 0


def test_only_a_report_that_stops_mid_sentence_is_truncated_not_one_that_ends_with_a_list_or_a_closing(workdir: Path) -> None:
    stops = outline("\n".join(OPENING + ["二、存在问题", "1．部分设施设备老化，维修任务"]))
    assert stops.sections[-1].items == ["部分设施设备老化，维修任务"]  # a list item may end without a stop
    body_stops = outline("\n".join(OPENING[:3] + ["全年供餐二十万人次，食堂改造"]))
    assert body_stops.sections[-1].truncated
    signed = outline("\n".join(OPENING + ["以上，特此报告", "省局机关服务中心", "2025年12月26日"]))
    assert not any(section.truncated for section in signed.all_sections()) and signed.date == "2025-12-26"


def test_each_table_row_gets_an_area_suggested_and_an_unclear_one_is_reported_once(tmp_path: Path) -> None:
    """The repository's areas with their usual words: a row about the canteen is suggested 餐饮
    服务 (by “食堂”), one naming 公务用车 that area, and one saying neither stays to be filled,
    which validate reports once, with the codes to choose from."""
    import shutil

    shutil.copytree(REPO / "data", tmp_path / "data")
    report = WordReport()
    for line in ["2025年工作总结", "2025年，中心完成了全年任务。", "一、主要成绩", "各项工作成绩如下："]:
        report.paragraph(line)
    report.table([["事项", "成果"], ["机关食堂改造", "就餐环境明显改善"], ["公务用车平台", "车辆全部入网"], ["年度评优", "获得表彰"]])
    report.save(tmp_path / "report.docx")
    result = nianjian("import", "report.docx", "--year", "2025", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2 条按文字建议了工作领域" in result.stdout and "建议领域 catering（餐饮服务，依据“食堂”）" in result.stdout, result.stdout
    text = (tmp_path / "data" / "years" / "2025.yaml").read_text(encoding="utf-8")
    assert "area: catering  # 建议：餐饮服务（依据“食堂”），请核对" in text
    assert "area: vehicles  # 建议：公务用车（依据“公务用车”），请核对" in text
    written = yaml.safe_load(text)
    assert [item["area"] for item in written["achievements"]] == ["catering", "vehicles", "（待填写）"]
    checked = nianjian("validate", cwd=tmp_path)
    lines = [line for line in checked.stdout.splitlines() if "2025.yaml" in line]
    assert checked.returncode == 1 and len(lines) == 1, checked.stdout
    assert "achievements[2].area — 工作领域还没有填写" in lines[0] and "catering" in lines[0]
