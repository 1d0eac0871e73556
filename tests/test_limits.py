"""Bounded by construction (issue 19, item 2): every kind of input an editor controls, made
hostile and scaled to its file-size limit, is either refused cleanly or processed in time
linear in its size, by the real command under an address-space and a CPU limit.

For each kind the command runs on the small normal fixture (the baseline: interpreter start-up,
imports, the fixed pages) and on a hostile document at 1× (about half the kind's size limit)
and 2× (just under the limit). The assertions:
- the run completes (exit 0) or refuses with a Chinese message (exit 1), never a traceback,
  never “程序错误” (what nothing foresaw), never killed by the limits;
- CPU(2×) − CPU(baseline) ≤ 2.5 × (CPU(1×) − CPU(baseline)) (+ a small noise allowance):
  doubling the input at most about doubles the work.
CPU time and peak resident memory are the command's own (os.wait4 in a small launcher), not wall
time: the machine is shared. Each size runs once; a case whose runs do not show linearity is
measured again and the smaller CPU time of each size counts (the baselines always run twice), so
noise gets a second chance and a real excess fails twice. When 1× fails, 2× is not run. Every
build is cold (no .cache/, no site/), as a fresh clone builds. Two commands run at a time (two
cores), baselines included.

All selected cases are measured before the first assertion; the table of measurements is then
printed (visible with `pytest -s`) and written to limits-table.txt in pytest's temporary directory.

Address space: 1 GiB is the limit asked for, and the normal build runs under it with room to
spare (a cold fixture build peaks at about 200 MB resident). It still completes under an RLIMIT_AS
of 352 MiB, or 320 MiB with OPENBLAS_NUM_THREADS=1 (numpy's OpenBLAS reserves memory for a
thread per CPU when it loads); below that jieba's dictionary load raises MemoryError (said in
one Chinese line by the hooks' on_build_error), and at 256 MiB without the variable OpenBLAS
stops with its own message.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import hostile_inputs as hostile
from conftest import FIXTURES, REPO, Project, make_project
from measured import run_measured
from nianjian.read.documents import MAX_CSV_BYTES, MAX_SOURCE_BYTES, MAX_YAML_BYTES
from nianjian.check.validate import MAX_SECTIONS
from nianjian.edit.importing.reading import MAX_DOCX_BYTES, MAX_DOCX_MARKUP, MAX_TEXT_BYTES
from nianjian.check.search_words import MAX_SEARCH_WORDS_BYTES
from word_reports import WordReport

# Hostile inputs at their size limits, each built twice under resource limits (minutes).
pytestmark = [pytest.mark.slow]

ADDRESS_SPACE = 1024**3  # RLIMIT_AS
# RLIMIT_CPU. The largest year file validation accepts (2 MB of achievements with ten tags each:
# every one in its year's, its area's and ten tag pages' tables) builds in about 36 s of CPU,
# linearly (19 s at 1 MB); the limit catches what is not linear, not what is merely large.
CPU_SECONDS = 60
WALL_SECONDS = 180  # only against a child that blocks instead of computing
LINEAR_FACTOR = 2.5
# The same run's CPU time varies by a few tenths of a second here, and a run that does only a
# second more than the baseline at 2× is no risk whatever its ratio (a 2 MB site.yaml: 0.8 s
# extra at 1×, 1.7–2.2 s at 2×, linear in a profile): the ratio is asked of more work than that.
NOISE_SECONDS = 1.0
SEED_REPORT = REPO / "data" / "sources" / "2024-service-center-summary.txt"
IMPORT_YEAR = "2019"


@dataclass
class Run:
    exit_code: int  # negative: killed by that signal
    cpu: float  # seconds, user + system, of the child and anything it waited for
    peak_mib: float  # largest resident set
    output: str

    @property
    def outcome(self) -> str:
        if self.exit_code == -signal.SIGXCPU or (self.exit_code == -signal.SIGKILL and self.cpu >= CPU_SECONDS - 1):
            return "killed: CPU limit"
        if self.exit_code < 0:
            return f"killed: {signal.Signals(-self.exit_code).name}"
        if "Traceback" in self.output:
            return f"traceback ({self.last_line()})"
        if "程序错误" in self.output:
            return f"程序错误 ({self.last_line('程序错误')})"
        if self.exit_code == 0:
            return "completed"
        if self.exit_code == 1 and any("\u4e00" <= character <= "\u9fff" for character in self.output):
            return "refused"
        return f"exit {self.exit_code} ({self.last_line()})"

    @property
    def clean(self) -> bool:
        return self.outcome in ("completed", "refused")

    def last_line(self, containing: str = "") -> str:
        lines = [line.strip() for line in self.output.splitlines() if line.strip() and containing in line]
        return (lines[-1] if lines else "")[:160]

    def message(self) -> str:
        """The refusal's first Chinese line, for the table."""
        for line in self.output.splitlines():
            if any("\u4e00" <= character <= "\u9fff" for character in line) and "INFO" not in line:
                return line.strip()[:120]
        return ""


