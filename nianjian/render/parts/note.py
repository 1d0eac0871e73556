"""Notes: boxed remarks on a page (Material admonitions), as typed objects so every rendering
(page, Word) says the same. The texts are ours, never data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nianjian.render.parts.templating import render_markdown


@dataclass(frozen=True)
class Note:
    kind: Literal["info", "warning", "failure"]
    title: str
    text: str
    searched: bool = True  # a note said on many pages (the sample-data warning) is no search hit


MISSING_PART = Note("info", "原文缺失", "原文只在开头的提纲中列出了这一部分的标题，正文中没有这部分内容。此处不作补写。")
TRUNCATED_PART = Note("warning", "原文不完整", "原文在这里中断，后面的文字缺失。")
SAMPLE_DATA = Note("warning", "示例数据", "标有“示例数据”的数字不是真实记录，仅用于演示图表；请以正式统计为准。", searched=False)


def note_markdown(note: Note) -> str:
    return render_markdown("note.md", note=note)
