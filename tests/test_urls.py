"""Every link and file name derived from data goes through nianjian.urls."""

from __future__ import annotations

import pytest

from nianjian.urls import UnsafePath, check_relative, file_name, href, link_problem, slug

LINKS = [
    ("years/2024/", "areas/catering.md", "../../years/2024/"),
    ("years/2024/#附-存在问题", "plans/index.md", "../years/2024/#附-存在问题"),
    ("years/2024/#食堂", "years/2024.md", "#食堂"),
    ("years/2023/", "years/2024.md", "../2023/"),
    ("years/2024/", "years/index.md", "2024/"),
    ("years/", "index.md", "years/"),
    ("downloads/plans.csv", "plans/index.md", "../downloads/plans.csv"),
    ("tags/节能/", "tags/index.md", "节能/"),
    ("", "years/2024.md", "../../"),
    ("sources/a b.txt", "years/2024.md", "../../sources/a%20b.txt"),
]


@pytest.mark.parametrize(("target", "page", "expected"), LINKS)
def test_links_are_relative_to_the_page(target: str, page: str, expected: str) -> None:
    assert href(target, page) == expected


def test_tags_become_safe_unique_segments() -> None:
    assert slug("节能") == "节能"
    assert slug("../../../../outside/energy") == "outside-energy"
    assert slug("javascript:alert(1)") == "javascript-alert-1"
    assert slug("Ａ ｂ") == "a-b"  # full-width letters fold like the editor would expect
    assert slug("index") is None and slug("# % : ? *") is None and slug("节" * 41) is None


def test_paths_never_leave_their_folder() -> None:
    for bad in ("../x", "a/../../x", "/etc/passwd", "a\\b", "", "a//b", "a/./b", "a\nb"):
        with pytest.raises(UnsafePath):
            check_relative(bad)
    assert check_relative("tags/节能.md") == "tags/节能.md"


def test_imported_file_names_are_kept_safe() -> None:
    assert file_name("../../2019年工作总结 (定稿).DOCX") == "2019年工作总结-(定稿).docx"
    assert file_name(".env") == "env"


def test_data_links_stay_inside_the_site() -> None:
    assert link_problem("../2023/", "years/2024/") is None
    assert link_problem("mailto:office@example.invalid", "years/2024/") is None
    assert link_problem("../../../x", "years/2024/") == "链接向上超出了网站的根目录"
    assert "javascript" in link_problem(" JaVa\tScRiPt:alert(1)", "years/2024/")
    assert "//" in link_problem("//198.51.100.7/x", "")
