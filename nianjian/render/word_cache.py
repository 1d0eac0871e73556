"""Word documents kept by what they show: a year whose content did not change is not rendered
again, so a warm build, or a `mkdocs serve` rebuild after one edit, makes almost none. CI and the
publish workflow keep this folder between runs.

The key is a digest of the year's YearContent together with code_version.code_digest (the whole
package's source and its dependencies' versions), so a change to any code or pinned version makes
new documents. Entries no build used are removed at the end of each build, so the folder holds
one document per year."""

from __future__ import annotations

import hashlib
from pathlib import Path

from nianjian.code_version import code_digest
from nianjian.importing.writing import write_atomically
from nianjian.render.year_content import YearContent

# The renderer is imported only when a document must be made: python-docx and lxml would cost a
# warm build a few tenths of a second to import for nothing.
def _render(content: YearContent) -> bytes:
    from nianjian.render.word import year_docx

    return year_docx(content)


class WordCache:
    def __init__(self, folder: Path | None) -> None:
        """`folder` None: no cache, every document is rendered (tests of the renderer)."""
        self.folder = folder
        self.used: set[str] = set()
        self._renderer_digest = code_digest() if folder is not None else ""

    def year_docx(self, content: YearContent) -> bytes:
        if self.folder is None:
            return _render(content)
        # Frozen dataclasses of text, numbers and tuples: their repr is the whole content.
        key = hashlib.sha256(f"{self._renderer_digest}\n{content!r}".encode()).hexdigest()
        self.used.add(key)
        path = self.folder / f"{key}.docx"
        if path.is_file():
            return path.read_bytes()
        document = _render(content)
        write_atomically(path, document)
        return document

    def prune(self) -> None:
        """Remove the documents this build did not use."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*.docx"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
