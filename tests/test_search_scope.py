"""At thousands of years the search panel first searches the recent years only (a smaller index
to download), says so, and searches the whole archive when the reader asks, or picks an older
year (nianjian/web/search_scope.py). The fixture has four years; the tests make "recent" two."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from conftest import FIXTURES, Project, hit_years, make_project, search, search_hits
from nianjian.serving import served
from nianjian.web.search_scope import RECENT_YEARS_VARIABLE, SearchScope, search_scope

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def scoped_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, str]]:
    project = make_project(tmp_path_factory.mktemp("scope") / "project", FIXTURES / "knowledge-base")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = project.publish({"NIANJIAN_SITE_URL": f"http://127.0.0.1:{port}/", RECENT_YEARS_VARIABLE: "2"})
    assert result.returncode == 0, result.stderr
    with served(project.site, port) as url:
        yield project, url


def test_the_default_index_holds_the_recent_years_and_the_whole_one_every_year(scoped_site: tuple[Project, str]) -> None:
    project, _ = scoped_site
    default = json.loads((project.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    whole = json.loads((project.site / "search" / "search_index_all.json").read_text(encoding="utf-8"))
    pages = lambda index: {doc["location"].split("#")[0] for doc in index["docs"]}  # noqa: E731
    assert pages(whole) - pages(default) == {"years/2021/", "years/2022/"}
    assert {"years/2023/", "years/2024/", "events/", "areas/"} <= pages(default)
    assert default["config"] == whole["config"]


def test_an_agencys_decades_of_years_have_one_index() -> None:
    assert search_scope(tuple(range(1900, 2100))) is None  # 200 years
    assert search_scope(tuple(range(1000, 3000))) == SearchScope(first_year=2800, years=200)


def test_a_reader_searches_the_recent_years_then_the_whole_archive(page: Page, scoped_site: tuple[Project, str]) -> None:
    _, url = scoped_site
    assert hit_years(search(page, url, "食堂")) == {"2023", "2024"}
    scope = page.locator(".nj-search-scope")
    scope.wait_for(timeout=10_000)
    assert "只搜索最近 2 年（2023 年起）的年度报告" in scope.inner_text()
    scope.locator("button").click()  # 在全部年份中搜索: the page loads again, with the whole index
    page.wait_for_function("() => /正在全部年份中搜索/.test((document.querySelector('.nj-search-scope') || {}).textContent)", timeout=20_000)
    assert {"2021", "2022"} <= hit_years(search_hits(page))
    # The choice holds in this tab: another search finds the older years at once.
    assert "2021" in hit_years(search(page, url, "车辆"))


def test_picking_an_older_year_in_the_filters_searches_the_whole_archive(page: Page, scoped_site: tuple[Project, str]) -> None:
    _, url = scoped_site
    search(page, url, "食堂")
    page.locator(".nj-search-filters").wait_for(timeout=10_000)
    page.locator("select[name=nj-year]").select_option(value="year_2021")
    # The page loads again with the whole index, which holds 2021.
    page.wait_for_function("() => /正在全部年份中搜索/.test((document.querySelector('.nj-search-scope') || {}).textContent)", timeout=20_000)
    assert page.locator("input[data-md-component='search-query']").input_value() == "+year_2021 食堂"
    links = [hit["href"] for hit in search_hits(page)]
    assert links and all("years/2021/" in link for link in links), links
