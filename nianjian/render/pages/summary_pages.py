"""The pages across years (home, years index, areas, tags, plans, …), in groups, each rendered
from a view of the archive narrowed to what it reads (render/pages/archive_views.py).

Under `mkdocs serve` a save used to render every one of them again (at 200 years 1.3 s of a
2.7 s preview). A group is now kept between builds under its view's digest (ViewKeys): a title
saved in one year renders the home page, the years index and the board again, a problem the
problems and areas pages, and every other group comes from the cache. What a group shows is computed from its
view alone (its figures and outlines too), so nothing outside the view reaches it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from nianjian import urls
from nianjian.facts.key_figures import index_metrics
from nianjian.facts.sections import outlines
from nianjian.facts.series import metric_series
from nianjian.facts.tracking import plan_statuses
from nianjian.model import Archive
from nianjian.prose import ProseRenderer
from nianjian.render.pages.about_page import render_about_page
from nianjian.render.pages.archive_views import Reads, ViewKeys, narrowed
from nianjian.render.pages.area_page import render_area_page, render_areas_index
from nianjian.render.pages.board_page import has_board, render_board_page
from nianjian.render.pages.chronicle_pages import render_events_page, render_honours_page
from nianjian.render.pages.compare_page import render_compare_page
from nianjian.render.pages.index_page import render_index_page
from nianjian.render.pages.overview import figures_and_trends, render_home_page, render_years_index
from nianjian.render.pages.rendered import RenderedPage
from nianjian.render.pages.tag_pages import render_tag_page, render_tags_index, tag_index
from nianjian.render.pages.tracking_pages import render_plans_page, render_problems_page
from nianjian.render.parts.charts import area_trend_figures
from nianjian.stored import StoredResults

Pages = list[tuple[str, RenderedPage]]  # (path under docs/, page), in the site's order


@dataclass(frozen=True)
class PageGroup:
    """Pages rendered together from one view of the archive."""

    name: str  # its name in the cache
    reads: Reads
    render: Callable[[Archive], Pages]  # called with the view only
    also_depends_on: str = ""  # what besides the view it shows (the board: today's date)


def _page(path: str, page: str | RenderedPage) -> tuple[str, RenderedPage]:
    return path, page if isinstance(page, RenderedPage) else RenderedPage(page)


# What the overviews' key figures and trend charts read: the metrics and which years there are.
_FIGURES = Reads(frozenset(), metrics=True)


def _overview(view: Archive, prose: ProseRenderer, home: bool, stored: StoredResults | None) -> Pages:
    """The home page or the years index. Their figures, most of their work (at 200 years, a
    chart's every year), come from a narrower view still: a title saved renders the rest."""
    path = urls.HOME_PAGE if home else urls.YEARS_PAGE
    make = lambda: figures_and_trends(narrowed(view, _FIGURES), path)  # noqa: E731
    if stored is None:
        figures = make()
    else:
        figures = stored.pickled("overview-figures", path, stored.key(ViewKeys(view).digest(_FIGURES)), make)
    if home:
        return [_page(path, render_home_page(view, figures, prose))]
    return [_page(path, render_years_index(view, figures))]


def _areas(view: Archive) -> Pages:
    series, outline = metric_series(view), outlines(view.years)
    trends = area_trend_figures(view, series)
    pages = [_page(urls.AREAS_PAGE, render_areas_index(view))]
    return pages + [_page(urls.area_page(area.key), render_area_page(view, area, series, trends, outline)) for area in view.site.areas]


def _compare(view: Archive) -> Pages:
    return [_page(urls.COMPARE_PAGE, render_compare_page(view, metric_series(view), outlines(view.years), index_metrics(view)))]


def _tags(view: Archive) -> Pages:
    outline = outlines(view.years)
    tags = tag_index(view, outline)
    return [_page(urls.TAGS_PAGE, render_tags_index(tags))] + [
        _page(urls.tag_page(tag), render_tag_page(view, tag, tagged, outline)) for tag, tagged in tags.items()
    ]


def _board(view: Archive, today: date) -> Pages:
    return [_page(urls.BOARD_PAGE, render_board_page(view, today))] if has_board(view) else []


def page_groups(prose: ProseRenderer, today: date, stored: StoredResults | None = None) -> tuple[PageGroup, ...]:
    """Every group, in the site's order, with what it reads. `stored`: where a group keeps the
    parts it renders from a narrower view of its own (the overviews' figures)."""
    overview = Reads(frozenset({"title", "summary", "achievements"}), metrics=True)
    # The board shows each part's state, worked out from its texts: it reads nearly everything.
    board = Reads(frozenset({"title", "summary", "sections", "achievements", "events", "honours", "photos", "attachments", "review", "contributions"}),
                  section_bodies=True, metrics=True)
    return (
        PageGroup("home", overview, lambda view: _overview(view, prose, True, stored)),
        PageGroup("years", overview, lambda view: _overview(view, prose, False, stored)),
        PageGroup("areas", Reads(frozenset({"achievements", "problems", "sections"}), metrics=True), _areas),
        PageGroup("events", Reads(frozenset({"events"})), lambda view: [_page(urls.EVENTS_PAGE, render_events_page(view))]),
        PageGroup("honours", Reads(frozenset({"honours"})), lambda view: [_page(urls.HONOURS_PAGE, render_honours_page(view))]),
        PageGroup("plans", Reads(frozenset({"plans", "plan_outcomes"})), lambda view: [_page(urls.PLANS_PAGE, render_plans_page(view, plan_statuses(view)))]),
        PageGroup("problems", Reads(frozenset({"problems"})), lambda view: [_page(urls.PROBLEMS_PAGE, render_problems_page(view))]),
        PageGroup("compare", Reads(frozenset({"achievements", "sections"}), metrics=True), _compare),
        PageGroup("tags", Reads(frozenset({"achievements", "sections", "events"})), _tags),
        PageGroup("about", Reads(frozenset()), lambda view: [_page(urls.ABOUT_PAGE, render_about_page(view.site, prose))]),
        PageGroup("board", board, lambda view: _board(view, today), also_depends_on=today.isoformat()),
        PageGroup("index", Reads(frozenset({"sections", "achievements", "events", "honours", "index_terms"}), section_bodies=True, search_words=True),
                  lambda view: [_page(urls.INDEX_PAGE, render_index_page(view, outlines(view.years)))]),
    )


def summary_pages(archive: Archive, groups: tuple[PageGroup, ...], stored: StoredResults | None) -> Iterator[tuple[str, RenderedPage]]:
    """The pages of `groups` (page_groups), a group at a time; with `stored`, a group whose view
    is unchanged comes from the cache (keyed by the view's digest; our code is the shared part)."""
    if stored is None:
        for group in groups:
            yield from group.render(narrowed(archive, group.reads))
        return
    # A group's key is its view's digest (ViewKeys: each year's field digested once for all the
    # groups reading it); its view is made only when its pages are rendered.
    keys = ViewKeys(archive)
    for group in groups:
        key = stored.key(keys.digest(group.reads), group.also_depends_on)
        yield from stored.pickled("summary-pages", group.name, key, lambda: group.render(narrowed(archive, group.reads)))
