"""An editor previews with `mkdocs serve`, saves broken YAML, sees the problem, fixes it."""

from __future__ import annotations

import pytest

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable

from conftest import Project
from nianjian.web.preview import PAUSE_VARIABLE

# A real `mkdocs serve`, edited while it runs.
pytestmark = [pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_until(check: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


def test_preview_survives_broken_yaml_and_recovers(multi_year: Project) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/years/2023/"
    log_path = multi_year.root / "serve.log"
    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=multi_year.root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", PAUSE_VARIABLE: "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        assert wait_until(lambda: "2023年工作总结" in fetch(url)), log_path.read_text(encoding="utf-8")

        year_file = multi_year.data / "years" / "2023.yaml"
        good = year_file.read_text(encoding="utf-8")
        year_file.write_text(good.replace("  - area: energy", "  - area: power"), encoding="utf-8")
        assert wait_until(lambda: "数据有误" in fetch(url)), log_path.read_text(encoding="utf-8")
        page = fetch(url)
        assert "未知的工作领域 `power`" in page and "data/years/2023.yaml:" in page
        assert server.poll() is None, "the preview server must keep running"
        assert "data/years/2023.yaml:31:5: achievements[1].area — 未知的工作领域 `power`" in log_path.read_text(encoding="utf-8")

        year_file.write_text(good.replace("year: 2023", "year: 2023\n  bad: [unclosed"), encoding="utf-8")
        assert wait_until(lambda: "YAML 格式错误" in fetch(url))

        year_file.write_text(good, encoding="utf-8")
        assert wait_until(lambda: "数据有误" not in fetch(url) and "2023年工作总结" in fetch(url))
        assert "Traceback" not in log_path.read_text(encoding="utf-8")
        # Once the editor pauses, the preview's search is the site's: our words, each hit
        # labelled with its year (until then the preview leaves it empty: nianjian/web/preview.py).
        assert wait_until(lambda: '"docs":[]' not in fetch(f"http://127.0.0.1:{port}/search/search_index.json"))
        index = fetch(f"http://127.0.0.1:{port}/search/search_index.json")
        assert '"tags":["2023年"' in index and "\\u" not in index.split('"docs"', 1)[1]
    finally:
        server.terminate()
        server.wait(timeout=20)
