"""Each year file's history from git (修订记录): date, author and message of the commits that
changed it, newest first, at most HISTORY_PER_YEAR a year, from one `git log` over data/years/
(one process whatever the number of years). A build outside a git work tree, or without git,
has no history and says so; a shallow clone (a CI checkout) has only its last commits."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

HISTORY_PER_YEAR = 20
_COMMITS_READ = 2000  # the newest commits that touched data/years/: the history read is bounded
_FIELD, _RECORD = "\x1f", "\x1e"


@dataclass(frozen=True)
class Revision:
    date: str  # 2025-01-20
    author: str
    message: str  # the commit's subject line


@dataclass(frozen=True)
class History:
    """The years' histories, or why there are none (`missing`, in Chinese)."""

    by_year: dict[int, tuple[Revision, ...]]
    missing: str = ""
    shallow: bool = False  # only the last commits were cloned


def _git(project_dir: Path, *arguments: str) -> str | None:
    program = shutil.which("git")
    if program is None:
        return None
    try:
        result = subprocess.run([program, "-C", str(project_dir), *arguments], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else None


def year_histories(data_dir: Path) -> History:
    project_dir = data_dir.resolve().parent
    top = _git(project_dir, "rev-parse", "--show-toplevel")
    if top is None:
        return History({}, "构建时没有 git 历史（不在 git 仓库里，或没有安装 git），没有修订记录")
    shallow = (_git(project_dir, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    log = _git(
        project_dir, "log", f"-n{_COMMITS_READ}", "--no-merges", "--date=short", f"--format={_RECORD}%ad{_FIELD}%an{_FIELD}%s", "--name-only",
        "--", str((data_dir / "years").resolve()),
    )
    if log is None:
        return History({}, "读不出 git 历史，没有修订记录")
    by_year: dict[int, list[Revision]] = {}
    for record in log.split(_RECORD)[1:]:
        header, _, names = record.partition("\n")
        date, author, message = (header.split(_FIELD) + ["", ""])[:3]
        revision = Revision(date.strip(), author.strip()[:80], message.strip()[:200])
        for name in names.split():
            stem = name.rsplit("/", 1)[-1].removesuffix(".yaml")
            if name.endswith(".yaml") and stem.isdigit() and len(stem) == 4:
                kept = by_year.setdefault(int(stem), [])
                if len(kept) < HISTORY_PER_YEAR:
                    kept.append(revision)
    return History({year: tuple(revisions) for year, revisions in by_year.items()}, shallow=shallow)
