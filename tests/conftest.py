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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass
class Store:
    """One fresh database of a dialect, and how pdscan names it and its tables."""

    dialect: str
    url: str
    schema: str | None  # the PostgreSQL schema or MariaDB database; None for SQLite
    engine: sa.Engine

    @property
    def prefix(self) -> str:
        return self.schema if self.schema else "main"

    def collection(self, table: str) -> str:
        return f"{self.prefix}.{table}"

    def spec(self, label: str = "db", **options: Any) -> Any:
        from pdscan.config import SourceSpec

        if self.dialect == "postgresql":
            options["schemas"] = [self.schema]
        return SourceSpec(label, self.url, options)

    def table(self, name: str, *columns: sa.Column[Any], rows: list[dict[str, Any]]) -> sa.Table:
        """Create a table (one MetaData per store, so that foreign keys resolve)."""
        if not hasattr(self, "_metadata"):
            self._metadata = sa.MetaData(
                schema=self.schema if self.dialect == "postgresql" else None)
        table = sa.Table(name, self._metadata, *columns)
        with self.engine.begin() as c:
            table.create(c)
            if rows:
                c.execute(table.insert(), rows)
        return table

    def run(self, *statements: str) -> None:
        """Statements that cannot run in a transaction (VACUUM)."""
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            for stmt in statements:
                c.execute(sa.text(stmt))

    def qualified(self, table: str) -> str:
        quote = '"' if self.dialect != "mariadb" else "`"
        if self.dialect == "postgresql":
            return f"{quote}{self.schema}{quote}.{quote}{table}{quote}"
        return f"{quote}{table}{quote}"


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    dialect = request.param
    if dialect == "sqlite":
        path = tmp_path / "store.db"
        url = f"sqlite:///{path}"
        eng = sa.create_engine(url)
        yield Store(dialect, url, None, eng)
        eng.dispose()
        return
    if dialect == "postgresql":
        url, schema = request.getfixturevalue("pg_schema")
        eng = engine_for(url)
        yield Store(dialect, url, schema, eng)
        eng.dispose()
        return
    url = request.getfixturevalue("maria_db")
    eng = engine_for(url)
    yield Store(dialect, url, url.rsplit("/", 1)[1], eng)
    eng.dispose()
