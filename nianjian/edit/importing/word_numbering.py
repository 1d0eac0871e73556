"""Word's automatic list numbering, written back as the text it shows: in a .docx the marker of
a numbered paragraph (一、 （一） 1、 （1） ①) is not in its text but in numbering.xml (format and
pattern of each list level), and Word counts the paragraphs as it draws them. Counting the same
way gives the importer the markers a reader saw, which rank the outline as typed ones do."""

from __future__ import annotations

from dataclasses import dataclass, field

from nianjian.facts.numbering import CIRCLED, chinese_number

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word's lists have levels 0–8 (w:ilvl; a pattern names them %1–%9). A level outside that is
# not one Word draws: its paragraphs keep their text, and no count runs over more than nine.
LIST_LEVELS = 9
# The largest count a list number shows (w:start and every count after it): our bound, a signed
# 16-bit number as Word's own limits on starting values go (line numbering, [MS-OI29500]
# 2.1.215); no report counts near it. A level starting outside 0–MAX_LIST_NUMBER is damaged, and
# a paragraph counted past it keeps its text.
MAX_LIST_NUMBER = 32767
# Characters of a list number as shown (“第%1部分”, “（%2）”): Word itself allows 31 once the
# numbers are put in ([MS-OI29500] 2.1.283, lvlText); 64 is generous. A longer pattern or number
# is not a marker (its paragraphs keep their text), so a file cannot make each paragraph carry
# a megabyte.
MAX_MARKER_CHARACTERS = 64


# Word's numFmt values that count in Chinese numerals (LibreOffice writes its Chinese lists as
# taiwaneseCountingThousand).
_CHINESE_FORMATS = {
    "chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
    "japaneseCounting", "ideographDigital", "taiwaneseDigital",
}
_LEGAL_DIGITS = str.maketrans("一二三四五六七八九十百零", "壹贰叁肆伍陆柒捌玖拾佰零")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _formatted(value: int, number_format: str) -> str:
    if number_format in _CHINESE_FORMATS:
        return chinese_number(value)
    if number_format == "chineseLegalSimplified":  # 壹、贰、 as on cheques and some reports
        return chinese_number(value).translate(_LEGAL_DIGITS)
    if number_format == "ideographTraditional" and 1 <= value <= len(_STEMS):
        return _STEMS[value - 1]
    if number_format.startswith("decimalEnclosedCircle") and 1 <= value <= len(CIRCLED):
        return CIRCLED[value - 1]
    if number_format == "decimalFullWidth":
        return str(value).translate(_FULL_WIDTH_DIGITS)
    return str(value)  # decimal and anything else


def _value(level: object, name: str, default: str) -> str:
    """The w:val of a level's child element `name`."""
    child = level.find(f"{_W}{name}")
    return child.get(f"{_W}val", default) if child is not None else default


@dataclass(frozen=True)
class _Level:
    start: int
    number_format: str
    pattern: str  # lvlText, e.g. "（%1）", "%1、", "%1.%2"


@dataclass
class ListNumbering:
    """The levels of each list (numId) of one document, and Word's running counters."""

    levels: dict[str, dict[int, _Level]]
    _counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_part(cls, numbering_element: object | None) -> ListNumbering:
        if numbering_element is None:
            return cls({})
        abstract: dict[str, dict[int, _Level]] = {}
        for definition in numbering_element.iterfind(f"{_W}abstractNum"):
            levels = {}
            for level in definition.iterfind(f"{_W}lvl"):
                try:
                    start = int(_value(level, "start", "1"))
                    index = int(level.get(f"{_W}ilvl", "0"))
                except ValueError:
                    continue  # a damaged level: its paragraphs keep their text as is
                if not 0 <= index < LIST_LEVELS or not 0 <= start <= MAX_LIST_NUMBER:
                    continue
                pattern = _value(level, "lvlText", "")
                levels[index] = _Level(start, _value(level, "numFmt", "decimal"), pattern if len(pattern) <= MAX_MARKER_CHARACTERS else "")
            abstract[definition.get(f"{_W}abstractNumId", "")] = levels
        lists = {}
        for instance in numbering_element.iterfind(f"{_W}num"):
            reference = instance.find(f"{_W}abstractNumId")
            if reference is not None:
                lists[instance.get(f"{_W}numId", "")] = abstract.get(reference.get(f"{_W}val", ""), {})
        return cls(lists)

    def marker(self, list_id: str, level: int) -> str | None:
        """The next marker of `level` in list `list_id`, counted as Word counts (a level restarts
        after any shallower one), or None when the document does not define it, a count is past
        MAX_LIST_NUMBER or the marker would be longer than MAX_MARKER_CHARACTERS."""
        levels = self.levels.get(list_id, {})
        if not 0 <= level < LIST_LEVELS or level not in levels or not levels[level].pattern or levels[level].number_format in ("bullet", "none"):
            return None
        counters = self._counters.setdefault(list_id, {})
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [known for known in counters if known > level]:
            del counters[deeper]
        text = levels[level].pattern
        for shown in range(level, -1, -1):
            if shown in levels:
                count = counters.get(shown, levels[shown].start)
                if count > MAX_LIST_NUMBER:
                    return None
                text = text.replace(f"%{shown + 1}", _formatted(count, levels[shown].number_format))
        return text if len(text) <= MAX_MARKER_CHARACTERS else None
