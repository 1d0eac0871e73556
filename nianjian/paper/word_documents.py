"""The years' Word documents (downloads/report-YEAR.docx and the formal edition's
report-YEAR-formal.docx), written into a built site by the
publishing step (`make build`, nianjian.web.publish), not by the MkDocs build: a first build or a
`mkdocs serve` preview does not wait for them, and the year pages link them either way, as they
link the PDFs of `make pdf`.

Documents of years whose content and code did not change come from the cache
(paper/word_cache.py); the others are made in a process pool, one year a task, on every core.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from nianjian import urls
from nianjian.errors import DataError
from nianjian.check.edition import INTERNAL
from nianjian.check.load import check_data
from nianjian.render.pages.site import ArchiveFacts, year_contents
from nianjian.paper.word_cache import WordCache, render_docx


def write_word_documents(data_dir: Path, site_dir: Path, cache_dir: Path, workers: int | None = None, edition: str = INTERNAL) -> list[DataError]:
    """Write every year's Word document of `edition` into `site_dir`; the data's problems if it
    has any (the build has refused them already, so this is only a guard)."""
    check = check_data(data_dir, edition=edition)
    if check.archive is None:
        return check.errors
    archive = check.archive
    cache = WordCache(cache_dir / "word")
    documents: dict[int, tuple[bytes, bytes]] = {}
    to_make = []
    for content in year_contents(archive, ArchiveFacts.of(archive, cache_dir)):
        key = cache.key(content)
        kept = cache.kept(key)
        if kept is None:
            to_make.append((key, content))
        else:
            documents[content.record.year] = kept
    workers = min(workers or os.cpu_count() or 1, len(to_make))
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            made = list(pool.map(render_docx, [content for _, content in to_make]))
    else:
        made = [render_docx(content) for _, content in to_make]
    for (key, content), document in zip(to_make, made):
        cache.keep(key, document)
        documents[content.record.year] = document
    for year, (reading, formal) in documents.items():
        for document, is_formal in ((reading, False), (formal, True)):
            path = urls.inside(site_dir, urls.report_path(year, "docx", formal=is_formal))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(document)
    cache.prune()
    return []
