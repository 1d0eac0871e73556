"""A staff member narrows a search by year, work area and kind of hit in the search panel, and
sends the filtered search to a colleague as a link. Material's search stays the engine."""

from __future__ import annotations

import json
from urllib.parse import quote

from playwright.sync_api import Page

from conftest import FIXTURES, hit_years, search
from nianjian.check.load import load_archive
from nianjian.facts.sections import outlines
from nianjian.render.pages.search_filters import filters_json, search_facets



def test_a_search_filtered_by_year_finds_only_that_year_and_its_link_opens_it_again(page: Page, kb_url: str) -> None:
    assert len(hit_years(search(page, kb_url, "食堂"))) >= 3  # unfiltered: the word is in several years
    hits = search(page, kb_url, quote("+year_2022 食堂"))
    assert hits and hit_years(hits) == {"2022"} and all("years/2022/" in hit["href"] for hit in hits), [hit["href"] for hit in hits]
    # The panel shows the filter chosen, and the link to this very search.
    page.locator(".nj-search-filters").wait_for(timeout=10_000)
    assert page.locator("select[name=nj-year]").input_value() == "year_2022"
    link = page.locator(".nj-search-link").get_attribute("href")
    assert link == "/?q=" + quote("+year_2022 食堂", safe="")
    shared = search(page, kb_url.rstrip("/") + link.split("?", 1)[0], link.split("?q=", 1)[1])
    assert [hit["href"] for hit in shared] == [hit["href"] for hit in hits]


def test_choosing_a_kind_and_an_area_in_the_panel_narrows_the_hits(page: Page, kb_url: str) -> None:
    search(page, kb_url, "食堂")
    page.locator(".nj-search-filters").wait_for(timeout=10_000)
    box = page.locator("input[data-md-component='search-query']")
    page.locator("select[name=nj-kind]").select_option(label="存在问题")
    assert box.input_value() == "+kind_problem 食堂"
    # Material lists a page's own entry above its sections' hits; every hit must be a problem.
    page.wait_for_function(
        """() => {
            const links = [...document.querySelectorAll('.md-search-result__link')].map(a => decodeURIComponent(a.getAttribute('href')));
            return links.length > 0 && links.every(href => href.includes('#') ? /#附-存在问题$|problems\\//.test(href) : /years\\/|problems\\//.test(href));
        }""",
        timeout=10_000,
    )
    page.locator("select[name=nj-area]").select_option(label="餐饮服务")
    assert box.input_value() == "+area_catering +kind_problem 食堂"
    page.locator("select[name=nj-area]").select_option(label="全部")
    page.locator("select[name=nj-kind]").select_option(label="全部")
    assert box.input_value() == "食堂"  # the filters' words go, the words typed stay


def test_every_hit_carries_its_year_area_and_kind_and_the_panel_lists_the_choices() -> None:
    archive = load_archive(FIXTURES / "knowledge-base")
    facets = search_facets(archive, outlines(archive.years))
    assert facets["years/2021/#餐饮"] == ("year_2021", "kind_report", "area_catering")
    assert facets["years/2022/#附-存在问题"] == ("year_2022", "kind_problem")
    assert facets["years/2022/#成绩-catering"] == ("year_2022", "area_catering", "kind_achievement")
    assert facets["plans/"] == ("kind_plan",) and facets["events/"] == ("kind_event",)
    choices = json.loads(filters_json(archive))
    assert [choice["label"] for choice in choices["year"]] == ["2024年", "2023年", "2022年", "2021年"]
    assert [choice["label"] for choice in choices["kind"]] == ["报告正文", "成绩", "存在问题", "工作思路", "大事记", "荣誉", "图片说明"]
    words = [word for location_words in facets.values() for word in location_words]
    assert all(word.isascii() and " " not in word for word in words)
