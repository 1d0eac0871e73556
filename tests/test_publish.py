"""`make build` (python -m nianjian.web.publish): concurrent builds take turns, a killed or failed
build never leaves site/ missing or half-written."""

from __future__ import annotations

import pytest

import fcntl
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import FIXTURES, Project, make_project

# Whole-site builds and swaps, some killed on purpose.
pytestmark = [pytest.mark.slow]

WAITING = "另一个构建正在进行，等它结束后再构建"
REFUSED = "另一个构建正在进行，本次不构建"


def publish(project: Project, *args: str, output: int = subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "nianjian.web.publish", "--site-dir", "site", *args],
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
from nianjian.web.publish import swap_in

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

    # Rounds are counted, not timed: a loaded machine makes fewer rounds in a given time. Eight
    # kills at least, and on until both trees have been seen (a swap really ran while we looked).
    rng = random.Random(2024)
    rounds = 0
    while rounds < 8 or (len(seen) < 2 and rounds < 200):
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


def test_a_built_site_is_published_to_the_web_servers_folder_whole(tmp_path: Path) -> None:
    """The publish workflow's last step: the built site/ replaces the served folder in one swap;
    an incomplete site (a build that failed half way) is refused and the served site stays."""
    from nianjian.web.publish import main as publish_main

    built = tmp_path / "site"
    (built / "search").mkdir(parents=True)
    (built / "index.html").write_text("新网站", encoding="utf-8")
    (built / "search" / "search_index.json").write_text("{}", encoding="utf-8")
    served = tmp_path / "www" / "nianjian"
    served.mkdir(parents=True)
    (served / "index.html").write_text("旧网站", encoding="utf-8")
    (served / "stale.html").write_text("已删除的页面", encoding="utf-8")
    assert publish_main(["--from", str(built), "--site-dir", str(served)]) == 0
    assert (served / "index.html").read_text(encoding="utf-8") == "新网站"
    assert not (served / "stale.html").exists()  # the whole folder is the new site
    assert sorted(path.name for path in served.parent.iterdir()) == [".nianjian.lock", "nianjian"]  # nothing left beside it

    (built / "search" / "search_index.json").unlink()  # a build cut short
    (built / "index.html").write_text("半个网站", encoding="utf-8")
    assert publish_main(["--from", str(built), "--site-dir", str(served)]) == 1
    assert (served / "index.html").read_text(encoding="utf-8") == "新网站"


def test_the_publish_workflow_stays_inside_the_intranet_unless_pages_is_switched_on() -> None:
    """.github/workflows/publish.yml: the intranet copy is the default target; every GitHub Pages
    step and job runs only when the variable NIANJIAN_GITHUB_PAGES is "true"."""
    import yaml

    from conftest import REPO

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert "pages" not in workflow["permissions"]  # no write access to Pages unless its job runs
    steps = workflow["jobs"]["build"]["steps"]
    names = [step.get("name", step.get("uses", "")) for step in steps]
    copy = next(step for step in steps if "nianjian.web.publish --from site" in step.get("run", ""))
    assert copy["if"] == "${{ vars.NIANJIAN_PUBLISH_DIR != '' }}"
    # After the strict build and the PDFs: a failed step stops the job before the copy.
    assert names.index("Build (strict)") < names.index(copy["name"]) and any("PDF" in name for name in names[: names.index(copy["name"])])
    # The site's address reaches the build and make pdf alike (it builds again and links the PDFs
    # under it): set once for every later step, never exported inside one step only.
    address = next(index for index, step in enumerate(steps) if "NIANJIAN_SITE_URL=" in step.get("run", ""))
    assert '>> "$GITHUB_ENV"' in steps[address]["run"]
    assert address < names.index("Build (strict)") and all("export NIANJIAN_SITE_URL" not in step.get("run", "") for step in steps)
    pages_steps = [step for step in steps if "pages" in step.get("uses", "")]
    assert pages_steps and all(step["if"] == "${{ vars.NIANJIAN_GITHUB_PAGES == 'true' }}" for step in pages_steps)
    # The public internet gets the public edition only (nothing marked internal: test_editions.py),
    # built into its own folder; so does the folder named by NIANJIAN_PUBLIC_DIR.
    public = next(step for step in steps if "EDITION=公开" in step.get("run", ""))
    assert "SITE_DIR=site-public" in public["run"] and "NIANJIAN_GITHUB_PAGES" in public["if"] and "NIANJIAN_PUBLIC_DIR" in public["if"]
    assert [step["with"]["path"] for step in steps if "upload-pages-artifact" in step.get("uses", "")] == ["site-public/"]
    public_copy = next(step for step in steps if "--from site-public" in step.get("run", ""))
    assert public_copy["if"] == "${{ vars.NIANJIAN_PUBLIC_DIR != '' }}" and names.index(public["name"]) < names.index(public_copy["name"])
    for name, job in workflow["jobs"].items():
        if any("pages" in step.get("uses", "") for step in job["steps"]) and name != "build":
            assert job["if"] == "${{ vars.NIANJIAN_GITHUB_PAGES == 'true' }}", name


