"""render: every generated page of the site, as Markdown keyed by its path under docs/.

The MkDocs hooks and the benchmark's pre-rendered floor call this. The Word documents of the
years are not part of it: the publishing step makes them (nianjian.paper.word_documents), and the
year pages link them either way, as they link the PDFs `make pdf` prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
import tempfile
from datetime import date
from pathlib import Path

from nianjian.facts.key_figures import MetricIndex, index_metrics
from nianjian.check.edition import INTERNAL
from nianjian.check.load import check_data
from nianjian.check.parsed_files import ParsedFiles
from nianjian.model import Archive
from nianjian.code_version import code_digest
from nianjian.render.pages.rendered import HELD_BYTES, BuildOutcome, RenderedPage, RenderedSite
from nianjian.stored import StoredResults
from nianjian.prose import ProseRenderer

from nianjian import urls
from nianjian.facts.series import Series, metric_series
from nianjian.render.pages.data_guide import render_data_guide
from nianjian.render.pages.error_page import render_error_site
from nianjian.render.pages.search_labels import search_labels
from nianjian.render.pages.search_filters import FILTERS_FILE, filters_json, search_facets
from nianjian.facts.sections import YearOutline, outlines
from nianjian.escaping import theme_text
from nianjian.render.formats.photos import PhotoShelf
from nianjian.read.history import History, year_histories
from nianjian.render.pages.year_content import YearContent, year_content
from nianjian.render.pages.year_page import render_year_page
from nianjian.render.pages.summary_pages import page_groups, summary_pages
from nianjian.facts.tracking import PlanStatus, plan_statuses


@dataclass(frozen=True)
class ArchiveFacts:
    """What the pages share, computed once from the whole archive."""

    series: dict[tuple[str, str], Series]
    statuses: list[PlanStatus]
    outline: dict[int, YearOutline]
    metrics: MetricIndex
    photos: PhotoShelf  # the photographs' variants, made once per change (render/formats/photos.py)

    @cached_property
    def reported_in(self) -> dict[int, tuple[PlanStatus, ...]]:
        """The plan statuses by the year whose report gives their outcome, grouped once."""
        grouped: dict[int, list[PlanStatus]] = {}
        for status in self.statuses:
            grouped.setdefault(status.reported_in, []).append(status)
        return {year: tuple(statuses) for year, statuses in grouped.items()}

    @classmethod
    def of(cls, archive: Archive, cache_dir: Path | None = None) -> ArchiveFacts:
        """`cache_dir`: the build's cache (.cache/nianjian); without one (a build from a script or a
        test), photographs are kept in the system's temporary folder (their variants are named by
        digest, so builds can share it; the folder is made only when a photograph is)."""
        folder = cache_dir / "photos" if cache_dir is not None else Path(tempfile.gettempdir()) / "nianjian-photos"
        return cls(metric_series(archive), plan_statuses(archive), outlines(archive.years), index_metrics(archive), PhotoShelf(folder))


def year_contents(archive: Archive, facts: ArchiveFacts) -> Iterator[YearContent]:
    """What each year's page and Word document show, newest year first, one at a time."""
    for record in archive.years:
        photos = tuple(facts.photos.set_of(photo, archive.photo_files[photo.file]) for photo in record.photos)
        yield year_content(archive, record, facts.series, facts.reported_in.get(record.year, ()), facts.outline[record.year], facts.metrics, photos)


def year_page(content: YearContent, prose: ProseRenderer, history: History | None, stored: StoredResults | None) -> RenderedPage:
    """A year's page, rendered again only when what it shows changed: the year's content (the
    typed model: its texts, tables, figures, cards…) and its 修订记录 are the key, our code is
    the shared part (under `mkdocs serve`, a save renders the edited year's page, not all)."""
    if stored is None:
        return render_year_page(content, prose, history)
    year = content.record.year
    revisions = repr((history.by_year.get(year), history.missing, history.shallow)) if history is not None else ""
    key = stored.key(repr(content), revisions)
    return stored.pickled("year-pages", urls.year_page(year), key, lambda: render_year_page(content, prose, history))


def render_site(
    archive: Archive, cache_dir: Path | None = None, history: History | None = None, spill_dir: Path | None = None, most_held: int = HELD_BYTES,
    defer_downloads: bool = False,
) -> RenderedSite:
    """`history`: the year files' 修订记录 from git, shown on the internal edition's year pages.
    `spill_dir`: where pages and downloads go beyond `most_held` bytes (RenderedSite.spill_dir).
    `defer_downloads`: the tables' CSV and .xlsx files are not made (a preview build)."""
    prose = ProseRenderer()
    stored = StoredResults(cache_dir / "rendered", code_digest()) if cache_dir is not None else None
    facts = ArchiveFacts.of(archive, cache_dir)
    outline = facts.outline
    site = RenderedSite(
        site_name=theme_text(archive.site.title),
        copyright=theme_text(f"{archive.site.organization} · 公开版" if archive.public else f"{archive.site.organization} · 内部资料"),
        spill_dir=spill_dir,
        most_held=most_held,
        downloads_deferred=defer_downloads,
    )
    # Each page's tables become their download files at once, so no more than one page's
    # tables are alive at a time (the build's peak memory).
    for path, page in summary_pages(archive, page_groups(prose, date.today(), stored), stored):
        site.add_page(path, page)
    facts.photos.prepare(list(archive.photo_files.values()))
    for content in year_contents(archive, facts):
        site.add_page(urls.year_page(content.record.year), year_page(content, prose, None if archive.public else history, stored))
        for photo in content.photos:
            site.files.update({variant.site_path: variant.file for variant in photo.variants})
    site.put_page("guide/data.md", render_data_guide())
    site.search_labels = search_labels(archive, outline)
    site.search_facets = search_facets(archive, outline)
    site.years = tuple(record.year for record in archive.years)
    site.files[FILTERS_FILE] = filters_json(archive)
    site.files.update(archive.sources)
    site.files.update(archive.copied_files)
    for path in [*site.pages, *site.files]:
        urls.check_relative(path)  # validation should make this impossible; never write outside site/
    return site


def load_and_render(
    data_dir: Path, *, preview: bool = False, cache_dir: Path | None = None, edition: str = INTERNAL, spill_dir: Path | None = None,
    most_held: int = HELD_BYTES, defer_downloads: bool = False, parsed: ParsedFiles | None = None,
) -> BuildOutcome:
    """With `preview`, data errors still give a site: every generated page lists the problems;
    texts still “（待填写）” are listed apart (`unfinished`) instead of stopping it. `edition`:
    内部 or 公开 (nianjian/check/edition.py). `defer_downloads`: see render_site. `parsed`: see check_data."""
    check = check_data(data_dir, unfinished_is_error=not preview, edition=edition, parsed=parsed)
    if check.archive is None:
        return BuildOutcome(render_error_site(data_dir, check.errors) if preview else None, check.errors)
    accepted = [finding for finding in check.findings if finding.accepted_because]
    return BuildOutcome(render_site(check.archive, cache_dir, year_histories(Path(data_dir)), spill_dir, most_held, defer_downloads), [], check.unfinished, accepted)
