"""The preview an editor works in (`mkdocs serve`) shows a save at once, with the tables'
downloads and the search index left for when the editor pauses (nianjian/web/preview.py), and
says so; after a sequence of saves and a pause it is the very site a fresh full build of the same
data makes, byte for byte: every page, the search index, the sitemap, the downloads. What the
preview keeps between builds (nianjian/web/page_cache.py, nianjian/stored.py) must never show an
old page."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, make_project
from nianjian.render.pages.rendered import HELD_BYTES_VARIABLE
from nianjian.web.preview import PAUSE_VARIABLE, preview_note

sys.path.insert(0, str(REPO / "scripts"))
from benchmark import wait_idle  # noqa: E402 (the benchmark waits for a rebuild the same way)

pytestmark = pytest.mark.slow  # a server and several builds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetched(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()
    except OSError:
        return None


# What the preview's server puts into every HTML page it sends (it reloads the page after a save).
LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)


def wait_until_shown(url: str, text: str, server: subprocess.Popen, shown: bool = True) -> None:
    """Until the served page holds `text` (or, `shown` false, no longer does), then until the
    server has finished its build."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        if (text.encode() in (fetched(url) or b"")) == shown:
            wait_idle(server.pid, quiet=0.5)
            return
        time.sleep(0.05)
    raise AssertionError(f"{url} never {'showed' if shown else 'stopped showing'} {text}")


def wait_for_page(url: str, text: str, server: subprocess.Popen) -> str:
    """The served page, as soon as it holds `text`."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        page = (fetched(url) or b"").decode()
        if text in page:
            return page
        time.sleep(0.05)
    raise AssertionError(f"{url} never showed {text}")


PAUSE = 2.0  # seconds without a save before the preview's complete build
NOTE = preview_note(PAUSE)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_after_a_sequence_of_saves_the_preview_equals_a_fresh_full_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "preview", FIXTURES / "knowledge-base")
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NIANJIAN_SITE_URL": site_url, PAUSE_VARIABLE: str(PAUSE)}
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")  # a pipe nobody reads would fill and stop the server
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root, env=environment, stdout=log, stderr=log,
    )
    try:
        year_page = f"{site_url}years/2023/"
        wait_until_shown(year_page, "2023年工作总结", server)
        # The preview starts complete: the year's tables can be downloaded, search finds the year.
        assert NOTE not in fetched(year_page).decode()
        download = re.search(r'href="\.\./\.\./(downloads/[^"]+\.csv)"', fetched(year_page).decode()).group(1)
        assert fetched(site_url + download)
        assert b"2023" in fetched(f"{site_url}search/search_index.json")
        years = project.data / "years"
        # An editor's afternoon: a title, a section's text, a number, a new achievement, a tag.
        edit(years / "2023.yaml", "title: 2023年工作总结", "title: 2023年机关服务中心工作总结")
        # The save shows at once, as a preview: it says what waits for a pause, and that waits.
        page = wait_for_page(year_page, "2023年机关服务中心工作总结", server)
        assert NOTE in page
        assert fetched(site_url + download) is None
        assert b'"docs":[]' in fetched(f"{site_url}search/search_index.json")
        # The editor pauses: the complete site, without the note.
        wait_until_shown(year_page, NOTE, server, shown=False)
        assert fetched(site_url + download)
        assert len(json.loads(fetched(f"{site_url}search/search_index.json"))["docs"]) > 20
        edit(years / "2023.yaml", "body: 更换节能灯具一千二百盏。", "body: 更换节能灯具一千五百盏，年节电约八万千瓦时。")
        wait_until_shown(year_page, "一千五百盏", server)
        edit(project.data / "metrics" / "all.csv", "2023,energy,用电量,万千瓦时,96.8,,false", "2023,energy,用电量,万千瓦时,95.1,,false")
        wait_until_shown(f"{site_url}downloads/compare-all.csv", "95.1", server)
        edit(years / "2024.yaml", "problems: []", "problems:\n  - text: 高峰时段就餐拥挤。\n    area: catering")
        wait_until_shown(f"{site_url}years/2024/", "高峰时段就餐拥挤", server)
        edit(years / "2023.yaml", "tags: [节能]", "tags: [节能, 照明]")
        wait_until_shown(f"{site_url}tags/", "照明", server)
        wait_until_shown(f"{site_url}tags/", NOTE, server, shown=False)  # the editor pauses
        # Last, a title alone: the sidebar of 2021 (no neighbour of 2024's, nothing else of its
        # own changed) must show it too, though its page was stored by both kinds of build before.
        edit(years / "2024.yaml", "title: 2024年工作总结", "title: 2024年度工作总结")
        wait_until_shown(f"{site_url}years/2021/", "2024年度工作总结", server)
        wait_until_shown(f"{site_url}tags/", NOTE, server, shown=False)  # the editor pauses

        # The same data built afresh: a new project, no cache, the same site address.
        fresh = make_project(tmp_path / "fresh", FIXTURES / "knowledge-base")
        shutil.rmtree(fresh.data)
        shutil.copytree(project.data, fresh.data)
        # Built holding nothing: every page, download and converted page goes through the build's
        # folder (what 2,000 years do), while the preview held them all.
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(fresh.site)],
            cwd=fresh.root, env={**environment, HELD_BYTES_VARIABLE: "0"}, capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stderr
        built = sorted(path for path in fresh.site.rglob("*") if path.is_file())
        assert len(built) > 50
        differing = []
        for path in built:
            relative = path.relative_to(fresh.site).as_posix()
            served = fetched(site_url + urllib.parse.quote(re.sub(r"(^|/)index\.html$", r"\1", relative)))
            if served is not None and relative.endswith(".html"):
                served = LIVERELOAD.sub(b"", served, count=1)
            if served != path.read_bytes():
                differing.append(relative)
        assert not differing, f"the preview differs from a fresh build in {differing[:10]}"
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        print((tmp_path / "serve.log").read_text(encoding="utf-8")[-3000:])  # shown when the test fails
