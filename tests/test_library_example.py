"""The README's "Use as a library" example runs as written (doctest), on a copy of
sample_db."""

from __future__ import annotations

import doctest
import shutil
import subprocess
import sys
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


def test_functions_named_like_their_module_stay_functions() -> None:
    """``pdscan.scan`` is the function even when the submodule ``pdscan.scan`` was
    imported first (the import system would otherwise replace it by the module):
    run in a fresh interpreter, where the order is known."""
    code = ("import pdscan.scan, pdscan.lookup, pdscan.evaluate, pdscan.inventory, pdscan\n"
            "import inspect, sys\n"
            "names = ('scan', 'lookup', 'evaluate', 'inventory')\n"
            "print(all(inspect.isfunction(getattr(pdscan, n)) for n in names),\n"
            "      all(inspect.ismodule(sys.modules['pdscan.' + n]) for n in names))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert out.split() == ["True", "True"]
