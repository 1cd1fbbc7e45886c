"""Erasure's writes to SQL databases: the ``WritableConnector`` half of ``sql.py``.

All of a source's changes run in one transaction, in the order given (children
before parents). Each collection's rows are read again first, locked (``FOR
UPDATE`` on PostgreSQL and MariaDB; SQLite takes the database's write lock with
``BEGIN IMMEDIATE``), and each change goes ahead only if its row is still the
one that was planned. SQLite is written with its foreign keys enforced, so that
``ON DELETE`` rules act as declared. A row located by its values (MariaDB without
a key) is deleted or updated one at a time (``LIMIT 1``): two identical rows are
one person's twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from pdscan.connector import (
    APPLIED,
    DRY_RUN,
    ChangeCheck,
    LocatedBatch,
    Locator,
    RowChange,
)
from pdscan.errors import SourceError, one_line

from .sql_session import engine_kwargs, install, sqlite_creator

if TYPE_CHECKING:
    from .sql import SqlConnector, _Table


def _foreign_keys(con: sqlite3.Connection) -> None:
    con.execute("PRAGMA foreign_keys = ON")


def write_engine(conn: SqlConnector) -> sa.Engine:
    """An engine that may write: the reading one opens read-only sessions. Its sessions
    keep the source's time limits (a row locked by the application is waited for
    ``lock_timeout``, then the erasure of that source is rolled back)."""
    url = conn.engine.url
    if conn.dialect != "sqlite":
        server = sa.create_engine(url, poolclass=sa.pool.NullPool, **_server_kwargs(conn, url))
        install(server, conn.limits, read_only=False)
        return server
    if not url.database or url.database == ":memory:":
        return conn.engine
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool, creator=sqlite_creator(
        Path(url.database), conn.limits, read_only=False, setup=_foreign_keys))

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _server_kwargs(conn: SqlConnector, url: sa.URL) -> dict[str, Any]:
    kwargs = engine_kwargs(conn.dialect, url, conn.limits, read_only=False)
    kwargs.pop("pool_pre_ping", None)  # a fresh connection per erasure
    return kwargs


def _statement(conn: SqlConnector, t: _Table, change: RowChange) -> sa.Executable:
    where = conn._where_locators(t, [change.locator.to_dict()])
    if where is None:
        raise SourceError(conn.label, f"{t.info.name}: cannot address {change.locator}")
    if change.action == "delete":
        stmt: Any = sa.delete(t.table).where(where)
    else:
        unknown = [c for c in change.values if c not in t.table.c]
        if unknown:
            raise SourceError(conn.label, f"{t.info.name}: no column {unknown[0]!r}")
        stmt = sa.update(t.table).where(where).values(dict(change.values))
    if t.locator_kind == "row" and conn.dialect in ("mysql", "mariadb"):
        stmt = stmt.with_dialect_options(mysql_limit=1)
    return stmt


def render(conn: SqlConnector, changes: Sequence[RowChange]) -> list[str]:
    """Each change as a statement of the database's dialect, values inlined."""
    out = []
    for change in changes:
        stmt = _statement(conn, conn._get(change.collection), change)
        compiled = stmt.compile(dialect=conn.engine.dialect,
                                compile_kwargs={"literal_binds": True})
        out.append(f"{str(compiled).strip()};")
    return out


def _current(conn: SqlConnector, db: sa.Connection, t: _Table,
             locators: Sequence[Locator]) -> dict[Locator, dict[str, Any]]:
    """The rows at ``locators`` as they are now, locked until the transaction ends."""
    stmt, names = conn._select(t, None)
    rows: list[sa.Row[Any]] = []
    dicts = [loc.to_dict() for loc in locators]
    for i in range(0, len(dicts), 500):
        where = conn._where_locators(t, dicts[i:i + 500])
        if where is not None:
            query = stmt.where(where)
            if conn.dialect != "sqlite":
                query = query.with_for_update()
            rows.extend(db.execute(query))
    batch: LocatedBatch = conn._batch(t, names, rows)
    return batch.rows_by_locator()


def apply(conn: SqlConnector, changes: Sequence[RowChange], check: ChangeCheck,
          dry_run: bool = False) -> list[str]:
    """Apply ``changes`` in one transaction (rolled back whole on any failure)."""
    outcomes: list[str] = []
    engine = write_engine(conn)
    try:
        with _transaction(engine, dry_run) as db:
            for collection, run in groupby(changes, key=lambda c: c.collection):
                group = list(run)
                t = conn._get(collection)
                now = _current(conn, db, t, [c.locator for c in group])
                for change in group:
                    verdict = check(change, now.get(change.locator))
                    if verdict != "apply":
                        outcomes.append(verdict)
                        continue
                    if dry_run:
                        outcomes.append(DRY_RUN)
                        continue
                    db.execute(_statement(conn, t, change))
                    outcomes.append(APPLIED)
    except SQLAlchemyError as exc:
        raise SourceError(conn.label, f"erasure rolled back: {conn.why(exc)}") from exc
    finally:
        if engine is not conn.engine:
            engine.dispose()
    return outcomes


@contextmanager
def _transaction(engine: sa.Engine, dry_run: bool) -> Iterator[sa.Connection]:
    with engine.connect() as db:
        trans = db.begin()
        try:
            yield db
        except BaseException:
            trans.rollback()
            raise
        if dry_run:
            trans.rollback()
        else:
            trans.commit()


def references(conn: SqlConnector, collection: str, columns: Sequence[str],
               keys: Sequence[Sequence[Any]]) -> LocatedBatch:
    """The rows of ``collection`` whose ``columns`` hold one of ``keys``."""
    t = conn._get(collection)
    stmt, names = conn._select(t, None)
    cols = [t.table.c[c] for c in columns]
    rows: list[sa.Row[Any]] = []
    for i in range(0, len(keys), 500):
        chunk = [tuple(k) for k in keys[i:i + 500]]
        cond = cols[0].in_([k[0] for k in chunk]) if len(cols) == 1 else \
            sa.tuple_(*cols).in_(chunk)
        try:
            with conn.engine.connect() as db:
                rows.extend(db.execute(stmt.where(cond)))
        except SQLAlchemyError as exc:
            raise SourceError(conn.label, f"{collection}: {one_line(exc)}") from exc
    return conn._batch(t, names, rows)

