"""Make the working tree behave as the installed package does in a whole-process benchmark.

`pip install .` byte-compiles every module; an editable install of a fresh checkout does
not, and with ``PYTHONDONTWRITEBYTECODE`` set (as on the project machine) each `pdscan`
process would compile pdscan's ~150 modules again (about 0.2 s) -- a cost no user pays.
"""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def byte_compile() -> None:
    """Write the ``__pycache__`` of pdscan and its connectors, as pip install does."""
    for package in ("pdscan", "connectors"):
        compileall.compile_dir(ROOT / package, quiet=1)
