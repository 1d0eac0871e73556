"""Photographs as the site serves them: each original (checked by nianjian/check/photos.py) made
into JPEG variants 480, 960 and 1600 pixels wide (never wider than the original), turned upright
by its EXIF orientation and written without any metadata: no GPS position, camera serial or
editing history reaches a reader. The original under data/ is only read.

Variants are kept in the build's cache (.cache/nianjian/photos/) under the digest of the
original's bytes, so a photograph is resized once, when it changes; the site links them by that
digest (photos/<digest>-<width>.jpg), a name no data can choose."""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from nianjian.check.photos import MAX_PHOTO_PIXELS
from nianjian.files import write_atomically
from nianjian.model import Photo

PHOTO_WIDTHS = (480, 960, 1600)
PHOTOS_DIR = "photos"
_QUALITY = 82
# Part of every variant's name: a change to how variants are made makes new ones.
_RECIPE = f"v2-q{_QUALITY}-{'-'.join(map(str, PHOTO_WIDTHS))}"


@dataclass(frozen=True)
class PhotoVariant:
    width: int
    height: int
    site_path: str  # photos/<digest>-<width>.jpg
    file: Path  # the variant in the cache


@dataclass(frozen=True)
class PhotoSet:
    photo: Photo
    width: int  # upright, of the largest variant
    height: int
    variants: tuple[PhotoVariant, ...]  # narrowest first

    @property
    def largest(self) -> PhotoVariant:
        return self.variants[-1]

    @property
    def for_page(self) -> PhotoVariant:
        """The variant a page shows before srcset chooses: the middle one."""
        return self.variants[min(1, len(self.variants) - 1)]


class PhotoShelf:
    """Makes (or finds) the variants of each photograph, in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # Each original's digest, read once while the file stays as it was (its time and size).
        self._digests: dict[tuple[Path, int, int], str] = {}

    def _digest(self, original: Path) -> str:
        stat = original.stat()
        key = (original, stat.st_mtime_ns, stat.st_size)
        if key not in self._digests:
            self._digests[key] = hashlib.sha256(_RECIPE.encode() + original.read_bytes()).hexdigest()[:20]
        return self._digests[key]

    def _kept_sizes(self, digest: str) -> list[list[int]] | None:
        sizes_file = self.folder / f"{digest}.json"
        sizes = json.loads(sizes_file.read_text()) if sizes_file.is_file() else None
        if sizes and all((self.folder / f"{digest}-{width}.jpg").is_file() for width, _ in sizes):
            return sizes
        return None

    def prepare(self, originals: list[Path], workers: int | None = None) -> None:
        """Makes the variants of every photograph not in the cache yet, several at a time: a
        fresh clone's first build resizes them all (500 photographs took 46 s on one core)."""
        missing = [original for original in dict.fromkeys(originals) if self._kept_sizes(self._digest(original)) is None]
        workers = min(workers or os.cpu_count() or 1, len(missing) // _PHOTOS_PER_WORKER)
        if workers < 2:
            return  # set_of makes the few there are
        # spawn, not fork: `mkdocs serve` runs threads, which a forked child must not inherit.
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            list(pool.map(make_variants, [self.folder] * len(missing), missing, [self._digest(original) for original in missing]))

    def set_of(self, photo: Photo, original: Path) -> PhotoSet:
        digest = self._digest(original)
        sizes = self._kept_sizes(digest)
        if sizes is None:
            sizes = make_variants(self.folder, original, digest)
        variants = tuple(
            PhotoVariant(width, height, f"{PHOTOS_DIR}/{digest}-{width}.jpg", self.folder / f"{digest}-{width}.jpg") for width, height in sizes
        )
        return PhotoSet(photo, variants[-1].width, variants[-1].height, variants)


# Starting a worker process costs about as much as resizing a few photographs.
_PHOTOS_PER_WORKER = 4


def make_variants(folder: Path, original: Path, digest: str) -> list[list[int]]:
    """Writes the variants of one photograph into `folder` and the record of their sizes; returns
    the sizes, [[width, height], …] narrowest first."""
    with Image.open(io.BytesIO(original.read_bytes())) as opened:
        if opened.width * opened.height > MAX_PHOTO_PIXELS:  # checked before; a second guard where it is decoded
            raise ValueError(f"photo of {opened.width} x {opened.height} pixels")
        # A JPEG is decoded at the smallest of 1/1, 1/2, 1/4, 1/8 that still covers the widest
        # variant either way up: a 39 MP photograph took 376 MiB and 1.8 s decoded whole.
        opened.draft("RGB", (PHOTO_WIDTHS[-1], PHOTO_WIDTHS[-1]))
        upright = ImageOps.exif_transpose(opened)
        image = upright.convert("RGB") if upright.mode != "RGB" else upright
        if "A" in upright.mode:  # a transparent PNG on white, not black
            image = Image.new("RGB", upright.size, "white")
            image.paste(upright, mask=upright.getchannel("A"))
    widths = [width for width in PHOTO_WIDTHS if width < image.width] + [min(image.width, PHOTO_WIDTHS[-1])]
    sizes = []
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS) if width != image.width else image
        output = io.BytesIO()
        resized.save(output, "JPEG", quality=_QUALITY, optimize=True, progressive=True)  # no exif=, no icc: no metadata
        write_atomically(folder / f"{digest}-{width}.jpg", output.getvalue())
        sizes.append([width, height])
    write_atomically(folder / f"{digest}.json", json.dumps(sizes).encode())
    return sizes
