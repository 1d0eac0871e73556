#!/usr/bin/env python3
"""How many of the words staff type does the site's search find? Types each word of a list into
Material's real search (in Chromium, the site served as the intranet serves it) and counts the
words whose hits include the expected page, and those highlighted in a hit.

    .venv/bin/python scripts/search_recall.py --site-dir site
    .venv/bin/python scripts/search_recall.py --site-dir /tmp/old-site --page years/2024/

The word list (tests/fixtures/search-recall-words.txt) marks each word "whole" (jieba keeps it
whole) or "inside" (it is inside a compound jieba keeps whole); the browser test
test_browser.py runs the same measurement on every build.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from playwright.sync_api import Page, sync_playwright

from nianjian.serving import served

REPO = Path(__file__).resolve().parent.parent
WORDS = REPO / "tests" / "fixtures" / "search-recall-words.txt"
CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class Recall:
    word: str
    kind: str  # "whole" or "inside"
    found: bool  # a hit on the expected page
    highlighted: bool  # the word marked in such a hit
    answered: bool = True  # the search answered at all (else the next word opens the site again)


def recall_words(path: Path = WORDS) -> list[tuple[str, str]]:
    lines = [line.split() for line in path.read_text(encoding="utf-8").splitlines()]
    return [(line[0], line[1]) for line in lines if line and not line[0].startswith("#")]


# Material's line above the hits once a search has answered: "找到 1 个符合条件的结果", "3 个符合
# 条件的结果" or "没有找到符合条件的结果" (its zh strings). Before that it says "正在初始化搜索引擎"
# while the index loads in its worker, which on a loaded machine can take seconds.
SEARCH_ANSWERED = "() => /符合条件的结果/.test((document.querySelector('.md-search-result__meta') || {}).textContent || '')"


def wait_for_answer(page: Page, timeout: float = 20_000) -> None:
    """Until Material's search has shown the hits of the query in the box."""
    page.wait_for_function(SEARCH_ANSWERED, timeout=timeout)


# Empties the results shown, so that the next ones to appear are the next word's.
_CLEAR_RESULTS = """() => {
  document.querySelector('.md-search-result__meta').textContent = '';
  document.querySelector('.md-search-result__list').replaceChildren();
}"""


def measure(page: Page, base_url: str, expected_page: str, words: list[tuple[str, str]]) -> list[Recall]:
    """Each word searched as staff search: the first opens the site with it (?q=), the rest are
    typed into the open search box, so the index is loaded once."""
    results = []
    box = page.locator("input[data-md-component='search-query']")
    for number, (word, kind) in enumerate(words):
        try:
            if number == 0 or not results[-1].answered:
                page.goto(f"{base_url}?q={word}")
            else:
                page.evaluate(_CLEAR_RESULTS)
                box.fill(word)  # what an input method hands over at the end of a composition
                box.press("End")  # Material searches on the key events that follow
            wait_for_answer(page)
        except Exception:  # noqa: BLE001 (a search that never answers counts as not found)
            results.append(Recall(word, kind, False, False, answered=False))
            continue
        hits = page.locator(".md-search-result__link").evaluate_all(
            "links => links.map(link => [link.getAttribute('href'), link.innerHTML])"
        )
        on_page = [html for href, html in hits if expected_page in unquote(href)]
        marks = [mark for html in on_page for mark in re.findall(r"<mark>(.*?)</mark>", html.replace("\u200b", ""))]
        results.append(Recall(word, kind, bool(on_page), any(word in mark for mark in marks)))
    return results


def report(results: list[Recall]) -> str:
    lines = []
    for kind in ("whole", "inside"):
        group = [result for result in results if result.kind == kind]
        found = sum(result.found for result in group)
        marked = sum(result.highlighted for result in group)
        lines.append(f"{kind:6}  找到 {found}/{len(group)}  高亮 {marked}/{len(group)}")
    missed = [result.word for result in results if not result.found]
    lines.append(f"全部    找到 {sum(r.found for r in results)}/{len(results)}  高亮 {sum(r.highlighted for r in results)}/{len(results)}")
    lines.append("没有找到：" + ("、".join(missed) if missed else "无"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    parser.add_argument("--page", default="years/2024/", help="the page every word should find")
    parser.add_argument("--words", type=Path, default=WORDS)
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"找不到构建好的网站 {args.site_dir}：先运行 make build", file=sys.stderr)
        return 1
    with served(args.site_dir) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        results = measure(browser.new_page(), url, args.page, recall_words(args.words))
        browser.close()
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
