"""What a search hit says about where it is: the year of a report page and, for a section, its
work area, shown under the hit (Material shows an index entry's tags there)."""

from __future__ import annotations

from nianjian import urls
from nianjian.escaping import search_label
from nianjian.model import Archive
from nianjian.facts.sections import YearOutline


def search_labels(archive: Archive, outline: dict[int, YearOutline]) -> dict[str, tuple[str, ...]]:
    """Site location ("years/2024/#搬迁工作") -> its labels ("2024年", "物业、物资管理"), escaped
    for the search results, which show them as HTML."""
    labels: dict[str, tuple[str, ...]] = {}
    for record in archive.years:
        year = f"{record.year}年"
        labels[urls.year_url(record.year)] = (year,)
        for placed in outline[record.year].sections:
            area = placed.section.area
            labels[urls.year_url(record.year, placed.anchor)] = (year, archive.area(area).name) if area else (year,)
        for area in archive.site.areas:
            labels[urls.year_url(record.year, urls.achievements_anchor(area.key))] = (year, area.name)
    for area in archive.site.areas:
        labels[urls.area_url(area.key)] = (area.name,)
    return {location: tuple(search_label(label) for label in shown) for location, shown in labels.items()}
