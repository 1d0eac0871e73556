#!/usr/bin/env python3
"""Lighthouse audit of the built site: performance, accessibility and best practices.

Why a script and not a test: Lighthouse scores move with the load of the machine (a 2-core
runner gives a page 85 one minute and 97 the next), so a timed test with a threshold would fail
at random and teach people to ignore it. The correctness checks (axe-core rules, no outside
requests, headers) are tests; this script measures, and its table goes into the closing notes
of a change, next to the machine's load, CPU count and the Lighthouse/Chromium versions that
produced it. `make audit` builds site/ and runs it; it can be rerun at any time.

How it measures:
  * Lighthouse comes from the npm registry at a pinned version, installed into
    .cache/lighthouse (like axe-core in .ci/packages); the browser is Debian's chromium,
    never a downloaded one.
  * The site is served on 127.0.0.1 by nianjian.serving, which answers like the intranet
    server the README recommends: gzip for HTML, CSS, JavaScript, JSON and SVG, a one-year
    immutable cache for content-hashed assets, `no-cache` (with ETag) for the rest.
  * mobile = Lighthouse's default emulation and simulated throttling; desktop = --preset=desktop.
  * Runs are interleaved (run 1 of every page and form factor, then run 2, ...) so that noise
    from the machine spreads evenly over the pages instead of hitting one page's runs.
  * For each form factor and page it prints the median and min-max of the three category
    scores and the median FCP, LCP, TBT, CLS and transferred bytes, and writes the same figures
    (with every run's values) to OUT/summary.json; each run's Lighthouse report is kept in
    OUT/runs/.

    .venv/bin/python scripts/audit.py --site-dir site
    .venv/bin/python scripts/audit.py --runs 3 --pages / /plans/ --form-factors desktop
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nianjian.serving import served

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "13.5.0"
LIGHTHOUSE_DIR = REPO / ".cache" / "lighthouse"
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_PATH = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ("performance", "accessibility", "best-practices")
CATEGORY_LABELS = {"performance": "性能", "accessibility": "无障碍", "best-practices": "最佳做法"}
# Lighthouse audit id -> (summary key, how to turn its numericValue into the printed unit).
METRICS = {
    "first-contentful-paint": ("fcp_ms", 1.0),
    "largest-contentful-paint": ("lcp_ms", 1.0),
    "total-blocking-time": ("tbt_ms", 1.0),
    "cumulative-layout-shift": ("cls", 1.0),
    "total-byte-weight": ("transfer_kib", 1 / 1024),
}
FORM_FACTOR_FLAGS = {"mobile": [], "desktop": ["--preset=desktop"]}
DEFAULT_PAGES = ["/", "/years/2024/", "/areas/energy/", "/plans/", "/compare/"]
RUN_TIMEOUT_S = 240

class AuditError(Exception):
    """An expected problem (missing site, npm or chromium): reported in one line, no traceback."""


# ---------------------------------------------------------------- tools


def check_site(site_dir: Path, pages: list[str]) -> None:
    if not (site_dir / "index.html").is_file():
        raise AuditError(f"找不到构建好的网站 {site_dir}（没有 index.html）：先运行 make build，或用 --site-dir 指定构建目录")
    missing = [page for page in pages if not page_file(site_dir, page).is_file()]
    if missing:
        raise AuditError(f"网站 {site_dir} 里没有这些页面：{' '.join(missing)}")


def page_file(site_dir: Path, page: str) -> Path:
    relative = page.lstrip("/")
    return site_dir / relative / "index.html" if page.endswith("/") else site_dir / relative


def check_chromium() -> str:
    """Chromium's version line; Lighthouse must never fetch a browser of its own."""
    if not os.access(CHROME_PATH, os.X_OK):
        raise AuditError(f"找不到 {CHROME_PATH}：需要 Debian 的 chromium（make chromium，或 sudo apt-get install chromium）")
    result = subprocess.run([CHROME_PATH, "--version"], capture_output=True, text=True, timeout=60)
    return result.stdout.strip() or "chromium（版本未知）"


