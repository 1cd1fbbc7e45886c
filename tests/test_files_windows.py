"""Samples of large line-oriented files from windows of lines (connectors/files/windows.py):
the rows and locators a full read gives, spread over the file, and a full read instead
wherever a window cannot be parsed on its own."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from pdscan_connectors.files import connector as files_connector
from pdscan_connectors.files import windows

from pdscan.testing import check_collection
from tests.test_files_connector import open_files

ROWS = 30_000


def _csv(path: Path) -> None:
    # Quoted fields with delimiters and quotes, empty fields, blank lines, CRLF, cp1252.
    lines = ["id;nom;courriel;note"]
    for i in range(ROWS):
        lines.append(f'{i};"Zoé ""Z"" {i}";zoe{i}@example.fr;"a; b {i}"' if i % 3 else
                     f"{i};Jérôme {i};;")
        if i % 1000 == 7:
            lines.append("")
    path.write_bytes("\r\n".join(lines).encode("cp1252") + b"\r\n")


def _ndjson(path: Path) -> None:
    with path.open("w") as f:
        for i in range(ROWS):
            f.write(json.dumps({"id": i, "user": {"email": f"u{i}@example.com"},
                                "tags": ["x"] * (i % 3)}) + "\n")
            if i % 997 == 0:
                f.write("\n")


def _log(path: Path) -> None:
    with path.open("w") as f:
        for i in range(ROWS):
            f.write(f'203.0.{i % 256}.{i % 199} - - [10/Oct/2000:13:55:36 -0700] '
                    f'"GET /u/{i} HTTP/1.1" 200 {i}\n' if i % 50 else f"garbage line {i}\n")


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Windows for files of any size; records what ``sample_windows`` returned."""
    monkeypatch.setattr(windows, "MIN_FILE_BYTES", 0)
    results: list[Any] = []

    def recording(*args: Any, **kwargs: Any) -> Any:
        results.append(windows.sample_windows(*args, **kwargs))
        return results[-1]

    monkeypatch.setattr(files_connector, "sample_windows", recording)
    return results


@pytest.mark.parametrize(("name", "make"), [("people.csv", _csv), ("events.ndjson", _ndjson),
                                            ("access.log", _log)])
def test_window_samples_are_rows_of_a_full_read(tmp_path: Path, spy: list[Any], name: str,
                                                make: Any) -> None:
    make(tmp_path / name)
    conn = open_files(tmp_path)
    info = next(i for i in conn.collections() if i.name == name)
    # The contract: sampled locators are read()'s, fetch() returns the same rows.
    check_collection(conn, info, batch_size=5000, sample_n=300)
    assert spy and spy[-1] is not None, "the sample did not come from windows"
    sample = conn.sample(name, 300, seed=4)
    lines = [loc["line"] for loc in sample.locators.to_pylist()]
    assert len(lines) == 300 and lines == sorted(lines) and len(set(lines)) == 300
    total = sum(1 for _ in (tmp_path / name).open("rb"))
    tenths = {line * 10 // total for line in lines}
    assert tenths == set(range(10)), "windows must cover the whole file"


def test_values_spanning_lines_make_the_sample_read_the_whole_file(
        tmp_path: Path, spy: list[Any]) -> None:
    # Clean for 5,000 rows (more than the probe sees), then a multi-line note now and then.
    multi = "first\nsecond"
    rows = [f'{i},user{i}@example.com,"{multi if i > 5000 and i % 40 == 0 else "ok"}"'
            for i in range(ROWS)]
    (tmp_path / "notes.csv").write_text("id,email,note\n" + "\n".join(rows) + "\n")
    conn = open_files(tmp_path)
    info = conn.collections()[0]
    check_collection(conn, info, batch_size=5000, sample_n=300)
    assert spy and spy[-1] is None, "a window starting inside a quoted value was accepted"


def test_compressed_and_small_files_are_read_whole(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _ndjson(tmp_path / "events.ndjson")
    with gzip.open(tmp_path / "packed.ndjson.gz", "wb") as f:
        f.write((tmp_path / "events.ndjson").read_bytes())
    calls: list[Any] = []
    monkeypatch.setattr(files_connector, "sample_windows",
                        lambda *a, **k: calls.append(windows.sample_windows(*a, **k)))
    conn = open_files(tmp_path)
    for name in ("events.ndjson", "packed.ndjson.gz"):
        assert conn.sample(name, 100).num_rows == 100
    assert calls == [None, None]  # under MIN_FILE_BYTES; compressed
