"""Every name that comes from data and becomes part of a URL or a file path goes through here.

Tags, ids and file names are typed by editors; a tag like `../../x` or `javascript:…` must
never become a path outside the site or a live link. `slug` is the one function that turns
such text into a URL segment (and file name); `inside` is the one check that a path derived
from data stays in the folder it is written to; `link_problem` is the one rule for links
and images written in data Markdown; `href` makes every site link relative to its page
(`file_href` when the path is a file name taken whole, `#` included); `printed_link` is the one
rule for the links a printed PDF keeps.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from pathlib import Path
from urllib.parse import quote, unquote


class UnsafePath(ValueError):
    """A path derived from data would leave the folder it is written to."""


SLUG_MAX_CHARACTERS = 40
# Names MkDocs or the site give a meaning of their own: a tag called `index` would replace
# the tags index page.
_RESERVED_SLUGS = {"index", "assets", "downloads", "search", "sources"}
_NOT_SLUG = re.compile(r"[^\w\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# Browsers drop tabs and newlines anywhere in a URL and C0 controls/spaces at its ends
# (WHATWG URL standard), so `java\tscript:` is a javascript: URL to them.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_FILE_NAME_UNSAFE = re.compile(r"[^\w\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff08\uff09().\-]+")
FILE_NAME_MAX_CHARACTERS = 80


def slug(text: str) -> str | None:
    """A tag or other editor text as one URL segment and file name: letters, digits, Chinese
    characters and `-`, at most SLUG_MAX_CHARACTERS long. None when nothing safe is left, the
    text is too long, or the result is a reserved name — callers report that as a data error."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    result = _NOT_SLUG.sub("-", folded).replace("_", "-").strip("-")
    result = re.sub(r"-{2,}", "-", result)
    if not result or len(result) > SLUG_MAX_CHARACTERS or result in _RESERVED_SLUGS:
        return None
    return result


def page_slug(text: str) -> str:
    """`slug` for text that validation has already accepted; refusing here means a renderer
    was handed unvalidated data."""
    result = slug(text)
    if result is None:
        raise UnsafePath(text)
    return result


def file_name(name: str) -> str:
    """A file name from outside (an imported report) made safe to keep under data/sources/ and
    to link to: no folders, no leading dot, no characters that need escaping in a URL apart
    from Chinese, bounded length."""
    stem, suffix = posixpath.splitext(Path(name).name)
    suffix = _FILE_NAME_UNSAFE.sub("", suffix.lower())[:10]
    clean = _FILE_NAME_UNSAFE.sub("-", unicodedata.normalize("NFKC", stem)).strip("-.") or "source"
    return clean[: FILE_NAME_MAX_CHARACTERS - len(suffix)] + suffix


_URL_UNSAFE = re.compile(r"[^A-Za-z0-9/.\-_~()\u0080-\U0010ffff]")


def link_href(path: str) -> str:
    """A site-relative path as it goes into an href: ASCII that means something in a URL
    (space, %, #, ?, quotes …) percent-encoded; Chinese kept readable (browsers encode it)."""
    return _URL_UNSAFE.sub(lambda match: quote(match.group(), safe=""), path)


def check_relative(relative: str) -> str:
    """A relative path of plain segments (no `..`, `.`, empty, absolute or backslash parts,
    no control characters, each segment short enough for any file system)."""
    parts = relative.split("/")
    if (
        not relative
        or "\\" in relative
        or any(ord(character) < 0x20 for character in relative)
        or any(part in ("", ".", "..") or len(part.encode("utf-8")) > 200 for part in parts)
    ):
        raise UnsafePath(relative)
    return relative


# Kept between builds, under the project (Word documents, search-word cuts); never followed out
# of it (a link there is refused by inside()).
CACHE_DIR = ".cache/nianjian"
CACHE_LINK_REFUSED = f"{CACHE_DIR} 是指向项目以外的链接，构建不会写到那里；删除这个链接（它不应提交到仓库）"


def inside(root: Path, relative: str) -> Path:
    """`root / relative`, refusing anything that is absolute, climbs out with `..`, or is
    empty. Every file written from data (pages, downloads, copied sources) goes through this."""
    check_relative(relative)
    target = (root / relative).resolve()
    if root.resolve() not in target.parents:
        raise UnsafePath(relative)
    return root / relative