def installed_lighthouse_version() -> str | None:
    package = LIGHTHOUSE_CLI.parent.parent / "package.json"
    try:
        return json.loads(package.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None


def ensure_lighthouse() -> None:
    """Install the pinned Lighthouse into .cache/lighthouse when it is missing or another version."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise AuditError("需要 node 和 npm 来运行 Lighthouse（Debian：sudo apt-get install npm）")
    if installed_lighthouse_version() == LIGHTHOUSE_VERSION:
        return
    print(f"安装 Lighthouse {LIGHTHOUSE_VERSION} 到 {LIGHTHOUSE_DIR} …", file=sys.stderr, flush=True)
    command = ["npm", "install", "--silent", "--no-audit", "--no-fund",
               "--prefix", str(LIGHTHOUSE_DIR), f"lighthouse@{LIGHTHOUSE_VERSION}"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or installed_lighthouse_version() != LIGHTHOUSE_VERSION:
        raise AuditError(f"npm 没能安装 lighthouse@{LIGHTHOUSE_VERSION}：{last_lines(result.stderr)}")


def last_lines(text: str, count: int = 5) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[-count:]) or "（没有输出）"


# ---------------------------------------------------------------- lighthouse runs


@dataclass
class Series:
    """Every run's figures for one form factor and page."""

    scores: dict[str, list[float]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    metrics: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k, _ in METRICS.values()})
    failures: list[str] = field(default_factory=list)


def page_slug(page: str) -> str:
    return page.strip("/").replace("/", "-") or "home"


def run_lighthouse(url: str, form_factor: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run; returns its report (LHR) or raises RuntimeError with the reason."""
    command = [
        "node", str(LIGHTHOUSE_CLI), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
        *FORM_FACTOR_FLAGS[form_factor],
    ]
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    # Its own process group, so that a run that hangs is stopped together with its Chromium.
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise RuntimeError(f"超过 {RUN_TIMEOUT_S} 秒没有结束")
    if process.returncode != 0 or not report.is_file():
        raise RuntimeError(f"退出码 {process.returncode}：{last_lines(stderr)}")
    lhr = json.loads(report.read_text(encoding="utf-8"))
    if lhr.get("runtimeError"):
        raise RuntimeError(f"{lhr['runtimeError'].get('code')}：{lhr['runtimeError'].get('message')}")
    return lhr


def record(series: Series, lhr: dict[str, Any]) -> None:
    for category in CATEGORIES:
        score = lhr["categories"][category]["score"]
        if score is not None:
            series.scores[category].append(round(score * 100, 1))
    for audit_id, (key, factor) in METRICS.items():
        value = lhr["audits"].get(audit_id, {}).get("numericValue")
        if value is not None:
            series.metrics[key].append(value * factor)


def audit_all(base_url: str, pages: list[str], form_factors: list[str], runs: int,
              runs_dir: Path) -> dict[str, dict[str, Series]]:
    """All runs, interleaved: run 1 of every form factor and page, then run 2, ..."""
    results = {ff: {page: Series() for page in pages} for ff in form_factors}
    total, done = runs * len(form_factors) * len(pages), 0
    for run in range(1, runs + 1):
        for form_factor in form_factors:
            for page in pages:
                done += 1
                report = runs_dir / form_factor / f"{page_slug(page)}-{run}.json"
                started = time.monotonic()
                try:
                    record(results[form_factor][page], run_lighthouse(base_url + page, form_factor, report))
                    outcome = f"{time.monotonic() - started:.1f} s"
                except RuntimeError as error:
                    results[form_factor][page].failures.append(f"第 {run} 次：{error}")
                    outcome = f"失败：{error}"
                print(f"[{done}/{total}] {form_factor} {page} 第 {run} 次 … {outcome}", file=sys.stderr, flush=True)
    return results


# ---------------------------------------------------------------- report


def spread(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"median": None, "min": None, "max": None}
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def number(value: float | None, decimals: int = 0) -> str:
    return "—" if value is None else f"{value:.{decimals}f}"


def score_cell(values: list[float]) -> str:
    figures = spread(values)
    if len(values) <= 1:
        return number(figures["median"])
    return f"{number(figures['median'])} ({number(figures['min'])}–{number(figures['max'])})"


def width(text: str) -> int:
    """Columns a terminal gives the text (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int, right: bool) -> str:
    fill = " " * max(columns - width(text), 0)
    return fill + text if right else text + fill


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(pad(cell, widths[i], i > 0) for i, cell in enumerate(row)) for row in [header, *rows]]
    return "\n".join(lines)


