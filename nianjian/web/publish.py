"""`python -m nianjian.web.publish [--site-dir site] [--config mkdocs.yml]`: what `make build` runs;
`python -m nianjian.web.publish --from site --site-dir /srv/www/nianjian`: what the publish workflow
runs to put a built site in the intranet web server's folder.

Builds with `mkdocs build --strict` into a staging folder next to site/, adds the years' Word
documents (nianjian.paper.word_documents), and swaps it in only when all of it succeeded, so at every
instant site/ holds either the last complete site or the new complete one:

- an exclusive lock (`.site.lock` beside site/) makes concurrent builds take turns;
- the swap is one atomic renameat2(RENAME_EXCHANGE), so even `kill -9` cannot leave site/
  missing or half-written; leftovers of a killed build are removed by the next one;
- nothing is written through a symbolic link: a link at the lock or at site/ (committed to
  the repository, say, pointing outside the project) is refused with a message before
  anything is touched, a link at `.site.new` or `.site.old` is removed, never followed, and a
  site to publish (`--from`) may not be or contain a link.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

from nianjian.arguments import ChineseArgumentParser
from nianjian.errors import format_report, program_error
from nianjian.escaping import terminal_line
from nianjian.urls import CACHE_DIR, CACHE_LINK_REFUSED, UnsafePath, inside
from nianjian.check.edition import EDITIONS, ENVIRONMENT as EDITION_VARIABLE, INTERNAL, PUBLIC, UnknownEdition, edition_from_environment
from nianjian.paper.word_documents import write_word_documents

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_SITE_LINK = "不替换它，也不写入它指向的文件夹；请在 --site-dir 写出真实的文件夹，或删除这个链接"


def staging_dir(site_dir: Path) -> Path:
    """Where a build is written before it is swapped in: `.site.new` beside `site`."""
    return site_dir.with_name(f".{site_dir.name}.new")


def _old_dir(site_dir: Path) -> Path:
    """Where the fallback swap parks the previous site for a moment."""
    return site_dir.with_name(f".{site_dir.name}.old")


def lock_path(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.lock")


class LinkRefused(Exception):
    """A path the build or the copy would write through, or publish, is a symbolic link."""


def _refuse_link(path: Path, what: str) -> None:
    """Following a link there could write, or publish, something outside the project or the
    web server's folder, and replacing it could undo an administrator's setup: say so instead."""
    if os.path.islink(path):
        raise LinkRefused(f"{path} 是符号链接（指向 {os.readlink(path)}），{what}")


def _real_dir(path: Path) -> bool:
    """A folder, not a link to one."""
    return path.is_dir() and not path.is_symlink()


def _exchange(first: Path, second: Path) -> bool:
    """Atomically exchange two paths. False when this system cannot (not Linux, old libc,
    or a file system without RENAME_EXCHANGE)."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def swap_in(new_dir: Path, site_dir: Path) -> None:
    """Put the tree at new_dir at site_dir. Afterwards new_dir holds the previous site, if
    there was one; the caller deletes it."""
    if not os.path.lexists(site_dir):
        os.rename(new_dir, site_dir)  # nothing to replace: a plain rename is atomic
        return
    if _exchange(new_dir, site_dir):
        return
    # Fallback without RENAME_EXCHANGE: between these two renames site/ is briefly missing
    # (a tiny window, but a crash right there leaves the site at `.site.old`).
    old = _old_dir(site_dir)
    _remove(old)
    os.rename(site_dir, old)
    os.rename(new_dir, site_dir)
    os.rename(old, new_dir)


def _remove(path: Path) -> None:
    """Delete a folder or file; a symbolic link is removed itself, never what it points to."""
    if _real_dir(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def _lock(site_dir: Path, wait: bool) -> int | None:
    """The descriptor holding the build lock, or None when another build holds it and we
    may not wait. The kernel drops the lock when the process ends, even on `kill -9`."""
    path = lock_path(site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    _refuse_link(path, "构建不会通过它写文件；确认后删除这个链接再运行")
    # O_NOFOLLOW: a link put there after the check is refused (ELOOP) too, never created through.
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return fd
    except BlockingIOError:
        if not wait:
            os.close(fd)
            return None
    print("另一个构建正在进行，等它结束后再构建……", file=sys.stderr, flush=True)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def publish(site_dir: Path, config: Path, *, wait: bool = True, edition: str = INTERNAL) -> int:
    """Build and swap in; the exit code for the shell. `edition`: 内部 or 公开 (nianjian/check/edition.py)."""
    site_dir = Path(os.path.abspath(site_dir))  # mkdocs resolves relative paths from the config's folder
    _refuse_link(site_dir, _SITE_LINK)
    fd = _lock(site_dir, wait)
    if fd is None:
        print("另一个构建正在进行，本次不构建（去掉 --no-wait 则等待它结束）。", file=sys.stderr)
        return 1
    staging = staging_dir(site_dir)
    try:
        # We hold the lock, so these can only be leftovers of a killed build. A fallback swap
        # killed between its renames left the last site at `.site.old`: put it back first.
        old = _old_dir(site_dir)
        if not os.path.lexists(site_dir) and _real_dir(old):
            os.rename(old, site_dir)
        _remove(old)
        _remove(staging)
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(staging)],
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", EDITION_VARIABLE: edition},
            # MkDocs shares the lock: if this process is killed, the orphaned MkDocs still
            # writes into staging, and the next build must wait until it has finished.
            pass_fds=(fd,),
        )
        if result.returncode != 0:
            print(f"构建失败，{site_dir.name}/ 保持上一次的内容。", file=sys.stderr)
            return result.returncode if result.returncode > 0 else 1
        project = Path(os.path.abspath(config)).parent
        if problems := write_word_documents(project / "data", staging, inside(project, CACHE_DIR), edition=edition):
            print(format_report(problems), file=sys.stderr)  # data changed since the build checked it
            return 1
        swap_in(staging, site_dir)
    finally:
        _remove(staging)  # the old site after a swap, or a failed build's partial output
        os.close(fd)
    print(f"网站已更新：{site_dir}")
    return 0


