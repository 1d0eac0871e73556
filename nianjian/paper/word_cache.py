"""Word documents kept by what they show: a year whose content did not change is not rendered
again, so a warm build, or a `mkdocs serve` rebuild after one edit, makes almost none. CI and the
publish workflow keep this folder between runs.

The key is a digest of the year's YearContent together with code_version.code_digest (the whole
package's source and its dependencies' versions), so a change to any code or pinned version makes
new documents. Entries no build used are removed at the end of each build, so the folder holds
the two documents of each year (reading and formal edition)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from nianjian.code_version import code_digest
from nianjian.files import write_atomically
from nianjian.render.pages.year_content import YearContent

# What the cache keeps of a year: its reading edition and its formal edition (正式文本).
EDITIONS = ("reading", "formal")


def render_docx(content: YearContent) -> tuple[bytes, bytes]:
    """A year's Word documents, reading and formal edition. The renderers are imported only when
    a document must be made: python-docx and lxml cost a few tenths of a second to import."""
    from nianjian.paper.word import year_docx
    from nianjian.paper.word_formal import formal_docx

    return year_docx(content), formal_docx(content.formal)


class WordCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self._renderer_digest = code_digest()

    def key(self, content: YearContent) -> str:
        # Frozen dataclasses of text, numbers and tuples: their repr is the whole content.
        key = hashlib.sha256(f"{self._renderer_digest}\n{content!r}".encode()).hexdigest()
        self.used.add(key)
        return key

    def _paths(self, key: str) -> list[Path]:
        return [self.folder / f"{key}.{edition}.docx" for edition in EDITIONS]

    def kept(self, key: str) -> tuple[bytes, bytes] | None:
        paths = self._paths(key)
        if not all(path.is_file() for path in paths):
            return None
        reading, formal = (path.read_bytes() for path in paths)
        return reading, formal

    def keep(self, key: str, documents: tuple[bytes, bytes]) -> None:
        for path, document in zip(self._paths(key), documents):
            write_atomically(path, document)

    def prune(self) -> None:
        """Remove the documents this run did not use."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.docx"):
            if path.name.split(".", 1)[0] not in self.used:
                path.unlink(missing_ok=True)
