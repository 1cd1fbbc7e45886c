"""Shared fixtures: real PostgreSQL and MariaDB servers, one fresh schema per test.

The servers are required: a missing server is a test failure, never a skip
(CI must not pass by not testing).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DB = ROOT / "sample_db"
PG_URL = os.environ.get("PDSCAN_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
MARIA_URL = os.environ.get("PDSCAN_TEST_MARIADB", "mysql://root@127.0.0.1:3306/test")


def engine_for(url: str) -> sa.Engine:
    from pdscan_connectors.sql import normalise_url

    return sa.create_engine(normalise_url(url))


@pytest.fixture
def pg_schema() -> Iterator[tuple[str, str]]:
    """A fresh PostgreSQL schema: yields (database URL, schema name)."""
    name = f"pdscan_t_{uuid.uuid4().hex[:10]}"
    eng = engine_for(PG_URL)
    with eng.begin() as c:
        c.execute(sa.text(f'CREATE SCHEMA "{name}"'))
    try:
        yield PG_URL, name
    finally:
        with eng.begin() as c:
            c.execute(sa.text(f'DROP SCHEMA "{name}" CASCADE'))
        eng.dispose()


@pytest.fixture
def maria_db() -> Iterator[str]:
    """A fresh MariaDB database: yields its URL."""
    name = f"pdscan_t_{uuid.uuid4().hex[:10]}"
    eng = engine_for(MARIA_URL)
    with eng.begin() as c:
        c.execute(sa.text(f"CREATE DATABASE `{name}`"))
    base = MARIA_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with eng.begin() as c:
            c.execute(sa.text(f"DROP DATABASE `{name}`"))
        eng.dispose()


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``pdscan`` command in a subprocess (as a user would)."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pdscan", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, env=env, timeout=300)
