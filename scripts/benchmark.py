#!/usr/bin/env python3
"""Benchmark: our build against the floor MkDocs itself costs.

For N synthetic years (text like the seed report's, several metrics) it times, as whole
processes, over several runs:
  (a) our build: `mkdocs build` with the hooks reading data/ (load, validate, render);
  (b) the floor: plain `mkdocs build` (no hooks) of the very same pages, pre-rendered to
      Markdown and placed in docs/.
With --baseline REV_OR_DIR it also builds (base) another version of the project (a git
revision, checked out as a temporary worktree, or a directory) from the same data, with the same
Python but that tree's own `nianjian` package (PYTHONPATH).
The builds are interleaved in rotating order. For each it reports the median wall time with its
spread (min-max), the median CPU time (user + sys of the build and all its child processes), the
median peak memory (resident memory summed over those processes) and the ratios of the medians,
and, from one more build of each under cProfile, the share of its time spent in the search
plugin (the floor uses Material's own search: jieba's accurate mode with data/search-words.txt).

    .venv/bin/python scripts/benchmark.py                 # N = 10, 50, 200; 3 runs each
    .venv/bin/python scripts/benchmark.py --years 10 --runs 5
    .venv/bin/python scripts/benchmark.py --baseline bd590de
    .venv/bin/python scripts/benchmark.py --pdf --years 10 50   # `make pdf` after a build
    .venv/bin/python scripts/benchmark.py --cold --publish      # `make build` of a fresh clone
    .venv/bin/python scripts/benchmark.py --years 200 --rich [--cold]   # with 大事记 and photographs
    .venv/bin/python scripts/benchmark.py --import-docx 60 --runs 7 --baseline 73ca957   # `nianjian import`
    .venv/bin/python scripts/benchmark.py --serve 5 --years 21 200 --baseline 0be74a6   # an edit until `mkdocs serve` shows it
    .venv/bin/python scripts/benchmark.py --scale --years 200 800 2000 --runs 2   # size and memory at scale
"""

from __future__ import annotations

import argparse
import gzip
import pstats
import contextlib
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from nianjian.web.assets import FACTS_CSS_URI, PLOTLY_JS, PLOTLY_JS_URI, facts_css  # noqa: E402
from nianjian.check.load import load_archive  # noqa: E402
from nianjian.render.pages.site import render_site  # noqa: E402

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


# The schema takes years 1900–2100 (201 of them). More are measured (--scale) with a scratch copy
# of the source tree whose schema takes SCALED_YEARS, as the agency's data never will.
SCHEMA_YEARS = (1900, 2100)
SCALED_YEARS = (1000, 3999)


def synthetic_years(years: int) -> tuple[int, int]:
    """The first and last synthetic year: ending at 2100 while the schema takes them (so N = 200
    stays valid), else from 1000 on (four digits, for a scaled tree)."""
    if years <= SCHEMA_YEARS[1] - SCHEMA_YEARS[0] + 1:
        return SCHEMA_YEARS[1] + 1 - years, SCHEMA_YEARS[1]
    return SCALED_YEARS[0], SCALED_YEARS[0] + years - 1


