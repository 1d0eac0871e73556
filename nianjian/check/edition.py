"""Two editions from one data/: the internal edition (内部版: everything, as the office reads it)
and the public edition (公开版: nothing marked `internal: true`). The public edition is made here,
once, from the validated archive, before anything is rendered: every page, the search index,
the downloads, Word, PDF, the volumes, the charts and the key figures read the same reduced
archive, so no rendering can show what it does not hold.

Left out of the public edition: a year marked internal or not yet signed (签发), with its numbers; each section (with the
sections under it), achievement, problem, plan, event, honour, photograph, attachment and metric
row marked internal; the files only internal texts link to; and a year's original report
(`source`) when anything of the year is internal, since the original holds it too. References to
what is left out are cut: an achievement's or photograph's section, a plan outcome's evidence,
a problem's `continues`, the outcomes of an internal plan.
"""

from __future__ import annotations

import os
from dataclasses import replace

from nianjian.model import Archive, Section, YearRecord

INTERNAL = "内部"
PUBLIC = "公开"
EDITIONS = (INTERNAL, PUBLIC)
ENVIRONMENT = "NIANJIAN_EDITION"  # how `make build EDITION=公开` tells the MkDocs hooks


class UnknownEdition(ValueError):
    pass


def edition_from_environment() -> str:
    """The edition a build makes: NIANJIAN_EDITION (内部 or 公开), the internal one when unset."""
    edition = os.environ.get(ENVIRONMENT, "").strip() or INTERNAL
    if edition not in EDITIONS:
        raise UnknownEdition(f"{ENVIRONMENT} 是 {edition[:20]}，只能是 {INTERNAL} 或 {PUBLIC}")
    return edition


def edition_of(archive: Archive, edition: str) -> Archive:
    return public_archive(archive) if edition == PUBLIC else archive


def _kept_sections(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    return tuple(replace(section, children=_kept_sections(section.children)) for section in sections if not section.internal)


def _section_ids(sections: tuple[Section, ...]) -> set[str]:
    ids = set()
    for section in sections:
        if section.anchor:
            ids.add(section.anchor)
        ids |= _section_ids(section.children)
    return ids


def _has_internal(record: YearRecord) -> bool:
    def sections_internal(sections: tuple[Section, ...]) -> bool:
        return any(section.internal or sections_internal(section.children) for section in sections)

    items = (*record.achievements, *record.problems, *record.plans, *record.events, *record.honours, *record.photos, *record.attachments)
    return sections_internal(record.sections) or any(item.internal for item in items)


def _field_kept(record: YearRecord, path: tuple[str | int, ...]) -> bool:
    """Whether the text at `path` of the year file stays in the public edition (the model keeps
    sections, achievements, problems and plans in the file's order, so the path's indices find
    them). A text elsewhere is treated as left out: a file it alone links is not published."""
    if path == ("summary",):
        return True
    if len(path) >= 2 and path[0] in ("achievements", "problems", "plans") and isinstance(path[1], int):
        items = getattr(record, path[0])
        return path[1] < len(items) and not items[path[1]].internal
    sections = record.sections
    position = 0
    while position + 1 < len(path) and path[position] == "sections" and isinstance(path[position + 1], int):
        index = path[position + 1]
        if index >= len(sections) or sections[index].internal:
            return False
        if position + 2 == len(path) - 1:  # ("sections", i, …, "body")
            return True
        sections = sections[index].children
        position += 2
    return False


def _public_record(record: YearRecord, internal_plans: set[tuple[int, str]], internal_problems: set[str]) -> YearRecord:
    sections = _kept_sections(record.sections)
    ids = _section_ids(sections)
    links = tuple((path, file) for path, file in record.image_links if _field_kept(record, path))
    return replace(
        record,
        source=None if _has_internal(record) else record.source,
        sections=sections,
        achievements=tuple(replace(item, section=item.section if item.section in ids else None) for item in record.achievements if not item.internal),
        problems=tuple(
            replace(item, continues=None if item.continues in internal_problems else item.continues) for item in record.problems if not item.internal
        ),
        plans=tuple(plan for plan in record.plans if not plan.internal),
        plan_outcomes=tuple(
            replace(outcome, evidence=tuple(anchor for anchor in outcome.evidence if anchor in ids))
            for outcome in record.plan_outcomes if (record.year - 1, outcome.plan) not in internal_plans
        ),
        events=tuple(event for event in record.events if not event.internal),
        honours=tuple(honour for honour in record.honours if not honour.internal),
        photos=tuple(replace(photo, section=photo.section if photo.section in ids else None) for photo in record.photos if not photo.internal),
        attachments=tuple(attachment for attachment in record.attachments if not attachment.internal),
        image_links=links,
        images=tuple(dict.fromkeys(file for _, file in links)),
    )


def public_archive(archive: Archive) -> Archive:
    """The archive with nothing marked internal (see the module's description)."""
    internal_plans = {(record.year, plan.id) for record in archive.years for plan in record.plans if plan.internal or record.internal or not record.signed}
    internal_problems = {
        problem.id for record in archive.years for problem in record.problems if problem.id and (problem.internal or record.internal or not record.signed)
    }
    # A year still under review (征求意见稿) is not published either; nor are its numbers.
    years = tuple(_public_record(record, internal_plans, internal_problems) for record in archive.years if not record.internal and record.signed)
    internal_years = {record.year for record in archive.years if record.internal or not record.signed}
    sources = {record.source: archive.sources[record.source] for record in years if record.source}
    photo_files = {photo.file: archive.photo_files[photo.file] for record in years for photo in record.photos}
    copied = [attachment.file for record in years for attachment in record.attachments]
    copied += [file for record in years for file in record.images] + list(archive.site.images)
    return replace(
        archive,
        site=replace(archive.site, editorial=replace(archive.site.editorial, notice="")),  # no 内部资料 notice
        years=years,
        metrics=tuple(row for row in archive.metrics if not row.internal and row.year not in internal_years),
        metric_blanks=(),  # numbers still to be filled in are no part of a published edition
        sources=sources,
        photo_files=photo_files,
        copied_files={path: archive.copied_files[path] for path in dict.fromkeys(copied) if path in archive.copied_files},
        public=True,
    )
