"""Where the index lives: one SQLite file (the default), or a PostgreSQL schema for a team.

Both speak the same SQL, written for SQLite and translated for PostgreSQL in
one place (``_pg``). A full build is made aside and swapped in at the end —
a new file renamed over the old one, or a new schema renamed in one
transaction — so an interrupted build leaves the previous index usable.
"""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pdscan.errors import ConfigError
from pdscan.redact import mask_url

if TYPE_CHECKING:
    import pyarrow as pa


def is_url(location: str | Path) -> bool:
    return str(location).startswith(("postgresql://", "postgres://", "postgresql+"))


def _pg(sql: str) -> str:
    sql = re.sub(r"\bINTEGER PRIMARY KEY\b", "BIGSERIAL PRIMARY KEY", sql)
    sql = re.sub(r"\bINTEGER\b", "BIGINT", sql)
    sql = sql.replace("BLOB", "BYTEA").replace(" WITHOUT ROWID", "")
    sql = re.sub(r"\bmax\((\?), ", r"GREATEST(\1, ", sql)
    return sql.replace("?", "%s")


class IndexDb:
    """A DB-API connection with the few things the index needs, in either dialect."""

    def __init__(self, con: Any, dialect: str, location: str) -> None:
        self.con, self.dialect, self.location = con, dialect, location

    def sql(self, text: str) -> str:
        return _pg(text) if self.dialect == "postgresql" else text

    def execute(self, text: str, params: Sequence[Any] = ()) -> Any:
        return self.con.execute(self.sql(text), tuple(params))

    def executemany(self, text: str, rows: Iterable[Sequence[Any]]) -> None:
        if self.dialect == "postgresql":
            with self.con.cursor() as cur:
                cur.executemany(self.sql(text), list(rows))
        else:
            self.con.executemany(text, rows)

    def insert_id(self, text: str, params: Sequence[Any]) -> int:
        row = self.execute(text + " RETURNING id", params).fetchone()
        return int(row[0])

    def begin(self) -> None:
        self.con.execute("BEGIN IMMEDIATE" if self.dialect == "sqlite" else "BEGIN")

    def commit(self) -> None:
        self.con.execute("COMMIT")

    def rollback(self) -> None:
        self.con.execute("ROLLBACK")

    def ingest(self, table: str, data: pa.Table) -> None:
        """Append an Arrow table (COPY on PostgreSQL, ``executemany`` on SQLite)."""
        cols = [c.to_pylist() for c in data.columns]
        if self.dialect == "postgresql":
            names = ", ".join(data.column_names)
            with self.con.cursor() as cur, cur.copy(
                    f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in zip(*cols, strict=True):
                    copy.write_row(row)
        else:
            marks = ",".join("?" * len(cols))
            self.con.executemany(f"INSERT INTO {table} VALUES ({marks})",
                                 zip(*cols, strict=True))

    def close(self) -> None:
        self.con.close()


#: A build made aside needs no durability until it is swapped in (a crash leaves a
#: file that the next build deletes), only rollback: journal in memory, no fsync.
ASIDE_PRAGMAS = ("journal_mode=MEMORY", "synchronous=OFF")


def _sqlite(path: Path, aside: bool = False) -> IndexDb:
    path.parent.mkdir(parents=True, exist_ok=True)
    old = os.umask(0o077)  # the index and its WAL files: owner only
    try:
        con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    finally:
        os.umask(old)
    for pragma in ASIDE_PRAGMAS if aside else ("journal_mode=WAL", "synchronous=NORMAL"):
        con.execute(f"PRAGMA {pragma}")
    con.execute("PRAGMA cache_size=-65536")  # 64 MiB: the build stays under 500 MB
    return IndexDb(con, "sqlite", str(path))


def _pg_parts(url: str) -> tuple[str, str]:
    """(libpq URL, schema) from ``postgresql://host/db?schema=pdscan``."""
    base, _, query = url.partition("?")
    base = re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", base)
    params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
    schema = params.pop("schema", "pdscan")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", schema):
        raise ConfigError(f"{mask_url(url)}: schema must be a plain identifier")
    rest = "&".join(f"{k}={v}" for k, v in params.items())
    return base + (f"?{rest}" if rest else ""), schema


def _postgres(url: str, schema: str) -> IndexDb:
    import psycopg

    conninfo, _ = _pg_parts(url)
    try:
        con = psycopg.connect(conninfo, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"index {mask_url(url)}: cannot connect: {first}") from exc
    con.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    con.execute(f'SET search_path TO "{schema}"')
    return IndexDb(con, "postgresql", f"{mask_url(url)} (schema {schema})")


def open_db(location: str | Path, build: bool = False) -> IndexDb:
    """Open an index; with ``build``, a fresh one made aside (see :func:`swap_in`)."""
    if is_url(location):
        _, schema = _pg_parts(str(location))
        if build:
            aside = f"{schema}_building_{secrets.token_hex(3)}"
            db = _postgres(str(location), aside)
            db.execute(f'DROP SCHEMA IF EXISTS "{aside}" CASCADE')
            db.execute(f'CREATE SCHEMA "{aside}"')
            db.execute(f'SET search_path TO "{aside}"')
            return db
        return _postgres(str(location), schema)
    path = Path(location)
    if build:
        aside = path.with_name(f".{path.name}.building")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{aside}{suffix}").unlink(missing_ok=True)
        return _sqlite(aside, aside=True)
    return _sqlite(path)


def swap_in(db: IndexDb, location: str | Path) -> None:
    """Make a build made aside the index, in one step, and close it."""
    if db.dialect == "postgresql":
        _, schema = _pg_parts(str(location))
        aside = db.con.execute("SELECT current_schema()").fetchone()[0]
        db.begin()
        db.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        db.execute(f'ALTER SCHEMA "{aside}" RENAME TO "{schema}"')
        db.commit()
        db.close()
        return
    aside = db.location
    db.execute("PRAGMA journal_mode=WAL")  # the index proper: lookups read during a run
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    os.replace(aside, location)
    for suffix in ("-wal", "-shm"):
        Path(f"{aside}{suffix}").unlink(missing_ok=True)


def exists(location: str | Path) -> bool:
    if not is_url(location):
        return Path(location).exists()
    db = open_db(location)
    try:
        row = db.execute("SELECT to_regclass('migrations')").fetchone()
        return row is not None and row[0] is not None
    finally:
        db.close()