def scaled_tree(tree: Path, target: Path) -> Path:
    """A copy of a source tree (package, hooks, docs, mkdocs.yml) whose year schema takes
    SCALED_YEARS: for more years than an agency has."""
    for name in ("nianjian", "hooks", "docs"):
        shutil.copytree(tree / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(tree / "mkdocs.yml", target / "mkdocs.yml")
    schema = target / "nianjian" / "schemas" / "year.schema.json"
    text = schema.read_text(encoding="utf-8")
    text = text.replace(f'"minimum": {SCHEMA_YEARS[0]}', f'"minimum": {SCALED_YEARS[0]}').replace(f'"maximum": {SCHEMA_YEARS[1]}', f'"maximum": {SCALED_YEARS[1]}')
    schema.write_text(text, encoding="utf-8")
    return target


def write_synthetic_data(target: Path, years: int, rich: bool = False) -> None:
    """N year files of roughly the seed's size (≈6,000 characters) plus metric CSVs; with `rich`,
    each year also has 20 大事记 entries and 10 photographs (distinct 1600 × 1200 JPEGs)."""
    rng = random.Random(years)
    sentences = seed_sentences()
    (target / "years").mkdir(parents=True)
    (target / "metrics").mkdir()
    shutil.copy(REPO / "data" / "search-words.txt", target / "search-words.txt")
    site = ["organization: 基准测试中心", "title: 基准年鉴", "areas:"]
    for order, (key, name) in enumerate(AREAS):
        site += [f"  - key: {key}", f"    name: {name}", f"    order: {order}"]
    (target / "site.yaml").write_text("\n".join(site) + "\n", encoding="utf-8")

    first_year, last_year = synthetic_years(years)
    for year in range(first_year, last_year + 1):
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
        if rich:
            lines.append("events:")
            lines += [f"  - date: {year}-{number % 12 + 1:02d}-{number % 28 + 1:02d}\n    text: {quoted(paragraph(rng, sentences, 60))}" for number in range(20)]
            lines.append("photos:")
            for number in range(10):
                name = f"sources/photo-{year}-{number}.jpg"
                write_photo(target / name, year * 10 + number)
                lines += [f"  - file: {name}", f"    caption: {year}年照片{number}", f"    section: part-{number % 5}"]
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
            for year in range(first_year, last_year + 1):
                value *= rng.uniform(0.9, 1.12)
                rows.append(f"{year},{area},{indicator},{unit},{value:.1f},基准测试,true")
        (target / "metrics" / f"m{half}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_photo(path: Path, seed: int) -> None:
    """A photograph-sized JPEG of its own (a different picture for every seed)."""
    from PIL import Image, ImageDraw

    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    image = Image.new("RGB", (1600, 1200), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(1500), rng.randrange(1100)
        draw.rectangle((x, y, x + rng.randrange(20, 300), y + rng.randrange(20, 300)), fill=tuple(rng.randrange(256) for _ in range(3)))
    image.save(path, "JPEG", quality=85)


def make_project(root: Path, data: Path, tree: Path) -> Path:
    """The project of source tree `tree` (this one or the baseline) with the synthetic data."""
    root.mkdir(parents=True)
    shutil.copy(tree / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(tree / "docs", root / "docs")
    shutil.copytree(tree / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data, root / "data")
    return root


def make_floor(root: Path, data: Path) -> Path:
    """The same site with every page already rendered to Markdown: no hooks at build time."""
    rendered = render_site(load_archive(data))
    root.mkdir(parents=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(  - .*\n)+", "", config, flags=re.M)
    # Material's own search, as a plain site would have it: jieba's accurate mode with the
    # agency's terms, none of nianjian's cutting, cache or labels.
    config = re.sub(r"^  - search:\n(      .*\n)+", "  - search:\n      lang: zh\n      jieba_dict_user: data/search-words.txt\n", config, flags=re.M)
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
        if isinstance(content, Path):  # a photograph's variant or an attachment, copied as is
            shutil.copy(content, root / "docs" / path)
        else:
            (root / "docs" / path).write_bytes(content)
    # The floor serves the same files under their plain names (it has no hook to hash them).
    (root / "docs" / PLOTLY_JS_URI).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(PLOTLY_JS, root / "docs" / PLOTLY_JS_URI)
    (root / "docs" / FACTS_CSS_URI).write_bytes(facts_css())
    return root


def descendants(pid: int) -> list[int]:
    """A process and all its descendants, from /proc (Linux). Every thread's children: Chromium
    starts some of its processes from threads other than the main one, and a walk of the main
    thread's children alone missed them (with --no-zygote, every renderer)."""
    found = [pid]
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [grandchild for child in children.read_text("ascii").split() for grandchild in descendants(int(child))]
        except (FileNotFoundError, ProcessLookupError):
            pass  # the thread or process ended between two reads
    return found


def _summed_kib(pid: int, file: str, field: str) -> int:
    total = 0
    for process in set(descendants(pid)):
        try:
            with open(f"/proc/{process}/{file}", encoding="ascii") as lines:
                total += next(int(line.split()[1]) for line in lines if line.startswith(field))
        except (FileNotFoundError, ProcessLookupError, StopIteration, PermissionError):
            pass  # the process ended between two reads
    return total


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, summed. A page shared by several
    processes counts once in each: Chromium's processes map the same browser."""
    return _summed_kib(pid, "status", "VmRSS:")


def tree_pss_kib(pid: int) -> int:
    """Proportional memory of a process and all its descendants (Linux smaps_rollup): a page
    shared by n of them counts 1/n in each, so the sum is what they take together."""
    return _summed_kib(pid, "smaps_rollup", "Pss:")


def build_env(tree: Path | None) -> dict[str, str]:
    """The environment of a build; `tree` (a source tree) puts its own `nianjian` first."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONPATH", None)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    return env


def check_imports(tree: Path) -> str:
    """Where a build process with tree's environment imports `nianjian` from; it must be tree."""
    command = [sys.executable, "-c", "import nianjian; print(nianjian.__file__)"]
    where = subprocess.run(command, cwd=tempfile.gettempdir(), env=build_env(tree), capture_output=True, text=True, check=True).stdout.strip()
    if not Path(where).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"nianjian for {tree} is imported from {where}")
    return where


@contextlib.contextmanager
def baseline_tree(rev_or_dir: str) -> Iterator[Path]:
    """A directory as it is, or a git revision checked out as a temporary worktree."""
    if Path(rev_or_dir).is_dir():
        yield Path(rev_or_dir).resolve()
        return
    with tempfile.TemporaryDirectory(prefix="nianjian-baseline-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet", str(tree), rev_or_dir], check=True)
        try:
            yield tree
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=True)


def tree_module(tree: Path, dotted: str) -> str:
    """nianjian.<dotted> where `tree` has it, else the module of the same name at the package's
    root, where a tree from before the folders (issue 20) keeps it: web.publish -> publish."""
    found = (tree / "nianjian" / dotted.replace(".", "/")).with_suffix(".py").is_file()
    return f"nianjian.{dotted}" if found else f"nianjian.{dotted.rsplit('.', 1)[-1]}"


def timed_build(project: Path, tree: Path | None, cold: bool = False, publish: bool = False) -> tuple[float, float, float, float]:
    """One whole `mkdocs build` (see timed_process). `cold`: without the project's build cache
    (.cache/, e.g. Word documents of unchanged years), as in a fresh clone. `publish`: `make
    build` instead (nianjian.web.publish: the build, then the years' Word documents), for a tree
    that has one; the floor (tree None) is always a plain build."""
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    if publish and tree is not None:
        command = [sys.executable, "-m", tree_module(tree, "web.publish"), "--site-dir", str(project / "site")]
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")]
    return timed_process(command, project, tree)


def timed_process(command: list[str], cwd: Path, tree: Path | None) -> tuple[float, float, float, float]:
    """Wall seconds, CPU seconds and peak memory (MiB) of one whole process. CPU is user + sys
    of the process and every process it started and waited for; memory is the sum of the
    resident memory of all those processes, sampled every 10 ms, and (last) the sum of their
    proportional memory (tree_pss_kib), sampled every 200 ms (reading it costs more)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=build_env(tree), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_kib = peak_pss_kib = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_kib, peak_pss_kib
        tick = 0
        while not done.wait(0.01):
            peak_kib = max(peak_kib, tree_rss_kib(process.pid))
            tick += 1
            if tick % 20 == 0:
                peak_pss_kib = max(peak_pss_kib, tree_pss_kib(process.pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[1:4])} failed in {cwd}:\n{stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, peak_kib / 1024, peak_pss_kib / 1024


def measure_pdf(years: int, runs: int, workdir: Path, baseline: Path | None = None) -> str:
    """`make pdf` (every year page and the volume printed by Chromium, and the formal editions laid
    out by LibreOffice from their Word files) after one `make build`; with a baseline, its
    `make pdf` too, the runs interleaved."""
    data = workdir / f"data-{years}"
    write_synthetic_data(data, years)
    trees = {"ours": REPO} | ({"base": baseline} if baseline is not None else {})
    projects = {name: make_project(workdir / f"pdf-{name}-{years}", data, tree) for name, tree in trees.items()}
    for name, tree in trees.items():
        timed_build(projects[name], tree, publish=True)  # make pdf follows make build: the Word files are there

    def command(tree: Path) -> list[str]:
        return [sys.executable, "-m", tree_module(tree, "paper.pdf"), "--site-dir", "site", "--data-dir", "data"]

    values: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in trees}
    for run in range(runs):
        for name in list(trees)[run % len(trees) :] + list(trees)[: run % len(trees)]:
            values[name].append(timed_process(command(trees[name]), projects[name], trees[name]))
    lines = []
    for name in trees:
        volume = projects[name] / "site" / "downloads" / "volume.pdf"
        pages = len(re.findall(rb"/Type\s*/Page\b", volume.read_bytes()))
        walls = [value[0] for value in values[name]]
        printed = [path.stem for path in (projects[name] / "site" / "downloads").glob("report-*.pdf")]
        formal = sum(stem.endswith("-formal") for stem in printed)
        lines.append(
            f"N={years:>4} {name}  make pdf: {len(printed) - formal} year PDFs, {formal} formal editions, "
            f"volume {pages} pages, {volume.stat().st_size / 2**20:.1f} MiB; runs={runs}\n"
            f"  wall s {statistics.median(walls):.2f} ({min(walls):.2f}-{max(walls):.2f})  "
            f"CPU s {statistics.median(value[1] for value in values[name]):.2f}  peak MiB {statistics.median(value[2] for value in values[name]):.1f} "
            f"(resident, summed; proportional {statistics.median(value[3] for value in values[name]):.1f})"
        )
    return "\n".join(lines)


def index_size(path: Path) -> tuple[float, float]:
    """The search index every reader's browser downloads: KiB raw and gzipped (level 6)."""
    content = path.read_bytes()
    return len(content) / 1024, len(gzip.compress(content, compresslevel=6)) / 1024


def search_share(project: Path, tree: Path | None) -> float:
    """The share of a build's time (one profiled build) spent in Material's search plugin, our
    index and word cutting included (they run inside its events)."""
    profile = project / "build.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")]
    subprocess.run(command, cwd=project, env=build_env(tree), check=True, capture_output=True)
    stats = pstats.Stats(str(profile))
    in_search = sum(
        cumulative
        for (file, _, name), (_, _, _, cumulative, _) in stats.stats.items()
        if file.endswith(os.path.join("material", "plugins", "search", "plugin.py")) and name in ("on_config", "on_page_context", "on_post_build")
    )
    return in_search / stats.total_tt


