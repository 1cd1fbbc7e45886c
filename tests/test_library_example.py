"""The README's "Use as a library" example runs as written (doctest), on a copy of
sample_db."""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_DB


def test_readme_library_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SAMPLE_DB, tmp_path / "sample_db",
                    ignore=shutil.ignore_patterns(".pdscan", "__pycache__"))
    monkeypatch.chdir(tmp_path)
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.attempted >= 8
    assert result.failed == 0
