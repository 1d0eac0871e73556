"""Where each report section sits on its year page: depth, heading anchor and parents.

Every heading gets an explicit anchor (the editor's `id`, else a readable Chinese slug made
the same way as the page's table of contents), so area pages, tag pages and tables can
link to the exact section.
"""

from __future__ import annotations

from dataclasses import dataclass

from pymdownx.slugs import slugify

from nianjian.model import Section, YearRecord

_SLUG = slugify(case="lower")


@dataclass(frozen=True)
class PlacedSection:
    section: Section
    depth: int  # 0 = a top-level part of the report
    anchor: str
    trail: tuple[str, ...]  # labels of the enclosing sections, outermost first

    @property
    def label(self) -> str:
        return f"{self.section.number}{self.section.title}"


def place_sections(record: YearRecord) -> list[PlacedSection]:
    """All sections of a year in reading order, with unique anchors."""
    placed: list[PlacedSection] = []
    used = {section_id for section_id in _editor_ids(record.sections)}

    def walk(sections: tuple[Section, ...], depth: int, trail: tuple[str, ...]) -> None:
        for section in sections:
            anchor = section.anchor
            if anchor is None:
                base = _SLUG(f"{section.number}{section.title}", "-") or "section"
                anchor, suffix = base, 1
                while anchor in used:
                    suffix += 1
                    anchor = f"{base}-{suffix}"
                used.add(anchor)
            placed.append(PlacedSection(section, depth, anchor, trail))
            walk(section.children, depth + 1, trail + (f"{section.number}{section.title}",))

    walk(record.sections, 0, ())
    return placed


def _editor_ids(sections: tuple[Section, ...]) -> list[str]:
    found = []
    for section in sections:
        if section.anchor:
            found.append(section.anchor)
        found += _editor_ids(section.children)
    return found


@dataclass(frozen=True)
class YearOutline:
    """A year's placed sections and anchor → label, worked out once per build."""

    sections: tuple[PlacedSection, ...]
    labels: dict[str, str]


def outlines(records: tuple[YearRecord, ...]) -> dict[int, YearOutline]:
    found = {}
    for record in records:
        placed = tuple(place_sections(record))
        found[record.year] = YearOutline(placed, {p.anchor: p.label for p in placed})
    return found