def measure(years: int, runs: int, workdir: Path, baseline: Path | None, cold: bool = False, publish: bool = False, rich: bool = False) -> dict:
    data = workdir / f"data-{years}"
    write_synthetic_data(data, years, rich)
    builds = {"ours": (make_project(workdir / f"ours-{years}", data, REPO), REPO)}
    if baseline is not None:
        builds["base"] = (make_project(workdir / f"base-{years}", data, baseline), baseline)
    builds["floor"] = (make_floor(workdir / f"floor-{years}", data), None)
    names = list(builds)
    for name in names:  # warm-up: OS file cache, jieba's dictionary cache
        timed_build(*builds[name], publish=publish)
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in names}
    for run in range(runs):  # interleaved, in rotating order, so drift on the machine hits all alike
        for name in names[run % len(names) :] + names[: run % len(names)]:
            samples[name].append(timed_build(*builds[name], cold=cold, publish=publish))
    result = {"years": years, "runs": runs, "pages": len(list((builds["ours"][0] / "site").rglob("*.html")))}
    result["search_share"] = {name: search_share(*builds[name]) for name in names}
    result["search_index_kib"] = {name: index_size(builds[name][0] / "site" / "search" / "search_index.json") for name in names}
    return result | summarise(samples)


def summarise(samples: dict[str, list[tuple[float, float, float, float]]]) -> dict:
    """Median, spread and ratios of the medians of each kind of run."""
    result: dict = {}
    for name, values in samples.items():
        result[name] = {
            "seconds": statistics.median(v[0] for v in values),
            "min_seconds": min(v[0] for v in values),
            "max_seconds": max(v[0] for v in values),
            "cpu_seconds": statistics.median(v[1] for v in values),
            "peak_mib": statistics.median(v[2] for v in values),
            "peak_pss_mib": statistics.median(v[3] for v in values),
            "all_seconds": [round(v[0], 3) for v in values],
            "all_cpu_seconds": [round(v[1], 3) for v in values],
        }
    result["ratios"] = {
        f"{a}/{b}": {key: result[a][key] / result[b][key] for key in ("seconds", "cpu_seconds", "peak_mib")}
        for a, b in [("ours", "floor"), ("base", "floor"), ("ours", "base")]
        if a in result and b in result
    }
    return result


