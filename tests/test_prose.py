"""Editors' Markdown becomes safe HTML; plain report text takes a shortcut that must give
exactly what the full Markdown conversion and sanitiser give."""

from __future__ import annotations

from hypothesis import given, settings
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
