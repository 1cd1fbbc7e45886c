"""Reading SQL straight into Arrow, without a Python object per value.

The driver path (SQLAlchemy rows, then ``pa.array``) costs about 2.5 µs per value;
the index reads whole tables. Here the database's rows arrive as Arrow batches:

* SQLite through ADBC's SQLite driver (``adbc-driver-sqlite``), read-only;
* PostgreSQL through ADBC's libpq driver (``adbc-driver-postgresql``, COPY binary);
* MariaDB/MySQL through connectorx when installed (``pip install 'pdscan[mysql]'``).

Only for statements without bound values, and only when every column's declared type
is one whose Arrow form is exactly what the driver path gives (integers, text, and per
database a few more): a NUMERIC, a UUID, a JSON or a SQLite DATE column takes the driver
path, which converts it as everywhere else. The batches are conformed to the driver
path's types (``int64``, ``string``, ``timestamp[us]``), and a SQLite column whose rows
mix types (SQLite allows it) raises :class:`Unsupported` so that the caller reads on
through the driver path.
"""

from __future__ import annotations

import importlib
import importlib.util
import threading
import weakref
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import sqlalchemy as sa

from pdscan.connector import promoted
from pdscan.errors import SourceError

if TYPE_CHECKING:
    from .sql import SqlConnector, _Table


class Unsupported(Exception):
    """This read cannot go the Arrow way (or stopped going it): use the driver path."""


class TimedOut(Exception):
    """A session limit was reached (``sql_session``): the driver path would wait as long."""


def _safe_type(dialect: str, t: sa.types.TypeEngine[Any]) -> bool:
    if isinstance(t, sa.Enum | sa.Interval):
        return False
    if dialect == "mysql" and type(t).__name__ in ("TINYINT", "BIT", "YEAR", "SET"):
        return False  # TINYINT(1) is a boolean to some drivers and a number to others
    if isinstance(t, sa.Integer | sa.String):
        return True
    if dialect == "sqlite":
        # SQLAlchemy turns SQLite's DATE, BOOLEAN and NUMERIC text and numbers into
        # Python dates, booleans and decimals; ADBC would not
        return (isinstance(t, sa.Float) and not t.asdecimal) or isinstance(t, sa.LargeBinary)
    if isinstance(t, sa.DateTime):
        return not t.timezone
    if isinstance(t, sa.Float):
        # float4 read as binary widens (1.1 -> 1.100000023841858); the driver reads "1.1"
        return not t.asdecimal and type(t).__name__ in ("DOUBLE_PRECISION", "DOUBLE", "Double")
    return isinstance(t, sa.Date | sa.Boolean | sa.LargeBinary) and dialect == "postgresql"


def available(conn: SqlConnector) -> bool:
    module = {"sqlite": "adbc_driver_sqlite", "postgresql": "adbc_driver_postgresql",
              "mysql": "connectorx", "mariadb": "connectorx"}.get(conn.dialect)
    return module is not None and importlib.util.find_spec(module) is not None


@dataclass(frozen=True)
class ArrowRead:
    """A statement an Arrow driver may run: its SQL, and each column's Arrow type family
    as the driver path gives it (a SQLite column holding other values than its declared
    type's is refused, not converted: the driver would print reals as ``3.361235e+10``)."""

    sql: str
    kinds: tuple[str, ...]


def _kind(t: sa.types.TypeEngine[Any]) -> str:
    for kind, types in (("int", sa.Integer), ("string", sa.String), ("float", sa.Float),
                        ("bool", sa.Boolean), ("binary", sa.LargeBinary),
                        ("timestamp", sa.DateTime), ("date", sa.Date)):
        if isinstance(t, types):
            return kind
    return "any"


def eligible(conn: SqlConnector, t: _Table, stmt: sa.Select[Any]) -> ArrowRead | None:
    """The statement for an Arrow read, or None when it must take the driver path."""
    if t.locator_kind not in ("pk", "rowid", "ctid") or not available(conn):
        return None
    dialect = "mysql" if conn.dialect == "mariadb" else conn.dialect
    kinds = []
    for col in stmt.selected_columns:
        if getattr(col, "name", "") == "__pdscan_weak":
            kinds.append("int" if t.locator_kind == "rowid" else "string")
            continue
        if not _safe_type(dialect, col.type):
            return None
        kinds.append(_kind(col.type))
    compiled = stmt.compile(dialect=conn.engine.dialect, compile_kwargs={"literal_binds": True})
    sql = str(compiled)
    # pyformat drivers double a literal %; the Arrow drivers would not undo it
    return None if compiled.params or "%" in sql else ArrowRead(sql, tuple(kinds))


class Connections:
    """A source's ADBC connections, kept for reuse until the connector closes: opening
    one costs ~90 ms on PostgreSQL (the driver reads the type catalogue), more than
    reading a small table. One per thread at a time; ADBC handles must be closed before
    the interpreter exits, or it aborts."""

    def __init__(self) -> None:
        self._idle: list[Any] = []
        self._lock = threading.Lock()
        # closed at exit too, if the connector never was
        weakref.finalize(self, _close_all, self._idle)

    @contextmanager
    def connection(self, module: str, uri: str, setup: Sequence[str] = ()) -> Iterator[Any]:
        """A connection to ``uri``; a new one runs the ``setup`` statements first."""
        with self._lock:
            db = self._idle.pop() if self._idle else None
        if db is None:
            # autocommit: a read must not sit "idle in transaction", holding its locks
            db = importlib.import_module(module).connect(uri, autocommit=True)
            try:
                with closing(db.cursor()) as cur:
                    for stmt in setup:
                        cur.execute(stmt)
            except BaseException:
                db.close()
                raise
        try:
            yield db
        except BaseException:
            db.close()  # a read that failed half-way may leave it unusable
            raise
        with self._lock:
            self._idle.append(db)

    def close(self) -> None:
        with self._lock:
            _close_all(self._idle)