def form_factor_table(series_by_page: dict[str, Series]) -> str:
    header = ["页面", *(CATEGORY_LABELS[c] for c in CATEGORIES), "FCP ms", "LCP ms", "TBT ms", "CLS", "传输 KiB"]
    rows = []
    for page, series in series_by_page.items():
        median = {key: spread(values)["median"] for key, values in series.metrics.items()}
        rows.append([
            page, *(score_cell(series.scores[c]) for c in CATEGORIES),
            number(median["fcp_ms"]), number(median["lcp_ms"]), number(median["tbt_ms"]),
            number(median["cls"], 3), number(median["transfer_kib"]),
        ])
    return table(header, rows)


def machine() -> dict[str, Any]:
    return {"loadavg": [round(x, 2) for x in os.getloadavg()], "cpu_count": os.cpu_count()}


def describe_machine(label: str, state: dict[str, Any]) -> str:
    load = " ".join(f"{x:.2f}" for x in state["loadavg"])
    return f"{label}：负载（1/5/15 分钟）{load}，CPU {state['cpu_count']} 个"


def summary(results: dict[str, dict[str, Series]], context: dict[str, Any]) -> dict[str, Any]:
    return {
        **context,
        "results": {
            ff: {
                page: {
                    "scores": {c: {**spread(v), "values": v} for c, v in series.scores.items()},
                    "metrics": {k: {**spread(v), "values": v} for k, v in series.metrics.items()},
                    "failures": series.failures,
                }
                for page, series in by_page.items()
            }
            for ff, by_page in results.items()
        },
    }


def print_report(results: dict[str, dict[str, Series]], context: dict[str, Any]) -> None:
    print(f"Lighthouse {context['lighthouse']}，{context['chromium']}，每页 {context['runs']} 次（交替进行）")
    print(describe_machine("开始时", context["machine_before"]))
    print(describe_machine("结束时", context["machine_after"]))
    print(f"用时 {context['duration_s']:.0f} 秒")
    titles = {"mobile": "mobile（Lighthouse 默认的手机模拟和节流）", "desktop": "desktop（--preset=desktop）"}
    for form_factor, by_page in results.items():
        print(f"\n{titles[form_factor]}：分数为中位数（最低–最高），其余为中位数")
        print(form_factor_table(by_page))
    for form_factor, by_page in results.items():
        for page, series in by_page.items():
            for failure in series.failures:
                print(f"失败 {form_factor} {page} {failure}")


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Lighthouse audit of the built site (see the module docstring).")
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page and form factor (default: 5)")
    parser.add_argument("--pages", nargs="+", default=DEFAULT_PAGES, help="site paths (default: %(default)s)")
    parser.add_argument("--form-factors", nargs="+", choices=sorted(FORM_FACTOR_FLAGS),
                        default=["mobile", "desktop"], help="default: mobile desktop")
    parser.add_argument("--out", type=Path, default=Path(".cache/audit"),
                        help="reports and summary.json go here (default: .cache/audit)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs 至少为 1")
    args.pages = [page if page.startswith("/") else "/" + page for page in args.pages]
    return args


def audit(args: argparse.Namespace) -> int:
    check_site(args.site_dir, args.pages)
    chromium = check_chromium()
    ensure_lighthouse()
    runs_dir = args.out / "runs"
    shutil.rmtree(runs_dir, ignore_errors=True)  # reports of an earlier audit would mislead
    for form_factor in args.form_factors:
        (runs_dir / form_factor).mkdir(parents=True, exist_ok=True)
    before, started = machine(), time.monotonic()
    with served(args.site_dir.resolve()) as site_url:
        base_url = site_url.rstrip("/")
        results = audit_all(base_url, args.pages, args.form_factors, args.runs, runs_dir)
    context = {
        "lighthouse": LIGHTHOUSE_VERSION, "chromium": chromium, "runs": args.runs,
        "site_dir": str(args.site_dir), "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "duration_s": round(time.monotonic() - started, 1), "machine_before": before, "machine_after": machine(),
    }
    (args.out / "summary.json").write_text(
        json.dumps(summary(results, context), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print_report(results, context)
    print(f"\n报告：{runs_dir}/，汇总：{args.out / 'summary.json'}")
    failed = any(series.failures for by_page in results.values() for series in by_page.values())
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return audit(args)
    except AuditError as error:
        print(f"audit: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("audit: 已中断", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