def install(built: Path, site_dir: Path) -> int:
    """Copy an already built site (`built`, e.g. the CI's site/) to `site_dir`, the web server's
    folder, swapped in whole as a build is: readers see the old site or the new one, never a
    mix, and a site that is not complete is refused before anything is touched. A link in the
    built site would be copied as a link and served from wherever it points, so a site with
    one is refused too."""
    _refuse_link(built, "不发布它；请写出已构建网站的真实文件夹")
    if link := _first_link(built):
        raise LinkRefused(f"{built} 里的 {link} 是符号链接，不发布（它会让 Web 服务器提供网站以外的文件）；{site_dir} 保持原样")
    if not (built / "index.html").is_file() or not (built / "search" / "search_index.json").is_file():
        print(f"{built} 不是完整构建的网站（缺少 index.html 或搜索索引），{site_dir} 保持原样。", file=sys.stderr)
        return 1
    site_dir = Path(os.path.abspath(site_dir))
    _refuse_link(site_dir, _SITE_LINK)
    fd = _lock(site_dir, wait=True)
    staging = staging_dir(site_dir)
    try:
        _remove(staging)
        shutil.copytree(built, staging, symlinks=True)
        swap_in(staging, site_dir)
    finally:
        _remove(staging)  # the previous site after the swap, or a copy cut short
        os.close(fd)
    print(f"网站已发布到：{site_dir}")
    return 0


def _first_link(folder: Path) -> Path | None:
    """The first symbolic link inside folder (relative to it), or None."""
    for parent, folders, names in os.walk(folder):
        for name in folders + names:
            if os.path.islink(os.path.join(parent, name)):
                return Path(parent, name).relative_to(folder)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(
        prog="python -m nianjian.web.publish",
        description="构建网站并整体替换 site/：构建失败或中途被终止时 site/ 保持上一次的完整内容。",
    )
    parser.add_argument("--site-dir", type=Path, default=Path("site"), metavar="文件夹", help="输出文件夹（默认 site）")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="文件", help="MkDocs 配置文件（默认 mkdocs.yml）")
    parser.add_argument("--no-wait", action="store_true", help="已有构建在进行时不等待，直接退出（退出码 1）")
    parser.add_argument(
        "--edition", choices=EDITIONS, default=None, metavar="版本",
        help=f"{INTERNAL}（默认，全部内容）或 {PUBLIC}（不含标为内部的内容）；不写时取环境变量 {EDITION_VARIABLE}",
    )
    parser.add_argument(
        "--from", dest="built", type=Path, metavar="文件夹",
        help="不构建，把这个已构建好的网站文件夹整体换到 --site-dir（发布到内网服务器）",
    )
    args = parser.parse_args(argv)
    try:
        if args.built is not None:
            return install(args.built, args.site_dir)
        return publish(args.site_dir, args.config, wait=not args.no_wait, edition=args.edition or edition_from_environment())
    except UnknownEdition as unknown:
        print(unknown, file=sys.stderr)
        return 2
    except LinkRefused as refused:
        print(terminal_line(f"{refused}。"), file=sys.stderr)  # a link's target is anything a commit wrote
        return 1
    except UnsafePath:
        print(CACHE_LINK_REFUSED, file=sys.stderr)
        return 1
    except OSError as error:
        where = " → ".join(str(name) for name in (error.filename, error.filename2) if name)
        print(f"发布网站时出错：{error.strerror or error}" + (f"（{where}）" if where else ""), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已取消构建，网站保持上一次的内容。", file=sys.stderr)
        return 130
    except Exception as exc:  # no check foresaw it: one line, the last complete site kept
        print(program_error(exc, "构建或发布网站"), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
