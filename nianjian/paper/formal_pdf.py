"""The formal editions (正式文本) as PDF (`make pdf`): LibreOffice lays each year's formal Word
file out (downloads/report-YEAR-formal.docx, written by the build) and exports it to
downloads/report-YEAR-formal.pdf, so the PDF is the Word file's own layout, page for page.

One LibreOffice process converts every year, with a profile of its own in a temporary folder (a
user's running LibreOffice is not disturbed, and nothing is left behind), and the font lists of
paper/geometry.py as fontconfig aliases, so each face is drawn in the first of its list installed. A 版记 must close the
document on an even page (GB/T 9704): the Word file asks for that with an even-page section,
which LibreOffice 7 lays out as a plain page break, so a blank page is put in before the 版记
when it lands on an odd one; like the 版记 page it carries no page number."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf

from nianjian import urls
from nianjian.files import write_atomically
from nianjian.model import DocumentFields
from nianjian.paper import geometry

# LibreOffice starts in a few seconds and converts a year in about one; this much is a hang.
_SECONDS_PER_DOCUMENT, _SECONDS_TO_START = 20, 60


class LibreOfficeMissing(Exception):
    """No soffice to lay the formal editions out with."""


def soffice() -> str:
    """LibreOffice's command: NIANJIAN_SOFFICE, else soffice on the PATH."""
    found = os.environ.get("NIANJIAN_SOFFICE") or shutil.which("soffice")
    if not found:
        raise LibreOfficeMissing("生成正式文本 PDF 需要 LibreOffice：sudo apt-get install libreoffice-writer（或用 NIANJIAN_SOFFICE 指明 soffice 的位置）")
    return found


def finished(pdf_bytes: bytes, fields: DocumentFields) -> bytes:
    """LibreOffice's PDF with a blank page before the 版记 page when that would be odd, and the
    成文日期 as its creation date (LibreOffice writes the hour of the export)."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        if fields.has_version_note and len(pdf.pages) % 2:
            box = [float(value) for value in pdf.pages[-1].mediabox]
            pdf.add_blank_page(page_size=(box[2] - box[0], box[3] - box[1]))
            pdf.pages.insert(len(pdf.pages) - 2, pdf.pages[-1])
            del pdf.pages[-1]
        if fields.date:
            pdf.docinfo["/CreationDate"] = "D:" + fields.date.replace("-", "") + "000000"
        output = io.BytesIO()
        pdf.save(output, deterministic_id=True)
        return output.getvalue()


def print_formal_editions(site_dir: Path, editions: dict[int, DocumentFields]) -> list[Path]:
    """Each year's formal Word file of the built site as PDF beside it (`editions`: each year's
    公文 fields); the files written. A site built without its Word files (`mkdocs build` alone,
    not `make build`) has none to lay out."""
    editions = {year: fields for year, fields in editions.items() if urls.inside(site_dir, urls.report_path(year, "docx", formal=True)).is_file()}
    if not editions:
        return []
    command = soffice()
    sources = [urls.inside(site_dir, urls.report_path(year, "docx", formal=True)) for year in editions]
    written = []
    with tempfile.TemporaryDirectory(prefix="nianjian-formal-") as work:
        profile = Path(work, "profile").as_uri()
        fonts = Path(work, "fonts.conf")
        fonts.write_text(geometry.fontconfig(), encoding="utf-8")
        subprocess.run(
            [command, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", work, *map(str, sources)],
            check=True, capture_output=True, timeout=_SECONDS_TO_START + _SECONDS_PER_DOCUMENT * len(sources),
            env={**os.environ, "FONTCONFIG_FILE": str(fonts)},
        )
        for source, (year, fields) in zip(sources, editions.items()):
            content = finished(Path(work, source.with_suffix(".pdf").name).read_bytes(), fields)
            target = urls.inside(site_dir, urls.report_path(year, "pdf", formal=True))
            write_atomically(target, content)
            written.append(target)
    return written
