"""The `mkdocs serve` preview: what a save shows at once, and what waits for the editor to pause
(MkDocs adapter, imported by the hooks only).

`mkdocs serve` starts with the complete site. After that, a save is built as a preview: every
page as `make build` makes it, but without the tables' downloads (CSV, .xlsx) and with an empty
search index, and a banner on each page says so. PAUSE_SECONDS after a preview, if nothing was
saved meanwhile, a complete build follows (the same site as a full build, tests/test_preview.py)
and the banner goes. The years' Word documents and PDFs are never part of a MkDocs build
(`make build`, `make pdf`).

The complete build is asked for the way a save asks: the trigger file, in a folder MkDocs'
server watches, is written (LiveReloadServer.watch, its public way to rebuild).
"""

from __future__ import annotations

import html
import os
import threading
import time
from pathlib import Path

PAUSE_SECONDS = 5.0
PAUSE_VARIABLE = "NIANJIAN_PREVIEW_PAUSE"  # another pause in seconds (the tests use less)
# How often MkDocs' server looks at data/ for a save: its default, half a second, was a quarter of
# a second of every preview on average. A look at 200 year files takes about a millisecond.
DATA_POLL_SECONDS = 0.1


def preview_note(pause: float) -> str:
    return f"预览：页面随保存即时更新；表格的下载文件（CSV、Excel）和站内搜索在停止编辑约 {pause:g} 秒后生成。"


# Where Material's page holds its announcement bar (base.html): the banner goes in there, into the
# finished page, so a preview's pages are otherwise the complete build's and share their stored HTML.
_ANNOUNCE = '<div data-md-component="announce">'


def with_banner(page: str, note: str) -> str:
    """The finished page with the preview's banner in Material's announcement bar."""
    banner = f'<aside class="md-banner"><div class="md-banner__inner md-grid md-typeset"><p class="nj-preview-note" role="status">{html.escape(note)}</p></div></aside>'
    return page.replace(_ANNOUNCE, _ANNOUNCE + banner, 1)


def pause_from_environment() -> float:
    given = os.environ.get(PAUSE_VARIABLE, "")
    try:
        pause = float(given)
    except ValueError:
        return PAUSE_SECONDS
    return pause if 0 < pause <= 3600 else PAUSE_SECONDS


class Preview:
    """Which build of a running `mkdocs serve` is a preview, and the timer of the complete one."""

    def __init__(self, trigger: Path, pause: float) -> None:
        self.trigger = trigger
        self.pause = pause
        self._lock = threading.Lock()  # the timer's thread and MkDocs' build thread
        self._timer: threading.Timer | None = None
        self._complete_next = False

    def watch(self, server) -> None:  # noqa: ANN001 (MkDocs' LiveReloadServer)
        """Called from on_serve, before MkDocs schedules the watch of data/ (mkdocs.yml `watch`):
        that watch and ours poll every DATA_POLL_SECONDS. MkDocs 1.6 gives no setting for it;
        its watchdog observer takes the interval of a new watch from `_timeout`."""
        observer = getattr(server, "observer", None)
        if isinstance(getattr(observer, "_timeout", None), float):
            observer._timeout = DATA_POLL_SECONDS  # noqa: SLF001
        self.trigger.parent.mkdir(parents=True, exist_ok=True)
        self.trigger.touch()
        server.watch(str(self.trigger.parent), recursive=False)

    def build_starts(self) -> bool:
        """Whether the build now starting is the complete one; a save cancels a waiting one."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            complete, self._complete_next = self._complete_next, False
            return complete

    def preview_built(self) -> None:
        with self._lock:
            self._timer = threading.Timer(self.pause, self._ask_for_complete)
            self._timer.daemon = True
            self._timer.start()

    def _ask_for_complete(self) -> None:
        with self._lock:
            if self._timer is None:  # a build started meanwhile
                return
            self._timer = None
            self._complete_next = True
        self.trigger.write_text(str(time.time_ns()), encoding="ascii")