def link_problem(url: str, page_path: str | None) -> str | None:
    """Why a link or image written in data Markdown on the page at `page_path` (a site URL
    path such as "years/2024/") may not be published, or None when it is fine: data may link
    only inside the site (relative links that do not climb above its root) or to `mailto:`.
    With `page_path` None the climb is not checked (the page is not known)."""
    cleaned = _URL_IGNORED.sub("", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                              "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    if any(ord(character) < 0x20 for character in cleaned):
        return "链接里有控制字符"
    if cleaned.lower().startswith("mailto:"):
        return None
    if _SCHEME.match(cleaned):
        return f"链接指向站外（{cleaned.split(':', 1)[0].lower()}: 开头）"
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return "链接指向其他服务器（以 // 开头）"
    if cleaned.startswith(("/", "\\")):
        return "链接以 / 开头，网站放在内网服务器的子目录下时会指到网站以外"
    path = cleaned.split("#", 1)[0].split("?", 1)[0].replace("\\", "/")
    if not path or page_path is None:
        return None
    depth = len([part for part in page_path.split("/") if part])
    resolved = posixpath.normpath(posixpath.join("/".join(["d"] * depth), path))
    if resolved == ".." or resolved.startswith("../"):
        return "链接向上超出了网站的根目录"
    return None


# The reports' original files and the pictures their texts show: data/sources/ → site sources/.
SOURCES_DIR = "sources"


def site_path_of(url: str, page_path: str) -> str | None:
    """The site path a relative link or image on the page at `page_path` ("years/2024/") leads
    to ("sources/photo.jpg"), as the browser resolves it; None for anything else (a mailto:,
    an anchor on the page, a path above the site's root)."""
    if link_problem(url, page_path) is not None or url.lower().startswith("mailto:") or url.startswith("#"):
        return None
    path = unquote(url.split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")
    resolved = posixpath.normpath(posixpath.join(page_path, path))
    return None if resolved in (".", "") or resolved.startswith("..") else resolved


# Where each generated page lives. Pages are named by their Markdown path under docs/ (what
# MkDocs takes); links are site paths ("years/2024/") made relative to the linking page by
# `href`, so no renderer needs to know how deep its page sits.
def year_page(year: int) -> str:
    return f"years/{year}.md"


def area_page(key: str) -> str:
    return f"areas/{page_slug(key)}.md"


def tag_page(tag: str) -> str:
    return f"tags/{page_slug(tag)}.md"


HOME_PAGE = "index.md"
YEARS_PAGE = "years/index.md"
AREAS_PAGE = "areas/index.md"
TAGS_PAGE = "tags/index.md"
PLANS_PAGE = "plans/index.md"
PROBLEMS_PAGE = "problems/index.md"
COMPARE_PAGE = "compare/index.md"
EVENTS_PAGE = "events/index.md"
ABOUT_PAGE = "about/index.md"
INDEX_PAGE = "terms/index.md"  # the subject index (索引)
HONOURS_PAGE = "honours/index.md"
BOARD_PAGE = "board/index.md"  # 组稿与审核, internal edition only
DOWNLOADS_DIR = "downloads"

# Fixed anchors of a year page's generated parts; they cannot collide with the report's own
# headings, whose anchors never start with 附.
ACHIEVEMENTS_ANCHOR = "附-主要成绩一览"
OUTCOMES_ANCHOR = "附-上年目标落实情况"
PROBLEMS_ANCHOR = "附-存在问题"
EVENTS_ANCHOR = "附-大事记"
PHOTOS_ANCHOR = "附-图片专辑"
ATTACHMENTS_ANCHOR = "附-附件"
HONOURS_ANCHOR = "附-荣誉"
PLANS_ANCHOR = "附-明年工作思路"
CHARTS_ANCHOR = "附-统计图表"
HISTORY_ANCHOR = "附-修订记录"


def page_url(page: str) -> str:
    """The site path a Markdown page is served at (use_directory_urls): years/2024.md →
    years/2024/, years/index.md → years/, index.md → ""."""
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def achievements_anchor(area_key: str) -> str:
    """The anchor of a work area's achievement table on a year page."""
    return f"成绩-{area_key}"


def year_url(year: int, anchor: str | None = None) -> str:
    return page_url(year_page(year)) + (f"#{anchor}" if anchor else "")


def area_url(key: str) -> str:
    return page_url(area_page(key))


def tag_url(tag: str) -> str:
    return page_url(tag_page(tag))


def download_path(table_id: str, extension: str) -> str:
    """Where a table's download is written, e.g. downloads/plans.csv."""
    return f"{DOWNLOADS_DIR}/{table_id}.{extension}"


def report_path(year: int, extension: str, *, formal: bool = False) -> str:
    """Where a year's report on paper is written: downloads/report-2024.docx (every build) or
    .pdf (`make pdf`); its formal edition (正式文本) downloads/report-2024-formal.docx / .pdf."""
    return download_path(f"report-{year}" + ("-formal" if formal else ""), extension)


# The whole 年鉴 as one printed volume (`make pdf`).
VOLUME_PATH = download_path("volume", "pdf")


def year_volume_path(year: int) -> str:
    """Where a year's own volume (年卷, `make pdf`) is written: downloads/volume-2024.pdf."""
    return download_path(f"volume-{year}", "pdf")


def href(target: str, from_page: str) -> str:
    """A site path (optionally with #anchor) as a link from the Markdown page `from_page`."""
    path, _, anchor = target.partition("#")
    fragment = f"#{link_href(anchor)}" if anchor else ""
    if path == page_url(from_page):
        return fragment or "./"
    return file_href(path, from_page) + fragment


def file_href_from_url(path: str, here: str) -> str:
    """`file_href` from the page at the site folder `here` ("years/2024/")."""
    return link_href(_relative(path, here) or "./")


def file_href(path: str, from_page: str) -> str:
    """A site path taken whole, every character part of the name (a `#` or `?` in a file name
    under sources/ is not an anchor or a query), as a link from the Markdown page `from_page`."""
    return link_href(_relative(path, page_url(from_page)) or "./")


def _relative(path: str, here: str) -> str:
    """The site path `path` relative to the site folder `here` ("years/2024/"); "" for `here` itself."""
    # Plain string work (posixpath.relpath asks the OS for the working directory each call).
    here_parts = [part for part in here.split("/") if part]
    target_parts = path.split("/")
    common = 0
    while common < min(len(here_parts), len(target_parts) - 1) and here_parts[common] == target_parts[common]:
        common += 1
    return "../" * (len(here_parts) - common) + "/".join(target_parts[common:])


_PRINTABLE_ASCII = re.compile(r"[!-~]+")
_PATH_AND_REST = re.compile(r"([^?#]*)(.*)")


def printed_link(uri: str, served: str, pdf_path: str, site_url: str | None) -> str | None:
    """A link as Chromium printed it into a PDF (absolute, on the print run's own server
    `served`, e.g. "http://127.0.0.1:41234/") as it may stay in the PDF published at the site
    path `pdf_path` ("downloads/volume.pdf"): under `site_url`, the site's configured address,
    when there is one (the link then works from a PDF saved anywhere), else relative to the
    PDF's folder (it works wherever the site is served); `mailto:` as it is. None for
    anything else — another server or scheme, a path leaving the site: the PDF drops that link.
    Data decides where links point, so this is the one rule for every link a PDF keeps."""
    if not _PRINTABLE_ASCII.fullmatch(uri):  # a PDF's URI is 7-bit ASCII; Chromium percent-encodes
        return None
    if uri.lower().startswith("mailto:"):
        return uri
    base = site_url if site_url is None or site_url.endswith("/") else site_url + "/"
    site_path = next((uri[len(prefix):] for prefix in (served, base) if prefix and uri.startswith(prefix)), None)
    if site_path is None:
        return None
    path, rest = _PATH_AND_REST.fullmatch(site_path).groups()
    if path.startswith("/") or "\\" in path or any(part in (".", "..") for part in path.split("/")):
        return None
    if base:
        return base + path + rest
    return (_relative(path, posixpath.dirname(pdf_path) + "/") or "./") + rest
