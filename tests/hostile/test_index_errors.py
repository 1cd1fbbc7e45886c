"""Where the index lives and what it is made of, and the policy beside it: a location,
a file, a key or a policy that cannot be used is one clear line (exit 2), never an
internal error, and never overwritten or filled with pdscan's tables."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.hostile.conftest import assert_absent, pdscan, unwritable_folder

SUBJECT = "elodie.martin@orange.fr"
REBUILD = "pdscan index --full"


def _copy_sample(dest: Path) -> Path:
    folder = dest / "sample_db"
    shutil.copytree(ROOT / "sample_db", folder,
                    ignore=shutil.ignore_patterns(".pdscan", "__pycache__", "*.pyc"))
    return folder


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample, indexed in .pdscan/index.db."""
    folder = _copy_sample(tmp_path_factory.mktemp("index_errors"))
    proc = pdscan("index", "-c", "pdscan.toml", cwd=folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return folder


def error_line(proc: subprocess.CompletedProcess[str], *names: str) -> str:
    """The one error line on stderr; it names every one of ``names``."""
    lines = [ln for ln in proc.stderr.splitlines() if "error:" in ln.lower()]
    assert len(lines) == 1, proc.stderr[-2000:]
    for name in names:
        assert name in lines[0], (name, lines)
    return lines[0]


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


# -- --index locations ----------------------------------------------------------------

#: --index as typed (``{tmp}``: an absolute folder) -> the file it names
ACCEPTED: dict[str, tuple[str, str]] = {
    "a relative path": ("idx/a.db", "idx/a.db"),
    "sqlite:///relative": ("sqlite:///idx/b.db", "idx/b.db"),
    "sqlite:////absolute": ("sqlite:///{tmp}/c.db", "{tmp}/c.db"),
}


@pytest.mark.parametrize("form", list(ACCEPTED))
def test_index_location_forms(shop: Path, tmp_path: Path, form: str) -> None:
    """`--index` as a path, `sqlite:///relative/path` or `sqlite:////absolute/path`.
    Expected: the index is built in that file (no folder named `sqlite:`), and lookup
    through the same option finds the subject."""
    given, where = (s.format(tmp=tmp_path) for s in ACCEPTED[form])
    proc = pdscan("index", "-c", "pdscan.toml", "--index", given, cwd=shop)
    assert proc.returncode == 0, proc.stderr[-2000:]
    target = Path(where) if Path(where).is_absolute() else shop / where
    assert target.is_file()
    assert not (shop / "sqlite:").exists()
    proc = pdscan("lookup", "--email", SUBJECT, "--index", given, "--format", "json",
                  cwd=shop)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert '"hits"' in proc.stdout and '"main.customers"' in proc.stdout


def _fifo(tmp: Path) -> str:
    os.mkfifo(tmp / "fifo.db")
    return str(tmp / "fifo.db")


def _directory(tmp: Path) -> str:
    (tmp / "adir").mkdir()
    return str(tmp / "adir")


def _under_a_file(tmp: Path) -> str:
    (tmp / "plain.txt").write_text("x")
    return str(tmp / "plain.txt" / "index.db")


def _unwritable(tmp: Path) -> str:
    return str(unwritable_folder(tmp) / "index.db")


REFUSED: dict[str, Callable[[Path], str]] = {
    "an ftp:// URL": lambda tmp: "ftp://files.example/index.db",
    "a mysql:// URL": lambda tmp: "mysql://root@127.0.0.1:3306/test",
    "sqlite:// without a path": lambda tmp: "sqlite://",
    "sqlite:///:memory:": lambda tmp: "sqlite:///:memory:",
    "a directory": _directory, "a FIFO": _fifo, "a path under a regular file": _under_a_file,
    "an unwritable folder": _unwritable,
}


@pytest.mark.parametrize("command", ["index", "lookup"])
@pytest.mark.parametrize("case", list(REFUSED))
def test_index_location_refused(shop: Path, tmp_path: Path, case: str, command: str) -> None:
    """`--index` naming another scheme, an SQLite URL without a file, a directory, a
    FIFO, a path below a file or an unwritable folder (for `index`; a lookup only reads
    and finds no index there). Expected: exit 2, one line naming it; nothing is created
    (no folder named after the scheme), a FIFO stays a FIFO."""
    given = REFUSED[case](tmp_path)
    before = sorted(p.name for p in shop.iterdir())
    args = (["index", "-c", "pdscan.toml"] if command == "index"
            else ["lookup", "--email", SUBJECT])
    proc = pdscan(*args, "--index", given, cwd=shop)
    assert proc.returncode == 2, proc.stderr[-2000:]
    if case == "an unwritable folder" and command == "lookup":
        error_line(proc, given, "no index here")
    else:
        error_line(proc, "--index", given)
    assert sorted(p.name for p in shop.iterdir()) == before
    if case == "a FIFO":
        assert Path(given).is_fifo()


# -- unusable index files -------------------------------------------------------------

def _text(index: Path) -> None:
    index.write_text("these are my notes, not an index\n")


def _empty(index: Path) -> None:
    index.write_bytes(b"")


def _truncated(index: Path) -> None:
    data = index.read_bytes()
    index.write_bytes(data[: len(data) // 5])


def _corrupted(index: Path) -> None:
    data = bytearray(index.read_bytes())
    for i in range(4096, len(data), 997):  # every page past the first, a few bytes each
        data[i] ^= 0x5A
    index.write_bytes(bytes(data))


DAMAGED: dict[str, Callable[[Path], None]] = {
    "a text file": _text, "an empty file": _empty, "a truncated index": _truncated,
    "an index with corrupted pages": _corrupted,
}

USES: dict[str, list[str]] = {
    "lookup": ["lookup", "--email", SUBJECT],
    "lookup --verify": ["lookup", "--email", SUBJECT, "--verify"],
    "export": ["export", "--email", SUBJECT, "-c", "pdscan.toml", "--out", "x.json"],
    "erase-plan": ["erase-plan", "--email", SUBJECT, "-c", "pdscan.toml", "--out", "p.json"],
    "index (incremental)": ["index", "-c", "pdscan.toml"],
}


@pytest.mark.parametrize("use", list(USES))
@pytest.mark.parametrize("damage", list(DAMAGED))
def test_unusable_index_file(shop: Path, tmp_path: Path, damage: str, use: str) -> None:
    """The index file is a text file, empty, truncated or has corrupted pages. Expected:
    exit 2, one line naming the index and saying to rebuild it (`pdscan index --full`);
    no personal value printed, no export or plan written (an empty file is an empty
    SQLite database: `pdscan index` builds in it)."""
    index = tmp_path / "index.db"
    shutil.copy(shop / ".pdscan" / "index.db", index)
    shutil.copy(shop / ".pdscan" / "index.key", tmp_path / "index.key")
    DAMAGED[damage](index)
    proc = pdscan(*USES[use], "--index", str(index), cwd=shop)
    if damage == "an empty file" and use.startswith("index"):
        assert proc.returncode == 0, proc.stderr[-2000:]
        return
    assert proc.returncode == 2, proc.stderr[-2000:]
    error_line(proc, str(index), REBUILD)
    assert_absent([SUBJECT, "Elodie.Martin@orange.fr"], proc.stdout, proc.stderr)
    assert not (shop / "x.json").exists() and not (shop / "p.json").exists()


def test_damaged_index_rebuilt_with_full(shop: Path, tmp_path: Path) -> None:
    """A corrupted index file rebuilt as the error says (`pdscan index --full`).
    Expected: the rebuild succeeds and lookup answers from it again."""
    index = tmp_path / "index.db"
    shutil.copy(shop / ".pdscan" / "index.db", index)
    shutil.copy(shop / ".pdscan" / "index.key", tmp_path / "index.key")
    _corrupted(index)
    proc = pdscan("index", "-c", "pdscan.toml", "--full", "--index", str(index), cwd=shop)
    assert proc.returncode == 0, proc.stderr[-2000:]
    proc = pdscan("lookup", "--email", SUBJECT, "--index", str(index), cwd=shop)
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.mark.parametrize("command", ["lookup", "index", "index --full"])
def test_foreign_sqlite_as_index(shop: Path, tmp_path: Path, command: str) -> None:
    """`--index` naming another application's SQLite database (the shop itself).
    Expected: exit 2, one line naming it and saying it is not a pdscan index; the
    database is left byte for byte as it was (no pdscan table added, not replaced)."""
    foreign = tmp_path / "shop.db"
    shutil.copy(shop / "shop.db", foreign)
    before = _digest(foreign)
    args = {"lookup": ["lookup", "--email", SUBJECT],
            "index": ["index", "-c", "pdscan.toml"],
            "index --full": ["index", "-c", "pdscan.toml", "--full"]}[command]
    proc = pdscan(*args, "--index", str(foreign), cwd=shop)
    assert proc.returncode == 2, proc.stderr[-2000:]
    error_line(proc, str(foreign), "not a pdscan index")
    assert _digest(foreign) == before
    with sqlite3.connect(foreign) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    assert "migrations" not in tables


# -- keys -----------------------------------------------------------------------------

KEY_FILES: dict[str, Callable[[Path], None]] = {
    "text": lambda p: p.write_text("not a key at all\n"),
    "too short": lambda p: p.write_text("abcd1234\n"),
    "binary": lambda p: p.write_bytes(b"\xff\xfe\x00\x01" * 16),
    "empty": lambda p: p.write_bytes(b""),
    "a directory": lambda p: p.mkdir(),
}


@pytest.mark.parametrize("command", ["lookup", "index"])
@pytest.mark.parametrize("key", list(KEY_FILES))
def test_garbage_key_file(shop: Path, tmp_path: Path, key: str, command: str,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The index's key file holds text, a short hex string, binary bytes, nothing, or is
    a directory. Expected: exit 2, one line naming the key file; the key file and the
    index are left as they were (never replaced by a new key)."""
    monkeypatch.delenv("PDSCAN_INDEX_KEY", raising=False)
    index, key_file = tmp_path / "index.db", tmp_path / "index.key"
    shutil.copy(shop / ".pdscan" / "index.db", index)
    KEY_FILES[key](key_file)
    before = None if key_file.is_dir() else key_file.read_bytes()
    index_before = _digest(index)
    args = (["index", "-c", "pdscan.toml"] if command == "index"
            else ["lookup", "--email", SUBJECT])
    proc = pdscan(*args, "--index", str(index), cwd=shop)
    assert proc.returncode == 2, proc.stderr[-2000:]
    error_line(proc, str(key_file))
    if before is not None:
        assert key_file.read_bytes() == before
    assert _digest(index) == index_before


ENV_KEYS = {
    "not hex": "zz" * 32,
    "odd length": "abc",
    "too short": "ab" * 8,
    "blank": "   ",
    "another index's key": "cd" * 32,
}


@pytest.mark.parametrize("value", list(ENV_KEYS))
def test_bad_env_key(shop: Path, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`PDSCAN_INDEX_KEY` is not hex, of odd length, too short, blank, or another
    index's key. Expected: exit 2, one line naming the variable (or saying the key does
    not match the index); the value is never printed."""
    monkeypatch.setenv("PDSCAN_INDEX_KEY", ENV_KEYS[value])
    proc = pdscan("lookup", "--email", SUBJECT, cwd=shop)
    assert proc.returncode == 2, proc.stderr[-2000:]
    line = error_line(proc)
    assert "PDSCAN_INDEX_KEY" in line or "key does not match" in line
    if ENV_KEYS[value].strip():
        assert_absent([ENV_KEYS[value]], proc.stdout, proc.stderr)


# -- policies -------------------------------------------------------------------------

def _replace_section(text: str, name: str, by: str) -> str:
    """``text`` with its top-level section ``name`` replaced by ``by``."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith(f"{name}:"))
    end = next((i for i in range(start + 1, len(lines))
                if lines[i][:1].isalpha()), len(lines))
    return "".join(lines[:start]) + by + "".join(lines[end:])


POLICIES: dict[str, tuple[Callable[[str], str], str]] = {
    "categories is a string": (
        lambda t: _replace_section(t, "categories", "categories: user.contact\n"),
        "categories"),
    "categories is a list": (
        lambda t: _replace_section(t, "categories", "categories: [user.contact]\n"),
        "categories"),
    "controller is a string": (
        lambda t: _replace_section(t, "controller", "controller: WEshre SRL\n"), "controller"),
    "collections is a string": (
        lambda t: _replace_section(t, "collections", 'collections: "shop:main.customers"\n'),
        "collections"),
    "recipients is a string": (
        lambda t: t.replace("    recipients: [{name: hosting provider, country: BE}]\n",
                            "    recipients: hosting provider\n", 1), "recipients"),
    "a hold's keep is a string": (
        lambda t: t.replace("keep: [user.financial]", "keep: user.financial", 1), "keep"),
}


@pytest.mark.parametrize("command", ["policy check", "export", "erase-plan"])
@pytest.mark.parametrize("case", list(POLICIES))
def test_policy_wrong_shape(shop: Path, tmp_path: Path, case: str, command: str) -> None:
    """A policy whose `categories`, `controller` or `collections` is a string or a list,
    whose recipients is a string, or whose hold's `keep` is a string, given to `pdscan
    policy check` and as `--policy`. Expected: exit 2, one line naming the file and the
    line (`policy.yaml:N:`) and the field; nothing written."""
    edit, field = POLICIES[case]
    policy = tmp_path / "policy.yaml"
    policy.write_text(edit((shop / "policy.yaml").read_text(encoding="utf-8")),
                      encoding="utf-8")
    args = {"policy check": ["policy", "check", str(policy)],
            "export": ["export", "--email", SUBJECT, "-c", "pdscan.toml", "--out",
                       str(tmp_path / "x.json"), "--policy", str(policy)],
            "erase-plan": ["erase-plan", "--email", SUBJECT, "-c", "pdscan.toml", "--out",
                           str(tmp_path / "p.json"), "--policy", str(policy)]}[command]
    proc = pdscan(*args, cwd=shop)
    assert proc.returncode == 2, proc.stderr[-2000:]
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    if command != "policy check":
        lines = [error_line(proc)]
    assert any(f"{policy}:" in ln and field in ln for ln in lines), lines
    assert all(ln.split(f"{policy}:", 1)[1][:1].isdigit() for ln in lines if f"{policy}:" in ln)
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "p.json").exists()