def test_a_lock_that_is_a_link_to_outside_the_project_is_refused_and_nothing_is_created_there(tmp_path: Path) -> None:
    """A `.site.lock` committed as a dangling symbolic link: opening it to lock would create
    the file it names, anywhere the build may write. The build refuses before touching anything."""
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    outside = tmp_path / "outside" / "planted\x1b[2J"  # a link's target may carry terminal controls
    outside.parent.mkdir()
    (project.root / ".site.lock").symlink_to(outside)

    code, stderr = finish(publish(project))

    assert code == 1 and "Traceback" not in stderr and "\x1b" not in stderr and "planted\\x1b[2J" in stderr
    assert "/.site.lock 是符号链接（指向 " in stderr and "构建不会通过它写文件" in stderr, stderr
    assert not os.path.lexists(outside)
    assert not project.site.exists()
    assert (project.root / ".site.lock").is_symlink()  # left for a person to look at


def test_leftover_links_beside_site_are_removed_not_followed(tmp_path: Path) -> None:
    """`.site.new` and `.site.old` are names of our own leftovers: a link there is deleted,
    what it points to is untouched, and a `.site.old` link is never put back as site/ (where
    a failed build would have left it, and make pdf written through it)."""
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    outside = tmp_path / "outside"
    (outside / "new").mkdir(parents=True)
    (outside / "old").mkdir()
    (outside / "new" / "keep.txt").write_text("外面的文件", encoding="utf-8")
    (outside / "old" / "index.html").write_text("外面的网站", encoding="utf-8")
    (project.root / ".site.new").symlink_to(outside / "new")
    (project.root / ".site.old").symlink_to(outside / "old")
    project.write("years/2025.yaml", 'year: "abc"\ntitle: 2025年工作总结\n')  # this build fails

    code, stderr = finish(publish(project))

    assert code != 0 and "构建失败" in stderr and "Traceback" not in stderr
    assert not os.path.lexists(project.site)
    assert leftovers(project) == []
    assert files(outside) == ["new/keep.txt", "old/index.html"]


def _built_site(folder: Path, text: str) -> Path:
    (folder / "search").mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "search" / "search_index.json").write_text("{}", encoding="utf-8")
    return folder


def test_a_site_dir_that_is_a_link_is_refused_not_replaced_nor_written_through(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """`--site-dir` naming a link, in both modes: the link stays, the folder it points to keeps
    its content, and the message says to name the real folder."""
    from nianjian.web.publish import main as publish_main

    real = _built_site(tmp_path / "real", "旧网站")
    link = tmp_path / "www" / "nianjian"
    link.parent.mkdir()
    link.symlink_to(real)
    built = _built_site(tmp_path / "site", "新网站")

    assert publish_main(["--from", str(built), "--site-dir", str(link)]) == 1
    assert "是符号链接" in capsys.readouterr().err
    assert publish_main(["--site-dir", str(link)]) == 1  # a build: refused before MkDocs runs
    assert "请在 --site-dir 写出真实的文件夹" in capsys.readouterr().err

    assert link.is_symlink() and (real / "index.html").read_text(encoding="utf-8") == "旧网站"
    assert sorted(path.name for path in link.parent.iterdir()) == ["nianjian"]  # no lock, no staging
    assert sorted(path.name for path in tmp_path.iterdir()) == ["real", "site", "www"]


def test_a_built_site_that_is_or_holds_a_link_is_not_published(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """`--from`: a link inside the built site would be copied as a link and the web server would
    serve whatever it points to (a file of the runner, say); a linked folder is refused too."""
    from nianjian.web.publish import main as publish_main

    secret = tmp_path / "secret.txt"
    secret.write_text("不该发布", encoding="utf-8")
    built = _built_site(tmp_path / "site", "新网站")
    (built / "downloads").mkdir()
    (built / "downloads" / "report.txt").symlink_to(secret)
    served = _built_site(tmp_path / "www" / "nianjian", "旧网站")

    assert publish_main(["--from", str(built), "--site-dir", str(served)]) == 1
    assert "downloads/report.txt 是符号链接，不发布" in capsys.readouterr().err
    (built / "downloads" / "report.txt").unlink()
    linked = tmp_path / "linked"
    linked.symlink_to(built)
    assert publish_main(["--from", str(linked), "--site-dir", str(served)]) == 1
    assert "linked 是符号链接" in capsys.readouterr().err

    assert files(served) == ["index.html", "search/search_index.json"]
    assert (served / "index.html").read_text(encoding="utf-8") == "旧网站"
    assert sorted(path.name for path in served.parent.iterdir()) == ["nianjian"]
