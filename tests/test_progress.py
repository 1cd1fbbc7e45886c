"""scan's progress callback knows the total: every call says how many collections there
are, so a bar can show a percentage and the time left."""

from __future__ import annotations

from pathlib import Path

import pytest

from pdscan.config import SourceSpec
from pdscan.scan import scan


@pytest.mark.parametrize("files", [5, 70])  # threads, then worker processes (>= 64)
def test_progress_reports_the_total(tmp_path: Path, files: int) -> None:
    for i in range(files):
        (tmp_path / f"f{i:02d}.csv").write_text(f"email\nu{i}@example.com\n")
    calls: list[tuple[str, str | None, int]] = []
    scan([SourceSpec("files", str(tmp_path))], use_ner=False, processes=True,
         progress=lambda label, info, total: calls.append(
             (label, None if info is None else info.name, total)))
    done = [c for c in calls if c[1] is not None]
    assert sorted(name for _l, name, _t in done) == [f"f{i:02d}.csv" for i in range(files)]
    assert {total for _l, _n, total in calls} == {files}


def test_index_progress_knows_the_rows_to_read(tmp_path: Path) -> None:
    from pdscan.index.build import build_index

    for i in range(3):
        (tmp_path / f"f{i}.csv").write_text(
            "email\n" + "".join(f"u{i}.{j}@example.com\n" for j in range(100)))
    seen: list[tuple[int, int]] = []
    build_index([SourceSpec("files", str(tmp_path))], tmp_path / "idx" / "index.db",
                progress=lambda label, info, rows, expected: seen.append((rows, expected)))
    assert seen and all(expected == 300 for _rows, expected in seen)
    assert max(rows for rows, _e in seen) == 100
