"""Bounded resources: decompression and file-size guards, the index build's temporary
files and lock, and what a killed build leaves behind."""

from __future__ import annotations

import fcntl
import gzip
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa

from tests.conftest import ROOT, SAMPLE_DB, engine_for
from tests.hostile.conftest import as_json, one_line_error, pdscan

GOOD = "email,name\n" + "".join(f"alice{i}@example.com,Alice Martin\n" for i in range(20))
SAMPLE_EMAIL = "elodie.martin@orange.fr"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.csv").write_text(GOOD, encoding="utf-8")
    return folder


def _config(tmp_path: Path, folder: Path, **options: int) -> Path:
    cfg = tmp_path / "pdscan.toml"
    cfg.write_text(f'[sources.files]\nurl = "{folder}"\n'
                   + "".join(f"{k} = {v}\n" for k, v in options.items()))
    return cfg


def _fatal(proc: subprocess.CompletedProcess[str], *names: str) -> str:
    """The one line a command that stopped printed; it names each of ``names``."""
    lines = [ln for ln in proc.stderr.splitlines() if "error:" in ln]
    assert len(lines) == 1, proc.stderr
    assert all(n in lines[0] for n in names), lines
    return lines[0]


def _scanned(proc: subprocess.CompletedProcess[str]) -> set[str]:
    return {f["collection"] for f in as_json(proc)["findings"]}


def test_gzip_expanding_beyond_the_limit(tmp_path: Path) -> None:
    """A 20 kB `.csv.gz` that expands to 20 MB beside a good CSV, scanned and indexed with
    `max_expanded_bytes = 1000000`. Expected: the gzip stops once 1 MB is out, reported
    alone (exit 3, one line naming it and the option); good.csv scanned and indexed."""
    folder = _folder(tmp_path)
    (folder / "bomb.csv.gz").write_bytes(
        gzip.compress(b"email\n" + b"bob.stone@example.org\n" * 1_000_000))
    cfg = _config(tmp_path, folder, max_expanded_bytes=1_000_000)
    for command in (["scan"], ["index", "--index", str(tmp_path / "i.db")]):
        proc = pdscan(*command, "-c", str(cfg), "--format", "json")
        assert proc.returncode == 3, proc.stderr
        line = one_line_error(proc, "files", "bomb.csv.gz")
        assert "max_expanded_bytes" in line, line
        assert [e["member"] for e in as_json(proc)["errors"]] == ["bomb.csv.gz"]
    assert "good.csv" in _scanned(pdscan("scan", "-c", str(cfg), "--format", "json"))
    assert _leftovers(tmp_path / "i.db") == []


def test_zip_member_bomb(tmp_path: Path) -> None:
    """A zip whose member expands 1000 times, past 100 MB. Expected: reading it stops
    near the default ratio limit (200 times its stored size, past 100 MB) with an error
    naming the member and `max_expansion_ratio`, never expanding it whole."""
    from pdscan_connectors.files.storage import FileLimits, Storage

    from pdscan.errors import SourceError

    with zipfile.ZipFile(tmp_path / "a.zip", "w", zipfile.ZIP_DEFLATED) as z, \
            z.open("big.csv", "w") as member:
        member.write(b"email\n")
        block = b"x" * (1 << 20)
        for _ in range(110):
            member.write(block)
    storage = Storage.from_url(str(tmp_path), "files", limits=FileLimits())
    [entry] = storage.entries(lambda n: n.endswith(".csv"))
    with pytest.raises(SourceError, match=r"a\.zip/big\.csv: .*max_expansion_ratio") as err, \
            storage.open(entry) as stream:
        while stream.read(1 << 20):
            assert stream.tell() < 102 * 1000**2 + (2 << 20)
    assert "\n" not in str(err.value)


def test_file_over_max_file_bytes(tmp_path: Path) -> None:
    """A folder with a 60 kB CSV beside a small one, scanned with `max_file_bytes =
    10000`. Expected: the large file reported alone (exit 3, one line naming it and the
    option); the small one scanned."""
    folder = _folder(tmp_path)
    (folder / "large.csv").write_text(GOOD * 60, encoding="utf-8")
    cfg = _config(tmp_path, folder, max_file_bytes=10_000)
    proc = pdscan("scan", "-c", str(cfg), "--format", "json")
    assert proc.returncode == 3, proc.stderr
    assert "max_file_bytes" in one_line_error(proc, "files", "large.csv")
    assert "good.csv" in _scanned(proc)


@pytest.mark.parametrize("name", ["nul.csv.gz", "nul.ndjson.gz", "nul.log.gz"])
def test_gzip_of_nul_bytes(tmp_path: Path, name: str) -> None:
    """A gzip of 10 MB of NUL bytes named as CSV, NDJSON or log, beside a good CSV.
    Expected: a CSV is reported as binary data (one line naming it, exit 3, no pyarrow
    message); NDJSON and logs read as files without records; good.csv scanned."""
    folder = _folder(tmp_path)
    (folder / name).write_bytes(gzip.compress(b"\0" * 10_000_000))
    proc = pdscan("scan", str(folder), "--format", "json")
    assert "good.csv" in _scanned(proc)
    if name.endswith(".csv.gz"):
        assert proc.returncode == 3, proc.stderr
        line = one_line_error(proc, name)
        assert "binary data" in line and "skip initial" not in line, line
    else:
        assert proc.returncode == 0, proc.stderr


