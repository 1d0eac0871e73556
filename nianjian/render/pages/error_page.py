"""The page `mkdocs serve` shows while the data has errors, in place of every generated page,
so the editor sees what to fix where they were looking instead of a stale page."""

from __future__ import annotations

import re
from pathlib import Path

from nianjian.render.parts.templating import page_markdown
from nianjian import urls
from nianjian.read.documents import MAX_YAML_BYTES, parse_yaml, read_data_text
from nianjian.errors import DataError
from nianjian.render.pages.rendered import RenderedSite
from nianjian.render.pages.data_guide import render_data_guide
from nianjian.render.parts.table import Column, Table, text_cell
from nianjian.render.parts.tables import table_html
from nianjian.escaping import html


def render_error_page(errors: list[DataError]) -> str:
    rows = tuple(
        (text_cell(error.location()), text_cell(error.field or "（整个文件）"), text_cell(error.message), text_cell(error.hint))
        for error in errors
    )
    columns = (Column("位置", "code"), Column("字段", "code"), Column("问题"), Column("改法"))
    table = Table("errors", columns, rows, downloadable=False, css_class="nj-table nj-errors")
    return page_markdown(
        "数据有误，网站暂未更新",
        [
            f'!!! failure "发现 {len(errors)} 个问题"',
            "",
            "    按下表修改数据文件并保存，这个页面会自动刷新。终端里也打印了同样的内容，"
            "与 `nianjian validate` 的输出一致。",
            "",
            table_html(table, urls.HOME_PAGE),
            "",
            # An HTML block, not a Markdown fence: a field name from the data may itself hold ```.
            '<pre class="nj-error-report"><code>' + "\n".join(html(error.format()) for error in errors) + "</code></pre>",
            "",
        ]
    )


def _area_keys(data_dir: Path) -> list[str]:
    """The work areas data/site.yaml names, if it can still be read (it may be the broken file)."""
    text, _ = read_data_text(data_dir, data_dir / "site.yaml", MAX_YAML_BYTES)
    document = parse_yaml(text, "data/site.yaml")[0] if text is not None else None
    areas = document.data.get("areas") if document is not None and isinstance(document.data, dict) else None
    keys = [area.get("key") for area in areas if isinstance(area, dict)] if isinstance(areas, list) else []
    return [key for key in keys if isinstance(key, str) and urls.slug(key) is not None]


def render_error_site(data_dir: Path, errors: list[DataError]) -> RenderedSite:
    """The error page in place of every generated page the editor may have open (home, each
    section's index, every year file's page, every area's page), so no page of the preview is
    missing; the data guide stays, since the editor may need it to fix the problem."""
    page = render_error_page(errors)
    paths = [urls.HOME_PAGE, urls.YEARS_PAGE, urls.AREAS_PAGE, urls.PLANS_PAGE, urls.PROBLEMS_PAGE, urls.COMPARE_PAGE, urls.TAGS_PAGE]
    paths += [f"years/{path.stem}.md" for path in sorted((data_dir / "years").glob("*.yaml")) if re.fullmatch("[0-9]{4}", path.stem)]
    paths += [urls.area_page(key) for key in _area_keys(data_dir)]
    site = RenderedSite(site_name="数据有误", copyright="", pages={path: page for path in paths})
    site.pages["guide/data.md"] = render_data_guide()
    return site