def _cpu_ticks(pid: int) -> int:
    """User + system clock ticks of a process and its descendants so far."""
    total = 0
    for process in set(descendants(pid)):
        try:
            fields = Path(f"/proc/{process}/stat").read_text("ascii").rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass
    return total


def wait_idle(pid: int, quiet: float = 0.5, most: float = 300.0) -> None:
    """Until a process tree has used no CPU for `quiet` seconds (a server done with a rebuild and
    whatever it does after one)."""
    deadline = time.monotonic() + most
    last, since = _cpu_ticks(pid), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = _cpu_ticks(pid)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return


def fetch_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (OSError, ValueError):
        return ""


def wait_for_text(url: str, text: str, most: float) -> float:
    """Seconds until the page at `url` holds `text`, polled every 50 ms."""
    start = time.perf_counter()
    while time.perf_counter() - start < most:
        if text in fetch_text(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {text!r} within {most:.0f} s")


def measure_serve(years: int, edits: int, workdir: Path, trees: dict[str, Path]) -> str:
    """`mkdocs serve` as an editor uses it: for each tree a server on its own copy of the data;
    `edits` times, in rotating order, a new title saved in the newest year's YAML and the served
    year page polled every 50 ms until it shows the title. Between edits each server is left to
    go idle (what it does after answering is not counted, but must not overlap the next edit)."""
    data = workdir / f"data-{years}"
    write_synthetic_data(data, years)
    year = synthetic_years(years)[1]
    servers, projects, samples = {}, {}, {name: [] for name in trees}
    try:
        for port, (name, tree) in enumerate(trees.items(), start=8611):
            projects[name] = make_project(workdir / f"serve-{name}-{years}", data, tree)
            command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
            servers[name] = (subprocess.Popen(command, cwd=projects[name], env=build_env(tree), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), f"http://127.0.0.1:{port}/years/{year}/")
            wait_for_text(servers[name][1], f"{year}年", most=1800)
            wait_idle(servers[name][0].pid)
        names = list(trees)
        for edit in range(edits):
            for name in names[edit % len(names):] + names[:edit % len(names)]:
                path = projects[name] / "data" / "years" / f"{year}.yaml"
                title = f"第{edit + 1}次修改的{year}年标题"
                text = re.sub(r"(?m)^title: .*$", f"title: {title}", path.read_text(encoding="utf-8"), count=1)
                path.write_text(text, encoding="utf-8")
                samples[name].append(wait_for_text(servers[name][1], title, most=600))
                wait_idle(servers[name][0].pid)
        memory = {name: tree_rss_kib(process.pid) / 1024 for name, (process, _) in servers.items()}
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait(timeout=30)
    lines = [f"serve N={years}: a new title in {year}.yaml until the served page shows it; {edits} edits"]
    for name, values in samples.items():
        lines.append(
            f"  {name:<6}median {statistics.median(values):.2f} s ({min(values):.2f}-{max(values):.2f})  all {[round(v, 2) for v in values]}  server RSS after {memory[name]:.0f} MiB"
        )
    return "\n".join(lines)


def measure_scale(years: int, runs: int, workdir: Path, trees: dict[str, Path], cold: bool = False) -> str:
    """Full builds at scale, interleaved: wall, CPU, peak memory, the site's size, the search
    index's (raw and gzip) and the newest year page's, with the primary navigation's share of it.
    `cold`: each build without the project's .cache/ (a fresh clone)."""
    data = workdir / f"data-{years}"
    write_synthetic_data(data, years)
    year = synthetic_years(years)[1]
    projects = {name: make_project(workdir / f"scale-{name}-{years}", data, tree) for name, tree in trees.items()}
    names = list(trees)
    samples: dict[str, list] = {name: [] for name in names}
    for name in names:  # warm-up (and the caches a warm build has)
        timed_build(projects[name], trees[name])
    for run in range(runs):
        for name in names[run % len(names):] + names[:run % len(names)]:
            samples[name].append(timed_build(projects[name], trees[name], cold=cold))
    result = summarise(samples)
    lines = [f"scale N={years}  runs={runs}{'  cold' if cold else '  warm'}"]
    for name in names:
        r, site = result[name], projects[name] / "site"
        page = (site / "years" / str(year) / "index.html").read_text(encoding="utf-8")
        start, end = page.find('md-sidebar--primary'), page.find('md-sidebar--secondary')
        nav_share = (end - start) / len(page) if 0 <= start < end else float("nan")
        site_mib = sum(path.stat().st_size for path in site.rglob("*") if path.is_file()) / 2**20
        # What a reader's search downloads first (search/search_index.json), and the whole
        # archive's index when there is one apart (nianjian/web/search_scope.py).
        sizes = []
        for index in ("search_index.json", "search_index_all.json"):
            if (site / "search" / index).exists():
                content = (site / "search" / index).read_bytes()
                sizes.append(f"{index} {len(content) / 2**20:.1f}/{len(gzip.compress(content, compresslevel=6)) / 2**20:.2f}")
        lines.append(
            f"  {name:<6}wall {r['seconds']:.1f} s ({r['min_seconds']:.1f}-{r['max_seconds']:.1f})  CPU {r['cpu_seconds']:.1f} s  peak {r['peak_mib']:.0f} MiB (PSS {r['peak_pss_mib']:.0f})"
            f"  site {site_mib:.0f} MiB  search MiB raw/gzip: {', '.join(sizes)}"
            f"  year page {len(page.encode()) / 1024:.0f} KiB, navigation {nav_share:.0%}"
        )
    for pair, ratio in result["ratios"].items():
        lines.append(f"  {pair}  wall {ratio['seconds']:.3f}  CPU {ratio['cpu_seconds']:.3f}  peak {ratio['peak_mib']:.3f}")
    return "\n".join(lines)


def write_word_report(path: Path, sections: int) -> int:
    """A long Word report from the seed's sentences, as offices write one: 标题 1/2 styles,
    typed 1、 items with their text on the same line, a table per section. Returns its
    paragraph count."""
    import docx

    rng = random.Random(sections)
    sentences = seed_sentences()
    document = docx.Document()
    document.add_paragraph("机关服务中心工作总结")
    document.add_paragraph(paragraph(rng, sentences, 200))
    for number in range(sections):
        document.add_heading(f"第{number + 1}部分", level=1)
        for part in range(4):
            document.add_heading(f"（{part + 1}）分项工作", level=2)
            for item in range(5):
                document.add_paragraph(f"{item + 1}、事项{item + 1}。{paragraph(rng, sentences, 120)}")
                document.add_paragraph(paragraph(rng, sentences, 300))
        table = document.add_table(rows=11, cols=3)
        for row, cells in enumerate([["事项", "成果", "时间"]] + [[f"事项{n}", "完成", "2023-06"] for n in range(10)]):
            for column, text in enumerate(cells):
                table.cell(row, column).text = text
    document.save(str(path))
    return len(document.paragraphs)


def measure_import(sections: int, runs: int, workdir: Path, baseline: Path | None) -> str:
    """`nianjian import` of one long Word report, ours against the baseline, interleaved."""
    report_path = workdir / f"report-{sections}.docx"
    paragraphs = write_word_report(report_path, sections)
    trees = {"ours": REPO} | ({"base": baseline} if baseline is not None else {})

    def command(name: str) -> list[str]:
        output = workdir / f"import-{name}.yaml"
        return [sys.executable, "-m", "nianjian", "import", str(report_path), "--year", "2023", "-o", str(output), "--force", "--data", str(workdir)]

    names = list(trees)
    for name in names:  # warm-up
        timed_process(command(name), workdir, trees[name])
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in names}
    for run in range(runs):
        for name in names[run % len(names) :] + names[: run % len(names)]:
            samples[name].append(timed_process(command(name), workdir, trees[name]))
    result = summarise(samples)
    lines = [f"import: {paragraphs} paragraphs, {sections * 11} table rows, {report_path.stat().st_size / 1024:.0f} KiB .docx; runs={runs}"]
    for name in names:
        r = result[name]
        lines.append(f"  {name:<6}wall s {r['seconds']:.3f} ({r['min_seconds']:.3f}-{r['max_seconds']:.3f})  CPU s {r['cpu_seconds']:.3f}  peak MiB {r['peak_mib']:.1f}")
    for pair, ratio in result["ratios"].items():
        lines.append(f"  {pair}  wall {ratio['seconds']:.3f}  CPU {ratio['cpu_seconds']:.3f}  peak {ratio['peak_mib']:.3f}")
    return "\n".join(lines)