def _sample(tmp_path: Path) -> tuple[Path, Path]:
    work = tmp_path / "sample"
    shutil.copytree(SAMPLE_DB, work, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return work / "pdscan.toml", work / "idx.db"


def _leftovers(index: Path) -> list[str]:
    return sorted(p.name for p in index.parent.iterdir()
                  if p.name.startswith((f".{index.name}.building", f".{index.name}.tmp",
                                        ".pdscan-postings-")))


def test_stale_build_removed_by_the_next_run(tmp_path: Path) -> None:
    """Leftovers of a killed run beside the index: a build made aside, its temporary
    folder, an older release's `.pdscan-postings-*` folder. Expected: the next `pdscan
    index` removes them all and leaves none of its own."""
    cfg, index = _sample(tmp_path)
    (index.parent / f".{index.name}.building").write_bytes(b"half a build")
    spill = index.parent / f".{index.name}.tmp" / ".pdscan-postings-x"
    spill.mkdir(parents=True)
    (spill / "b00").write_bytes(b"\0" * 1000)
    (index.parent / ".pdscan-postings-old").mkdir()
    proc = pdscan("index", "-c", str(cfg), "--index", str(index), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert _leftovers(index) == []


def test_second_index_while_one_runs(tmp_path: Path) -> None:
    """A second `pdscan index` while another run holds the index (its lock held), and a
    lookup meanwhile. Expected: the second run waits a few seconds, then exit 3 with one
    line saying the index is in use (never exit 4); the lookup answers from the index."""
    cfg, index = _sample(tmp_path)
    assert pdscan("index", "-c", str(cfg), "--index", str(index)).returncode == 0
    with open(index.with_name(f".{index.name}.lock"), "r+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        proc = pdscan("index", "-c", str(cfg), "--index", str(index))
        assert time.monotonic() - started < 30
        look = pdscan("lookup", "--email", SAMPLE_EMAIL, "--index", str(index),
                      "--format", "json")
    assert proc.returncode == 3, proc.stderr
    assert "in use" in _fatal(proc, str(index))
    assert look.returncode == 0 and as_json(look)["subjects"] == 1, look.stderr


def test_second_index_in_postgresql_while_one_runs(tmp_path: Path,
                                                   pg_schema: tuple[str, str]) -> None:
    """An index kept in PostgreSQL, built while another session holds its advisory lock.
    Expected: exit 3, one line saying the index is in use; nothing built."""
    from pdscan.index.workdir import pg_lock_key

    url, schema = pg_schema
    index = f"{url}?schema={schema}_idx"
    eng = engine_for(url)
    files = _folder(tmp_path)
    try:
        with eng.connect() as c:
            c.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": pg_lock_key(f"{schema}_idx")})
            proc = pdscan("index", str(files), "--index", index)
            c.execute(sa.text("SELECT pg_advisory_unlock_all()"))
        assert proc.returncode == 3, proc.stderr
        assert "in use" in _fatal(proc, f"{schema}_idx")
    finally:
        with eng.begin() as c:
            c.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}_idx" CASCADE'))
        eng.dispose()


def test_sigkill_during_a_full_build(tmp_path: Path) -> None:
    """`pdscan index --full` killed with SIGKILL at several points of its run. Expected:
    after each, the previous index answers lookups; the next run removes what the killed
    one left and completes."""
    cfg, index = _sample(tmp_path)
    assert pdscan("index", "-c", str(cfg), "--index", str(index)).returncode == 0
    env = {**os.environ, "NO_COLOR": "1"}
    for delay in (0.8, 1.6, 2.4):
        run = subprocess.Popen([sys.executable, "-m", "pdscan", "index", "--full", "-c",
                                str(cfg), "--index", str(index)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        run.wait(30)
        look = pdscan("lookup", "--email", SAMPLE_EMAIL, "--index", str(index),
                      "--format", "json")
        assert look.returncode == 0 and as_json(look)["subjects"] == 1, look.stderr
    again = pdscan("index", "-c", str(cfg), "--index", str(index), "--format", "json")
    assert again.returncode == 0, again.stderr
    assert _leftovers(index) == []


def test_temporary_files_over_budget(tmp_path: Path) -> None:
    """An index build whose sort spills more than its temporary-file budget. Expected: it
    stops with one line naming the index, the budget and `PDSCAN_MAX_TEMP_BYTES` (exit 3),
    rather than fill the disk."""
    from pdscan.index.postings import PostingSorter
    from pdscan.index.workdir import TempBudget, TempBudgetExceeded

    budget = TempBudget(tmp_path, 10_000, "idx.db")
    sorter = PostingSorter(tmp_path, memory_entries=100, budget=budget)
    rng = np.random.default_rng(0)
    with pytest.raises(TempBudgetExceeded, match=r"idx\.db: .*PDSCAN_MAX_TEMP_BYTES") as err:
        for _ in range(100):
            tokens = np.frombuffer(rng.bytes(16 * 200), np.uint8).reshape(200, 16)
            sorter.add(tokens, 1, np.arange(200))
    assert err.value.exit_code == 3 and "\n" not in str(err.value)
    sorter.close()
