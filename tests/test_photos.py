"""Photographs: an editor puts two photographs of 2024 under data/sources/ (one straight from a
phone: turned by its EXIF orientation and carrying a GPS position) and names them in the year
file; the year page shows a gallery and the photograph beside its section, the Word file
carries both, and what readers get has no metadata. Hostile files are refused with file:line
and data/ stays as it was."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import sys
from pathlib import Path

import docx
import pytest
from PIL import ExifTags, Image

from conftest import FIXTURES, REPO, Project, add_to_year, make_project
from nianjian.check.load import load_archive
from nianjian.errors import DataInvalid

sys.path.insert(0, str(REPO / "scripts"))
from hostile_photos import png_claiming  # noqa: E402 (the bomb's front the measurement script makes too)

PHOTOS = """photos:
  - file: sources/食堂.jpg
    caption: 3月12日，机关新食堂投入使用
    date: 2024-03-12
    place: 机关大楼一层
    by: 张三 摄
    section: 用车-2024
    order: 2
  - file: sources/会议室.png
    caption: 改造后的会议室
    order: 1
"""


def phone_photo(path: Path) -> None:
    """A 1200 × 800 JPEG as a phone writes it held sideways: orientation 6 (turn 90° clockwise to
    view), a GPS position and the camera's make."""
    image = Image.new("RGB", (1200, 800), (200, 60, 40))
    image.paste((20, 90, 200), (0, 0, 600, 800))  # the left half blue: where it ends up shows the turn
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (39.0, 54.0, 27.0)
    image.save(path, "JPEG", exif=exif, quality=90)


def with_photos(data: Path, photos: str = PHOTOS) -> Path:
    (data / "sources").mkdir(exist_ok=True)
    phone_photo(data / "sources" / "食堂.jpg")
    Image.new("RGBA", (300, 200), (0, 128, 0, 128)).save(data / "sources" / "会议室.png")
    return add_to_year(data, 2024, photos)


@pytest.fixture(scope="module")
def photographed(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("photos") / "project", FIXTURES / "multi-year")
    with_photos(project.data)
    result = project.publish()
    assert result.returncode == 0, result.stderr
    return project


