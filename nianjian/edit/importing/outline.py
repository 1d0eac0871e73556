"""Recognise the shape of a Chinese annual work summary (年度工作总结) in its paragraphs.

Rules, in the genre's own terms:
- outline markers 一、 （一）/(一) 1、/1./1． （1）/(1) ① rank in that order; a heading nests
  under the nearest open heading of a lower rank, even when a rank is skipped;
- a marker line whose first sentence is short (“1、标题。正文……”) is that heading and its
  body; a marker line too long for a heading is split at its first clause (“2、转变观念，
  完成了……”: heading 转变观念), so the (1)(2) after it nest under it and not under 1、;
  only one with no clause break within a heading's length is kept as text;
- “（一）…；（二）…” inside one paragraph is an enumeration in a sentence, never headings;
- an optional short title line, then the opening paragraph(s);
- a prose contents list ("从以下…方面…：", the headings, "以下分别…") is the outline
  itself: its entries are not repeated as text, and an entry with no body becomes a
  section marked 原文缺失;
- a marker alone on its line takes the short line after it as its title (“二、” / “存在问题”);
  with none, it is a heading whose title the editor writes;
- a first line that is an abridged copy of the next ("……" / "...") is a teaser and is
  not repeated;
- numbered lines under a 存在问题 / 不足 / 明年工作思路 / 工作打算 / 下一步 heading are that
  list's items (problems or plans), not headings; a line after an item continues it;
- the closing 落款 (署名) and date are the 公文's signature and 成文日期, not text;
- text that stops mid-sentence at the end is marked truncated (a list item, or a closing such as
  特此报告, may end without a full stop).
Nothing else is dropped: every other paragraph lands in the summary, a section body or a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nianjian.facts.numbering import DIGITS, MARKER_PATTERNS
from nianjian.facts.report_parts import is_plans_heading, is_problems_heading
from nianjian.read.schema import load_schema

_SPACES = "[ \u3000\t\u00a0]*"
_MARKER = re.compile(
    "^" + _SPACES + "(?:" + "|".join(f"(?P<rank{rank}>{pattern})" for rank, pattern in MARKER_PATTERNS) + ")" + _SPACES
)
HEADING_MAX_CHARACTERS = 60
# A list item longer than a problem's or plan's text may be stays the section's paragraph.
_ITEM_MAX_CHARACTERS = load_schema("year")["$defs"]["problem"]["properties"]["text"]["maxLength"]
# A paragraph in a Word heading style longer than a section title may be stays a paragraph.
_STYLED_HEADING_MAX_CHARACTERS = load_schema("year")["$defs"]["section"]["properties"]["title"]["maxLength"]
TITLE_MAX_CHARACTERS = 40
_SENTENCE_END = tuple("。！？；…”」』）)!?;.")
# The sentence announcing a list of contents: “…从以下几个方面…：”. Only a paragraph ending in a
# colon is searched (`_announces_contents`): searching `….*[：:]$` in every paragraph went to its
# end and back for each 从以下 in it, quadratic in a paragraph that repeats the words.
_CONTENTS_INTRO = re.compile(r"(从以下|主要从|分以下|从如下).{0,12}方面")
def _announces_contents(text: str) -> bool:
    return text.endswith(("：", ":")) and _CONTENTS_INTRO.search(text) is not None


_CONTENTS_OUTRO = re.compile(r"^(以下|下面)(分别|逐一|逐项)")
_TEASER_END = ("...", "……", "…")
# A numbered line's heading: its first sentence, up to a full stop (or a colon) within 40 characters.
_TITLE_THEN_BODY = re.compile(r"(.{1,%d}?[。！？：:])(.+)\Z" % TITLE_MAX_CHARACTERS, re.S)
# A long numbered paragraph's heading: its first clause, up to a comma or semicolon (dropped).
_CLAUSE_THEN_BODY = re.compile(r"(.{1,%d}?)[，,；;](.+)\Z" % TITLE_MAX_CHARACTERS, re.S)


def squeeze(text: str) -> str:
    """Text without any kind of space: how the importer compares headings."""
    return re.sub(r"[\s\u3000\u00a0]+", "", text)


@dataclass
class SourceParagraph:
    text: str
    heading_rank: int | None = None  # from a Word heading style; None for plain text
    marker_length: int = 0  # characters of Word's automatic numbering written before the text


@dataclass
class ImportedSection:
    number: str
    title: str
    rank: int
    paragraphs: list[str] = field(default_factory=list)
    children: list[ImportedSection] = field(default_factory=list)
    missing: bool = False
    truncated: bool = False
    kind: str = ""  # "problems" or "plans": a list heading, whose numbered lines are its items
    items: list[str] = field(default_factory=list)


@dataclass
class ImportedReport:
    title: str | None
    summary: list[str]
    sections: list[ImportedSection]
    contents: list[str]  # the contents list's entries, as written
    teaser: str | None  # a first line that abridges the next one, not repeated
    summary_truncated: bool = False
    signature: str | None = None  # the closing 落款: the 公文's 发文机关署名
    date: str | None = None  # its 成文日期, ISO
    closing: list[str] = field(default_factory=list)  # the closing lines as written
    ending: str | None = None  # “特此报告。” after the last list: the text's last sentence

    def items(self, kind: str) -> list[str]:
        """The problems or plans the report lists, in order."""
        return [item for section in self.all_sections() if section.kind == kind for item in section.items]

    def all_sections(self) -> list[ImportedSection]:
        found: list[ImportedSection] = []

        def walk(sections: list[ImportedSection]) -> None:
            for section in sections:
                found.append(section)
                walk(section.children)

        walk(self.sections)
        return found


def split_marker(text: str) -> tuple[int, str, str] | None:
    """(rank, marker as written, rest) when the line starts with an outline marker."""
    match = _MARKER.match(text)
    if not match:
        return None
    rank = next(int(name[4:]) for name, value in match.groupdict().items() if value)
    marker = match.group(f"rank{rank}")
    return rank, marker, text[match.end():].strip()


def _is_inline_enumeration(rank: int, rest: str) -> bool:
    """“（一）…；（二）…” in one paragraph: a list inside a sentence, never a heading."""
    pattern = dict(MARKER_PATTERNS)[rank]
    return re.search(f"[；;，,。：:{_SPACES[1:-2]}]{_SPACES}{pattern}", rest) is not None


def split_numbered(text: str) -> tuple[int, str, str, str] | None:
    """(rank, marker, title, body) for a numbered line that is a heading and its body: “1、标题。
    正文……” (a first sentence short enough for a heading, and more after it), or a line too long
    for a heading, split after its first clause — else None."""
    marked = split_marker(text)
    if not marked or _is_inline_enumeration(marked[0], marked[2]):
        return None
    rank, marker, rest = marked
    found = _TITLE_THEN_BODY.match(rest)
    if found and found.group(2).strip():
        return rank, marker, found.group(1), found.group(2).strip()
    found = _CLAUSE_THEN_BODY.match(rest) if len(rest) > HEADING_MAX_CHARACTERS else None
    if found and found.group(1).strip() and found.group(2).strip():
        return rank, marker, found.group(1).strip(), found.group(2).strip()
    return None


def _as_heading(paragraph: SourceParagraph) -> tuple[int, str, str] | None:
    marked = split_marker(paragraph.text)
    if marked and paragraph.heading_rank is None and _is_inline_enumeration(marked[0], marked[2]):
        return None
    if marked and len(marked[2]) <= HEADING_MAX_CHARACTERS:
        if paragraph.heading_rank is not None:
            return paragraph.heading_rank, marked[1], marked[2]
        return marked
    if paragraph.heading_rank is not None and len(paragraph.text.strip()) <= _STYLED_HEADING_MAX_CHARACTERS:
        return paragraph.heading_rank, "", paragraph.text.strip()
    return None


_CHINESE_DIGIT = {character: index for index, character in enumerate(DIGITS)} | {"〇": 0, "○": 0, "Ｏ": 0}
_DATE = re.compile(
    r"(?P<year>\d{4}|[〇○Ｏ零一二三四五六七八九]{4})\s*(?:年\s*(?P<month>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?P<day>\d{1,2}|[一二三四五六七八九十]{1,4})\s*日"
    r"|[.．/\-](?P<month2>\d{1,2})[.．/\-](?P<day2>\d{1,2}))"
)
_CLOSING_DATE = re.compile(r"(?P<name>.{0,40}?)" + _SPACES + _DATE.pattern + r"\s*\Z")
# A 落款's name: an organisation's, short, no sentence in it.
_SIGNATURE_MAX_CHARACTERS = 40


def _chinese_count(text: str) -> int:
    """二十八 → 28, 十二 → 12, 三十 → 30, 5 → 5."""
    if text.isdigit():
        return int(text)
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return _CHINESE_DIGIT[text]
    return (_CHINESE_DIGIT[tens] if tens else 1) * 10 + (_CHINESE_DIGIT[ones] if ones else 0)


def closing_date(text: str) -> tuple[str, str] | None:
    """(name before it, ISO date) when the line is a date, alone or after a 落款 name:
    “2024年12月28日”, “二〇二四年十二月二十八日”, “2024.12.28”, “某中心 2024年12月28日”."""
    found = _CLOSING_DATE.match(text.strip())
    if not found:
        return None
    year = found.group("year")
    year_number = int(year) if year.isdigit() else int("".join(str(_CHINESE_DIGIT[character]) for character in year))
    try:
        month = _chinese_count(found.group("month") or found.group("month2"))
        day = _chinese_count(found.group("day") or found.group("day2"))
    except KeyError:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    name = found.group("name").strip()
    if name and not _reads_as_signature(name):
        return None
    return name, f"{year_number:04d}-{month:02d}-{day:02d}"


def _reads_as_signature(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= _SIGNATURE_MAX_CHARACTERS and not re.search(r"[。！？；，,：:]", text) and split_marker(text) is None


def _closing(paragraphs: list[SourceParagraph]) -> tuple[list[SourceParagraph], str | None, str | None, list[str]]:
    """The paragraphs without the closing 落款 and date, the signature, the ISO date and the
    closing lines as written."""
    if not paragraphs or paragraphs[-1].heading_rank is not None:
        return paragraphs, None, None, []
    dated = closing_date(paragraphs[-1].text)
    if dated is None:
        return paragraphs, None, None, []
    name, date = dated
    lines = [paragraphs[-1].text.strip()]
    rest = paragraphs[:-1]
    if not name and len(rest) >= 2 and rest[-1].heading_rank is None and _reads_as_signature(rest[-1].text):
        name = rest[-1].text.strip()
        lines.insert(0, name)
        rest = rest[:-1]
    return rest, name or None, date, lines


def _is_teaser(first: str, second: str) -> bool:
    stripped = first.strip()
    for end in _TEASER_END:
        if stripped.endswith(end):
            start = squeeze(stripped[: -len(end)])
            return bool(start) and squeeze(second).startswith(start)
    return False


def _reads_as_title(text: str) -> bool:
    """Short, unnumbered and not ending a sentence or clause: a title, not a line of prose."""
    text = text.strip()
    return len(text) <= TITLE_MAX_CHARACTERS and not text.endswith(_SENTENCE_END + ("：", ":", "，", ",")) and split_marker(text) is None


def _is_title(text: str, following: list[SourceParagraph]) -> bool:
    return bool(following) and _reads_as_title(text)


def _join_lone_markers(paragraphs: list[SourceParagraph]) -> list[SourceParagraph]:
    """A marker alone on its line followed by a short line that reads as a title (“二、” then
    “存在问题”) is one heading a line break split, as a reader sees it. Any other lone marker
    stays a heading without a title: its place in the outline is clear, its title is for the
    editor to write (the year file says “（待填写）”, which validate points to)."""
    joined: list[SourceParagraph] = []
    position = 0
    while position < len(paragraphs):
        paragraph = paragraphs[position]
        marked = split_marker(paragraph.text)
        following = paragraphs[position + 1] if position + 1 < len(paragraphs) else None
        if marked and not marked[2] and following is not None and _reads_as_title(following.text):
            rank = paragraph.heading_rank if paragraph.heading_rank is not None else following.heading_rank
            joined.append(SourceParagraph(paragraph.text.strip() + following.text.strip(), rank, paragraph.marker_length))
            position += 2
        else:
            joined.append(paragraph)
            position += 1
    return joined


def _find_contents(paragraphs: list[SourceParagraph]) -> tuple[int, int, int] | None:
    """(intro index, first entry, index after the last entry) of a prose contents list."""
    for index, paragraph in enumerate(paragraphs):
        if _as_heading(paragraph):
            return None  # the list comes before the first body heading
        if _announces_contents(paragraph.text.strip()):
            end = index + 1
            while end < len(paragraphs) and _as_heading(paragraphs[end]):
                end += 1
            if end - index - 1 >= 2:
                return index, index + 1, end
    return None


def _merge_with_contents(body: list[ImportedSection], contents: list[tuple[str, str, int]]) -> list[ImportedSection]:
    """Top-level sections in contents order; entries with no body become 原文缺失."""
    by_title = {squeeze(section.title): section for section in body}
    merged: list[ImportedSection] = []
    used: set[int] = set()
    body_position = 0
    for marker, title, rank in contents:
        section = by_title.get(squeeze(title))
        if section is None:
            merged.append(ImportedSection(marker, title, rank, missing=True))
            continue
        # Body sections not listed in the contents keep their place before this one.
        while body_position < len(body) and body[body_position] is not section:
            if id(body[body_position]) not in used:
                merged.append(body[body_position])
                used.add(id(body[body_position]))
            body_position += 1
        merged.append(section)
        used.add(id(section))
    merged += [section for section in body if id(section) not in used]
    return merged


def _list_kind(title: str) -> str:
    return "problems" if is_problems_heading(title) else "plans" if is_plans_heading(title) else ""


def _open_list(open_sections: list[ImportedSection]) -> ImportedSection | None:
    return next((section for section in reversed(open_sections) if section.kind), None)


def _open_list_at_end(paragraphs: list[SourceParagraph]) -> bool:
    """The final paragraph follows a problems or plans list (the nearest heading before it
    names one, before any other chapter's): it closes the report, it is not the last item."""
    for paragraph in reversed(paragraphs[:-1]):
        heading = _as_heading(paragraph)
        if heading is None:
            continue
        if _list_kind(heading[2]):
            return True
        if heading[0] == 0:
            return False
    return False


def recognise(paragraphs: list[SourceParagraph]) -> ImportedReport:
    paragraphs = _join_lone_markers([p for p in paragraphs if p.text.strip()])
    paragraphs, signature, date, closing = _closing(paragraphs)
    teaser = None
    if len(paragraphs) >= 2 and _is_teaser(paragraphs[0].text, paragraphs[1].text):
        teaser = paragraphs[0].text
        paragraphs = paragraphs[1:]
    title = None
    if paragraphs and _is_title(paragraphs[0].text, paragraphs[1:]) and paragraphs[0].heading_rank is None:
        title = paragraphs[0].text.strip()
        paragraphs = paragraphs[1:]

    contents: list[tuple[str, str, int]] = []
    contents_span = _find_contents(paragraphs)
    if contents_span:
        _, first, end = contents_span
        for paragraph in paragraphs[first:end]:
            rank, marker, text = _as_heading(paragraph)
            contents.append((marker, text, rank))
        paragraphs = paragraphs[:first] + paragraphs[end:]

    summary: list[str] = []
    top: list[ImportedSection] = []
    open_sections: list[ImportedSection] = []
    ending = None
    if paragraphs and _open_list_at_end(paragraphs) and _CLOSING_WORDS.search(paragraphs[-1].text.strip().rstrip("。")):
        ending = paragraphs[-1].text.strip()
        paragraphs = paragraphs[:-1]
    for paragraph in paragraphs:
        listing = _open_list(open_sections)
        marked = split_marker(paragraph.text) if paragraph.heading_rank is None else None
        if listing is not None and marked and marked[0] > listing.rank and 0 < len(marked[2]) <= _ITEM_MAX_CHARACTERS:
            listing.items.append(marked[2])  # the whole line after its number
            while open_sections[-1] is not listing:
                open_sections.pop()
            continue
        continued = listing is not None and listing.items and len(listing.items[-1]) + len(paragraph.text) < _ITEM_MAX_CHARACTERS
        if continued and paragraph.heading_rank is None and not marked:
            listing.items[-1] += "\n\n" + paragraph.text.strip()  # a paragraph continuing the item
            continue
        split = split_numbered(paragraph.text) if paragraph.heading_rank is None else None
        heading = split[:3] if split else _as_heading(paragraph)
        if heading:
            rank, marker, text = heading
            section = ImportedSection(marker, text, rank, [split[3]] if split else [], kind=_list_kind(text))
            while open_sections and open_sections[-1].rank >= rank:
                open_sections.pop()
            (open_sections[-1].children if open_sections else top).append(section)
            open_sections.append(section)
        elif open_sections:
            open_sections[-1].paragraphs.append(paragraph.text.strip())
        else:
            summary.append(paragraph.text.strip())

    report = ImportedReport(
        title=title,
        summary=summary,
        sections=_merge_with_contents(top, contents) if contents else top,
        contents=[marker + text for marker, text, _ in contents],
        teaser=teaser,
        signature=signature,
        date=date,
        closing=closing,
        ending=ending,
    )
    _mark_truncated(report, paragraphs)
    return report


# A report may close with these words and no full stop.
_CLOSING_WORDS = re.compile(r"(特此|专此)(报告|汇报|总结)$|^以上$")


def _mark_truncated(report: ImportedReport, paragraphs: list[SourceParagraph]) -> None:
    """The last paragraph of the text stops mid-sentence: mark where it sits."""
    if not paragraphs:
        return
    last = paragraphs[-1].text.strip()
    if last.endswith(_SENTENCE_END) or _as_heading(paragraphs[-1]) or _CLOSING_WORDS.search(last):
        return
    marked = split_marker(last)
    if marked and any(marked[2] in item or item.endswith(last) for item in report.items("problems") + report.items("plans")):
        return  # a list item: plans are often written without a full stop
    split = split_numbered(last) if paragraphs[-1].heading_rank is None else None
    if split:
        last = split[3]  # the body of “2、标题，正文……” is what stops mid-sentence
    for section in reversed(report.all_sections()):
        if section.paragraphs and section.paragraphs[-1] == last:
            section.truncated = True
            return
    if report.summary and report.summary[-1] == last:
        report.summary_truncated = True
