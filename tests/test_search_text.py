"""Search finds on a year page what a reader sees there: its search entries are rendered from the
page's model (render/parts/search_text.py), and for every year page of the agency's record and
of a year that holds everything (a draft, photographs, 大事记, honours, attachments, outcomes,
problems) they say what Material's own parser finds in the built page, heading by heading."""

from __future__ import annotations

import html
import re
import shutil

import pytest
from material.plugins.search.plugin import Parser

from conftest import FIXTURES, REPO, Project, make_project
from test_summary_pages import enrich
from nianjian.render.pages.site import load_and_render
from nianjian.render.parts.search_text import sections_from_json

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_TAG = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    """Text as a reader reads it: no markup, no spaces (how lines break in HTML is not text)."""
    return re.sub(r"\s+", "", html.unescape(_TAG.sub("", text)))


def parsed_sections(page_html: str) -> list[tuple[str | None, str, str]]:
    """What Material's search plugin finds in the page's content, as it indexes it."""
    parser = Parser()
    parser.feed(_ARTICLE.search(page_html).group(1).strip())  # page.content, as the plugin reads it
    parser.close()
    return [(section.id, _plain("".join(section.title)), _plain("".join(section.text))) for section in parser.data if not section.is_excluded()]


@pytest.fixture(scope="module", params=["record", "rich"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp(request.param)
    if request.param == "record":
        project = make_project(root / "project", REPO / "data")
    else:
        data = root / "data"
        shutil.copytree(FIXTURES / "knowledge-base", data)
        enrich(data)
        project = make_project(root / "project", data)
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


def test_every_year_pages_search_text_is_what_materials_parser_finds_on_it(built: Project) -> None:
    rendered = load_and_render(built.data).rendered  # as the build renders it, 修订记录 included
    years = [path for path in rendered.pages if re.fullmatch(r"years/\d{4}\.md", path)]
    assert years
    for path in years:
        model = [(section.anchor, _plain(section.title), _plain(section.text)) for section in sections_from_json(rendered.search_json(path))]
        page = built.page(path.removesuffix(".md") + "/")
        parsed = parsed_sections(page)
        for ours, materials in zip(model, parsed):
            assert ours == materials, path
        assert len(model) == len(parsed), path

