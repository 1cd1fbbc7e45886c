"""Layering is checked by a tool: import-linter's contracts (pyproject.toml) hold, and
they name every module of pdscan, so a module added later cannot slip past them."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import ROOT

ALLOWED_TO_CONNECTORS = {"pdscan.connector", "pdscan.errors", "pdscan.redact"}
CLI = {"pdscan.cli", "pdscan.__main__"}


def _top_modules() -> set[str]:
    """``pdscan.x`` for every module and subpackage directly under pdscan/."""
    out = set()
    for path in (ROOT / "pdscan").iterdir():
        if path.suffix == ".py" and path.stem != "__init__":
            out.add(f"pdscan.{path.stem}")
        elif path.is_dir() and (path / "__init__.py").exists():
            out.add(f"pdscan.{path.name}")
    return out


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return {c["id"]: c for c in config["contracts"]}


def test_the_contracts_name_every_module() -> None:
    modules, contracts = _top_modules(), _contracts()
    assert set(contracts["connectors"]["forbidden_modules"]) == modules - ALLOWED_TO_CONNECTORS
    assert set(contracts["library"]["source_modules"]) == modules - CLI
    assert set(contracts["graph"]["forbidden_modules"]) == (
        modules - {"pdscan.graph", "pdscan.connector", "pdscan.__main__"})
    assert set(contracts["nlp"]["source_modules"]) == (
        modules - {"pdscan.ner", "pdscan.__main__"}) | {"pdscan_connectors"}


def test_import_linter_contracts_hold() -> None:
    # the console script installed beside this interpreter (the test extra's import-linter)
    exe = Path(sys.executable).with_name("lint-imports")
    res = subprocess.run([str(exe), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert "0 broken" in res.stdout
