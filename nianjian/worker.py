"""`python -m nianjian.worker DATA_DIR DOWNLOADS_DIR`: load and render in a separate process.

It works in two steps so MkDocs waits as little as possible: first it writes the pickled
BuildOutcome (pages, problems, the list of download files) to stdout and closes it, so the
MkDocs process can go on; then it writes the tables' CSV/.xlsx files into DOWNLOADS_DIR,
which MkDocs only copies after it has rendered every page. The hooks start it beside
MkDocs' own start-up, so importing pandas/plotly and rendering use the second core."""

from __future__ import annotations

import pickle
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from nianjian.outcome import BuildOutcome


class WorkerFailed(Exception):
    """The worker crashed (a bug, not a data error); the message carries the end of its stderr."""


_STDERR_SHOWN = 4000  # characters of the worker's stderr worth showing


def start(data_dir: Path, downloads_dir: Path) -> subprocess.Popen:
    # stderr goes to a file, not a pipe: a long traceback would fill a pipe nobody reads
    # while MkDocs waits on stdout, and both processes would wait forever.
    stderr = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "nianjian.worker", str(data_dir), str(downloads_dir)],
        stdout=subprocess.PIPE,
        stderr=stderr,
    )
    process.stderr = stderr
    return process


def _failed(process: subprocess.Popen) -> WorkerFailed:
    process.stderr.seek(0)
    errors = process.stderr.read().decode(errors="replace")[-_STDERR_SHOWN:]
    process.stderr.close()
    return WorkerFailed(f"生成页面的子进程意外退出（退出码 {process.returncode}），这是 nianjian 的错误，请报告给维护人员：\n{errors}")


def finish(process: subprocess.Popen) -> BuildOutcome:
    """The outcome, as soon as the worker has sent it. A crash (a bug, not a data error) is
    re-raised with its traceback."""
    output = process.stdout.read()
    process.stdout.close()
    if not output:
        process.wait()
        raise _failed(process)
    return pickle.loads(output)


def wait_for_downloads(process: subprocess.Popen) -> None:
    if process.wait() != 0:
        raise _failed(process)
    process.stderr.close()


def render_in_process(data_dir: Path, downloads_dir: Path, *, preview: bool = False) -> BuildOutcome:
    """For `mkdocs serve`, whose process keeps the modules imported between rebuilds.
    Imported here, not at the top, so a plain build's MkDocs process never loads pandas."""
    from nianjian.pages import load_and_render
    from nianjian.render.downloads import write_downloads

    outcome = load_and_render(data_dir, preview=preview)
    if outcome.rendered is not None:
        write_downloads(outcome.rendered.tables, downloads_dir)
    return outcome


def main() -> None:
    from nianjian.pages import load_and_render
    from nianjian.render.downloads import write_downloads

    data_dir, downloads_dir = Path(sys.argv[1]), Path(sys.argv[2])
    outcome = load_and_render(data_dir)
    sent = outcome if outcome.rendered is None else BuildOutcome(replace(outcome.rendered, tables=[]), outcome.errors)
    sys.stdout.buffer.write(pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    sys.stdout.close()  # MkDocs goes on from here
    if outcome.rendered is not None:
        write_downloads(outcome.rendered.tables, downloads_dir)


if __name__ == "__main__":
    main()
