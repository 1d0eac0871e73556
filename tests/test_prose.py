"""Editors' Markdown becomes safe HTML; plain report text takes a shortcut that must give
exactly what the full Markdown conversion and sanitiser give."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from nianjian.prose import ProseRenderer, plain_paragraphs

RENDERER = ProseRenderer()
REPORT_CHARACTERS = list("中心食堂节能改造完成年度工作总结一二三四五（）“”、，。；：%") + list("0123456789 .-():'\"\n") + ["\u3000", "\t", "*", "[", "#", "&", "<"]


def full_conversion(text: str) -> str:
    body, _ = RENDERER._convert(text)
    return RENDERER._cleaner.clean(body)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(REPORT_CHARACTERS), max_size=120))
def test_plain_text_shortcut_equals_the_full_conversion(text: str) -> None:
    shortcut = plain_paragraphs(text)
    if shortcut is not None:
        assert shortcut == full_conversion(text)


def test_report_paragraphs_take_the_shortcut() -> None:
    text = "2024年，中心完成了食堂改造（一期），节能15.5%。\n办公环境达到三星级标准。\n\n第二段：继续推进。"
    assert plain_paragraphs(text) == "<p>2024年，中心完成了食堂改造（一期），节能15.5%。\n办公环境达到三星级标准。</p>\n<p>第二段：继续推进。</p>"
    assert RENDERER.html(text) == full_conversion(text)


def test_markdown_and_hostile_text_take_the_full_path() -> None:
    for text in ("**粗体**", "[链接](../2023/)", "1. 列表", "- 列表", "<b>x</b>", "标题\n===", "段落 {: onclick=x}#"):
        assert plain_paragraphs(text) is None


def shown_text(text: str) -> str:
    """What a reader sees of the text in the page's HTML, whitespace aside."""
    import html
    import re

    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", RENDERER.html(text))))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(REPORT_CHARACTERS + ["1. ", "- ", "> ", "**", "|", "`", "\n\n"]), max_size=60).map("".join))
# Found in a fresh clone's run: a paragraph "0" before an empty list item "1."; the old
# comparison glued the marker to the digit before it ("01.") and removed both.
@example("0\n\n1. ")
# Found by `make test-explore`: typed "&#0" (no semicolon) is text on the page; Word showed U+FFFD.
@example("&#0")
def test_blocks_for_word_show_the_same_text_as_the_page(text: str) -> None:
    """The Word document reads the same Markdown as blocks: the words a reader sees agree.
    List markers are drawn by the browser (not in the page's text) and by Word's numbering
    (block.marker), so neither side's text holds them; images show nothing."""
    import re

    blocks = RENDERER.blocks(text)
    words = "".join("".join(run.text for run in block.runs) + "".join(block.cells) for block in blocks)
    assert re.sub(r"\s+", "", words) == shown_text(text) or "![" in text


def test_markdown_becomes_typed_blocks_with_emphasis_lists_quotes_and_tables() -> None:
    text = (
        "这是**重点**和*强调*，`代码` & <b>标签</b>，[链接](../x/)。\n\n"
        "- 第一项\n- 第二项\n    1. 子项\n\n> 引用文字\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |"
    )
    paragraph, first, second, nested, quote, header, row = RENDERER.blocks(text)
    assert [(run.text, run.bold, run.italic, run.code) for run in paragraph.runs] == [
        ("这是", False, False, False), ("重点", True, False, False), ("和", False, False, False), ("强调", False, True, False),
        ("，", False, False, False), ("代码", False, False, True), (" & <b>标签</b>，", False, False, False),
        ("链接", False, False, False), ("。", False, False, False),
    ]
    assert (first.kind, first.marker, first.depth, first.runs[0].text) == ("item", "•", 0, "第一项")
    assert (second.runs[0].text.strip(), nested.marker, nested.depth, nested.runs[0].text) == ("第二项", "1.", 1, "子项")
    assert (quote.kind, quote.runs[0].text) == ("quote", "引用文字")
    assert (header.kind, header.cells, row.cells) == ("row", ("甲", "乙"), ("1", "2"))
    assert [block.runs[0].text for block in RENDERER.blocks("第一行\n第二行\n\n第二段")] == ["第一行 第二行", "第二段"]
