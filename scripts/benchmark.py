#!/usr/bin/env python3
"""Benchmark: our build against the floor MkDocs itself costs.

For N synthetic years (text like the seed report's, several metrics) it times, as whole
processes, over several runs:
  (a) our build: `mkdocs build` with the hooks reading data/ (load, validate, render);
  (b) the floor: plain `mkdocs build` (no hooks) of the very same pages, pre-rendered to
      Markdown and placed in docs/.
It reports the median wall time and median peak memory (max RSS) of each and the ratio a/b.

    .venv/bin/python scripts/benchmark.py                 # N = 10, 50, 200; 3 runs each
    .venv/bin/python scripts/benchmark.py --years 10 --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from nianjian.assets import PLOTLY_JS_URI, plotly_js_path  # noqa: E402
from nianjian.load import load_archive  # noqa: E402
from nianjian.pages import render_site  # noqa: E402
from nianjian.render.tables import write_downloads  # noqa: E402

SEED = REPO / "data" / "sources" / "2024-service-center-summary.txt"
AREAS = [("management", "综合管理"), ("property", "物业管理"), ("catering", "餐饮服务"), ("vehicles", "公务用车"), ("energy", "节能")]
TAGS = ["节能", "安全", "党建", "食堂", "车辆"]
INDICATORS = [
    ("energy", "用电量", "万千瓦时"), ("energy", "用水量", "吨"), ("catering", "就餐人次", "万人次"),
    ("catering", "食材采购额", "万元"), ("vehicles", "出车次数", "次"), ("vehicles", "行驶里程", "万公里"),
    ("property", "维修工单", "件"), ("management", "培训人次", "人次"),
]


def seed_sentences() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [s + "。" for s in re.split(r"[。\n]", text) if len(s.strip()) > 8]


def paragraph(rng: random.Random, sentences: list[str], length: int) -> str:
    parts: list[str] = []
    while sum(map(len, parts)) < length:
        parts.append(rng.choice(sentences).strip())
    return "".join(parts)


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_synthetic_data(target: Path, years: int) -> None:
    """N year files of roughly the seed's size (≈6,000 characters) plus metric CSVs."""
    rng = random.Random(years)
    sentences = seed_sentences()
    (target / "years").mkdir(parents=True)
    (target / "metrics").mkdir()
    shutil.copy(REPO / "data" / "search-words.txt", target / "search-words.txt")
    site = ["organization: 基准测试中心", "title: 基准年鉴", "areas:"]
    for order, (key, name) in enumerate(AREAS):
        site += [f"  - key: {key}", f"    name: {name}", f"    order: {order}"]
    (target / "site.yaml").write_text("\n".join(site) + "\n", encoding="utf-8")

    first_year = 2101 - years  # ends at 2100, the schema's last year, so N = 200 stays valid
    for year in range(first_year, 2101):
        lines = [f"year: {year}", f"title: {year}年机关服务中心工作总结", f"summary: {quoted(paragraph(rng, sentences, 400))}", "sections:"]
        for top in range(5):
            area = AREAS[top % len(AREAS)][0]
            lines += [
                f"  - title: 第{top + 1}部分工作",
                f"    id: part-{top}",
                f"    area: {area}",
                f"    tags: [{rng.choice(TAGS)}]",
                f"    body: {quoted(paragraph(rng, sentences, 250))}",
                "    sections:",
            ]
            for child in range(3):
                body = paragraph(rng, sentences, 250) + "\n\n" + paragraph(rng, sentences, 150)
                lines += [f"      - title: 第{child + 1}项", f"        body: {quoted(body)}"]
        lines.append("achievements:")
        for number in range(8):
            area = AREAS[number % len(AREAS)][0]
            lines += [
                f"  - area: {area}",
                f"    item: 成绩事项{number}",
                f"    result: {quoted(paragraph(rng, sentences, 40))}",
                f"    section: part-{number % 5}",
                f"    tags: [{rng.choice(TAGS)}]",
            ]
        lines.append("problems:")
        for number in range(3):
            lines += [f"  - id: q{year}-{number}", f"    area: {AREAS[number][0]}", f"    text: {quoted(paragraph(rng, sentences, 60))}"]
            if year > first_year and number == 0:  # one problem carried forward every year
                lines.append(f"    continues: q{year - 1}-0")
        lines.append("plans:")
        lines += [f"  - id: p{year}-{number}\n    area: {AREAS[number][0]}\n    text: {quoted(paragraph(rng, sentences, 50))}" for number in range(4)]
        if year > first_year:
            lines.append("plan_outcomes:")
            for number in range(3):  # the fourth plan is left unreported
                outcome = rng.choice(["已完成", "部分完成", "未完成", "调整取消"])
                lines += [f"  - plan: p{year - 1}-{number}", f"    outcome: {outcome}", "    evidence: [part-0]"]
        (target / "years" / f"{year}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    for half in range(2):
        rows = ["year,area,indicator,unit,value,note,sample"]
        for area, indicator, unit in INDICATORS[half * 4 : half * 4 + 4]:
            value = rng.uniform(100, 10_000)
            for year in range(first_year, 2101):
                value *= rng.uniform(0.9, 1.12)
                rows.append(f"{year},{area},{indicator},{unit},{value:.1f},基准测试,true")
        (target / "metrics" / f"m{half}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def make_ours(root: Path, data: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data, root / "data")
    return root


def make_floor(root: Path, data: Path) -> Path:
    """The same site with every page already rendered to Markdown: no hooks at build time."""
    rendered = render_site(load_archive(data))
    root.mkdir(parents=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(  - .*\n)+", "", config, flags=re.M)
    config = re.sub(r"^site_name: .*$", f"site_name: {quoted(rendered.site_name)}\ncopyright: {quoted(rendered.copyright)}", config, flags=re.M)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "docs", root / "docs")
    (root / "data").mkdir()
    shutil.copy(data / "search-words.txt", root / "data" / "search-words.txt")
    for path, text in rendered.pages.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_text(text, encoding="utf-8")
    for path, content in rendered.files.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_bytes(content)
    write_downloads(rendered.pages, root / "docs")
    (root / "docs" / PLOTLY_JS_URI).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(plotly_js_path(), root / "docs" / PLOTLY_JS_URI)
    return root


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    total = 0
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as children:
            total += sum(tree_rss_kib(int(child)) for child in children.read().split())
    except (FileNotFoundError, ProcessLookupError, StopIteration):
        pass  # the process ended between two reads
    return total


def timed_build(project: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one whole `mkdocs build`: the sum of the resident
    memory of the build process and any process it starts, sampled every 10 ms."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_kib = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_kib
        while not done.wait(0.01):
            peak_kib = max(peak_kib, tree_rss_kib(process.pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{stderr.decode()}")
    return elapsed, peak_kib / 1024


def measure(years: int, runs: int, workdir: Path) -> dict:
    data = workdir / f"data-{years}"
    write_synthetic_data(data, years)
    ours = make_ours(workdir / f"ours-{years}", data)
    floor = make_floor(workdir / f"floor-{years}", data)
    timed_build(ours), timed_build(floor)  # warm-up: OS file cache, jieba's dictionary cache
    samples: dict[str, list[tuple[float, float]]] = {"ours": [], "floor": []}
    for _ in range(runs):  # interleaved so drift on the machine hits both alike
        samples["ours"].append(timed_build(ours))
        samples["floor"].append(timed_build(floor))
    result = {"years": years, "runs": runs, "pages": len(list((ours / "site").rglob("*.html")))}
    for name, values in samples.items():
        result[f"{name}_seconds"] = statistics.median(v[0] for v in values)
        result[f"{name}_peak_mib"] = statistics.median(v[1] for v in values)
        result[f"{name}_all_seconds"] = [round(v[0], 3) for v in values]
    result["time_ratio"] = result["ours_seconds"] / result["floor_seconds"]
    result["memory_ratio"] = result["ours_peak_mib"] / result["floor_peak_mib"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--years", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    results = []
    with tempfile.TemporaryDirectory(prefix="nianjian-bench-") as tmp:
        for years in args.years:
            result = measure(years, args.runs, Path(tmp))
            results.append(result)
            print(
                f"N={years:>4}  pages={result['pages']:>4}  "
                f"ours {result['ours_seconds']:7.2f} s {result['ours_peak_mib']:7.1f} MiB   "
                f"floor {result['floor_seconds']:7.2f} s {result['floor_peak_mib']:7.1f} MiB   "
                f"time a/b {result['time_ratio']:.3f}  memory a/b {result['memory_ratio']:.3f}",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
