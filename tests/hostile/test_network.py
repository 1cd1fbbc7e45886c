"""No network, proven from outside the process: every connect() a run makes, as the
kernel sees it (the audit-hook test in test_detect.py proves it from inside)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from tests.conftest import ROOT, SAMPLE_DB, Store, engine_for
from tests.hostile.conftest import TRACEBACK

#: the local database servers of the test set-up (PostgreSQL, MariaDB, Redis)
ALLOWED_PORTS = {5432, 3306, 6379}
_CONNECT = re.compile(r"connect\(\d+, \{sa_family=(AF_\w+)(.*?)\}, \d+\)")
_PORT = re.compile(r"sin6?_port=htons\((\d+)\)")
_ADDR = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"')


def outside(trace: str) -> list[str]:
    """The connect() calls of an strace log to anything but a local database server or a
    Unix socket."""
    bad = []
    for line in trace.splitlines():
        m = _CONNECT.search(line)
        if m is None:
            continue
        family, rest = m.groups()
        if family in ("AF_UNIX", "AF_UNSPEC", "AF_NETLINK"):
            continue
        port, addr = _PORT.search(rest), _ADDR.search(rest)
        host = (addr.group(1) or addr.group(2)) if addr else ""
        if port and int(port.group(1)) in ALLOWED_PORTS and host in ("127.0.0.1", "::1"):
            continue
        bad.append(line.strip())
    return bad


def _traced(log: Path, *args: str) -> subprocess.CompletedProcess[str]:
    strace = shutil.which("strace")
    # .ci/run installs strace: a run without it must fail, not pass untested
    assert strace, "strace is not installed (apt-get install strace)"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    proc = subprocess.run([strace, "-f", "-qq", "-e", "trace=connect", "-o", str(log),
                           sys.executable, "-m", "pdscan", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=300)
    assert not TRACEBACK.search(proc.stderr), proc.stderr[-3000:]
    return proc


def test_no_connect_outside_the_databases(tmp_path: Path, pg_schema: tuple[str, str]) -> None:
    """scan, index, lookup and export of the embedded sample (a SQLite database and a
    folder of files) and a PostgreSQL schema, each run under `strace -f -e trace=connect`.
    Expected: no connect() but to the local database servers (127.0.0.1:5432, 3306,
    6379) and Unix sockets, in any process or thread."""
    url, schema = pg_schema
    store = Store("postgresql", url, schema, engine_for(url))
    store.table("patients", sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("email", sa.String(100)), sa.Column("full_name", sa.String(100)),
                rows=[{"id": i, "email": f"patient{i}@example.com",
                       "full_name": f"Jeanne Martin {i}"} for i in range(1, 41)])
    store.engine.dispose()
    work = tmp_path / "sample"
    shutil.copytree(SAMPLE_DB, work, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    cfg = work / "pdscan.toml"
    cfg.write_text(cfg.read_text() + f'\n[sources.crm]\nurl = "{url}"\nschemas = ["{schema}"]\n')
    index = str(tmp_path / "idx.db")
    runs = {
        "scan": ["scan", "-c", str(cfg), "--format", "json"],
        "index": ["index", "-c", str(cfg), "--index", index, "--format", "json"],
        "lookup": ["lookup", "--email", "patient7@example.com", "--index", index,
                   "--format", "json"],
        "export": ["export", "--email", "elodie.martin@orange.fr", "-c", str(cfg),
                   "--index", index, "--format", "json", "--out", str(tmp_path / "p.json"),
                   "--policy", str(work / "policy.yaml")],
    }
    seen = 0
    for name, args in runs.items():
        log = tmp_path / f"{name}.strace"
        proc = _traced(log, *args)
        assert proc.returncode == 0, (name, proc.stderr[-2000:])
        trace = log.read_text()
        seen += len(_CONNECT.findall(trace))
        assert outside(trace) == [], name
    assert seen, "strace saw no connect() at all: the trace did not work"
    assert (tmp_path / "p.json").exists()


def test_the_trace_check_sees_a_connection() -> None:
    """The check itself, on lines as strace prints them. Expected: a connection to a
    public address or another local port is flagged; the database servers and Unix
    sockets are not."""
    lines = [
        'connect(3, {sa_family=AF_INET, sin_port=htons(5432), sin_addr=inet_addr("127.0.0.1")}'
        ", 16) = 0",
        'connect(5, {sa_family=AF_UNIX, sun_path="/run/x.sock"}, 110) = 0',
        'connect(4, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("1.2.3.4")}'
        ", 16) = -1 EINPROGRESS",
        'connect(6, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), '
        'inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
    ]
    assert [line[:12] for line in outside("\n".join(lines))] == ["connect(4, {", "connect(6, {"]
