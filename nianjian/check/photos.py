"""A photograph an editor names in a year file, checked before anything decodes it: a regular
file inside data/, at most MAX_PHOTO_BYTES, a JPEG, PNG or WebP by its first bytes (not its
name: an SVG or a program renamed .jpg is refused), and at most MAX_PHOTO_PIXELS (a small file
that would decode to gigabytes, a decompression bomb, is refused from its header alone)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

MAX_PHOTO_BYTES = 20 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000  # a 40-megapixel camera's picture; beyond is not a photograph to print
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
_SIGNATURES = {"JPEG": (b"\xff\xd8\xff",), "PNG": (b"\x89PNG\r\n\x1a\n",), "WEBP": (b"RIFF",)}


def _kind(head: bytes) -> str | None:
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    return next((kind for kind, starts in _SIGNATURES.items() if kind != "WEBP" and head.startswith(starts)), None)


def photo_problem(data_dir: Path, relative: str) -> str | None:
    """Why data/<relative> is not a photograph the build may use, in Chinese; None when it is."""
    path = data_dir / relative
    resolved = path.resolve()
    if data_dir.resolve() not in resolved.parents or not resolved.is_file():
        return f"照片 data/{relative} 不存在，或不在 data/ 里"
    if not relative.lower().endswith(PHOTO_SUFFIXES):
        return f"照片只能是 JPEG、PNG 或 WebP（{'、'.join(PHOTO_SUFFIXES)}），不能是 {Path(relative).suffix or '没有扩展名的文件'}"
    size = resolved.stat().st_size
    if size > MAX_PHOTO_BYTES:
        return f"照片有 {size / 1048576:.1f} MB，超过 {MAX_PHOTO_BYTES // 1048576} MB 的上限"
    with resolved.open("rb") as file:
        kind = _kind(file.read(16))
    if kind is None:
        return "文件内容不是 JPEG、PNG 或 WebP 图片（只是扩展名像）"
    try:
        with Image.open(resolved, formats=[kind]) as image:  # reads the header only
            width, height = image.size
    except Image.DecompressionBombError:
        return f"照片的像素远超 {MAX_PHOTO_PIXELS // 1_000_000} 百万像素的上限（解开要占用极多内存：多半是损坏或恶意的文件）"
    except (OSError, ValueError, SyntaxError) as exc:
        return f"图片无法读取（{type(exc).__name__}）"
    if width * height > MAX_PHOTO_PIXELS:
        return f"照片有 {width} × {height} 像素，超过 {MAX_PHOTO_PIXELS // 1_000_000} 百万像素的上限（多半是损坏或恶意的文件）"
    return None
