"""Whatever lands in data/ or is handed to the importer, the tools answer with problems or a
result: never an exception (which would be a traceback for the editor), always quickly: each
example is held to a budget of CPU time, which a loaded machine does not stretch as it does the
wall clock (a wall-clock deadline made the gate fail for the machine's load, not for a change)."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from nianjian.edit.importing.outline import recognise
from nianjian.edit.importing.reading import ImportFailed, read_report
from nianjian.check.load import check_data

SITE = (FIXTURES / "multi-year" / "site.yaml").read_text(encoding="utf-8")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CPU_SECONDS_PER_EXAMPLE = 2.0  # an example takes a few milliseconds; a few KB that took seconds would be a fault

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.sampled_from(["2021", "catering", "节能", "index", "../x", "javascript:alert(1)", "[x](http://a/)"]),
)
keys = st.one_of(
    st.sampled_from(["year", "title", "summary", "sections", "achievements", "problems", "plans", "plan_outcomes",
                     "body", "id", "area", "tags", "item", "result", "figure", "text", "continues", "plan", "outcome"]),
    st.text(max_size=10),
)
documents = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=6)), max_leaves=40)


def within_cpu_budget(run: Callable[[], None]) -> None:
    started = time.process_time()
    run()
    spent = time.process_time() - started
    assert spent < CPU_SECONDS_PER_EXAMPLE, f"{spent:.2f} CPU seconds for one example"


def check_year_file(content: bytes) -> None:
    within_cpu_budget(lambda: _check_year_file(content))


def _check_year_file(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        (data / "years").mkdir(parents=True)
        (data / "site.yaml").write_text(SITE, encoding="utf-8")
        (data / "years" / "2021.yaml").write_bytes(content)
        check = check_data(data)
        assert check.archive is not None or check.errors


@FUZZ
@given(documents)
def test_any_yaml_document_gives_problems_not_an_exception(document: object) -> None:
    text = yaml.safe_dump({"year": 2021, "extra": document} if not isinstance(document, dict) else document, allow_unicode=True)
    check_year_file(text.encode("utf-8"))


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_in_a_year_file_give_problems_not_an_exception(content: bytes) -> None:
    check_year_file(content)


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("year: 2021\n-[]{}&*!|>'\"#:,?%@`\t 节能")), max_size=300))
def test_yaml_punctuation_soup_gives_problems_not_an_exception(text: str) -> None:
    check_year_file(text.encode("utf-8"))


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".docx"]))
def test_any_file_given_to_import_is_read_or_refused(content: bytes, suffix: str) -> None:
    within_cpu_budget(lambda: _read_or_refuse(content, suffix))


def _read_or_refuse(content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report{suffix}"
        path.write_bytes(content)
        try:
            document = read_report(path)
        except ImportFailed as refused:
            assert str(refused)
            return
        recognise(document.paragraphs)