def report(result: dict) -> str:
    lines = [f"N={result['years']:>4}  pages={result['pages']:>4}  runs={result['runs']}"]
    lines.append(f"  {'':<12}{'wall s':>8}  {'(min-max)':<15}{'CPU s':>8}{'peak MiB':>10}")
    for name in ("ours", "base", "floor"):
        if name in result:
            r = result[name]
            spread = f"({r['min_seconds']:.2f}-{r['max_seconds']:.2f})"
            lines.append(f"  {name:<12}{r['seconds']:8.2f}  {spread:<15}{r['cpu_seconds']:8.2f}{r['peak_mib']:10.1f}")
    for pair, ratio in result["ratios"].items():
        lines.append(f"  {pair:<12}{ratio['seconds']:8.3f}  {'':<15}{ratio['cpu_seconds']:8.3f}{ratio['peak_mib']:10.3f}")
    shares = ", ".join(f"{name} {share:.0%}" for name, share in result["search_share"].items())
    lines.append(f"  search plugin's share of a profiled build: {shares}")
    sizes = ", ".join(f"{name} {raw:.0f}/{packed:.0f}" for name, (raw, packed) in result["search_index_kib"].items())
    lines.append(f"  search index KiB raw/gzip: {sizes}")
    return "\n".join(lines)


