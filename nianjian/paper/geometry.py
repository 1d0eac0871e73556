"""The paper the year reports and the 年鉴 are printed on, defined once (GB/T 9704-2012, the
公文 format): A4, margins 37/35/28/26 mm, a text block of 156 × 225 mm holding 22 lines of 28
characters in 3号 仿宋, 2号 小标宋 titles, 黑体/楷体/仿宋 headings, 4号 宋体 page numbers.

The Word document (paper/word.py) takes these numbers and the first font of each list; the
print styles get them as the generated stylesheet's @page rule and custom properties
(stylesheet()), and `make pdf` (paper/pdf.py, the volume's own pages) from here too. Font lists name
the agency PC's font first, then the free TrueType fonts from Debian installed where PDFs are
made (Chromium embeds TrueType as real fonts; the OpenType Noto CJK it embeds as drawn glyphs,
so it comes last)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Margins:
    top: float
    bottom: float
    left: float
    right: float


PAGE_MM = (210, 297)  # A4
MARGINS_MM = Margins(top=37, bottom=35, left=28, right=26)
LINES_PER_PAGE, CHARACTERS_PER_LINE = 22, 28
TITLE_PT = 22  # 2号
BODY_PT = 16  # 3号
PAGE_NUMBER_PT = 14  # 4号
TABLE_PT = 12  # 小4号: a table of 5 columns cannot hold 3号 text
LETTERHEAD_PT = 36  # the red head's 发文机关标志 (小初号), when site.yaml asks for one
LETTERHEAD_TOP_MM = 35  # from the text block's top edge to the 发文机关标志's (GB/T 9704, 7.2.3)
VERSION_NOTE_PT = 14  # 版记 (抄送, 印发机关 and 印发日期): 4号
PAGE_NUMBER_BELOW_TEXT_MM = 7  # the page number's dashes (一字线), below the text block
# make pdf's running head (the page's title, 9 pt): its line's top this far from the paper's edge,
# where office printers still print (many cannot within 5 mm), well above the text block.
RUNNING_HEAD_TOP_MM = 15
# On paper (Word and PDF) a sample value carries a star and its table a note under it; the
# screen's badge (示例数据) would take a column's width on paper.
SAMPLE_MARK = "＊"
SAMPLE_MARK_NOTE = f"注：带{SAMPLE_MARK}的数字为示例数据，不是真实记录。"

TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM.left - MARGINS_MM.right  # 156
TEXT_HEIGHT_MM = PAGE_MM[1] - MARGINS_MM.top - MARGINS_MM.bottom  # 225
POINTS_PER_MM = 72 / 25.4
# 22 lines a page: the text block's height in whole twentieths of a point (Word's unit) divided by
# the lines, rounded down: 28.95 pt. The exact 28.99 pt (580 twips) makes 22 lines 12,760 twips,
# more than the block's 12,756, and Word then sets 21.
LINE_PITCH_PT = int(TEXT_HEIGHT_MM * POINTS_PER_MM * 20 / LINES_PER_PAGE) / 20
# 28 characters in the line: 3号 characters set this much closer (negative).
CHARACTER_SPACING_PT = TEXT_WIDTH_MM * POINTS_PER_MM / CHARACTERS_PER_LINE - BODY_PT

# Each list: the agency PC's font (Windows, WPS), then its 方正 …_GBK name on 信创 systems (UOS,
# Kylin with WPS; the Word file names it as the font's alternative, w:altName), then Windows'
# English name, then what Debian has.
FONTS = {
    "fangsong": ("仿宋_GB2312", "方正仿宋_GBK", "FangSong", "仿宋", "AR PL SungtiL GB", "DejaVu Sans", "Noto Serif CJK SC", "serif"),
    "hei": ("黑体", "方正黑体_GBK", "SimHei", "WenQuanYi Zen Hei", "DejaVu Sans", "Noto Sans CJK SC", "sans-serif"),
    "kai": ("楷体_GB2312", "方正楷体_GBK", "KaiTi", "楷体", "AR PL KaitiM GB", "DejaVu Sans", "Noto Serif CJK SC", "serif"),
    "title": ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "SimSun", "宋体", "AR PL SungtiL GB", "DejaVu Sans", "Noto Serif CJK SC", "serif"),
    "song": ("宋体", "方正书宋_GBK", "SimSun", "AR PL SungtiL GB", "DejaVu Sans", "Noto Serif CJK SC", "serif"),
}
_GENERIC = {"serif", "sans-serif"}


def css_fonts(name: str) -> str:
    """A font list for CSS: "仿宋_GB2312", "FangSong", …, serif."""
    return ", ".join(font if font in _GENERIC else f'"{font}"' for font in FONTS[name])


def fontconfig() -> str:
    """A fontconfig file that makes each font list an alias of its first name, for LibreOffice
    laying the formal Word file out (paper/formal_pdf.py): 仿宋_GB2312 is drawn in the first
    font of its list installed, not in whatever CJK font fontconfig would pick for every face."""
    aliases = []
    for fonts in FONTS.values():
        preferred = "".join(f"<family>{escape(font)}</family>" for font in fonts[1:] if font not in _GENERIC)
        aliases.append(f'  <alias binding="same"><family>{escape(fonts[0])}</family><prefer>{preferred}</prefer></alias>')
    lines = "\n".join(aliases)
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{lines}\n</fontconfig>\n"
    )


def css_margin() -> str:
    """The @page margin shorthand: top right bottom left."""
    margins = MARGINS_MM
    return f"{margins.top}mm {margins.right}mm {margins.bottom}mm {margins.left}mm"


def pdf_margins() -> dict[str, str]:
    """The margins as Chromium's page.pdf takes them."""
    return {side: f"{getattr(MARGINS_MM, side)}mm" for side in ("top", "bottom", "left", "right")}


def stylesheet() -> str:
    """The print styles' page and type, for the generated stylesheet (nianjian.css uses them)."""
    properties = {
        **{f"--nj-print-{name}": css_fonts(name) for name in FONTS},
        "--nj-print-body-size": f"{BODY_PT}pt",
        "--nj-print-title-size": f"{TITLE_PT}pt",
        "--nj-print-line": f"{LINE_PITCH_PT}pt",
        "--nj-print-character-spacing": f"{CHARACTER_SPACING_PT:.2f}pt",
        "--nj-print-text-width": f"{TEXT_WIDTH_MM}mm",
        "--nj-print-text-height": f"{TEXT_HEIGHT_MM}mm",
        "--nj-print-sample-mark": f'"{SAMPLE_MARK}"',
        "--nj-print-sample-note": f'"{SAMPLE_MARK_NOTE}"',
    }
    lines = "\n".join(f"  {name}: {value};" for name, value in properties.items())
    return f"@page {{ size: A4; margin: {css_margin()}; }}\n:root {{\n{lines}\n}}\n" + _DRAFT_MARK


# 征求意见稿 across every printed page of a year not yet signed: a fixed element, which print
# repeats on each page; the site's pages and the volumes' own pages (书名页, 目录) share it.
_DRAFT_MARK = (
    ".nj-draft-mark { display: none; }\n"
    "@media print {\n  .nj-draft-mark { display: block; position: fixed; top: 45%; left: 0; right: 0; text-align: center; transform: rotate(-30deg);"
    " font-size: 64pt; letter-spacing: .2em; color: rgba(0, 0, 0, .1); pointer-events: none; z-index: 10; }\n}\n"
)
