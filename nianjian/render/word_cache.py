"""Word documents kept by what they show: a year whose content did not change is not rendered
again. A document takes ~0.45 s (python-docx ~60 ms, matplotlib ~0.17 s for each of its two
chart pictures, plus ~1 s once to import them), so a cold build at 50 years spends ~22 s on
them (benchmark, 2026-11-29) and a warm one, or a `mkdocs serve` rebuild after one edit,
almost nothing. CI and the publish workflow keep this folder between runs.

The key is a digest of the year's YearContent together with the renderers' own source and the
python-docx and matplotlib versions, so a change to any of them makes new documents. Entries no build used are
removed at the end of each build, so the folder holds one document per year."""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

from nianjian.importing.writing import write_atomically
from nianjian.render.year_content import YearContent

# The renderer is imported only when a document must be made: python-docx, lxml and matplotlib
# would cost a warm build ~0.6 s to import for nothing.
_RENDERER_SOURCES = (
    Path(__file__).with_name("word.py"), Path(__file__).with_name("chart_image.py"), Path(__file__).parent.parent / "prose.py",
)


def _render(content: YearContent) -> bytes:
    from nianjian.render.word import year_docx

    return year_docx(content)


class WordCache:
    def __init__(self, folder: Path | None) -> None:
        """`folder` None: no cache, every document is rendered (tests of the renderer)."""
        self.folder = folder
        self.used: set[str] = set()
        renderer = b"".join(source.read_bytes() for source in _RENDERER_SOURCES)
        renderer += f"{version('python-docx')} {version('matplotlib')}".encode()
        self._renderer_digest = hashlib.sha256(renderer).hexdigest()

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