def run_limited(args: list[str], cwd: Path) -> Run:
    measured = run_measured(
        args, cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, address_space=ADDRESS_SPACE, cpu_seconds=CPU_SECONDS, timeout=WALL_SECONDS
    )
    return Run(measured.exit_code, measured.cpu, measured.peak_bytes / 1024**2, measured.stdout + measured.stderr)


# --- the commands ----------------------------------------------------------------------------


def build(project: Project) -> Run:
    """`mkdocs build --strict` as conftest.Project.build runs it, cold: no site/, no .cache/."""
    shutil.rmtree(project.site, ignore_errors=True)
    shutil.rmtree(project.root / ".cache", ignore_errors=True)
    return run_limited([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project.site)], project.root)


def validate(project: Project) -> Run:
    return run_limited([sys.executable, "-m", "nianjian", "validate", "data"], project.root)


def import_report(project: Project, report: Path) -> Run:
    """`nianjian import` into a fresh copy of the fixture's data (an import writes there)."""
    shutil.rmtree(project.data, ignore_errors=True)
    shutil.copytree(FIXTURES / "multi-year", project.data)
    return run_limited([sys.executable, "-m", "nianjian", "import", str(report), "--year", IMPORT_YEAR], project.root)


# --- the cases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    kind: str  # the input an editor controls
    variant: str  # what makes it hostile
    command: str  # "build", "validate", "import"
    limit: int  # the kind's size limit in bytes
    setup: Callable[[Project, int], Path | None]  # writes the input of that many bytes; an import's file
    baseline: str  # "build", "validate", "import-txt" or "import-docx"

    @property
    def name(self) -> str:
        return f"{self.kind} [{self.variant}] {self.command}"


def year_file(generate: Callable[[int], str]) -> Callable[[Project, int], None]:
    return lambda project, size: hostile.write_bytes(project.data / "years" / f"{hostile.HOSTILE_YEAR}.yaml", generate(size))


def site_file(generate: Callable[[int], str]) -> Callable[[Project, int], None]:
    return lambda project, size: hostile.write_bytes(project.data / "site.yaml", generate(size))


def csv_file(generate: Callable[[int], str], many_areas: bool = False) -> Callable[[Project, int], None]:
    def setup(project: Project, size: int) -> None:
        if many_areas:
            hostile.write_bytes(project.data / "site.yaml", hostile.site_with_metric_areas())
        hostile.write_bytes(project.data / "metrics" / "hostile.csv", generate(size))

    return setup


def search_words_file(generate: Callable[[int], str]) -> Callable[[Project, int], None]:
    return lambda project, size: hostile.write_bytes(project.data / "search-words.txt", generate(size))


# Paragraphs and table cells of one report (reading.MAX_PARAGRAPHS); a hostile report at 2× has
# 99 % of them, at 1× half as many: the count doubles with the size.
MOST_ELEMENTS = 20_000


