"""`python -m nianjian.worker DATA_DIR`: load and render in a separate process and write the
pickled BuildOutcome to stdout. The MkDocs hooks start it beside MkDocs' own start-up, so
importing pandas/plotly and rendering use the machine's second core."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from nianjian.outcome import BuildOutcome


def start(data_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "nianjian.worker", str(data_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def finish(process: subprocess.Popen) -> BuildOutcome:
    """Wait for the worker; a crash (a bug, not a data error) is re-raised with its traceback."""
    output, errors = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"nianjian worker failed (exit {process.returncode}):\n{errors.decode(errors='replace')}")
    return pickle.loads(output)


def render_in_process(data_dir: Path, *, preview: bool = False) -> BuildOutcome:
    """For `mkdocs serve`, whose process keeps the modules imported between rebuilds.
    Imported here, not at the top, so a plain build's MkDocs process never loads pandas."""
    from nianjian.pages import load_and_render

    return load_and_render(data_dir, preview=preview)


def main() -> None:
    outcome = render_in_process(Path(sys.argv[1]))
    sys.stdout.buffer.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    main()