def _close_all(idle: list[Any]) -> None:
    while idle:
        with suppress(Exception):
            idle.pop().close()


def batches(conn: SqlConnector, read: ArrowRead, batch_size: int
            ) -> Iterator[pa.RecordBatch]:
    """The rows of ``read`` as conformed Arrow batches; :class:`Unsupported` on a type the
    driver path converts differently (before or during the read)."""
    limits = conn.limits
    try:
        if conn.dialect == "sqlite":
            got = _adbc(conn, "adbc_driver_sqlite.dbapi", _sqlite_uri(conn), read.sql,
                        batch_size, [f"PRAGMA busy_timeout = {limits.sqlite_busy_ms}",
                                     "PRAGMA query_only = 1"])
        elif conn.dialect == "postgresql":
            # no statement_timeout: COPY streams a whole table, as long as it needs
            setup = [f"SET {s.replace('=', ' = ', 1)}"
                     for s in limits.pg_settings(read_only=True, statement=False)]
            got = _adbc(conn, "adbc_driver_postgresql.dbapi",
                        _server_uri(conn, "postgresql"), read.sql, batch_size, setup)
        else:
            mariadb = bool(getattr(conn.engine.dialect, "is_mariadb", False))
            got = _connectorx(_server_uri(conn, "mysql"),
                              limits.connectorx_sql(read.sql, mariadb), batch_size)
        for rb in got:
            yield conform(rb, read.kinds)
    except Unsupported:
        raise
    except BaseException as exc:  # the drivers raise their own error types
        # connectorx turns a server error met while streaming into a Rust panic, which
        # pyo3 raises as a BaseException
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise
        why = limits.explain(exc)
        if why is not None:
            raise TimedOut(why) from exc
        raise Unsupported(str(exc)) from exc


def _adbc(conn: SqlConnector, module: str, uri: str, sql: str, batch_size: int,
          setup: Sequence[str]) -> Iterator[pa.RecordBatch]:
    with conn.arrow.connection(module, uri, setup) as db, closing(db.cursor()) as cur:
        if module.startswith("adbc_driver_sqlite"):
            cur.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": str(batch_size)})
        cur.execute(sql)
        yield from cur.fetch_record_batch()


def _connectorx(uri: str, sql: str, batch_size: int) -> Iterator[pa.RecordBatch]:
    import connectorx

    yield from connectorx.read_sql(uri, sql, return_type="arrow_stream",
                                   batch_size=batch_size)


_KINDS: dict[str, tuple[pa.DataType, ...]] = {
    "int": (pa.int64(),), "float": (pa.float64(),), "string": (pa.string(),),
    "bool": (pa.bool_(),), "binary": (pa.binary(),), "timestamp": (pa.timestamp("us"),),
    "date": (pa.date32(),),
    "any": (pa.int64(), pa.float64(), pa.string(), pa.binary(), pa.bool_(), pa.date32(),
            pa.timestamp("us")),
}


def conform(rb: pa.RecordBatch, kinds: Sequence[str]) -> pa.RecordBatch:
    """The batch with the driver path's types; :class:`Unsupported` for a column whose
    values are not what its declared type promises."""
    cols = []
    for arr, kind in zip(rb.columns, kinds, strict=True):
        t = arr.type
        if arr.null_count == len(arr):
            arr = pa.nulls(len(arr))  # as the driver path types a batch of NULLs
        elif pa.types.is_integer(t) and t != pa.int64():
            arr = arr.cast(pa.int64())
        elif pa.types.is_large_string(t) or pa.types.is_string_view(t):
            arr = arr.cast(pa.string())
        elif pa.types.is_large_binary(t) or pa.types.is_binary_view(t):
            arr = arr.cast(pa.binary())
        elif pa.types.is_date64(t):
            arr = arr.cast(pa.date32())
        elif pa.types.is_timestamp(t) and t.tz is None and t.unit != "us":
            arr = arr.cast(pa.timestamp("us"))
        if not pa.types.is_null(arr.type) and arr.type not in _KINDS[kind]:
            raise Unsupported(f"a {kind} column read as {arr.type}")
        cols.append(arr)
    return pa.RecordBatch.from_arrays(cols, names=rb.schema.names)


def _sqlite_uri(conn: SqlConnector) -> str:
    db = conn.engine.url.database or ""
    if not db or db == ":memory:" or db.startswith("file:"):
        raise Unsupported("not a database file")
    return Path(db).resolve().as_uri() + "?mode=ro"


def _server_uri(conn: SqlConnector, scheme: str) -> str:
    url = conn.engine.url.set(drivername=scheme)
    if scheme == "postgresql" and "connect_timeout" not in url.query:
        url = url.update_query_dict({"connect_timeout": str(conn.limits.connect_s)})
    elif scheme == "mysql" and "tcp_connect_timeout_ms" not in url.query:
        url = url.update_query_dict(
            {"tcp_connect_timeout_ms": str(round(conn.limits.connect * 1000))})
    return url.render_as_string(hide_password=False)


def table_rows(conn: SqlConnector, t: _Table, stmt: sa.Select[Any]) -> pa.Table | None:
    """All rows of a small table's statement in one Arrow table, or None."""
    read = eligible(conn, t, stmt)
    if read is None:
        return None
    try:
        got = list(batches(conn, read, 65536))
    except Unsupported:
        return None
    except TimedOut as exc:
        raise SourceError(conn.label, f"{t.info.name}: {exc}") from exc
    if not got:
        return None
    return promoted(got)
