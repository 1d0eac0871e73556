"""Every link and file name derived from data goes through nianjian.urls."""

from __future__ import annotations

import pytest

from nianjian.urls import UnsafePath, check_relative, file_name, href, link_problem, printed_link, slug

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


SERVED = "http://127.0.0.1:41234/"
PRINTED_LINKS = [
    # (as Chromium printed it, as downloads/volume.pdf keeps it, as it keeps it under a site address)
    (SERVED + "years/2023/", "../years/2023/", "http://intranet.example/nianjian/years/2023/"),
    (SERVED + "years/2024/#%E9%A3%9F%E5%A0%82", "../years/2024/#%E9%A3%9F%E5%A0%82", "http://intranet.example/nianjian/years/2024/#%E9%A3%9F%E5%A0%82"),
    (SERVED + "downloads/report-2024.docx", "report-2024.docx", "http://intranet.example/nianjian/downloads/report-2024.docx"),
    (SERVED + "downloads/", "./", "http://intranet.example/nianjian/downloads/"),
    (SERVED, "../", "http://intranet.example/nianjian/"),
    (SERVED + "?q=%E9%A3%9F", "../?q=%E9%A3%9F", "http://intranet.example/nianjian/?q=%E9%A3%9F"),
    # already under the site address (the site built with it)
    ("http://intranet.example/nianjian/areas/energy/", None, "http://intranet.example/nianjian/areas/energy/"),
    ("mailto:office@example.invalid", "mailto:office@example.invalid", "mailto:office@example.invalid"),
    ("MAILTO:office@example.invalid?subject=%E5%B9%B4", "MAILTO:office@example.invalid?subject=%E5%B9%B4", "MAILTO:office@example.invalid?subject=%E5%B9%B4"),
    # anything else is not linked
    ("http://127.0.0.1:41235/years/2023/", None, None),  # another port: not the print run's server
    ("http://127.0.0.1:4123/years/2023/", None, None),
    ("http://localhost:41234/years/2023/", None, None),
    ("https://example.com/", None, None),
    ("http://intranet.example/nianjian-old/years/2023/", None, None),
    ("javascript:alert(1)", None, None),
    ("file:///etc/passwd", None, None),
    ("data:text/html,x", None, None),
    ("about:blank#目录", None, None),
    (SERVED + "/evil.example/", None, None),
    (SERVED + "years/../../etc/", None, None),
    (SERVED + "years/2023/ x", None, None),
    (SERVED + "years/二〇二三/", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(("printed", "relative", "under_site_url"), PRINTED_LINKS)
def test_a_printed_pdf_links_only_into_the_site_or_to_mailto(printed: str, relative: str | None, under_site_url: str | None) -> None:
    assert printed_link(printed, SERVED, "downloads/volume.pdf", None) == relative
    for site_url in ("http://intranet.example/nianjian/", "http://intranet.example/nianjian"):
        assert printed_link(printed, SERVED, "downloads/volume.pdf", site_url) == under_site_url


def test_a_printed_link_is_relative_to_the_pdfs_own_folder() -> None:
    assert printed_link(SERVED + "years/2023/", SERVED, "volume.pdf", None) == "years/2023/"
    assert printed_link(SERVED + "years/2023/", SERVED, "years/2024/report.pdf", None) == "../2023/"
