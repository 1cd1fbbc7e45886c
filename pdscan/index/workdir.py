"""One build of an index at a time, and its temporary files in one folder it cleans.

A run of ``pdscan index`` (or the re-index after an erasure) holds the index's lock for
its whole length: ``.<name>.lock`` beside a SQLite index (``fcntl.flock``: the kernel
lets go when the process dies, even by SIGKILL), a PostgreSQL advisory lock for an
index kept in PostgreSQL. A second run waits :data:`LOCK_WAIT` seconds for it, then says
the index is in use (exit 3). Lookups take no lock: they read the index as the last
finished run left it (a full build is made aside and renamed over it).

Holding the lock, a run removes what a killed run left behind (its temporary folder,
its build made aside) and keeps its own temporary files in one folder, ``.<name>.tmp/``
beside the index (under the system's temporary folder for an index in PostgreSQL),
removed when it ends. Those files are held to a budget, checked as they grow:
``PDSCAN_MAX_TEMP_BYTES`` (default 16 GiB), and never less than 1 GiB left free on
their disk.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pdscan.errors import EXIT_SOURCE, PdscanError, UsageError
from pdscan.redact import mask_url

#: Seconds a second run waits for the first before saying the index is in use.
LOCK_WAIT = 5.0
DEFAULT_TEMP_BUDGET = 16 * 1024**3
MIN_FREE = 1024**3
BUDGET_ENV = "PDSCAN_MAX_TEMP_BYTES"
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


class IndexBusy(PdscanError):
    """Another run is building the index."""

    exit_code = EXIT_SOURCE


class TempBudgetExceeded(PdscanError):
    """A build's temporary files passed their budget: the build stops (not one
    collection: every collection would spill again)."""

    exit_code = EXIT_SOURCE


def _is_url(index: str | Path) -> bool:
    return str(index).startswith(("postgresql://", "postgres://", "postgresql+"))


def _shown(index: str | Path) -> str:
    return mask_url(str(index)) if _is_url(index) else str(index)


def _size(n: float) -> str:
    return f"{n / 1024**3:.1f} GiB" if n >= 1024**3 else f"{n / 1024**2:.0f} MiB"


def temp_budget() -> int:
    """Bytes a build's temporary files may take, from ``PDSCAN_MAX_TEMP_BYTES`` (a number
    of bytes, or with a K, M, G or T suffix)."""
    raw = os.environ.get(BUDGET_ENV, "").strip()
    if not raw:
        return DEFAULT_TEMP_BUDGET
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?", raw.lower())
    if not m:
        raise UsageError(f"{BUDGET_ENV}={raw!r}: give a number of bytes, e.g. 20G")
    return int(float(m.group(1)) * _UNITS[m.group(2)])


@dataclass
class TempBudget:
    """The disk a build's temporary folder may take, checked after each write to it."""

    folder: Path
    limit: int
    index: str

    def check(self) -> None:
        used = sum(f.stat().st_size for f in self.folder.rglob("*") if f.is_file())
        if used > self.limit:
            raise TempBudgetExceeded(
                f"{self.index}: the build's temporary files passed {_size(self.limit)} "
                f"({self.folder}); set {BUDGET_ENV} to allow more")
        free = shutil.disk_usage(self.folder).free
        if free < MIN_FREE:
            raise TempBudgetExceeded(
                f"{self.index}: less than {_size(MIN_FREE)} left on the disk of "
                f"{self.folder}; the build stopped before filling it")


@dataclass
class BuildRun:
    """A run holding an index: its temporary folder and budget (see the module)."""

    tmp: Path
    budget: TempBudget


def aside_files(index: Path) -> list[Path]:
    """A SQLite build made aside, as ``pdscan.index.db`` names it, and its journals."""
    aside = index.with_name(f".{index.name}.building")
    return [Path(f"{aside}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


@contextmanager
def build_run(index: str | Path, wait: float = LOCK_WAIT) -> Iterator[BuildRun]:
    """Hold ``index`` for one run: lock it, clean what a killed run left, give the run a
    temporary folder, and remove that folder (and a build left aside) at the end.

    >>> with build_run(".pdscan/index.db") as run:  # doctest: +SKIP
    ...     sorter = PostingSorter(run.tmp, budget=run.budget)
    """
    from pdscan.index.db import index_location

    index = index_location(index, write=True)  # where the lock and the index go
    shown = _shown(index)
    if _is_url(index):
        lock = _pg_lock(str(index), wait)
        # a fresh folder of our own (mode 0700, unguessable name): the shared temporary
        # folder is no place for a name another user could make first
        tmp = Path(tempfile.mkdtemp(prefix="pdscan-index-"))
        leftovers: list[Path] = []
    else:
        path = Path(index).absolute()
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = _file_lock(path, wait)
        tmp = path.with_name(f".{path.name}.tmp")
        # temporary folders of releases that made one per sort, beside the index
        leftovers = [p for p in path.parent.glob(".pdscan-postings-*") if p.is_dir()]
    with lock:
        for old in [tmp, *leftovers]:
            shutil.rmtree(old, ignore_errors=True)
        if not _is_url(index):  # a build a killed run left aside
            for f in aside_files(Path(index)):
                with suppress(OSError):
                    f.unlink()
        old_umask = os.umask(0o077)
        try:
            tmp.mkdir(parents=True, exist_ok=True)
        finally:
            os.umask(old_umask)
        try:
            yield BuildRun(tmp, TempBudget(tmp, temp_budget(), shown))
        except BaseException:
            if not _is_url(index):  # an aborted full build: its file is of no use
                for f in aside_files(Path(index)):
                    with suppress(OSError):
                        f.unlink()
            raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def _file_lock(index: Path, wait: float) -> Iterator[None]:
    lock_path = index.with_name(f".{index.name}.lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    handle: IO[bytes] = os.fdopen(fd, "r+b")
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise IndexBusy(_busy(str(index), wait)) from None
                time.sleep(0.1)
        yield
    finally:
        handle.close()  # lets go of the lock


def _busy(shown: str, wait: float) -> str:
    return (f"{shown}: in use by another `pdscan index` or erasure (waited {wait:g} s); "
            "run again when it has finished")


def pg_lock_key(schema: str) -> int:
    """The advisory lock key of an index schema (per database, as PostgreSQL keeps them)."""
    digest = hashlib.sha256(f"pdscan index {schema}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def _pg_lock(url: str, wait: float) -> Iterator[None]:
    """A session advisory lock, held by a connection of its own for the run; it is let
    go when that session ends, however the process ends."""
    import psycopg

    from pdscan.index.db import _pg_parts

    conninfo, schema = _pg_parts(url)
    try:
        con: Any = psycopg.connect(conninfo, autocommit=True, connect_timeout=10)
    except psycopg.Error:
        yield  # the build's own connection says why it cannot connect
        return
    try:
        key = pg_lock_key(schema)
        deadline = time.monotonic() + wait
        while not con.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()[0]:
            if time.monotonic() >= deadline:
                raise IndexBusy(_busy(mask_url(url), wait))
            time.sleep(0.2)
        # schemas of builds a killed run made aside
        stale = [r[0] for r in con.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s",
            (f"{schema}\\_building\\_%",)).fetchall()]
        for name in stale:
            con.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        yield
    finally:
        con.close()
