"""Which encoding an old plain-text report is in, decided on evidence rather than hope.

UTF-8 is tried first (it fails loudly on anything else). Bytes that are not UTF-8 are
read as GB18030 and as Big5; Big5 bytes are almost always valid GB18030 as well, so the
check that decides is whether the text *reads like Chinese*: the share of characters that
are among the most frequent Chinese characters (or common Chinese punctuation). A right
decoding of a report scores about 0.6, a wrong one almost 0. When neither decoding clearly
wins, nothing is guessed: the editor names the encoding with --encoding.
"""

from __future__ import annotations

from dataclasses import dataclass

from nianjian.read.documents import decode_bytes, lf_line_ends

# The 300 most frequent characters of modern Chinese, in simplified and traditional form
# (same order: position i is the same character in both scripts).
COMMON_SIMPLIFIED = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
    "用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实"
    "日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政"
    "美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员"
    "解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件"
    "计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象"
)
COMMON_TRADITIONAL = (
    "的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡"
    "用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實"
    "日軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手應戰向頭文體政"
    "美相見被利什二等產或新己制身果加西斯月話合回特代內信表化老給世位次度門任常先海通教兒原東聲提立及比員"
    "解水名真論處走義各入幾口認條平系氣題活爾更別打女變四神總何電數安少報才結反受目太量再感建務做接必場件"
    "計管期市直德資命山金指克許統區保至隊形社便空決治展馬科司五基眼書非則聽白卻界達光放強即像難且權思王象"
)
# Punctuation and outline markers of Chinese reports: wrong decodings turn them into
# bopomofo, private-use or rare characters, so they are evidence too.
COMMON_MARKS = "，。、；：？！“”‘’「」（）《》—…·①②③④⑤⑥⑦⑧⑨⑩"
_COMMON = frozenset(COMMON_SIMPLIFIED + COMMON_TRADITIONAL + COMMON_MARKS)

# Labels shown to the editor, by the codec name that --encoding takes.
ENCODINGS = {"utf-8": "UTF-8", "gb18030": "GB18030（兼容 GBK）", "big5": "Big5"}
_SHORT_NAMES = {"gb18030": "GB18030", "big5": "Big5"}
MIN_SHARE = 0.2  # below this a decoding does not read like Chinese at all
MIN_LEAD = 0.2  # how far the winner's share must be ahead of the other decoding's
MIN_LEAD_CHARACTERS = 2  # ... and by at least this many common characters


class EncodingUnknown(Exception):
    """The bytes cannot be decoded with confidence; the message says why, in Chinese."""


@dataclass(frozen=True)
class DecodedText:
    text: str  # line ends are "\n"
    encoding: str  # label shown to the editor
    evidence: str = ""  # why this encoding, when it was detected rather than certain


@dataclass(frozen=True)
class _Reading:
    codec: str
    text: str | None  # None: the bytes are not valid in this encoding
    common: int = 0
    total: int = 0

    @property
    def share(self) -> float:
        return self.common / self.total if self.total else 0.0

    def describe(self) -> str:
        name = _SHORT_NAMES[self.codec]
        return f"按 {name} 无法读取" if self.text is None else f"按 {name} 读 {self.share:.0%}"


def _read_as(raw: bytes, codec: str) -> _Reading:
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return _Reading(codec, None)
    # Every non-ASCII character counts, not only Han: a wrong decoding also produces
    # private-use characters and bopomofo, which should weigh against it.
    seen = [character for character in text if ord(character) > 0x7F and not character.isspace()]
    return _Reading(codec, text, sum(character in _COMMON for character in seen), len(seen))


def _clearly_ahead(best: _Reading, other: _Reading) -> bool:
    return (
        best.text is not None
        and best.share >= MIN_SHARE
        and best.share - other.share >= MIN_LEAD
        and best.common - other.common >= MIN_LEAD_CHARACTERS
    )


def _forced(raw: bytes, codec: str) -> DecodedText:
    label = ENCODINGS[codec]
    try:
        text = raw.decode("utf-8-sig" if codec == "utf-8" else codec)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise EncodingUnknown(f"按 --encoding 指定的 {label} 读取失败：第 {line} 行有不属于 {label} 的字节") from None
    return DecodedText(lf_line_ends(text), label, "按 --encoding 指定")


def decode_report(raw: bytes, codec: str | None = None) -> DecodedText:
    """The report's text. `codec` is what the editor passed with --encoding (utf-8, gb18030,
    big5), or None to detect; raises EncodingUnknown rather than guess."""
    if codec is not None:
        return _forced(raw, codec)
    text, label, _ = decode_bytes(raw)
    if text is not None:
        return DecodedText(text, label)
    gb, big5 = _read_as(raw, "gb18030"), _read_as(raw, "big5")
    evidence = f"常用汉字和标点所占比例：{gb.describe()}，{big5.describe()}"
    for best, other in ((gb, big5), (big5, gb)):
        if _clearly_ahead(best, other):
            return DecodedText(lf_line_ends(best.text), ENCODINGS[best.codec], evidence)
    if gb.text is None and big5.text is None:
        raise EncodingUnknown("无法识别文件的编码（不是 UTF-8、GB18030，也不是 Big5）；请用记事本另存为 UTF-8 后再导入")
    raise EncodingUnknown(
        f"无法确定文件的编码是 GB18030 还是 Big5（{evidence}）；"
        "请确认后加 --encoding gb18030（简体，常见于大陆的 Windows 和 WPS）"
        "或 --encoding big5（繁体，常见于台湾、香港的文件），或用记事本另存为 UTF-8"
    )