def text_report(generate: Callable[..., bytes], by_lines: bool = False) -> Callable[[Project, int], Path]:
    def setup(project: Project, size: int) -> Path:
        content = generate(size, int(MOST_ELEMENTS * size / MAX_TEXT_BYTES)) if by_lines else generate(size)
        return hostile.write_bytes(project.root / "report.txt", content)

    return setup


def _docx_template() -> bytes:
    """A .docx as python-docx writes it, with the Chinese multilevel list of word_reports (numId
    90) and Word's 标题 1 numbered by it."""
    report = WordReport()
    report.number_heading_style(1)
    with tempfile.TemporaryDirectory() as scratch:
        return report.save(Path(scratch) / "template.docx").read_bytes()


def docx_report(body: Callable[[int, int], str]) -> Callable[[Project, int], Path]:
    """A .docx whose markup (all its XML) is the same fraction of MAX_DOCX_MARKUP, and its number
    of paragraphs and cells of MOST_ELEMENTS, as `size` is of MAX_DOCX_BYTES; a photo (random,
    incompressible bytes) brings the file itself to `size`."""

    def setup(project: Project, size: int) -> Path:
        template = _docx_template()
        fraction = size / MAX_DOCX_BYTES
        markup = int(MAX_DOCX_MARKUP * fraction) - hostile.markup_besides_document(template)
        content = hostile.docx_with_body(template, body(markup, int(MOST_ELEMENTS * fraction)), size)
        return hostile.write_bytes(project.root / "report.docx", content)

    return setup


def source_file(generate: Callable[[int], bytes], name: str) -> Callable[[Project, int], None]:
    """data/sources/<name>, linked from the fixture's 2024 year file in place of its source."""

    def setup(project: Project, size: int) -> None:
        hostile.write_bytes(project.data / "sources" / name, generate(size))
        year = project.data / "years" / "2024.yaml"
        year.write_text(year.read_text(encoding="utf-8").replace("source: sources/2024-report.txt", f"source: sources/{name}"), encoding="utf-8")

    return setup


def random_bytes(size: int) -> bytes:
    return __import__("random").Random(23).randbytes(size)


