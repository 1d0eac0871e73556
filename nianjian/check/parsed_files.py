"""Year files kept parsed between checks of the same data/ in one process (`mkdocs serve`
checks everything again on every save): a file whose text did not change is neither parsed nor
schema-checked again, and its secrecy findings are kept. Only the text decides, so what is
kept is what parsing the same text again would give. One entry per file: the memory is that of
the documents a check holds anyway.
"""

from __future__ import annotations

from nianjian.check.secrecy import Finding, year_findings
from nianjian.errors import DataError
from nianjian.model import SecrecySettings
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


def kept_year_findings(document: YamlDocument, settings: SecrecySettings, *, public: bool, credits: bool) -> list[Finding]:
    """year_findings, once per document and settings (kept with a kept document)."""
    name = f"findings:{settings!r}:{public}:{credits}"
    kept = document.derived.get(name)
    if kept is None:
        kept = document.derived[name] = tuple(year_findings(document, settings, public=public, credits=credits))
    return list(kept)
