"""The pages across years (home, years index, areas, tags, plans, problems, the board…) are each
rendered from a view of the archive narrowed to what they read, and kept between builds under
that view: an editor saves a new title in one year and only the pages that show titles are
rendered again. For that to be safe, every group must show the same from its view as from the
whole archive, and every field it says it reads must matter to it."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from conftest import FIXTURES, REPO, add_to_year
from nianjian.check.load import check_data
from nianjian.model import Archive
from nianjian.prose import ProseRenderer
from nianjian.render.pages.archive_views import Reads, ViewKeys, narrowed
from nianjian.render.pages.summary_pages import PageGroup, page_groups, summary_pages
from nianjian.stored import StoredResults

TODAY = date(2025, 1, 20)
# Everything a year can hold that a page across years shows: 大事记, honours, photographs,
# attachments, index words, a review and the parts planned for it (组稿).
RICH_2024 = """events:
  - date: 2024-03-12
    text: 机关新食堂投入使用。
    area: catering
    tags: [食堂]
honours:
  - title: 省直机关文明单位
    holder: 机关服务中心
    level: 省级
    date: 2024-12
photos:
  - file: sources/食堂.png
    caption: 新食堂投入使用
attachments:
  - file: sources/管理办法.pdf
    title: 机关会议室管理办法
index: [文明单位, 用电量]
review:
  - step: 初审
    by: 办公室 李四
    date: 2025-01-10
contributions:
  - part: 节能
    unit: 节能办
    due: 2025-01-15
    submitted: 2025-01-14
  - part: summary
    unit: 办公室
    due: 2025-01-10
  - part: achievements:energy
    unit: 节能办
    due: 2025-01-15
  - part: metrics:energy
    unit: 节能办
    due: 2025-01-15
  - part: events
    unit: 办公室
    due: 2025-01-10
  - part: honours
    unit: 办公室
    due: 2025-01-10
  - part: photos
    unit: 办公室
    due: 2025-01-10
  - part: attachments
    unit: 办公室
    due: 2025-01-10
"""


def enrich(data: Path) -> None:
    """The knowledge base's 2024 given everything (RICH_2024), with its files, and a number still
    to be filled in."""
    (data / "sources").mkdir()
    Image.new("RGB", (64, 48), "white").save(data / "sources" / "食堂.png")
    (data / "sources" / "管理办法.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 3000 + b"\n%%EOF\n")
    add_to_year(data, 2024, RICH_2024)
    with (data / "metrics" / "all.csv").open("a", encoding="utf-8") as rows:
        rows.write("2024,energy,用水量,吨,,,false\n")


def archive_of(data: Path) -> Archive:
    check = check_data(data)
    assert check.archive is not None, check.errors
    return check.archive


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Archive]:
    """The agency's own record, the three-year fixture, and the four-year knowledge base with
    a 2024 that holds everything."""
    rich = tmp_path_factory.mktemp("rich") / "data"
    shutil.copytree(FIXTURES / "knowledge-base", rich)
    enrich(rich)
    return {"record": archive_of(REPO / "data"), "multi-year": archive_of(FIXTURES / "multi-year"), "rich": archive_of(rich)}


def rendered(group, view: Archive) -> list:  # noqa: ANN001 (a PageGroup)
    return [(path, page.markdown, page.tables) for path, page in group.render(view)]


GROUPS = page_groups(ProseRenderer(), TODAY)


@pytest.mark.parametrize("group", GROUPS, ids=[group.name for group in GROUPS])
def test_every_group_shows_the_same_from_its_view_as_from_the_whole_archive(archives: dict[str, Archive], group) -> None:  # noqa: ANN001
    for name, archive in archives.items():
        assert rendered(group, narrowed(archive, group.reads)) == rendered(group, archive), name


def fewer_reads(reads: Reads) -> list[tuple[str, Reads]]:
    """Each of the views that leave out one thing `reads` reads."""
    fewer = [(field, replace(reads, year_fields=reads.year_fields - {field})) for field in sorted(reads.year_fields)]
    for flag in ("section_bodies", "metrics", "search_words"):
        if getattr(reads, flag):
            fewer.append((flag, replace(reads, **{flag: False})))
    return fewer


@pytest.mark.parametrize("group", GROUPS, ids=[group.name for group in GROUPS])
def test_every_field_a_group_says_it_reads_changes_what_it_shows(archives: dict[str, Archive], group) -> None:  # noqa: ANN001
    """Without this, a group could declare everything and the key would hold for nothing; and
    the test above shows it could fail: one field less and some page differs."""
    for left_out, fewer in fewer_reads(group.reads):
        differs = [name for name, archive in archives.items() if rendered(group, narrowed(archive, fewer)) != rendered(group, archive)]
        assert differs, f"{group.name} reads {left_out} but shows the same without it"


def test_a_new_title_renders_only_the_pages_that_show_titles_again(archives: dict[str, Archive], tmp_path: Path) -> None:
    stored = StoredResults(tmp_path, "code")
    archive = archives["rich"]
    made = []

    def counted(group: PageGroup) -> PageGroup:
        def render(view: Archive) -> list:
            made.append(group.name)
            return group.render(view)
        return replace(group, render=render)

    groups = tuple(counted(group) for group in page_groups(ProseRenderer(), TODAY, stored))
    first = dict(summary_pages(archive, groups, stored))
    figures = {path: path.stat().st_mtime_ns for path in (tmp_path / "overview-figures").iterdir()}
    assert len(figures) == 2  # the home page's and the years index's
    retitled = replace(archive, years=tuple(replace(record, title="新标题") if record.year == 2024 else record for record in archive.years))
    made.clear()
    second = dict(summary_pages(retitled, groups, stored))
    again = dict(summary_pages(retitled, groups, stored))
    assert made == ["home", "years", "board"]  # the board names each year by its title
    assert "新标题" in second["index.md"].markdown and "新标题" not in first["index.md"].markdown
    assert {path for path in first if first[path] != second[path]} == {"index.md", "years/index.md", "board/index.md"}
    assert again == second
    # The overviews' charts (every year's numbers) come from the store: they show no titles.
    assert {path: path.stat().st_mtime_ns for path in (tmp_path / "overview-figures").iterdir()} == figures


def test_a_views_key_changes_exactly_when_its_view_does(archives: dict[str, Archive]) -> None:
    """Groups are keyed by ViewKeys, which digests a view's parts without making the view."""
    archive = archives["rich"]

    def edited(year: int, **changes: object) -> Archive:
        return replace(archive, years=tuple(replace(record, **changes) if record.year == year else record for record in archive.years))

    first = archive.years[0]
    body = replace(first.sections[0], children=(replace(first.sections[0].children[0], body="新的正文"),) + first.sections[0].children[1:])
    edits = {
        "a title": edited(2024, title="新标题"),
        "a section's text": edited(first.year, sections=(body,) + first.sections[1:]),
        "a problem": edited(first.year, problems=first.problems[1:]),
        "a metric": replace(archive, metrics=archive.metrics[1:]),
        "nothing": replace(archive),
    }
    outcomes = set()
    for name, other in edits.items():
        for group in GROUPS:
            same_view = repr(narrowed(archive, group.reads)) == repr(narrowed(other, group.reads))
            same_key = ViewKeys(archive).digest(group.reads) == ViewKeys(other).digest(group.reads)
            assert same_key == same_view, (name, group.name)
            outcomes.add(same_view)
    assert outcomes == {True, False}
