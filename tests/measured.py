"""A command's own CPU time and peak memory, optionally under an address-space and a CPU limit.

A child forked from the test process counts the memory that process holds at that moment in its
own peak (Linux carries the old memory's high-water mark across exec): late in a full run that
is 400 MB before the command has done anything. So a small interpreter starts the command, sets
the limits in the child it forks and writes what the kernel counted for that child alone (CPU
time and peak, its own children included).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_LAUNCHER = r"""
import json, os, resource, sys
result, address_space, cpu_seconds, *command = sys.argv[1:]
pid = os.fork()
if pid == 0:
    try:
        if int(address_space):
            resource.setrlimit(resource.RLIMIT_AS, (int(address_space), int(address_space)))
        if int(cpu_seconds):
            resource.setrlimit(resource.RLIMIT_CPU, (int(cpu_seconds), int(cpu_seconds)))
        os.execv(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(result, "w") as file:
    json.dump({"exit": os.waitstatus_to_exitcode(status), "cpu": usage.ru_utime + usage.ru_stime, "peak_kib": usage.ru_maxrss}, file)
"""


@dataclass
class Measured:
    exit_code: int  # negative: killed by that signal
    cpu: float  # seconds, user + system
    peak_bytes: int  # largest resident set
    seconds: float  # wall time, launcher included
    stdout: str
    stderr: str

    def completed(self) -> subprocess.CompletedProcess:
        return subprocess.CompletedProcess([], self.exit_code, self.stdout, self.stderr)


def run_measured(
    command: list[str], cwd: Path, *, env: dict[str, str] | None = None, address_space: int = 0, cpu_seconds: int = 0, timeout: float = 120
) -> Measured:
    """Run `command` (its first item an executable's path); limits of 0 are none. A command that
    outlives `timeout` of wall time (blocked, not computing) is killed with its launcher."""
    with tempfile.TemporaryDirectory() as scratch:
        result, out, err = Path(scratch) / "usage.json", Path(scratch) / "out", Path(scratch) / "err"
        started = time.monotonic()
        with out.open("wb") as stdout, err.open("wb") as stderr:
            launcher = subprocess.Popen(
                [sys.executable, "-S", "-c", _LAUNCHER, str(result), str(address_space), str(cpu_seconds), *command],
                cwd=cwd, env=env, stdout=stdout, stderr=stderr, start_new_session=True,
            )
            try:
                launcher.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(launcher.pid, signal.SIGKILL)
                launcher.wait()
        seconds = time.monotonic() - started
        texts = [path.read_bytes().decode("utf-8", errors="replace") for path in (out, err)]
        if not result.exists():
            texts[1] += f"\n(no usage: launcher exit {launcher.returncode}, wall limit {timeout} s?)"
            return Measured(-signal.SIGKILL, 0.0, 0, seconds, *texts)
        usage = json.loads(result.read_text())
    return Measured(usage["exit"], usage["cpu"], usage["peak_kib"] * 1024, seconds, *texts)
