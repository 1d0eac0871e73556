"""Hostile documents for tests/test_limits.py, each made to a size in bytes: not big normal
reports but the shapes that make parsers and renderers do more than linear work (one endless
run of rare characters, thousands of unclosed brackets, deep quotations, very many items).

Every generator is deterministic (a fixed seed) and fast: the document is assembled from
repeated units up to the wanted size, never by python-docx paragraph by paragraph.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

# Random characters of the basic CJK block, which jieba cuts (it passes Extension A through
# untouched): most are rare and few neighbours make a dictionary word, so nearly every run goes
# to jieba's HMM, and the search-word cache never sees the same window twice.
RARE_HAN = [chr(code) for code in range(0x4E00, 0x9FA6)]


def rare_han(count: int, seed: int = 19) -> str:
    return "".join(random.Random(seed).choices(RARE_HAN, k=count))


def utf8_size(text: str) -> int:
    return len(text.encode("utf-8"))


def fill(units: Callable[[], Iterator[str]], size: int, overhead: int = 0) -> str:
    """Units joined until the text is `size` bytes less `overhead`: whole units, a unit too big
    for the room left is passed over for the smaller ones after it."""
    parts: list[str] = []
    total = overhead
    passed_over = 0
    for unit in units():
        unit_size = utf8_size(unit)
        if total + unit_size > size:
            passed_over += 1
            if passed_over == 20:
                break
            continue
        passed_over = 0
        parts.append(unit)
        total += unit_size
    return "".join(parts)


def _cycle(pieces: list[str]) -> Callable[[], Iterator[str]]:
    def units() -> Iterator[str]:
        while True:
            yield from pieces

    return units


# --- year files ------------------------------------------------------------------------------

HOSTILE_YEAR = 2021  # earlier than the fixture's 2022–2024: a year of its own


def _year_file(sections_yaml: str, *, summary: str = "2021年工作总结的开篇。", rest: str = "achievements: []\nproblems: []\nplans: []\n") -> str:
    return (
        f"year: {HOSTILE_YEAR}\ntitle: {HOSTILE_YEAR}年工作总结\nsummary: {json.dumps(summary, ensure_ascii=False)}\n"
        f"sections:\n{sections_yaml}{rest}"
    )


def _body_year(body_lines: Callable[[int], str], size: int) -> str:
    """A year file whose one section holds a `|` block body of about `size` bytes in all."""
    head = "  - title: 主要工作成绩\n    body: |\n"
    empty = _year_file(head)
    text = body_lines(size - utf8_size(empty))
    return _year_file(head + text)


def _indented(lines: str, indent: str = "      ") -> str:
    return "".join(f"{indent}{line}\n" if line else "\n" for line in lines.split("\n"))


def year_han_run(size: int) -> str:
    """One paragraph of a single unpunctuated run of rare characters (search-word cutting,
    Word's paragraph, the page's HTML)."""
    return _body_year(lambda room: _indented(rare_han((room - 8) // 3)), size)


def markdown_brackets(room: int) -> str:
    """One paragraph of unclosed links and images: `[` with no `]`, `[x](` with no `)`,
    `![`, reference-style `[x][`: Python-Markdown's link scanning looks ahead from each."""
    han = rare_han(4096, seed=2)
    forms = ["[{} ", "[{}]( ", "![{} ", "[{}][ ", "]({} "]
    pieces = (forms[n % len(forms)].format(han[n % 4000 : n % 4000 + 2]) for n in range(room))
    return _trim("".join(next(pieces) for _ in range(room // 8 + 16)), room)


def markdown_emphasis(room: int) -> str:
    """One paragraph of emphasis marks that never close, nested every way: `*_**__***___`,
    with backticks and backslashes between them."""
    han = rare_han(4096, seed=7)
    marks = ["*", "_", "**", "__", "*_", "_*", "***", "`", "\\*", "~~"]
    pieces = [marks[n % len(marks)] + han[n % 4000] for n in range(room // 4 + 16)]
    return _trim("".join(pieces), room)


def markdown_blocks(room: int) -> str:
    """Block structure: long and deeply indented lists, quotations 30 deep (`>>>>…`), tables of
    many `|` columns, headings and rules, blocks one after another without blank lines."""
    han = rare_han(4096, seed=3)

    def units() -> Iterator[str]:
        n = 0
        while True:
            text = han[n % 4000 : n % 4000 + 6]
            yield "\n".join(f"{'  ' * (depth % 12)}- {text}{depth}" for depth in range(40)) + "\n"
            yield "\n".join(f"{'>' * depth} {text}" for depth in range(1, 31)) + "\n\n"
            yield "| " + " | ".join(text[:2] for _ in range(60)) + " |\n|" + "---|" * 60 + "\n" + (
                "| " + " | ".join(text[2:4] for _ in range(60)) + " |\n") * 10 + "\n"
            yield "".join(f"{n % 9 + 1}. {text}\n" for _ in range(30)) + "#### " + text + "\n***\n"
            n += 7

    return fill(lambda: (_indented(unit.rstrip("\n")) + "\n" for unit in units()), room)


def markdown_deep(room: int) -> str:
    """Nesting, block after block: emphasis 2,000 deep (`**…*文字*…**`), a quotation 2,000 deep,
    and every fiftieth time a list indented 500 levels deep (500 KB)."""
    han = rare_han(4096, seed=37)

    def units() -> Iterator[str]:
        n = 0
        while True:
            text = han[n % 4000 : n % 4000 + 4]
            yield _indented("*" * 2000 + text + "*" * 2000 + "\n")
            yield _indented(">" * 2000 + " " + text + "\n")
            if n % 50 == 0:
                yield _indented("\n".join("    " * depth + "- " + text for depth in range(500)) + "\n")
            n += 1

    return fill(units, room)


def markdown_at_bounds(room: int) -> str:
    """What validation accepts at its most (nianjian.prose): paragraphs of 300 marks each —
    emphasis, code, escapes, links inside the site, brackets nested 3 deep — quotations 8 deep
    and lists 7 deep, each block as long as the others."""
    han = rare_han(4096, seed=41)

    def units() -> Iterator[str]:
        n = 0
        while True:
            text = han[n % 4000 : n % 4000 + 3]
            marks = "".join(f"*{text}* `{text}` \\* " for _ in range(35))  # 6 marks each: 210
            links = "".join(f"[{text}[{text}[{text}]]](../{HOSTILE_YEAR + 1}/) " for _ in range(30))  # 90
            yield _indented(marks + links + "\n")
            yield _indented("\n".join(f"{'> ' * depth}{text}" for depth in range(1, 9)) + "\n")
            yield _indented("\n".join(f"{'    ' * depth}- {text}" for depth in range(8)) + "\n")
            n += 3

    return fill(units, room)


def _trim(text: str, room: int) -> str:
    """Cut a one-line text to fit `room` bytes once indented."""
    encoded = text.encode("utf-8")[: max(room - 8, 0)]
    return _indented(encoded.decode("utf-8", errors="ignore"))


def year_markdown(kind: Callable[[int], str]) -> Callable[[int], str]:
    return lambda size: _body_year(kind, size)


def year_many_items(size: int, most_sections: int | None = None) -> str:
    """Very many sections (nested up to the five levels allowed), achievements, problems and
    plans, each item with the full ten tags, 490 tags in all: every list page and index grows.
    With `most_sections`, sections stop there and the other lists go on growing."""
    tags = [f"标签{n:03d}" for n in range(490)]
    areas = ["catering", "energy", "vehicles"]

    def tag_list(n: int) -> str:
        return "[" + ", ".join(tags[(n * 7 + k) % len(tags)] for k in range(10)) + "]"

    def section(n: int, depth: int) -> str:
        pad = "  " * (2 * depth)
        return (
            f"{pad}  - title: 第{n}节{rare_han(6, seed=n)}\n{pad}    id: s{n}\n{pad}    area: {areas[n % 3]}\n"
            f"{pad}    tags: {tag_list(n)}\n{pad}    body: 第{n}节的正文{rare_han(10, seed=n)}。\n"
        )

    # The file's lists are proportional: per five sections (one of each depth), three
    # achievements linking to them, a problem and a plan.
    def block(n: int) -> tuple[str, str, str, str]:
        within = most_sections is None or n + 5 <= most_sections
        sections = "".join(section(n + depth, depth) + ("" if depth == 4 else f"{'  ' * (2 * depth)}    sections:\n") for depth in range(5)) if within else ""
        linked = n if within else n % most_sections  # an achievement names a section that is there
        achievements = "".join(
            f"  - area: {areas[k % 3]}\n    item: 事项{n + k}\n    result: 成果{n + k}\n    figure: {n + k}\n    unit: 项\n"
            f"    section: s{linked + k}\n    tags: {tag_list(n + k)}\n"
            for k in range(3)
        )
        problem = f"  - id: p{n}\n    text: 问题{n}{rare_han(8, seed=n)}\n    area: {areas[n % 3]}\n"
        plan = f"  - id: g{n}\n    text: 目标{n}{rare_han(8, seed=n)}\n    area: {areas[n % 3]}\n"
        return sections, achievements, problem, plan

    parts: list[list[str]] = [[], [], [], []]
    total = utf8_size(_year_file("", rest="achievements:\nproblems:\nplans:\n"))
    n = 0
    while True:
        pieces = block(n)
        grown = sum(utf8_size(piece) for piece in pieces)
        if total + grown > size:
            break
        for kept, piece in zip(parts, pieces):
            kept.append(piece)
        total += grown
        n += 5
    sections, achievements, problems, plans = ("".join(kept) for kept in parts)
    return _year_file(sections, rest=f"achievements:\n{achievements}problems:\n{problems}plans:\n{plans}")


# --- data/site.yaml --------------------------------------------------------------------------

SITE_HEAD = "organization: 测试局机关服务中心\ntitle: 测试年鉴\n"
FIXTURE_INDICATORS = [("catering", "就餐人次"), ("vehicles", "出车次数"), ("energy", "用电量")]
SITE_AREAS = "areas:\n  - key: catering\n    name: 餐饮服务\n    order: 10\n  - key: energy\n    name: 节能\n    order: 20\n  - key: vehicles\n    name: 公务用车\n    order: 30\n"


def site_description(size: int) -> str:
    """A description (Markdown on the home page) of hostile Markdown: brackets, emphasis and
    block structure, a third each."""
    room = size - utf8_size(SITE_HEAD + "description: |\n" + SITE_AREAS)
    third = room // 3
    body = markdown_brackets(third) + "\n" + markdown_emphasis(third) + "\n" + markdown_blocks(third)
    return SITE_HEAD + "description: |\n" + body + SITE_AREAS


def site_registry(size: int) -> str:
    """An indicator registry of thousands of entries, each with many former names, and a list
    of key indicators as long: the fixture's three, then thousands no CSV has."""
    areas = ["catering", "energy", "vehicles"]

    def entries() -> Iterator[str]:
        n = 0
        while True:
            former = ", ".join(f"旧名{n}-{k}{rare_han(3, seed=n * 31 + k)}" for k in range(12))
            yield (
                f"  - key: i{n}\n    area: {areas[n % 3]}\n    name: 指标{n}\n    unit: 万元\n    former_names: [{former}]\n"
            )
            n += 1

    def keys() -> Iterator[str]:
        n = 0
        while True:
            yield f"  - area: {areas[n % 3]}\n    indicator: 指标{n}\n"
            n += 1

    # The fixture's own indicators first, so the pages keep the cards and charts they have.
    real = "".join(f"  - area: {area}\n    indicator: {name}\n" for area, name in FIXTURE_INDICATORS)
    room = size - utf8_size(SITE_HEAD + SITE_AREAS + "indicators:\nkey_indicators:\n" + real)
    return SITE_HEAD + SITE_AREAS + "indicators:\n" + fill(entries, room * 4 // 5) + "key_indicators:\n" + real + fill(keys, room // 5)


# --- data/metrics/*.csv ----------------------------------------------------------------------

CSV_HEADER = "year,area,indicator,unit,value,note,sample\n"
METRIC_AREAS = ["catering", "energy", "vehicles"] + [f"area{n:02d}" for n in range(3, 50)]  # the schema's most


def _indicators(area: str) -> int:
    """New indicators an area can take: 30 at most (metrics.MAX_INDICATORS_PER_AREA), and each
    of the fixture's areas has one already."""
    return 29 if area in ("catering", "energy", "vehicles") else 30


def site_with_metric_areas() -> str:
    """site.yaml with the fixture's three areas and 47 more (50: the most areas allowed)."""
    extra = "".join(f"  - key: {key}\n    name: 领域{key[4:]}\n    order: {100 + n}\n" for n, key in enumerate(METRIC_AREAS[3:]))
    return SITE_HEAD + SITE_AREAS + extra


def csv_many_series(size: int) -> str:
    """As many rows as the size allows within the caps: 50 areas × 30 indicators (the most of
    each), one row per indicator a year from 1900 on; renamed units that convert (元, 万元,
    亿元), sample rows, quoted cells with commas and doubled quotes, formula-looking notes."""
    units = ["元", "万元", "亿元"]
    names = [f"指标{k:02d}{rare_han(2, seed=k)}" for k in range(30)]

    def rows() -> Iterator[str]:
        for year in range(1900, 2101):
            for n, area in enumerate(METRIC_AREAS):
                for k in range(_indicators(area)):
                    value = (year * 37 + n * 11 + k * 5) % 100000 / 7
                    note = '"=1+1,含""逗号"""' if (year + k) % 5 == 0 else ("@SUM(A1)" if (year + k) % 7 == 0 else "")
                    yield f"{year},{area},{names[k]},{units[(year + k) % 3]},{value:.3f},{note},{'true' if k % 4 == 0 else 'false'}\n"

    # The rows are ordered year by year, so half the size is half the years: the same charts,
    # each with half the points.
    return CSV_HEADER + fill(rows, size, utf8_size(CSV_HEADER))


def csv_most_indicators(size: int, full_size: int) -> str:
    """Indicators within the caps (nianjian.check.metrics: 30 an area, 60 in all, the fixture's three
    included) in proportion to
    `size` of `full_size`, each with a row for every year the year files allow (1900–2100): the
    most points the charts, cards and year comparison can be given."""
    count = max(1, round((60 - len(FIXTURE_INDICATORS)) * size / full_size))  # with the fixture's own
    areas = ("catering", "energy")
    names = [f"指标{k:02d}{rare_han(2, seed=k)}" for k in range(60)]
    rows = (
        f"{year},{areas[k % 2]},{names[k]},吨,{(year * 37 + k * 5) % 100000 / 7:.3f},,{'true' if k % 4 == 0 else 'false'}\n"
        for k in range(count)
        for year in range(1900, 2101)
    )
    return CSV_HEADER + "".join(rows)


def csv_long_cells(size: int, name_length: int = 100) -> str:
    """The longest cells allowed (indicator names of 100 characters, notes of 2,000), for the
    fixture's three areas × 30 indicators (29 new ones each), year by year back from 2024 until
    the size is reached: the fixture's report years (their pages, Word files and charts) at any
    size, and a point a year more on every chart; tables, downloads and .xlsx carry the text."""
    names = [("指" * (name_length - 3) + f"{k:02d}" + "量") for k in range(30)]
    notes = rare_han(20_000, seed=31)

    def rows() -> Iterator[str]:
        n = 0
        for year in range(2024, 1899, -1):
            for area in ("catering", "energy", "vehicles"):
                for k in range(_indicators(area)):
                    start = (n * 37) % 17_000
                    n += 1
                    yield f"{year},{area},{names[k]},吨,{k + year % 10},{notes[start : start + 2000]},false\n"

    return CSV_HEADER + fill(rows, size, utf8_size(CSV_HEADER))


def csv_bad_rows(size: int) -> str:
    """Nothing but wrong rows: every one an error (unknown area, words for numbers, bad year,
    wrong column count), so the report itself is what grows."""
    forms = [
        "2023,nowhere,用电量,万千瓦时,1,,false\n",
        "2023,energy,用电量,万千瓦时,很多,,false\n",
        "①②③④,energy,用电量,吨,1,,false\n",
        "2023,energy,用电量\n",
        "2023,energy,,,1e999,,maybe\n",
    ]
    return CSV_HEADER + fill(_cycle(forms), size, utf8_size(CSV_HEADER))


# --- data/search-words.txt -------------------------------------------------------------------


def search_words_many(size: int) -> str:
    """The most words the file holds: every line a different word of 2–20 rare characters, many
    sharing their beginnings (jieba adds every prefix of every word to its dictionary)."""
    han = rare_han(40_000, seed=11)

    def lines() -> Iterator[str]:
        n = 0
        while True:
            start = (n * 13) % 39_000
            length = 1 + n % 19  # and a digit: 20 characters at most
            yield f"{han[start : start + length]}{n % 7} {1 + n % 9999} n\n"
            n += 1

    return fill(lines, size)


def search_words_bad(size: int) -> str:
    """Only malformed lines (spaces inside words, words over 20 characters, one very long line)."""
    forms = ["食 堂 abc 100\n", "很长的词" * 6 + " 100 n\n", "词 x y z\n"]
    return fill(_cycle(forms), size - 70_000) + "一" * 20_000 + "\n"


# --- reports to import -----------------------------------------------------------------------

TEXT_TITLE = "2019年机关服务中心工作总结\n"


def text_han_run(size: int) -> bytes:
    """A title, then one line of rare characters with no punctuation at all."""
    return (TEXT_TITLE + rare_han((size - utf8_size(TEXT_TITLE)) // 3)).encode("utf-8")


def text_contents_intro(size: int) -> bytes:
    """One opening paragraph that looks like a contents list's introduction over and over
    (从以下…方面…) but never ends in a colon; then a few headings."""
    unit = "从以下几个方面" + "总结" + "，"
    tail = "\n一、成绩\n完成了任务。\n二、问题\n还有不足。\n"
    return (TEXT_TITLE + fill(_cycle([unit]), size, utf8_size(TEXT_TITLE + tail)) + tail).encode("utf-8")


def text_outline(size: int, lines: int) -> bytes:
    """`lines` lines (at most 20,000 are allowed), every one an outline marker of a changing
    rank, some with an inline enumeration (（一）…；（二）…), Markdown marks in the text; the
    lines share the size evenly."""
    markers = ["{c}、", "（{c}）", "{d}、", "（{d}）", "①", "{d}.", "({c})"]
    chinese = "一二三四五六七八九十"
    per_line = (size - utf8_size(TEXT_TITLE)) // lines
    han = rare_han(per_line * 2 + 2000, seed=5)
    out = [TEXT_TITLE]
    for n in range(lines - 1):
        marker = markers[n % len(markers)].format(c=chinese[n % 10], d=n % 999 + 1)
        filler = "；（二）" if n % 11 == 0 else ("，[*_>|" if n % 3 == 0 else "")
        head = f"{marker}{filler}"
        room = per_line - utf8_size(head) - 1
        start = (n * 17) % 2000
        out.append(head + han[start : start + max(room // 3, 1)] + "\n")
    return "".join(out).encode("utf-8")


# --- Word (.docx) reports --------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCUMENT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:document xmlns:w="{_W}"><w:body>'
)
_DOCUMENT_TAIL = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'


def docx_with_body(template: bytes, body: str, total_size: int) -> bytes:
    """`template` (a .docx python-docx saved, with styles and numbering) with its document.xml
    replaced by `body`, and a photo of random bytes (stored, incompressible) bringing the file
    to about `total_size` bytes, as photos do in real reports."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = (_DOCUMENT_HEAD + body + _DOCUMENT_TAIL).encode("utf-8")
            target.writestr(item, data)
        written = output.tell()
        photo = max(total_size - written - 1024, 0)
        target.writestr(zipfile.ZipInfo("word/media/image1.png"), random.Random(1).randbytes(photo), compress_type=zipfile.ZIP_STORED)
    return output.getvalue()


def _run(text: str) -> str:
    return f"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>"


def _calibrated(make: Callable[[int], str], markup: int) -> str:
    """make(padding) grows by the same number of bytes for each unit of padding: two tries
    find the padding that brings it to `markup` bytes."""
    small, large = utf8_size(make(1)), utf8_size(make(9))
    padding = max(1 + (markup - small) * 8 // max(large - small, 1), 1)
    return make(padding)


def docx_paragraphs_body(markup: int, elements: int) -> str:
    """`elements` paragraphs of `markup` bytes in all: headings of three levels, Word list items
    at five levels (numbering Word draws, numId 90 of word_reports.WordReport), outline markers
    typed in the text, each paragraph's text in many runs of a few characters."""
    han = rare_han(8000, seed=9)

    def make(padding: int) -> str:
        out = []
        for n in range(elements):
            kind = n % 6
            if kind == 0:
                properties = f'<w:pPr><w:pStyle w:val="Heading{n % 3 + 1}"/></w:pPr>'
            elif kind in (1, 2):
                properties = f'<w:pPr><w:numPr><w:ilvl w:val="{n % 5}"/><w:numId w:val="90"/></w:numPr></w:pPr>'
            else:
                properties = ""
            start = (n * 31) % 4000
            runs = "".join(_run(han[start + 4 * k : start + 4 * k + 4]) for k in range(padding))
            prefix = _run("（一）") if kind == 3 else ""
            out.append(f"<w:p>{properties}{prefix}{runs}</w:p>")
        return "".join(out)

    return _calibrated(make, markup - utf8_size(_DOCUMENT_HEAD + _DOCUMENT_TAIL))


_TABLE_HEADINGS = ["事项", "成果", "时间", "数值", "单位", "备注"]


def docx_table_body(markup: int, elements: int) -> str:
    """One table of elements/2 cells (each cell and its paragraph count towards the cap of
    20,000), with a heading row the importer reads as achievements (事项 / 成果 / 时间 / 数值 /
    单位 / 备注), so every row becomes an achievement; the cells' text shares `markup`."""
    rows = elements // 2 // len(_TABLE_HEADINGS)
    han = rare_han(12_000, seed=13)

    def cell(text: str) -> str:
        return f"<w:tc><w:p>{_run(text)}</w:p></w:tc>"

    def make(padding: int) -> str:
        heading = "<w:tr>" + "".join(cell(name) for name in _TABLE_HEADINGS) + "</w:tr>"
        body_rows = []
        for n in range(rows - 1):
            start = (n * 29) % 4000
            text = han[start : start + padding]  # padding stays under 8,000
            # Within the year schema's lengths (事项 200, 成果 2,000), so every row is kept.
            values = [f"事项{n}{text[:150]}", f"成果{n}{text[150:1900]}", f"{1990 + n % 30}年{n % 12 + 1}月", str(n * 3), "项", text[1900:]]
            body_rows.append("<w:tr>" + "".join(cell(value) for value in values) + "</w:tr>")
        return f"<w:p>{_run('2019年工作总结')}</w:p><w:tbl>{heading}{''.join(body_rows)}</w:tbl>"

    return _calibrated(make, markup - utf8_size(_DOCUMENT_HEAD + _DOCUMENT_TAIL))


def docx_long_paragraph_body(markup: int, elements: int) -> str:
    """Four paragraphs, one of them holding nearly all the markup: runs of 4,000 rare
    characters, each followed by a tab and a line break, as pasted text keeps them."""
    room = markup - utf8_size(_DOCUMENT_HEAD + _DOCUMENT_TAIL) - 2000
    han = rare_han(room // 3, seed=17)
    chunks = [han[i : i + 4000] for i in range(0, len(han), 4000)]
    runs = "".join(f"<w:r><w:t>{chunk}</w:t><w:tab/><w:br/></w:r>" for chunk in chunks)
    opening = f"<w:p>{_run('2019年工作总结')}</w:p><w:p>{_run('一、主要工作')}</w:p>"
    return opening + f"<w:p>{runs}</w:p>" + f"<w:p>{_run('二、存在问题')}</w:p>"


def markup_besides_document(template: bytes) -> int:
    """Bytes of the template's XML parts other than word/document.xml (styles, numbering …)."""
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        return sum(
            item.file_size for item in archive.infolist()
            if item.filename.endswith((".xml", ".rels")) and item.filename != "word/document.xml"
        )


def write_bytes(path: Path, content: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path
