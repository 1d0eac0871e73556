"""The edit loop's one whole build (`make test-fast` runs it): the repository's own data, built
and published as `make build` does, so a change that breaks the build or the Word step fails in
seconds, not only in the full suite."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, make_project


def test_the_repository_site_builds_with_its_word_document(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", REPO / "data")
    result = project.publish()
    assert result.returncode == 0, result.stderr
    assert "2024年" in project.page("years/2024/")
    assert (project.site / "downloads" / "report-2024.docx").stat().st_size > 10_000
    assert list((project.site / "assets" / "nianjian").glob("facts.*.css"))
