"""Which work area an imported table row is about, as a suggestion: the area whose name (or a
part of it: 物业、物资管理 → 物业, 物资管理) or usual words (site.yaml's `words`: 食堂, 就餐…)
the row mentions most. A row mentioning two areas equally, or none, gets no suggestion. The
year file and the import report say it is a suggestion and what it went by."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from nianjian.read.documents import MAX_YAML_BYTES, parse_yaml, read_data_text

# A word of the area's name counts more than a usual word: the name is the editors' own.
_NAME_WEIGHT, _WORD_WEIGHT = 2, 1
_NAME_PARTS = re.compile(r"[、与和及,，/ ]+")


@dataclass(frozen=True)
class AreaWords:
    key: str
    name: str
    name_parts: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    area: AreaWords
    word: str  # the word it went by, quoted to the editor


def read_areas(data_dir: Path) -> list[AreaWords]:
    """The areas of data/site.yaml, read leniently (an import must not fail on the site's
    settings; validate reports those): none when there is no readable site.yaml."""
    path = data_dir / "site.yaml"
    if not path.is_file():
        return []
    text, _ = read_data_text(data_dir, path, MAX_YAML_BYTES)
    document, _ = parse_yaml(text, "site.yaml") if text is not None else (None, [])
    areas = document.data.get("areas") if document is not None and isinstance(document.data, dict) else None
    found = []
    for item in areas if isinstance(areas, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("key"), str) or not isinstance(item.get("name"), str):
            continue
        words = item.get("words") if isinstance(item.get("words"), list) else []
        parts = tuple(part for part in _NAME_PARTS.split(item["name"]) if len(part) >= 2)
        found.append(AreaWords(item["key"], item["name"], parts, tuple(word for word in words if isinstance(word, str) and word.strip())))
    return found


def suggest_area(text: str, areas: list[AreaWords]) -> Suggestion | None:
    """The area `text` mentions most, with the first word found; None when unclear."""
    scored = []
    for area in areas:
        found = [part for part in area.name_parts if part in text]
        words = [word for word in area.words if word in text]
        score = _NAME_WEIGHT * len(found) + _WORD_WEIGHT * len(words)
        if score:
            scored.append((score, area, (found + words)[0]))
    scored.sort(key=lambda entry: -entry[0])
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    _, area, word = scored[0]
    return Suggestion(area, word)
