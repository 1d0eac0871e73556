"""Chinese text cut into words for the search index, small enough that a word inside a
compound is found: 创新 in 开拓创新, 党委 in 机关党委; and 经理 in 总经理, 主任 in 副主任, where
what is left is a single character (kept out of the index: 总 alone would match everything).

jieba's accurate mode keeps a dictionary compound whole (开拓创新), and the browser's search
(lunr, in Material's search worker) matches the start of a word only. So each compound is cut
further into the dictionary words it is made of (开拓|创新), which become the words of the
indexed text: a reader's 创新 finds the page and is highlighted there. The whole compound, and
any other dictionary word inside it, is kept beside the text ("words", a field of the index
that is searched but not shown), so a query for the compound ranks first the pages that have
it. The agency's own terms (data/search-words.txt) stay whole in the text.

Cutting is the largest cost of a build: each distinct run of Chinese characters is cut once,
and the cuts are kept in a file under .cache/ between builds (keyed by the run itself, for a
given dictionary and jieba version), so an unchanged report is not cut again.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import jieba

from nianjian.check.search_words import search_words_of
from nianjian.code_version import code_digest

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_SMALLEST_COMPOUND = 3  # a two-character word is not cut further
# jieba guesses words missing from its dictionary with an HMM whose time is quadratic in the
# length of the stretch it is given (80,000 rare characters in one run took 27 s). A run of
# Chinese characters between two punctuation marks is rarely over 50 long in a report; a longer
# one is cut in windows of this many characters, so the time stays linear in the text. (A word
# across a window's edge is cut in two: that happens only in such an unpunctuated run.)
WINDOW = 200
# The cuts of a 200-year archive fill a few MB; a larger cache file was not written by a build.
_MAX_CACHE_BYTES = 256 * 1024 * 1024


@functools.lru_cache(maxsize=2)
def _tokenizer_with(user_words: str) -> jieba.Tokenizer:
    """A tokenizer of our own (jieba's module-level one is shared state) with the agency's terms.
    Loading jieba's dictionary takes about half a second: `mkdocs serve` builds again in the same
    process after every save, so the tokenizer of the same terms is made once per process
    (it is only read from once made)."""
    tokenizer = jieba.Tokenizer()
    if user_words:
        tokenizer.load_userdict(io.StringIO(user_words))  # read line by line, as from the file
    return tokenizer


@dataclass(frozen=True)
class Cut:
    words: tuple[str, ...]  # the run's words in order: joined, the run itself
    hidden: tuple[str, ...] = ()  # compounds and their other inner words, searched but not shown


@dataclass
class WordCutter:
    """Cuts runs of Chinese characters with jieba's dictionary and the agency's terms."""

    user_words_file: Path | None = None  # data/search-words.txt
    cache_file: Path | None = None  # where the cuts are kept between builds
    _tokenizer: jieba.Tokenizer | None = field(default=None, init=False, repr=False)
    _user_words: frozenset[str] = field(default=frozenset(), init=False, repr=False)
    _cuts: dict[str, list[list[str]]] = field(default_factory=dict, init=False, repr=False)
    _changed: bool = field(default=False, init=False, repr=False)
    _version: str = field(default="", init=False, repr=False)

    def __post_init__(self) -> None:
        self._version = self._fingerprint()  # read once: the cache is checked and written with it
        self._cuts = self._load_cache()

    @property
    def version(self) -> str:
        """What the cuts depend on (the agency's terms, the code): equal versions cut alike."""
        return self._version

    def cut(self, run: str) -> Cut:
        """The words of one run of Chinese characters (HAN_RUN)."""
        if len(run) > WINDOW:
            parts = [self.cut(run[start : start + WINDOW]) for start in range(0, len(run), WINDOW)]
            hidden = dict.fromkeys(word for part in parts for word in part.hidden)
            return Cut(tuple(word for part in parts for word in part.words), tuple(hidden))
        kept = self._cuts.get(run)
        if kept is None:
            kept = self._cut_now(run)
            self._cuts[run] = kept
            self._changed = True
        return Cut(tuple(kept[0]), tuple(kept[1]))

    def save(self) -> None:
        """Keep the cuts for the next build (only when some were new)."""
        if not (self.cache_file and self._changed):
            return
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.cache_file.with_suffix(".tmp")
        temporary.write_text(json.dumps({"version": self._version, "cuts": self._cuts}, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.cache_file)
        self._changed = False

    def _cut_now(self, run: str) -> list[list[str]]:
        tokenizer = self._jieba()
        words: list[str] = []
        hidden: list[str] = []
        for word in tokenizer.cut(run):
            if word in self._user_words:  # the agency's term stays whole; every word inside it is found too
                words.append(word)
                hidden += _inner_words(tokenizer, word, every=True)
                continue
            if len(word) < _SMALLEST_COMPOUND:
                words.append(word)
                continue
            pieces, singles = _cut_into_words(tokenizer, word)
            if singles:  # 总经理 = 总|经理: the compound stays whole, 经理 is found through the hidden words
                words.append(word)
                hidden += [piece for piece in pieces if len(piece) > 1]
                continue
            words += pieces
            if len(pieces) > 1:
                hidden += [word] + [inner for inner in _inner_words(tokenizer, word, pieces) if inner not in pieces]
        words, covered = _without_single_characters(words)
        hidden = [word for word in dict.fromkeys(hidden + covered) if word not in words]
        return [words, hidden]

    def _jieba(self) -> jieba.Tokenizer:
        # Made only when a run is not in the cache.
        if self._tokenizer is None:
            words = self.user_words_file.read_text(encoding="utf-8") if self.user_words_file and self.user_words_file.is_file() else ""
            self._tokenizer = _tokenizer_with(words)
            self._user_words = frozenset(search_words_of(words)) if words else frozenset()
        return self._tokenizer

    def _fingerprint(self) -> str:
        user = self.user_words_file.read_bytes() if self.user_words_file and self.user_words_file.is_file() else b""
        # The code (this module, jieba's version) and the agency's words make the cuts.
        return f"code {code_digest()[:16]}, words {hashlib.sha256(user).hexdigest()[:16]}"

    def _load_cache(self) -> dict[str, list[list[str]]]:
        if not (self.cache_file and self.cache_file.is_file()) or self.cache_file.stat().st_size > _MAX_CACHE_BYTES:
            return {}
        try:
            kept = json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # a damaged cache is cut again
        if not isinstance(kept, dict) or kept.get("version") != self._version or not isinstance(kept.get("cuts"), dict):
            return {}
        # A cache file is only a file in the checkout: a cut that is not one of its run is dropped.
        return {run: cut for run, cut in kept["cuts"].items() if _cut_of(cut, run)}


def _cut_of(kept: object, run: str) -> bool:
    """Whether a cut read from the cache is one of `run`: its words spell the run and each hidden
    word is inside it. The index is HTML to Material's search, so a cache that someone wrote by
    hand must not be able to put anything else in it."""
    return (
        isinstance(kept, list) and len(kept) == 2 and all(isinstance(part, list) for part in kept)
        and all(isinstance(word, str) for part in kept for word in part)
        and "".join(kept[0]) == run and all(word in run for word in kept[1])
    )


def _in_dictionary(tokenizer: jieba.Tokenizer, word: str) -> bool:
    return tokenizer.FREQ.get(word, 0) > 0


def _inner_words(tokenizer: jieba.Tokenizer, word: str, pieces: list[str] | None = None, every: bool = False) -> list[str]:
    """Dictionary words inside `word` (itself excluded) that a reader may type: those of three
    or more characters (共产党 in 共产党员), and runs of its finest pieces. A two-character
    word across a piece boundary is left out (任意 is in the dictionary, but not in 责任意识),
    unless `every` (the agency's own terms, chosen by people: 星级 in 三星级)."""
    pieces = pieces or _finest(tokenizer, word)  # `word`'s finest cut, when the caller has it
    starts = {0}
    for piece in pieces:
        starts.add(max(starts) + len(piece))
    found = []
    for start in range(len(word)):
        for end in range(start + 2, len(word) + 1):
            inner = word[start:end]
            aligned = every or (start in starts and end in starts)
            if end - start < len(word) and (aligned or end - start >= 3) and _in_dictionary(tokenizer, inner):
                found.append(inner)
    return found


def _finest(tokenizer: jieba.Tokenizer, word: str) -> list[str]:
    """`word` cut into smaller dictionary words of two or more characters (共产党员 -> 共产|党员,
    not 共产党|员), the likeliest such cut by jieba's word frequencies; the word itself when it
    cannot be cut so."""
    pieces, singles = _cut_into_words(tokenizer, word)
    # A cut leaving a single character is not made: the browser matches the start of a word,
    # so 模糊 already finds 模糊化, and 化 alone would be a useless word.
    return [word] if singles else pieces


def _cut_into_words(tokenizer: jieba.Tokenizer, word: str) -> tuple[list[str], int]:
    """The likeliest cut of `word` into smaller dictionary words with the fewest single
    characters, and how many single characters it leaves (总经理 -> 总|经理, 1)."""
    total = math.log(tokenizer.total)
    # best[i]: (single characters, -log probability, cut) of word[i:]
    best: list[tuple[int, float, list[str]]] = [(0, 0.0, [])] * (len(word) + 1)
    for start in range(len(word) - 1, -1, -1):
        choices = []
        for end in range(start + 1, len(word) + 1):
            piece = word[start:end]
            if end - start == len(word) or not (end - start == 1 or _in_dictionary(tokenizer, piece)):
                continue  # the whole word is not one of its pieces
            singles, cost, rest = best[end]
            piece_cost = total - math.log(tokenizer.FREQ.get(piece) or 1)
            choices.append((singles + (end - start == 1), cost + piece_cost, [piece] + rest))
        best[start] = min(choices, key=lambda choice: (choice[0], choice[1]))
    singles, _, pieces = best[0]
    return pieces, singles


def _without_single_characters(words: list[str]) -> tuple[list[str], list[str]]:
    """Single characters (的, 在, 党) joined to a neighbour: Material's search cuts a reader's
    query at the longest word of the index that starts it, short of the whole query, so with 党
    a word of the index, 党委 would be searched as 党. A single character goes with the word
    before it (服务中心的), which keeps every word's start; at the start of a run it goes with
    the word after it, and that word, whose start it hides, is also kept among the hidden words.
    Returns the words and those hidden ones."""
    joined: list[str] = []
    covered: list[str] = []
    waiting = ""  # single characters at the start of the run
    for word in words:
        if len(word) == 1 and joined:
            joined[-1] += word
        elif len(word) == 1:
            waiting += word
        else:
            if waiting:
                covered.append(word)
            joined.append(waiting + word)
            waiting = ""
    if waiting:
        joined.append(waiting)  # a run of single characters only
    return joined, covered

