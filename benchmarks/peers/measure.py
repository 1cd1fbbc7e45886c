"""Run one tool as a whole process: wall time, peak RSS of its process tree, timeout.

Stdlib only (Linux /proc). Wall time runs from just before the process is spawned to
its exit, so interpreter start-up, imports and model loading are included. Peak RSS is
the larger of (a) the highest sum of VmRSS over the process and all its descendants,
polled every 50 ms through ``/proc/<pid>/task/*/children``, and (b) the kernel's
``ru_maxrss`` for the process (``wait4``), which catches a peak shorter than a poll.
Memory used by a database server the tool talks to (PostgreSQL backends) is not the
tool's and is not counted. On timeout the process group the harness created for the
tool (``start_new_session``) is killed, and only it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

POLL_S = 0.05


@dataclass
class Measurement:
    status: str  # "ok" | "timeout" | "error"
    wall_s: float
    peak_rss_mb: float
    returncode: int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    out.extend(int(x) for x in f.read().split())
            except OSError:
                pass
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(root: int) -> int:
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss_kb(pid)
        stack.extend(_children(pid))
    return total


def run(cmd: list[str], *, timeout: float, stdout: Path, stderr: Path,
        env: dict[str, str] | None = None, cwd: Path | None = None) -> Measurement:
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd,
                                start_new_session=True)
        peak_kb, status, rc = 0, "ok", None
        deadline = t0 + timeout
        while True:
            pid, wstatus, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid == proc.pid:
                wall = time.perf_counter() - t0
                rc = os.waitstatus_to_exitcode(wstatus)
                proc.returncode = rc
                peak_kb = max(peak_kb, int(usage.ru_maxrss))
                break
            peak_kb = max(peak_kb, tree_rss_kb(proc.pid))
            if time.perf_counter() > deadline:
                status = "timeout"
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)  # the group this harness created
                _, wstatus, usage = os.wait4(proc.pid, 0)
                wall = time.perf_counter() - t0
                proc.returncode = rc = os.waitstatus_to_exitcode(wstatus)
                peak_kb = max(peak_kb, int(usage.ru_maxrss))
                break
            time.sleep(POLL_S)
    if status == "ok" and rc != 0:
        status = "error"
    return Measurement(status, round(wall, 3), round(peak_kb / 1024, 1), rc)
