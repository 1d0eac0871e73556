"""data/search-words.txt: the agency's own terms for Chinese search (jieba's user dictionary).

Kept apart from the other checks because the MkDocs hooks run it on its own, before Material's
search plugin loads the file (jieba stops a build with a traceback on a bad one), and this
module stays light enough for the MkDocs process to import.
"""

from __future__ import annotations

import re
from pathlib import Path

from nianjian.errors import REPORTED_PER_FILE, DataError
from nianjian.read.documents import read_data_text, shown_path

SEARCH_WORDS_FILE = "search-words.txt"
MAX_SEARCH_WORDS_BYTES = 1024 * 1024
_SEARCH_WORD_LINE = re.compile(r"[^\s]{1,20}( [0-9]{1,9})?( [a-z]{1,4})?\Z")


def search_word_errors(text: str, shown_as: str) -> list[DataError]:
    """Lines of data/search-words.txt that are not `词语 频率 词性`."""
    errors = []
    for number, line in enumerate(text.split("\n"), start=1):
        if len(errors) > REPORTED_PER_FILE:  # no more will be listed: the rest are not checked
            break
        if line.strip() and not _SEARCH_WORD_LINE.match(line.strip()):
            shown = line.strip() if len(line.strip()) <= 30 else line.strip()[:30] + "…"
            errors.append(
                DataError(shown_as, number, None, "", f"检索词这一行的格式不对：{shown}", "每行写“词语 频率 词性”，如：食堂 100 n；词语不超过 20 个字，中间不能有空格")
            )
    return errors


def search_words_of(text: str) -> list[str]:
    """The terms of data/search-words.txt: the word that opens each line."""
    return [line.split()[0] for line in text.splitlines() if line.strip()]


def read_search_words(data_dir: Path) -> tuple[tuple[str, ...], list[DataError]]:
    """The terms of data/search-words.txt and its problems, the file read once (no terms when it
    is absent or has problems)."""
    path = data_dir / SEARCH_WORDS_FILE
    if not (path.exists() or path.is_symlink()):
        return (), []
    text, errors = read_data_text(data_dir, path, MAX_SEARCH_WORDS_BYTES)
    if text is None:
        return (), errors
    errors = search_word_errors(text, shown_path(data_dir, path))
    return (() if errors else tuple(search_words_of(text))), errors


def check_search_words(data_dir: Path) -> list[DataError]:
    """Problems of data/search-words.txt (none when there is no such file)."""
    return read_search_words(data_dir)[1]