def machine_load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--years", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", metavar="REV_OR_DIR", help="also build this version (git revision or directory)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--cold", action="store_true", help="empty each project's .cache/ before every build (a fresh clone)")
    parser.add_argument("--rich", action="store_true", help="each synthetic year also has 20 大事记 entries and 10 photographs")
    parser.add_argument("--pdf", action="store_true", help="time `make pdf` (year PDFs and the volume) instead of the build")
    parser.add_argument("--publish", action="store_true", help="time `make build` (the build and the years' Word documents) for ours and base")
    parser.add_argument("--import-docx", type=int, metavar="SECTIONS", help="time `nianjian import` of a Word report this long instead")
    parser.add_argument("--serve", type=int, metavar="EDITS", help="time `mkdocs serve`: EDITS saves of a year's title until the page shows it")
    parser.add_argument("--scale", action="store_true", help="full builds, any number of years (a scratch tree takes years beyond 2100): size and memory too")
    args = parser.parse_args()

    if args.serve or args.scale:
        print(f"nproc {len(os.sched_getaffinity(0))}, before: {machine_load()}", flush=True)
        with tempfile.TemporaryDirectory(prefix="nianjian-bench-") as tmp, contextlib.ExitStack() as stack:
            trees = {"ours": REPO} | ({"base": stack.enter_context(baseline_tree(args.baseline))} if args.baseline else {})
            scaled: dict[str, Path] = {}
            for years in args.years:
                used = trees
                if years > SCHEMA_YEARS[1] - SCHEMA_YEARS[0] + 1:
                    scaled = scaled or {name: scaled_tree(tree, Path(tmp) / f"tree-{name}") for name, tree in trees.items()}
                    used = scaled
                work = Path(tmp) / f"n{years}"
                work.mkdir()
                measured = measure_serve(years, args.serve, work, used) if args.serve else measure_scale(years, args.runs, work, used, cold=args.cold)
                print(measured, f"  after N={years}: {machine_load()}", sep="\n", flush=True)
        return

    if args.import_docx:
        print(f"nproc {len(os.sched_getaffinity(0))}, before: {machine_load()}", flush=True)
        with tempfile.TemporaryDirectory(prefix="nianjian-bench-") as tmp, contextlib.ExitStack() as stack:
            baseline = stack.enter_context(baseline_tree(args.baseline)) if args.baseline else None
            print(measure_import(args.import_docx, args.runs, Path(tmp), baseline), f"  after: {machine_load()}", sep="\n", flush=True)
        return

    if args.pdf:
        print(f"nproc {len(os.sched_getaffinity(0))}, before: {machine_load()}", flush=True)
        with tempfile.TemporaryDirectory(prefix="nianjian-bench-") as tmp, contextlib.ExitStack() as stack:
            baseline = stack.enter_context(baseline_tree(args.baseline)) if args.baseline else None
            for years in args.years:
                print(measure_pdf(years, args.runs, Path(tmp), baseline), f"  after N={years}: {machine_load()}", sep="\n", flush=True)
        return

    results = []
    print(f"nproc {len(os.sched_getaffinity(0))}, before: {machine_load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="nianjian-bench-") as tmp, contextlib.ExitStack() as stack:
        baseline = stack.enter_context(baseline_tree(args.baseline)) if args.baseline else None
        print(f"ours imports {check_imports(REPO)}", flush=True)
        if baseline is not None:
            print(f"base imports {check_imports(baseline)}", flush=True)
        for years in args.years:
            result = measure(years, args.runs, Path(tmp), baseline, cold=args.cold, publish=args.publish, rich=args.rich)
            results.append(result)
            print(report(result), f"  after N={years}: {machine_load()}", sep="\n", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
