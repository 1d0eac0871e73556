"""load → validate → model: read everything under data/ and return an Archive, or raise
DataInvalid with every problem found. The build, the tests and the editor commands
all come through `load_archive`.
"""

from __future__ import annotations

import re
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path

from nianjian.errors import DataError, DataInvalid, first_per_file
from nianjian.check.edition import INTERNAL, PUBLIC, edition_of
from nianjian.check.review import unit_errors
from nianjian.check.parsed_files import ParsedFiles, parse_with
from nianjian.check.secrecy import Finding, metric_findings, with_acceptances, year_findings
from nianjian.model import Archive, MetricBlank, MetricRow, YearRecord
from nianjian.prose import ProseRenderer
from nianjian.check.search_words import SEARCH_WORDS_FILE, read_search_words
from nianjian.read.documents import MAX_CSV_BYTES, MAX_SOURCE_BYTES, MAX_YAML_BYTES, YamlDocument, parse_csv, read_data_text, shown_path
from nianjian.check.metrics import harmonise_metrics, metric_rows_from_csv
from nianjian.check.photos import photo_problem
from nianjian.check.validate import check_years_together, known_area_keys, placeholder_errors, site_from_document, year_from_document

_YEAR_FILE = re.compile(r"[0-9]{4}\Z")  # ASCII digits only: \d would take ２０２４


def _read_yaml(data_dir: Path, path: Path, parsed: ParsedFiles | None) -> tuple[YamlDocument | None, list[DataError]]:
    text, errors = read_data_text(data_dir, path, MAX_YAML_BYTES)
    if text is None:
        return None, errors
    return parse_with(parsed, text, shown_path(data_dir, path))


@dataclass
class DataCheck:
    """Everything one pass over data/ found: the archive when the data is clean, the problems,
    and the files it read (for the editor's summary line)."""

    archive: Archive | None
    errors: list[DataError]
    files: list[str] = field(default_factory=list)
    # Texts still holding the scaffold's placeholder, when they do not count as errors (preview)
    unfinished: list[DataError] = field(default_factory=list)
    # The secrecy check's findings (nianjian/check/secrecy.py), for the edition checked; each
    # accepted one carries the editor's reason. Not errors: the public edition refuses them.
    findings: list[Finding] = field(default_factory=list)

    @property
    def refused(self) -> list[Finding]:
        """The findings no editor has accepted."""
        return [finding for finding in self.findings if not finding.accepted_because]


def load_archive(data_dir: Path, edition: str = INTERNAL) -> Archive:
    check = check_data(data_dir, edition=edition)
    if check.archive is None:
        raise DataInvalid(check.errors)
    return check.archive