def built_images(page: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<img [^>]*>", page.split('id="附-图片专辑"', 1)[1])]


@pytest.mark.slow
def test_the_year_page_has_a_gallery_of_sized_lazy_responsive_photographs(photographed: Project) -> None:
    page = photographed.page("years/2024/")
    images = built_images(page)
    assert [image["alt"] for image in images] == ["改造后的会议室", "3月12日，机关新食堂投入使用"]  # album order
    room, canteen = images
    # The phone photograph stands upright: 800 wide, 1200 high, in variants of 480 and 800.
    assert (canteen["width"], canteen["height"]) == ("800", "1200") and canteen["loading"] == "lazy"
    assert [entry.split()[-1] for entry in canteen["srcset"].split(", ")] == ["480w", "800w"]
    assert (room["width"], room["height"]) == ("300", "200")
    for image in images:
        for entry in image["srcset"].split(", "):
            assert (photographed.site / "years" / "2024" / entry.split()[0]).resolve().is_file()
    assert "2024年3月12日 · 机关大楼一层 · 张三 摄" in page
    # Beside its section too, and a click opens the largest variant.
    section = page.split('id="用车-2024"', 1)[1].split("<h2", 1)[0]
    assert 'alt="3月12日，机关新食堂投入使用"' in section and 'title="查看原图"' in section


@pytest.mark.slow
def test_readers_get_no_metadata_and_the_photograph_turned_upright(photographed: Project) -> None:
    built = sorted((photographed.site / "photos").glob("*.jpg"))
    assert len(built) == 3  # 480 and 800 of the phone's, 300 of the PNG's
    for path in built:
        raw = path.read_bytes()
        with Image.open(path) as image:
            assert dict(image.getexif()) == {} and "exif" not in image.info and "icc_profile" not in image.info
        assert b"Exif" not in raw and b"PhoneMaker" not in raw and b"http://ns.adobe.com/xap" not in raw
    tall = [path for path in built if Image.open(path).size == (800, 1200)]
    assert len(tall) == 1
    with Image.open(tall[0]) as image:
        assert image.getpixel((400, 100))[2] > 150 and image.getpixel((400, 1100))[0] > 150  # blue on top after the turn
    originals = photographed.data / "sources" / "食堂.jpg"
    with Image.open(originals) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the original is untouched


@pytest.mark.slow
def test_the_word_file_carries_the_photographs_with_their_captions(photographed: Project) -> None:
    report = docx.Document(io.BytesIO((photographed.site / "downloads" / "report-2024.docx").read_bytes()))
    texts = [paragraph.text for paragraph in report.paragraphs]
    assert "附：图片专辑" in texts and "3月12日，机关新食堂投入使用（2024年3月12日，机关大楼一层，张三 摄）" in texts
    pictures = [part for part in report.part.package.iter_parts() if part.partname.startswith("/word/media/")]
    jpegs = [part.blob for part in pictures if part.blob.startswith(b"\xff\xd8")]
    assert len(jpegs) == 2 and all(b"Exif" not in blob for blob in jpegs)
    widths = [shape.width for shape in report.inline_shapes]
    assert widths and max(widths) <= docx.shared.Mm(156)


def test_a_photograph_is_resized_once_and_again_only_when_it_changes(tmp_path: Path) -> None:
    from nianjian.model import Photo
    from nianjian.render.formats.photos import PhotoShelf

    original = tmp_path / "p.jpg"
    phone_photo(original)
    shelf = PhotoShelf(tmp_path / "cache")
    first = shelf.set_of(Photo("sources/p.jpg", "说明"), original)
    stamps = {variant.file: variant.file.stat().st_mtime_ns for variant in first.variants}
    again = shelf.set_of(Photo("sources/p.jpg", "说明"), original)
    assert again == first and {variant.file: variant.file.stat().st_mtime_ns for variant in again.variants} == stamps
    Image.new("RGB", (640, 480), "white").save(original)
    changed = shelf.set_of(Photo("sources/p.jpg", "说明"), original)
    assert changed.variants[-1].site_path != first.variants[-1].site_path and changed.width == 640


HOSTILE = {
    "bomb.png": (png_claiming(30000, 30000), "像素"),
    "drawing.jpg": (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "不是 JPEG、PNG 或 WebP"),
    "program.jpg": (b"MZ\x90\x00" + b"\x00" * 200, "不是 JPEG、PNG 或 WebP"),
    "huge.jpg": (b"\xff\xd8\xff\xe0" + b"\x00" * (40 * 1024 * 1024), "超过 20 MB"),
    "vector.svg": (b"<svg/>", "只能是 JPEG、PNG 或 WebP"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_photograph_is_refused_with_file_and_line_and_data_is_unchanged(tmp_path: Path, name: str) -> None:
    content, says = HOSTILE[name]
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multi-year", data)
    (data / "sources" / name).write_bytes(content)
    path = with_photos(data, f"photos:\n  - file: sources/{name}\n    caption: 坏照片\n")
    before = {file: hashlib.sha256(file.read_bytes()).hexdigest() for file in data.rglob("*") if file.is_file()}
    line = path.read_text(encoding="utf-8").splitlines().index(f"  - file: sources/{name}") + 1
    with pytest.raises(DataInvalid) as caught:
        load_archive(data)
    [error] = caught.value.errors
    assert (error.file, error.line, error.field) == ("data/years/2024.yaml", line, "photos[0].file") and says in error.message, error
    assert {file: hashlib.sha256(file.read_bytes()).hexdigest() for file in data.rglob("*") if file.is_file()} == before


def test_a_photograph_outside_data_sources_is_refused_by_its_path(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multi-year", data)
    with_photos(data, "photos:\n  - file: sources/../../etc/passwd\n    caption: 越界\n")
    with pytest.raises(DataInvalid) as caught:
        load_archive(data)
    assert [error.field for error in caught.value.errors] == ["photos[0].file"]
