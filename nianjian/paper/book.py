"""A book from printed chapters (a year's volume: nianjian.paper.year_volume): each chapter opens
on a right-hand page after a blank verso where needed; the front matter is numbered apart in
roman numbers (i, ii, …), the body from 1; the PDF's page labels say what each page prints; the
bookmarks follow the contents; the index's page numbers are read from the printed body.

The page numbers are the sheets of nianjian.paper.volume laid over the pages, so every volume
prints its numbers alike.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf

from nianjian.paper import geometry
from nianjian.paper.volume import ContentsEntry, Links, add_blank, add_bookmarks, finished


@dataclass(frozen=True)
class PrintedChapter:
    title: str  # in the contents and the bookmarks
    pdf: Pdf
    recto: bool = True  # opens on a right-hand page
    listed: bool = True  # in the contents and the bookmarks (not the 书名页 or the 版权页)
    folios: bool = True  # its pages print their numbers (not the 书名页 or the 版权页)
    headings: tuple[tuple[str, int], ...] = ()  # its 分目: (title, index of its page in `pdf`)

    @property
    def pages(self) -> int:
        return len(self.pdf.pages)


@dataclass(frozen=True)
class Placed:
    chapter: PrintedChapter
    first: int  # index of its first page in its run (the front matter or the body)
    blank_before: bool


@dataclass(frozen=True)
class Run:
    """The front matter or the body: chapters one after another, each where it opens."""

    placed: list[Placed] = field(default_factory=list)

    @classmethod
    def of(cls, chapters: list[PrintedChapter]) -> Run:
        placed, page = [], 0
        for chapter in chapters:
            blank = chapter.recto and page % 2 == 1
            page += blank
            placed.append(Placed(chapter, page, blank))
            page += chapter.pages
        return cls(placed)

    @property
    def pages(self) -> int:
        return self.placed[-1].first + self.placed[-1].chapter.pages if self.placed else 0

    def contents(self) -> list[ContentsEntry]:
        """A line per chapter and one per 分目 under it, with the page number it prints."""
        entries = []
        for placed in self.placed:
            if placed.chapter.listed:
                entries.append(ContentsEntry(placed.chapter.title, placed.first + 1, 1))
                entries += [ContentsEntry(title, placed.first + index + 1, 2) for title, index in placed.chapter.headings]
        return entries


def roman(number: int) -> str:
    """The front matter's page numbers: i, ii, iii, iv, …"""
    numerals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    text = ""
    for value, numeral in numerals:
        while number >= value:
            text += numeral
            number -= value
    return text


def pages_of(run: Run) -> Pdf:
    """The run's pages in one document, blank versos included, without numbers."""
    document = Pdf.new()
    for placed in run.placed:
        if placed.blank_before:
            add_blank(document)
        document.add_pages_from(placed.chapter.pdf)
    return document


def bind(front: Run, body: Run, front_numbers: Pdf, body_numbers: Pdf, title: str, links: Links) -> bytes:
    """The book: front matter, then the body from a right-hand page “— 1 —”; page numbers laid
    over every page whose chapter prints them (never a blank verso), page labels i, ii, … and
    1, 2, …, and a bookmark per line of the contents (the front matter's own chapters first)."""
    book = Pdf.new()
    book.add_pages_from(pages_of(front))
    if len(book.pages) % 2:
        add_blank(book)
    body_start = len(book.pages)
    book.add_pages_from(pages_of(body))
    for run, start, numbers in ((front, 0, front_numbers), (body, body_start, body_numbers)):
        for placed in run.placed:
            if placed.chapter.folios:
                for offset in range(placed.chapter.pages):
                    book.pages[start + placed.first + offset].add_overlay(numbers.pages[placed.first + offset])
    book.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.r), body_start, Dictionary(S=Name.D, St=1)]))
    with book.open_outline() as outline:
        outline.root.clear()  # the chapters' own outlines came with their pages: the contents' instead
        for placed in front.placed:
            if placed.chapter.listed:
                outline.root.append(OutlineItem(placed.chapter.title, placed.first))
        add_bookmarks(outline, [(entry, body_start + entry.page - 1) for entry in body.contents()])
    return finished(book, title, links)


def inert(pdf: Pdf) -> Pdf:
    """A PDF from data (an attachment) with no action that runs by itself: the pages' and their
    annotations' additional actions (/AA) removed; links keep to rewrite_links' rule when bound."""
    for page in pdf.pages:
        if Name.AA in page.obj:
            del page.obj[Name.AA]
        for annotation in page.obj.get(Name.Annots, Array()):
            if Name.AA in annotation:
                del annotation[Name.AA]
    return pdf


def headings(pdf: Pdf) -> tuple[tuple[str, int], ...]:
    """A printed chapter's 分目: the second level of the outline Chromium made of its headings
    (the first is the chapter's own title), with the index of the page each is on."""
    page_index = {page.objgen: index for index, page in enumerate(pdf.pages)}
    found = []
    with pdf.open_outline() as outline:
        for top in outline.root:
            for item in top.children:
                destination = item.destination
                if isinstance(destination, Array) and len(destination) and destination[0].objgen in page_index:
                    found.append((item.title, page_index[destination[0].objgen]))
    return tuple(found)


class PdfTextMissing(Exception):
    """pdftotext (Debian's poppler-utils) is not installed."""


def page_texts(pdf: bytes) -> list[str]:
    """The text printed in each page's text block (not the running head or the page number),
    whitespace removed so that a word broken across lines reads whole; by poppler's pdftotext."""
    program = shutil.which("pdftotext")
    if program is None:
        raise PdfTextMissing("生成年卷的索引需要 pdftotext：sudo apt-get install poppler-utils")
    left, top = (geometry.MARGINS_MM.left * geometry.POINTS_PER_MM, geometry.MARGINS_MM.top * geometry.POINTS_PER_MM)
    width, height = geometry.TEXT_WIDTH_MM * geometry.POINTS_PER_MM, geometry.TEXT_HEIGHT_MM * geometry.POINTS_PER_MM
    with tempfile.TemporaryDirectory(prefix="nianjian-index-") as folder:
        source = Path(folder) / "body.pdf"
        source.write_bytes(pdf)
        crop = ["-r", "72", "-x", str(int(left) - 2), "-y", str(int(top) - 2), "-W", str(int(width) + 4), "-H", str(int(height) + 4)]
        text = subprocess.run(
            [program, "-q", "-enc", "UTF-8", *crop, str(source), "-"], check=True, capture_output=True, timeout=600,
        ).stdout.decode("utf-8", "replace")
    return ["".join(page.split()) for page in text.split("\f")[:-1]]  # every page ends with a form feed
