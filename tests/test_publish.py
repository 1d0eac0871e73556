"""`make build` (python -m nianjian.publish): concurrent builds take turns, a killed or failed
build never leaves site/ missing or half-written."""

from __future__ import annotations

import fcntl
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import FIXTURES, Project, make_project

WAITING = "另一个构建正在进行，等它结束后再构建"
REFUSED = "另一个构建正在进行，本次不构建"


def publish(project: Project, *args: str, output: int = subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "nianjian.publish", "--site-dir", "site", *args],
        cwd=project.root,
        stdout=output,
        stderr=output,
        text=True,
    )


def finish(process: subprocess.Popen) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=300)
    return process.returncode, stderr


def files(folder: Path) -> list[str]:
    """Sorted relative paths of every file under folder. The walk goes through directory
    descriptors opened once, so the listing is of one tree even if folder is swapped
    meanwhile (os.fwalk gives up, listing nothing, when the path changes under it)."""

    def walk(fd: int, prefix: str) -> list[str]:
        found = []
        with os.scandir(fd) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    child = os.open(entry.name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
                    try:
                        found += walk(child, f"{prefix}{entry.name}/")
                    finally:
                        os.close(child)
                else:
                    found.append(prefix + entry.name)
        return found

    top = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        return sorted(walk(top, ""))
    finally:
        os.close(top)


def leftovers(project: Project) -> list[str]:
    return sorted(path.name for path in project.root.iterdir() if path.name in (".site.new", ".site.old"))


def test_two_builds_at_once_leave_one_complete_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    code, stderr = finish(publish(project))
    assert code == 0, stderr
    clean_build = files(project.site)

    first, second = publish(project), publish(project)
    results = [finish(first), finish(second)]

    assert [code for code, _ in results] == [0, 0], results
    assert any(WAITING in stderr for _, stderr in results), "one of them is told to wait"
    assert files(project.site) == clean_build
    assert leftovers(project) == []


SWAPPER = """
import sys
from pathlib import Path
from nianjian.publish import swap_in
staging, site = Path(sys.argv[1]), Path(sys.argv[2])
print("ready", flush=True)
while True:
    swap_in(staging, site)
"""


def _tree(folder: Path, names: list[str]) -> list[str]:
    for name in [*names, "complete.txt"]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(name, encoding="utf-8")
    return files(folder)


def test_a_build_killed_at_any_instant_leaves_a_complete_site(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / ".site.new"
    old_tree = _tree(site, ["index.html", "years/2023/index.html", "assets/site.css"])
    new_tree = _tree(staging, ["index.html", "years/2024/index.html", "years/2023/index.html", "downloads/plans.csv"])
    seen = set()

    def check() -> None:
        assert (site / "complete.txt").exists()
        listing = files(site)
        assert listing in (old_tree, new_tree)
        seen.add(tuple(listing))

    rng = random.Random(2024)
    deadline = time.monotonic() + 4
    rounds = 0
    while time.monotonic() < deadline:
        swapper = subprocess.Popen([sys.executable, "-c", SWAPPER, str(staging), str(site)], stdout=subprocess.PIPE, text=True)
        assert swapper.stdout.readline() == "ready\n"
        kill_at = time.monotonic() + rng.uniform(0, 0.05)
        while time.monotonic() < kill_at:
            check()
        swapper.send_signal(signal.SIGKILL)
        swapper.wait()
        swapper.stdout.close()
        check()
        assert sorted([files(site), files(staging)]) == sorted([old_tree, new_tree]), "neither tree is lost"
        rounds += 1

    assert rounds >= 5
    assert len(seen) == 2, "the swaps really ran while we looked"


def test_next_build_waits_for_the_leftover_of_a_killed_build(tmp_path: Path) -> None:
    """`kill -9` on make build leaves its MkDocs running, still writing the staging folder:
    the next build waits for it instead of building into the same folder."""
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    killed = publish(project, output=subprocess.DEVNULL)  # a pipe would wait for the orphan too
    children = Path(f"/proc/{killed.pid}/task/{killed.pid}/children")
    deadline = time.monotonic() + 30
    while not children.read_text().strip():  # MkDocs has started
        assert time.monotonic() < deadline
        time.sleep(0.01)
    killed.send_signal(signal.SIGKILL)
    killed.wait()

    code, stderr = finish(publish(project))

    assert code == 0, stderr
    assert WAITING in stderr
    assert (project.site / "years" / "2024" / "index.html").is_file()
    assert leftovers(project) == []


def test_failed_build_leaves_the_last_site_untouched(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    code, stderr = finish(publish(project))
    assert code == 0, stderr
    before = {path: path.stat().st_mtime_ns for path in project.site.rglob("*") if path.is_file()}

    project.write("years/2025.yaml", 'year: "abc"\ntitle: 2025年工作总结\n')
    code, stderr = finish(publish(project))

    assert code != 0
    assert "Traceback" not in stderr
    assert "构建失败，site/ 保持上一次的内容" in stderr
    after = {path: path.stat().st_mtime_ns for path in project.site.rglob("*") if path.is_file()}
    assert after == before
    assert leftovers(project) == []


def test_second_build_refuses_with_no_wait_while_another_runs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    with open(project.root / ".site.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        code, stderr = finish(publish(project, "--no-wait"))

    assert code == 1
    assert REFUSED in stderr
    assert "Traceback" not in stderr
    assert not project.site.exists()
