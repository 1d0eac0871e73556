"""How the sidebar groups the years (nianjian.navigation.year_groups): by decade, and with more
than twenty decades by century, so a year page carries about the same sidebar at any size."""

from __future__ import annotations

from nianjian.navigation import MOST_GROUPS, year_groups


def test_two_hundred_years_are_twenty_decades_newest_first() -> None:
    groups = year_groups(list(range(1900, 2100)))
    assert len(groups) == MOST_GROUPS and all(not group.groups for group in groups)
    assert [groups[0].title, groups[-1].title] == ["2090—2099年", "1900—1909年"]


def test_a_decade_is_titled_by_the_years_it_holds() -> None:
    assert [group.title for group in year_groups([2019, 2020, 2021, 2023])] == ["2020—2023年", "2019年"]


def test_two_thousand_years_are_twenty_centuries_of_ten_decades() -> None:
    groups = year_groups(list(range(1000, 3000)))
    assert len(groups) == 20 and groups[0].title == "2900—2999年" and groups[-1].title == "1000—1099年"
    assert all(len(century.groups) == 10 for century in groups)
    assert [decade.title for decade in groups[0].groups][:2] == ["2990—2999年", "2980—2989年"]
    # every year is in exactly one decade of exactly one century
    decades = [decade for century in groups for decade in century.groups]
    assert sum(decade.last - decade.first + 1 for decade in decades) == 2000


def test_a_sidebar_level_never_lists_more_than_its_share() -> None:
    for count in (11, 200, 201, 500, 2000):
        groups = year_groups(list(range(3000 - count, 3000)))
        assert len(groups) <= MOST_GROUPS and all(len(group.groups) <= 10 for group in groups), count