def han_text(size: int) -> bytes:
    """Rare characters in lines of 4,000: a text file's worst for anything that reads it."""
    text = hostile.rare_han(size // 3, seed=29)
    return "\n".join(text[i : i + 4000] for i in range(0, len(text), 4000)).encode("utf-8")[:size]


YEAR = "year YAML"
IMPORTED_MOST = int(MAX_YAML_BYTES * 0.8)  # a report whose year file (a little longer: indentation) fits
CASES = [
    Case(YEAR, "unpunctuated run of rare characters", "build", MAX_YAML_BYTES, year_file(hostile.year_han_run), "build"),
    Case(YEAR, "unclosed links and images", "build", MAX_YAML_BYTES, year_file(hostile.year_markdown(hostile.markdown_brackets)), "build"),
    Case(YEAR, "unclosed emphasis", "build", MAX_YAML_BYTES, year_file(hostile.year_markdown(hostile.markdown_emphasis)), "build"),
    Case(YEAR, "lists, quotes 30 deep, tables", "build", MAX_YAML_BYTES, year_file(hostile.year_markdown(hostile.markdown_blocks)), "build"),
    Case(YEAR, "many sections/achievements/tags", "build", MAX_YAML_BYTES, year_file(hostile.year_many_items), "build"),
    Case(YEAR, "emphasis, quotes, lists nested deep", "build", MAX_YAML_BYTES, year_file(hostile.year_markdown(hostile.markdown_deep)), "build"),
    Case(YEAR, "Markdown at the bounds validation allows", "build", MAX_YAML_BYTES, year_file(hostile.year_markdown(hostile.markdown_at_bounds)), "build"),
    Case(YEAR, "500 sections, then achievements, problems, plans", "build", MAX_YAML_BYTES, year_file(lambda size: hostile.year_many_items(size, MAX_SECTIONS)), "build"),
    Case(YEAR, "unpunctuated run of rare characters", "validate", MAX_YAML_BYTES, year_file(hostile.year_han_run), "validate"),
    Case(YEAR, "unclosed links and images", "validate", MAX_YAML_BYTES, year_file(hostile.year_markdown(hostile.markdown_brackets)), "validate"),
    Case(YEAR, "lists, quotes 30 deep, tables", "validate", MAX_YAML_BYTES, year_file(hostile.year_markdown(hostile.markdown_blocks)), "validate"),
    Case(YEAR, "many sections/achievements/tags", "validate", MAX_YAML_BYTES, year_file(hostile.year_many_items), "validate"),
    Case(YEAR, "emphasis, quotes, lists nested deep", "validate", MAX_YAML_BYTES, year_file(hostile.year_markdown(hostile.markdown_deep)), "validate"),
    Case("site.yaml", "hostile Markdown description", "build", MAX_YAML_BYTES, site_file(hostile.site_description), "build"),
    Case("site.yaml", "huge indicator registry, key indicators", "build", MAX_YAML_BYTES, site_file(hostile.site_registry), "build"),
    Case("metric CSV", "50 areas × 30 indicators, years from 1900", "build", MAX_CSV_BYTES, csv_file(hostile.csv_many_series, many_areas=True), "build"),
    Case("metric CSV", "30 / 60 indicators, every year 1900–2100", "build", MAX_CSV_BYTES, csv_file(lambda size: hostile.csv_most_indicators(size, int(MAX_CSV_BYTES * 0.99))), "build"),
    Case("metric CSV", "longest names and notes, 90 indicators", "build", MAX_CSV_BYTES, csv_file(hostile.csv_long_cells), "build"),
    Case("metric CSV", "longest notes, names of 40, 90 indicators", "build", MAX_CSV_BYTES, csv_file(lambda size: hostile.csv_long_cells(size, 40)), "build"),
    Case("metric CSV", "every row wrong", "build", MAX_CSV_BYTES, csv_file(hostile.csv_bad_rows), "build"),
    Case("search-words.txt", "most words, shared prefixes", "build", MAX_SEARCH_WORDS_BYTES, search_words_file(hostile.search_words_many), "build"),
    Case("search-words.txt", "every line malformed", "build", MAX_SEARCH_WORDS_BYTES, search_words_file(hostile.search_words_bad), "build"),
    Case(".txt import", "one line of rare characters", "import", MAX_TEXT_BYTES, text_report(hostile.text_han_run), "import-txt"),
    Case(".txt import", "contents-list opening never closed", "import", MAX_TEXT_BYTES, text_report(hostile.text_contents_intro), "import-txt"),
    Case(".txt import", "outline lines, count doubling too", "import", MAX_TEXT_BYTES, text_report(hostile.text_outline, by_lines=True), "import-txt"),
    # Scaled to what a year file may hold (the import refuses more): imports that complete.
    Case(".txt import", "contents-list opening, a year file's size", "import", IMPORTED_MOST, text_report(hostile.text_contents_intro), "import-txt"),
    Case(".txt import", "outline lines, a year file's size", "import", IMPORTED_MOST, text_report(hostile.text_outline, by_lines=True), "import-txt"),
    Case(".docx import", "headings/list items in small runs", "import", MAX_DOCX_BYTES, docx_report(hostile.docx_paragraphs_body), "import-docx"),
    Case(".docx import", "one table, cells doubling too", "import", MAX_DOCX_BYTES, docx_report(hostile.docx_table_body), "import-docx"),
    Case(".docx import", "one paragraph of all the text", "import", MAX_DOCX_BYTES, docx_report(hostile.docx_long_paragraph_body), "import-docx"),
    Case("source file", "random bytes (.docx)", "build", MAX_SOURCE_BYTES, source_file(random_bytes, "2024-report.docx"), "build"),
    Case("source file", "rare characters (.txt)", "build", MAX_SOURCE_BYTES, source_file(han_text, "2024-report.txt"), "build"),
]
SIZES = (("1×", 0.495), ("2×", 0.99))


# --- measuring -------------------------------------------------------------------------------


@dataclass
class Measurement:
    label: str
    size: int
    runs: list[Run] = field(default_factory=list)

    @property
    def best(self) -> Run:
        """The run with the least CPU time; a failed run is kept as it is."""
        failed = [run for run in self.runs if not run.clean]
        return failed[0] if failed else min(self.runs, key=lambda run: run.cpu)


def measure(label: str, size: int, once: Callable[[], Run], times: int = 1) -> Measurement:
    measurement = Measurement(label, size, [once()])
    while len(measurement.runs) < times and measurement.runs[-1].clean:
        measurement.runs.append(once())
    return measurement


def extra_work(case: Case, baselines: dict[str, Measurement], sizes: dict[str, Measurement]) -> tuple[float, float] | None:
    """The CPU seconds the case's input costs over its baseline at 1× and at 2×; None when a run
    failed (its outcome is the finding) or 2× was not run."""
    runs = {label: measurement.best for label, measurement in sizes.items()}
    if len(runs) < len(SIZES) or not all(run.clean for run in runs.values()):
        return None
    refused = all(run.outcome == "refused" for run in runs.values())
    baseline = baselines[f"{case.command} refused" if refused else case.baseline].best.cpu
    return runs["1×"].cpu - baseline, runs["2×"].cpu - baseline


def linear(once: float, twice: float) -> bool:
    """Doubling the input at most about doubles the work."""
    return twice <= LINEAR_FACTOR * max(once, 0) + NOISE_SECONDS


def measure_baselines(root: Path) -> dict[str, Measurement]:
    """The commands on the small normal fixture (an import: the 2024 seed report, 6 KB, as .txt
    and as a .docx of the same paragraphs). A refusal does less than a completed run (a build
    stops before rendering), so refusals are compared with a refusal of the fixture: one
    wrong CSV row, and for imports a .docx that is no zip file."""
    project = make_project(root / "project", FIXTURES / "multi-year")
    refusing = make_project(root / "refusing", FIXTURES / "multi-year")
    hostile.write_bytes(refusing.data / "metrics" / "wrong.csv", hostile.CSV_HEADER + "2023,nowhere,用电量,万千瓦时,1,,false\n")
    report = WordReport()
    for line in SEED_REPORT.read_text(encoding="utf-8").splitlines():
        report.paragraph(line)
    docx = report.save(root / "report.docx")
    text = root / "report.txt"
    shutil.copy(SEED_REPORT, text)
    broken = hostile.write_bytes(root / "broken.docx", b"PK\x03\x04 not a zip")
    runs = {
        "build": ("build", lambda: build(project)),
        "validate": ("validate", lambda: validate(project)),
        "import-txt": ("import .txt", lambda: import_report(project, text)),
        "import-docx": ("import .docx", lambda: import_report(project, docx)),
        "build refused": ("build, refused", lambda: build(refusing)),
        "validate refused": ("validate, refused", lambda: validate(refusing)),
        "import refused": ("import, refused", lambda: import_report(refusing, broken)),
    }
    return {key: measure(label, 0, once, times=2) for key, (label, once) in runs.items()}


def measure_case(case: Case, root: Path) -> dict[str, Measurement]:
    """1× then 2×; when 1× already fails, 2× is not run (it would fail the same way, after
    costing the CPU limit again)."""
    project = make_project(root / "project", FIXTURES / "multi-year")
    results: dict[str, Measurement] = {}
    for label, fraction in SIZES:
        size = int(case.limit * fraction)
        made = case.setup(project, size)
        if case.command == "build":
            once = lambda: build(project)  # noqa: E731
        elif case.command == "validate":
            once = lambda: validate(project)  # noqa: E731
        else:
            once = lambda: import_report(project, made)  # noqa: E731
        results[label] = measure(label, size, once)
        if not results[label].best.clean:
            break
    shutil.rmtree(root)  # the generated documents: up to 50 MB a case
    return results


def table_text(baselines: dict[str, Measurement], results: dict[Case, dict[str, Measurement]]) -> str:
    lines = [f"{'input kind':<66} {'size':>9} {'outcome':<26} {'CPU s':>6} {'runs':>4} {'peak MiB':>8}  message"]

    def row(name: str, measurement: Measurement) -> None:
        run = measurement.best
        size = f"{measurement.size / 1048576:.2f} MB" if measurement.size else "fixture"
        message = run.message() if run.outcome == "refused" else ""
        lines.append(f"{name:<66} {size:>9} {run.outcome[:26]:<26} {run.cpu:>6.2f} {len(measurement.runs):>4} {run.peak_mib:>8.0f}  {message}")

    for measurement in baselines.values():
        row(f"baseline: {measurement.label}", measurement)
    for case, sizes in results.items():
        for label, measurement in sizes.items():
            row(f"{case.name} {label}", measurement)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def measured(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Measurement], dict[Case, dict[str, Measurement]]]:
    """The selected cases (-k) measured up front, two commands at a time (this machine has two
    cores; CPU time is what is compared, and every run, baselines included, shares the machine
    alike)."""
    selected = [
        item.callspec.params["case"]
        for item in request.session.items
        if item.module is request.module and "case" in getattr(getattr(item, "callspec", None), "params", {})
    ]  # only this module's: other modules' tests have a parameter called case too
    root = tmp_path_factory.mktemp("limits")
    with ThreadPoolExecutor(max_workers=2) as pool:
        baselines = pool.submit(measure_baselines, root / "baseline")
        cases = {case: pool.submit(measure_case, case, root / f"case-{number}") for number, case in enumerate(selected)}
        baselines = baselines.result()
        results = {case: future.result() for case, future in cases.items()}
        doubtful = [case for case, sizes in results.items() if (work := extra_work(case, baselines, sizes)) and not linear(*work)]
        again = {case: pool.submit(measure_case, case, root / f"again-{number}") for number, case in enumerate(doubtful)}
        for case, future in again.items():
            for label, measurement in future.result().items():
                results[case][label].runs += measurement.runs
    text = table_text(baselines, results)
    (tmp_path_factory.getbasetemp() / "limits-table.txt").write_text(text + "\n", encoding="utf-8")
    print(f"\n\n{text}\n(also in {tmp_path_factory.getbasetemp() / 'limits-table.txt'})")
    return baselines, results


def test_the_baselines_complete(measured) -> None:
    baselines, _ = measured
    for key, measurement in baselines.items():
        expected = "refused" if key.endswith("refused") else "completed"
        assert measurement.best.outcome == expected, f"baseline {key}: {measurement.best.outcome}\n{measurement.best.output[-3000:]}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input_is_refused_or_linear(case: Case, measured) -> None:
    baselines, results = measured
    runs = {label: measurement.best for label, measurement in results[case].items()}
    for label, run in runs.items():
        assert run.clean, f"{case.name} at {label}: {run.outcome} after {run.cpu:.1f} s CPU, peak {run.peak_mib:.0f} MiB\n{run.output[-2000:]}"
    once, twice = extra_work(case, baselines, results[case])
    assert linear(once, twice), (
        f"{case.name}: not linear: CPU {runs['1×'].cpu:.2f} s at 1×, {runs['2×'].cpu:.2f} s at 2×, {once:.2f} / {twice:.2f} s over the baseline "
        f"({twice / once if once > 0 else float('inf'):.1f}× the extra work for twice the input; {len(results[case]['2×'].runs)} run(s) each)"
    )