def check_data(data_dir: Path, *, unfinished_is_error: bool = True, edition: str = INTERNAL, parsed: ParsedFiles | None = None) -> DataCheck:
    """`unfinished_is_error`: a year text still holding the scaffold's “（待填写）” stops the
    build and `validate`; the preview shows the site and lists them apart. `edition`: the
    archive is the public edition's (公开: nothing internal, nianjian/check/edition.py) or whole.
    `parsed`: the YAML files parsed by earlier checks in this process (nianjian.check.parsed_files)."""
    data_dir = Path(data_dir)
    errors: list[DataError] = []
    unfinished: list[DataError] = []
    files: list[str] = []

    prose = ProseRenderer()
    site_path = data_dir / "site.yaml"
    if not site_path.is_file():
        missing = DataError(shown_path(data_dir, site_path), None, None, "", "缺少站点设置文件", "新建 data/site.yaml，写上 organization、title 和 areas")
        return DataCheck(None, [missing])
    files.append(shown_path(data_dir, site_path))

    def source_exists(relative: str) -> bool:
        candidate = (data_dir / relative).resolve()
        return candidate.is_file() and data_dir.resolve() in candidate.parents and candidate.stat().st_size <= MAX_SOURCE_BYTES

    site_document, found = _read_yaml(data_dir, site_path, parsed)
    errors += found
    site = None
    if site_document is not None:
        site, found = site_from_document(site_document, prose, source_exists)
        errors += found
    area_keys = known_area_keys(site_document)

    documents: list[YamlDocument] = []
    records: list[YearRecord] = []
    year_dir = data_dir / "years"
    year_files = sorted(year_dir.glob("*.y*ml")) if year_dir.is_dir() else []
    if not year_files:
        errors.append(DataError(shown_path(data_dir, year_dir), None, None, "", "没有任何年度文件", "在 data/years/ 下新建 2024.yaml 这样的文件"))
    for path in year_files:
        if not _YEAR_FILE.match(path.stem) or path.suffix != ".yaml":
            shown_name = path.name if len(path.name) <= 40 else path.name[:40] + "…"
            errors.append(DataError(shown_path(data_dir, path), None, None, "", f"文件名 {shown_name} 不是“四位年份.yaml”", "改名为 2024.yaml 这样的形式"))
            continue
        files.append(shown_path(data_dir, path))
        document, found = _read_yaml(data_dir, path, parsed)
        errors += found
        if document is None:
            continue
        documents.append(document)
        if site is not None:
            errors += unit_errors(document, {unit.name for unit in site.units})
        if unfinished_is_error:
            errors += placeholder_errors(document)
        else:
            unfinished += placeholder_errors(document)
        record, found = year_from_document(document, path.stem, area_keys, source_exists, prose, partial(photo_problem, data_dir))
        errors += found
        if record is not None:
            records.append(record)
    errors += check_years_together(documents)

    search_words = data_dir / SEARCH_WORDS_FILE
    if search_words.exists() or search_words.is_symlink():
        files.append(shown_path(data_dir, search_words))
    terms, found = read_search_words(data_dir)
    errors += found

    metric_rows: list[MetricRow] = []
    metric_blanks: list[MetricBlank] = []
    metric_dir = data_dir / "metrics"
    for path in sorted(metric_dir.glob("*.csv")) if metric_dir.is_dir() else []:
        files.append(shown_path(data_dir, path))
        text, found = read_data_text(data_dir, path, MAX_CSV_BYTES)
        errors += found
        if text is None:
            continue
        document, found = parse_csv(text, shown_path(data_dir, path))
        errors += found
        if document is None:
            continue
        rows, blanks, found = metric_rows_from_csv(document, area_keys)
        errors += found
        metric_rows += rows
        metric_blanks += blanks
    metric_rows, found = harmonise_metrics(metric_rows, site.indicators if site else ())
    errors += found

    errors = first_per_file(errors)
    if errors or site is None:
        return DataCheck(None, errors, files, unfinished)

    # The reports' originals, read once (validation found them inside data/ and within the size
    # limit); attachments and the files and pictures the texts show are copied by MkDocs from data/.
    sources = {record.source: (data_dir / record.source).read_bytes() for record in records if record.source}
    years = tuple(sorted(records, key=lambda record: record.year))
    photo_files = {photo.file: data_dir / photo.file for record in records for photo in record.photos}
    copied = [attachment.file for record in records for attachment in record.attachments] + [image for record in records for image in record.images] + list(site.images)
    copied_files = {path: data_dir / path for path in dict.fromkeys(copied) if path not in sources}
    archive = Archive(site=site, years=years, metrics=tuple(metric_rows), metric_blanks=tuple(metric_blanks), sources=sources, photo_files=photo_files, copied_files=copied_files, search_words=terms)
    # The findings are those of the public edition (what is internal is not published), whichever
    # edition is made: `validate` warns of them, and the public edition refuses to be made.
    findings = [finding for document in documents for finding in year_findings(document, site.secrecy, public=True, credits=site.editorial.credits)]
    findings = with_acceptances(findings + metric_findings(metric_rows, site.secrecy, public=True), site.secrecy)
    check = DataCheck(edition_of(archive, edition), [], files, unfinished, findings)
    if edition == PUBLIC and check.refused:
        return DataCheck(None, [finding.error for finding in check.refused], files, unfinished, findings)
    return check
