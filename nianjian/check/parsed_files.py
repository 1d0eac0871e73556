"""Year files kept parsed between checks of the same data/ in one process (`mkdocs serve`
checks everything again on every save): a file whose text did not change is not parsed again,
and the document keeps what was computed from it alone (its schema check, its secrecy findings:
YamlDocument.derived). Only the text decides, so what is kept is what parsing the same text
again would give. One entry per file: the memory is that of the documents a check holds anyway.
"""

from __future__ import annotations

from nianjian.errors import DataError
from nianjian.read.documents import YamlDocument, parse_yaml


class ParsedFiles:
    def __init__(self) -> None:
        self._by_file: dict[str, tuple[str, YamlDocument | None, tuple[DataError, ...]]] = {}

    def parse(self, text: str, shown_as: str) -> tuple[YamlDocument | None, list[DataError]]:
        kept = self._by_file.get(shown_as)
        if kept is not None and kept[0] == text:
            return kept[1], list(kept[2])
        document, errors = parse_yaml(text, shown_as)
        self._by_file[shown_as] = (text, document, tuple(errors))
        return document, errors


def parse_with(parsed: ParsedFiles | None, text: str, shown_as: str) -> tuple[YamlDocument | None, list[DataError]]:
    return parsed.parse(text, shown_as) if parsed is not None else parse_yaml(text, shown_as)
