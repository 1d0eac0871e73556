"""The HTML of page parts comes from Jinja2 templates (nianjian/render/parts/templates/) with
autoescape on: text from data is escaped unless a renderer hands over sanitised HTML
(nianjian.prose) on purpose."""

from __future__ import annotations

import re
from functools import cache

import jinja2
from markupsafe import Markup

from nianjian.escaping import front_matter_title, markdown_heading
from nianjian.facts.dates import chinese_date
from nianjian.urls import href

_BLANK_LINES = re.compile(r"\n\s*\n")
# The lines around a finished HTML block in a page's Markdown: MkDocs' Markdown takes what is
# between them as it is (nianjian.web.finished_html) instead of parsing the HTML to find where it
# ends. Text from data never holds them (escaped, or sanitised without comments: nianjian.prose).
FINISHED_OPEN = "<!--nianjian:html-->"
FINISHED_CLOSE = "<!--/nianjian:html-->"


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("nianjian.render.parts", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.globals["href"] = href
    environment.globals["chinese_date"] = chinese_date
    environment.filters["front_matter_title"] = lambda text: Markup(front_matter_title(text))
    environment.filters["markdown_heading"] = lambda text: Markup(markdown_heading(text))
    return environment


def render_template(name: str, **context: object) -> str:
    """The template's HTML, with no blank lines: it goes into a page's Markdown as one HTML
    block, which a blank line inside a cell's text would end early."""
    html = _environment().get_template(name).render(**context)
    return _BLANK_LINES.sub("\n", html).strip() + "\n"


def html_block(name: str, **context: object) -> str:
    """A page part's HTML (render_template), marked as finished for the page's Markdown."""
    return f"{FINISHED_OPEN}\n{render_template(name, **context)}{FINISHED_CLOSE}\n"


def render_markdown(name: str, **context: object) -> str:
    """A Markdown template (blank lines kept: they separate Markdown blocks)."""
    return _environment().get_template(name).render(**context).rstrip("\n") + "\n"


def page_markdown(title: str, body: list[str]) -> str:
    """A generated page's Markdown: the skeleton of templates/page.md around `body`, the page's
    lines (Markdown and HTML blocks its renderers have escaped or sanitised)."""
    return render_markdown("page.md", title=title, body=Markup("\n".join(body)))
