"""The hostile-input matrix (issue 18): each test is one case of ``docs/reliability.md``.

Convention, read by ``tests/hostile/matrix.py``: a test's docstring is
``<the case>. Expected: <what pdscan does>.`` (a parametrised test shares its docstring,
each parameter is a row). Helpers shared by the cases are here.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import run_cli

#: what an uncaught exception prints; never seen by a user
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\s+File \"", re.M)


def pdscan(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command; assert it never printed a traceback."""
    proc = run_cli(*args, cwd=cwd)
    assert not TRACEBACK.search(proc.stderr), proc.stderr[-3000:]
    assert not TRACEBACK.search(proc.stdout), proc.stdout[-3000:]
    return proc


def one_line_error(proc: subprocess.CompletedProcess[str], *names: str) -> str:
    """The error lines on stderr; each must name every one of ``names``."""
    lines = [ln for ln in proc.stderr.splitlines()
             if ln.startswith(("error:", "pdscan: error:"))]
    assert lines, proc.stderr[-2000:]
    for name in names:
        assert any(name in ln for ln in lines), (name, lines)
    return "\n".join(lines)


def as_json(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(proc.stdout)
    return doc


def assert_absent(secrets: list[str], *outputs: str) -> None:
    """None of ``secrets`` (personal values, passwords) appears in any output."""
    for out in outputs:
        for s in secrets:
            assert s not in out, f"{s!r} leaked"


def unwritable_folder(tmp: Path) -> Path:
    """A folder nobody may create a file in: read-only for a user, immutable for root
    (who ignores permission bits). Made writable again when the tests end."""
    import atexit
    import os

    folder = tmp / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o500)
        return folder
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    atexit.register(subprocess.run, ["chattr", "-i", str(folder)], check=False)
    return folder
