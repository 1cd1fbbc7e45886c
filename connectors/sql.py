"""The ``sql`` connector: SQLite, PostgreSQL and MariaDB/MySQL through SQLAlchemy.

Schemas come from SQLAlchemy reflection; rows are streamed with server-side
cursors (``stream_results``) so a 10 M-row table never sits in memory. Every
row's locator is its primary key; a table without one falls back to a weak
physical locator (SQLite ``rowid``, PostgreSQL ``ctid``) or, on MariaDB, to the
row's own values.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import random
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from pdscan.connector import (
    DEFAULT_BATCH_SIZE,
    ChangeCheck,
    CollectionInfo,
    ColumnInfo,
    ForeignKey,
    LocatedBatch,
    Locator,
    RowChange,
)
from pdscan.errors import CollectionNotFound, SourceError, UsageError, one_line
from pdscan.redact import without_password

from . import sql_arrow, sql_write
from .sql_session import OPTIONS as LIMIT_OPTIONS
from .sql_session import Limits, engine_kwargs, install, sqlite_creator

# Drivers pdscan installs; a bare scheme means these rather than SQLAlchemy's
# historical defaults (psycopg2, mysqlclient), which are not dependencies.
_DEFAULT_DRIVERS = {
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mariadb+pymysql",
}
_SYSTEM_SCHEMAS = {
    "information_schema", "pg_catalog", "pg_toast", "mysql", "performance_schema", "sys",
}
# Below this many (estimated) rows a table is counted exactly and sampled by
# reading it whole: cheaper than being clever.
SMALL_TABLE = 50_000
_WEAK = "__pdscan_weak"


def _unique_constraints(table: sa.Table) -> list[tuple[str, ...]]:
    """Column sets of the table's UNIQUE constraints, by constraint name."""
    ucs = sorted((uc for uc in table.constraints if isinstance(uc, sa.UniqueConstraint)),
                 key=lambda uc: (str(uc.name or ""), [c.name for c in uc.columns]))
    return [tuple(c.name for c in uc.columns) for uc in ucs if uc.columns]


def _unique_sets(table: sa.Table) -> tuple[tuple[str, ...], ...]:
    """Column sets declared UNIQUE, by a constraint or a unique index (a partial one
    too: a value written there may still collide)."""
    sets = _unique_constraints(table)
    indexes = sorted((ix for ix in table.indexes if ix.unique and ix.expressions
                      and all(isinstance(e, sa.Column) for e in ix.expressions)),
                     key=lambda ix: str(ix.name or ""))
    sets += [tuple(c.name for c in ix.columns) for ix in indexes]
    return tuple(dict.fromkeys(s for s in sets if s))


def normalise_url(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    return f"{_DEFAULT_DRIVERS.get(scheme.lower(), scheme)}{sep}{rest}"


def portable_type(t: sa.types.TypeEngine[Any]) -> str:
    checks: list[tuple[type, str]] = [
        (sa.Boolean, "boolean"), (sa.Integer, "integer"), (sa.Float, "float"),
        (sa.Numeric, "decimal"), (sa.DateTime, "datetime"), (sa.Date, "date"),
        (sa.Time, "time"), (sa.LargeBinary, "binary"), (sa.types._Binary, "binary"),
        (sa.JSON, "json"), (sa.ARRAY, "list"), (sa.Enum, "string"), (sa.String, "string"),
        (sa.Uuid, "string"), (sa.Interval, "string"),
    ]
    for cls, name in checks:
        if isinstance(t, cls):
            return name
    native = str(t).lower() if not isinstance(t, sa.types.NullType) else ""
    if any(k in native for k in ("char", "text", "inet", "cidr", "macaddr", "uuid", "xml")):
        return "string"
    return "unknown"


def _plain(v: Any) -> Any:
    """Driver values Arrow cannot infer (UUID, IP, dict ...) as text."""
    if v is None or isinstance(v, str | int | float | bool | bytes | decimal.Decimal
                                  | dt.date | dt.time | dt.timedelta):
        return v
    if isinstance(v, dict | list):
        return json.dumps(v, default=str, ensure_ascii=False)
    if isinstance(v, uuid.UUID | memoryview):
        return str(v) if isinstance(v, uuid.UUID) else bytes(v)
    return str(v)


def _plain_type(t: pa.DataType) -> bool:
    """An Arrow type the driver's values map to as they are (a UUID would become Arrow's
    UUID extension type, a dict a struct: those are made text first)."""
    return (pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_string(t)
            or pa.types.is_binary(t) or pa.types.is_boolean(t) or pa.types.is_date(t)
            or pa.types.is_timestamp(t) or pa.types.is_decimal(t) or pa.types.is_null(t)
            or pa.types.is_time(t) or pa.types.is_duration(t)) \
        and not isinstance(t, pa.ExtensionType)


def to_arrow(values: Sequence[Any]) -> pa.Array:
    """One column of driver values as an Arrow array.

    SQLite is dynamically typed, so a column may mix ints and text: when Arrow
    cannot infer one type, the column becomes text rather than failing.
    """
    try:  # most columns hold plain values: let Arrow convert them in C
        arr = pa.array(values)
        if _plain_type(arr.type):
            return arr
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        pass
    plain = [_plain(v) for v in values]
    try:
        return pa.array(plain)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        return pa.array([None if v is None else (v.hex() if isinstance(v, bytes) else str(v))
                         for v in plain], type=pa.string())


@dataclass
class _Table:
    info: CollectionInfo
    table: sa.Table
    #: "pk", "rowid", "ctid" or "row": how rows are located.
    locator_kind: str


#: an SQLite file from this size on has its tables' rows estimated from their largest
#: rowid, not counted (a small file is counted exactly, at no cost)
_LARGE_SQLITE = 64 * 2**20
#: the options a SQL source takes (pdscan.toml keys besides ``url`` and ``password``)
OPTIONS = ("schemas", "include", "exclude", "include_views", "small_table", *LIMIT_OPTIONS)


def check_options(label: str, options: Mapping[str, Any]) -> None:
    """An option no SQL source knows is an error naming it: silently ignoring a
    misspelt ``exclude`` would read what the user meant to leave out."""
    unknown = sorted(set(options) - set(OPTIONS) - {"password"})
    if unknown:
        raise UsageError(f"{label}: unknown option(s) {', '.join(unknown)} for a SQL source "
                         f"(known: {', '.join(OPTIONS)})")
    schemas = options.get("schemas")
    if schemas is not None and (isinstance(schemas, str) or not isinstance(schemas, list)
                                or not all(isinstance(x, str) for x in schemas)):
        raise UsageError(f"{label}: option 'schemas' must be a list of names")


def _globs(label: str, options: Mapping[str, Any], key: str) -> list[str]:
    value = options.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise UsageError(f"{label}: option {key!r} must be a glob or a list of globs "
                     "(table or schema.table)")


class SqlConnector:
    """Read-only access to one SQL database. See the module docstring."""

    secret_options: ClassVar[tuple[str, ...]] = ("password",)

    def __init__(self, engine: Engine, label: str, options: Mapping[str, Any]) -> None:
        check_options(label, options)
        self.engine = engine
        self.label = label
        self.limits = Limits.from_options(label, options)
        self.dialect = engine.dialect.name  # "sqlite" | "postgresql" | "mysql" | "mariadb"
        self.include_views = bool(options.get("include_views", False))
        self.small_table = int(options.get("small_table", SMALL_TABLE))
        schemas = options.get("schemas")
        self.schemas: list[str] | None = list(schemas) if schemas else None
        self.include = _globs(label, options, "include")
        self.exclude = _globs(label, options, "exclude")
        self._tables: dict[str, _Table] | None = None
        #: tables listed but not described (no privilege, dropped while read): name ->
        #: why. The other tables are served; pdscan reports these as failed members.
        self.unreadable: dict[str, str] = {}
        self.arrow = sql_arrow.Connections()

    # -- opening --------------------------------------------------------------
    @classmethod
    def open(cls, url: str, label: str, options: Mapping[str, Any]) -> SqlConnector:
        try:
            sa_url = make_url(normalise_url(url))
        except ArgumentError as exc:
            raise SourceError(label, f"not a valid database URL: {one_line(exc)}") from exc
        check_options(label, options)
        limits = Limits.from_options(label, options)
        try:
            # Read-only: scanning must never create or change a database (erasure asks
            # sql_write for a writable engine of its own).
            engine = session_engine(sa_url, limits, read_only=True)
        except (NoSuchModuleError, ImportError) as exc:
            raise SourceError(label, f"no driver for {sa_url.drivername}: {one_line(exc)}") from exc
        except FileNotFoundError as exc:
            raise SourceError(label, f"no such database file: {sa_url.database}") from exc
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
        except SQLAlchemyError as exc:
            engine.dispose()
            why = limits.explain(exc, connecting=True) or one_line(exc)
            raise SourceError(label, f"cannot connect: {why}") from exc
        return cls(engine, label, options)

    def why(self, exc: BaseException) -> str:
        """A driver's error as one line, a timeout said as such."""
        return self.limits.explain(exc) or one_line(exc)

    @classmethod
    def identity(cls, url: str, options: Mapping[str, Any]) -> str:
        """The database a URL names, without password or driver: ``mariadb://`` and
        ``mysql+pymysql://`` name the same server; a SQLite path is made absolute."""
        sa_url = make_url(normalise_url(url))
        backend = sa_url.get_backend_name()
        db = sa_url.database or ""
        if backend == "sqlite" and db and db != ":memory:" and not db.startswith("file:"):
            sa_url = sa_url.set(database=str(Path(db).resolve()))
        backend = {"mariadb": "mysql"}.get(backend, backend)
        return without_password(sa_url, drivername=backend)

    def close(self) -> None:
        self.arrow.close()
        self.engine.dispose()

    def __enter__(self) -> SqlConnector:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------
    def _schema_names(self, insp: sa.Inspector) -> list[str]:
        if self.schemas:
            return self.schemas
        if self.dialect == "sqlite":
            return ["main"]
        if self.dialect in ("mysql", "mariadb") and self.engine.url.database:
            # A MariaDB "schema" is a database; the URL names the one to scan.
            return [self.engine.url.database]
        return [s for s in insp.get_schema_names()
                if s not in _SYSTEM_SCHEMAS and not s.startswith(("pg_toast", "pg_temp"))]

    def _load(self) -> dict[str, _Table]:
        if self._tables is not None:
            return self._tables
        tables: dict[str, _Table] = {}
        try:
            with self.engine.connect() as conn:
                insp = sa.inspect(conn)
                for schema in self._schema_names(insp):
                    sa_schema = None if self.dialect == "sqlite" and schema == "main" else schema
                    views = set(insp.get_view_names(schema=sa_schema)) \
                        if self.include_views else set()
                    # One reflection per schema: SQLAlchemy fetches every table's columns,
                    # keys and indexes in a few bulk queries instead of several per table.
                    for name, table in self._reflect(conn, insp, schema, sa_schema):
                        kind = "view" if name in views else "table"
                        try:
                            with self._isolated(conn):  # a failed count must not end the rest
                                tables[f"{schema}.{name}"] = self._describe(
                                    conn, table, schema, kind)
                        except SQLAlchemyError as exc:
                            self.unreadable[f"{schema}.{name}"] = self.why(exc)
        except SQLAlchemyError as exc:
            raise SourceError(self.label, f"reading the schema: {self.why(exc)}") from exc
        self._tables = tables
        return tables

    def _isolated(self, conn: sa.Connection) -> Any:
        """A savepoint where a failed statement would end the transaction (PostgreSQL);
        SQLite and MariaDB carry on after one, and save the round trips."""
        return conn.begin_nested() if self.dialect == "postgresql" else nullcontext()

    def _reflect(self, conn: sa.Connection, insp: sa.Inspector, schema: str,
                 sa_schema: str | None) -> list[tuple[str, sa.Table]]:
        """The schema's tables (and views), reflected."""
        meta = sa.MetaData()
        try:
            with self._isolated(conn):
                meta.reflect(conn, schema=sa_schema, views=self.include_views,
                             only=lambda name, _meta: self.wanted(schema, name))
        except SQLAlchemyError:
            # one table dropped or unreadable while the schema is read: table by table,
            # so that only that one is missing
            meta = sa.MetaData()
            names = insp.get_table_names(schema=sa_schema)
            if self.include_views:
                names += insp.get_view_names(schema=sa_schema)
            for name in (n for n in names if self.wanted(schema, n)):
                try:
                    with self._isolated(conn):
                        sa.Table(name, meta, schema=sa_schema, autoload_with=conn)
                except SQLAlchemyError as exc:
                    self.unreadable[f"{schema}.{name}"] = self.why(exc)
        # reflection also brings the tables a reflected one references: keep only the
        # wanted ones (an excluded table is never read)
        return sorted((t.name, t) for t in meta.tables.values()
                      if t.schema == sa_schema and self.wanted(schema, t.name))

    def wanted(self, schema: str, table: str) -> bool:
        """Whether the ``include``/``exclude`` globs let ``schema.table`` be read (a glob
        without a dot is matched against the table's own name)."""
        def hit(globs: Sequence[str]) -> bool:
            return any(fnmatchcase(f"{schema}.{table}" if "." in g else table, g)
                       for g in globs)
        return (not self.include or hit(self.include)) and not hit(self.exclude)

    def _describe(self, conn: sa.Connection, table: sa.Table, schema: str,
                  kind: str) -> _Table:
        pk = tuple(c.name for c in table.primary_key.columns)
        unique = _unique_sets(table) if kind == "table" else ()
        if not pk and kind == "table":
            # a unique constraint over NOT NULL columns locates rows as well as a PK (a
            # unique index may be partial: two rows can share its value)
            pk = next((u for u in _unique_constraints(table)
                       if all(not table.c[c].nullable for c in u)), ())
        locator_kind = "pk" if pk else {"sqlite": "rowid", "postgresql": "ctid"}.get(
            self.dialect, "row")
        if kind == "view" and not pk:
            locator_kind = "row"
        fks = tuple(
            ForeignKey(
                columns=tuple(fk.column_keys),
                ref_collection=f"{fk.referred_table.schema or schema}."
                               f"{fk.referred_table.name}",
                ref_columns=tuple(e.column.name for e in fk.elements),
                on_delete=fk.ondelete,
            )
            for fk in sorted(table.foreign_key_constraints,
                             key=lambda fk: (fk.name or "", tuple(fk.column_keys)))
        )
        columns = tuple(
            ColumnInfo(c.name, portable_type(c.type), bool(c.nullable), str(c.type)
                       if not isinstance(c.type, sa.types.NullType) else None)
            for c in table.columns
        )
        count, exact, fingerprint = self._row_count(conn, table, schema, table.name)
        info = CollectionInfo(
            source=self.label, name=f"{schema}.{table.name}", kind=kind, columns=columns,
            row_count=count, row_count_exact=exact, primary_key=pk, foreign_keys=fks,
            unique=tuple(dict.fromkeys(((pk,) if pk else ()) + unique)),
            weak_locator=locator_kind != "pk", locator_holds_values=locator_kind == "row",
            fingerprint=fingerprint,
        )
        return _Table(info, table, locator_kind)

    def _row_count(self, conn: sa.Connection, table: sa.Table, schema: str,
                   name: str) -> tuple[int | None, bool, dict[str, Any]]:
        estimate: int | None = None
        fingerprint: dict[str, Any] = {}
        if self.dialect == "postgresql":
            row = conn.execute(sa.text(
                "SELECT c.reltuples::bigint, s.n_tup_ins + s.n_tup_upd + s.n_tup_del, c.relpages "
                "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid "
                "WHERE n.nspname = :s AND c.relname = :t"), {"s": schema, "t": name}).first()
            if row is not None:
                estimate = int(row[0]) if row[0] is not None and row[0] >= 0 else None
                fingerprint["writes"] = row[1]
                fingerprint["pages"] = row[2]
        elif self.dialect in ("mysql", "mariadb"):
            row = conn.execute(sa.text(
                "SELECT TABLE_ROWS, UPDATE_TIME FROM information_schema.TABLES "
                "WHERE TABLE_SCHEMA = :s AND TABLE_NAME = :t"), {"s": schema, "t": name}).first()
            if row is not None:
                estimate = int(row[0]) if row[0] is not None else None
                fingerprint["update_time"] = str(row[1]) if row[1] else None
        if self.dialect == "sqlite" and self.engine.url.database:
            # SQLite keeps no per-table change counter: any write changes the file.
            st = Path(self.engine.url.database).stat()
            fingerprint.update(file_size=st.st_size, file_mtime_ns=st.st_mtime_ns)
        if self.dialect == "sqlite" and fingerprint.get("file_size", 0) >= _LARGE_SQLITE:
            # the largest rowid, read from the table's b-tree: its row count unless rows
            # were deleted (count(*) reads every page: 0.45 s at 10 M rows)
            try:
                with self._isolated(conn):
                    top = conn.execute(sa.select(sa.func.max(sa.literal_column("rowid")))
                                       .select_from(table)).scalar()
                estimate = int(top) if top is not None else 0
            except SQLAlchemyError:  # a view, a WITHOUT ROWID table
                estimate = None
        if estimate is None or estimate < self.small_table:
            exact = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            fingerprint["row_count"] = exact
            return int(exact), True, fingerprint
        fingerprint["row_count_estimate"] = estimate
        return estimate, False, fingerprint

    def collections(self) -> list[CollectionInfo]:
        return [t.info for t in self._load().values()]

    def describe(self, collection: str) -> CollectionInfo:
        return self._get(collection).info

    def _get(self, collection: str) -> _Table:
        t = self._load().get(collection)
        if t is None:
            if collection in self.unreadable:
                raise SourceError(self.label, f"{collection}: {self.unreadable[collection]}")
            raise CollectionNotFound(self.label, collection)
        return t

    # -- reading ------------------------------------------------------------------
    def _weak_column(self, t: _Table) -> sa.ColumnElement[Any] | None:
        if t.locator_kind == "rowid":
            return sa.literal_column("rowid").label(_WEAK)
        if t.locator_kind == "ctid":
            return sa.cast(sa.literal_column("ctid"), sa.Text).label(_WEAK)
        return None

    def _select(self, t: _Table, columns: Sequence[str] | None,
                src: sa.FromClause | None = None) -> tuple[sa.Select[Any], list[str]]:
        src = t.table if src is None else src
        names = list(columns) if columns is not None else [c.name for c in t.table.columns]
        missing = [n for n in names if n not in t.table.c]
        if missing:
            raise SourceError(self.label, f"{t.info.name}: no column {missing[0]!r}")
        extra: list[sa.ColumnElement[Any]] = []
        if t.locator_kind == "pk":
            extra = [src.c[c].label(f"__pdscan_pk_{i}") for i, c in
                     enumerate(t.info.primary_key)]
        elif t.locator_kind == "row":
            extra = [c.label(f"__pdscan_row_{i}") for i, c in enumerate(src.c)]
        weak = self._weak_column(t)
        if weak is not None:
            extra.append(weak)
        stmt = sa.select(*[src.c[n] for n in names], *extra).select_from(src)
        return stmt, names

    def _locators(self, t: _Table, cols: list[list[Any]], n_data: int) -> pa.StructArray:
        extra = cols[n_data:]
        if t.locator_kind == "pk":
            pk = pa.StructArray.from_arrays([to_arrow(v) for v in extra],
                                            names=list(t.info.primary_key))
            return pa.StructArray.from_arrays([pk], names=["pk"])
        if t.locator_kind == "row":
            names = [c.name for c in t.table.columns]
            texts = [pa.array([None if v is None else str(_plain(v)) for v in col],
                              type=pa.string()) for col in extra]
            row = pa.StructArray.from_arrays(texts, names=names)
            weak = pa.array([True] * len(row))
            return pa.StructArray.from_arrays([row, weak], names=["row", "weak"])
        key = t.locator_kind
        values = pa.array(extra[0], type=pa.int64() if key == "rowid" else pa.string())
        return pa.StructArray.from_arrays([values, pa.array([True] * len(values))],
                                          names=[key, "weak"])

    def _batch(self, t: _Table, names: list[str], rows: Sequence[Sequence[Any]]) -> LocatedBatch:
        width = len(names) + {"pk": len(t.info.primary_key),
                              "row": len(t.table.columns)}.get(t.locator_kind, 1)
        cols = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]
        data = pa.RecordBatch.from_arrays([to_arrow(c) for c in cols[:len(names)]], names=names)
        return LocatedBatch(data, self._locators(t, cols, len(names)))

    def _arrow_batch(self, t: _Table, names: list[str], rb: pa.RecordBatch) -> LocatedBatch:
        """A batch read by ``sql_arrow`` (data columns, then the locator's)."""
        data = pa.RecordBatch.from_arrays(rb.columns[:len(names)], names=names)
        extra = rb.columns[len(names):]
        weak = pa.array([True] * rb.num_rows)
        if t.locator_kind == "pk":
            pk = pa.StructArray.from_arrays(extra, names=list(t.info.primary_key))
            locs = pa.StructArray.from_arrays([pk], names=["pk"])
        else:  # rowid (int64) or ctid (text)
            locs = pa.StructArray.from_arrays([extra[0], weak], names=[t.locator_kind, "weak"])
        return LocatedBatch(data, locs)

    def read(self, collection: str, columns: Sequence[str] | None = None,
             batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[LocatedBatch]:
        t = self._get(collection)
        stmt, names = self._select(t, columns)
        done = 0
        arrow = sql_arrow.eligible(self, t, stmt)
        if arrow is not None:
            try:
                for rb in sql_arrow.batches(self, arrow, max(batch_size, 65536)):
                    for start in range(0, rb.num_rows, batch_size):  # zero-copy slices
                        piece = rb.slice(start, batch_size)
                        yield self._arrow_batch(t, names, piece)
                        done += piece.num_rows
                return
            except sql_arrow.TimedOut as exc:
                raise SourceError(self.label, f"{collection}: {exc}") from exc
            except sql_arrow.Unsupported as exc:
                if done and self.dialect != "sqlite":
                    # a server may return rows in another order next time (synchronised
                    # scans): reading on from an offset could skip or repeat some
                    raise SourceError(self.label, f"{collection}: {exc}") from exc
                # a SQLite column that mixes types half-way: the driver path reads on
                # from there, in the same order (a table scan by rowid)
                stmt = stmt.offset(done) if done else stmt
        try:
            with self.engine.connect() as conn, self._whole_table(conn):
                result = conn.execution_options(stream_results=True,
                                                yield_per=batch_size).execute(stmt)
                try:
                    for rows in result.partitions(batch_size):
                        if rows:
                            yield self._batch(t, names, rows)
                except GeneratorExit:
                    # A caller stopped early: MariaDB would drain the rest of an
                    # unbuffered result (millions of rows) before reusing the
                    # connection, so drop the connection instead.
                    if self.dialect in ("mysql", "mariadb"):
                        raw = conn.connection.dbapi_connection
                        pending = getattr(raw, "_result", None)
                        if pending is not None:  # PyMySQL would drain it when collected
                            pending.unbuffered_active = False
                        conn.invalidate()
                    raise
        except SQLAlchemyError as exc:
            raise SourceError(self.label, f"{collection}: {self.why(exc)}") from exc

    @contextmanager
    def _whole_table(self, conn: sa.Connection) -> Iterator[None]:
        """A table streamed whole runs as long as the table needs: MariaDB's statement
        limit is lifted for it (PostgreSQL's applies to each FETCH, not the cursor);
        the limit comes back after it, or the session is dropped."""
        sql = self.limits.mysql_unbounded(bool(getattr(self.engine.dialect, "is_mariadb",
                                                       False))) \
            if self.dialect in ("mysql", "mariadb") else None
        if sql is None:
            yield
            return
        conn.exec_driver_sql(sql[0])
        done = False
        try:
            yield
            done = True
        finally:
            if done:
                conn.exec_driver_sql(sql[1])
            elif not conn.invalidated:
                conn.invalidate()

    def _run(self, t: _Table, stmt: sa.Select[Any]) -> list[sa.Row[Any]]:
        try:
            with self.engine.connect() as conn:
                return list(conn.execute(stmt))
        except SQLAlchemyError as exc:
            raise SourceError(self.label, f"{t.info.name}: {self.why(exc)}") from exc

    def sample(self, collection: str, n: int, columns: Sequence[str] | None = None,
               seed: int = 0) -> LocatedBatch:
        """Up to ``n`` rows spread over the table.

        Small tables are read whole. Large ones use PostgreSQL's block sampling
        (``TABLESAMPLE SYSTEM``), or random ranges of an integer key (MariaDB
        and SQLite have no TABLESAMPLE; key ranges cost a few index seeks,
        where ``ORDER BY RAND()`` sorts the whole table).
        """
        t = self._get(collection)
        rng = random.Random(seed)
        total = t.info.row_count
        if total is None or total <= self.small_table or n >= total:
            stmt, names = self._select(t, columns)
            whole = sql_arrow.table_rows(self, t, stmt)
            if whole is not None:
                picked = rng.sample(range(whole.num_rows), n) if whole.num_rows > n else None
                if picked is not None:
                    whole = whole.take(picked)
                rb = whole.combine_chunks().to_batches()[0] if whole.num_rows else None
                if rb is not None:
                    return self._arrow_batch(t, names, rb)
            rows = self._run(t, stmt)
        else:
            names, rows = self._sample_large(t, columns, n, rng, total)
        if len(rows) > n:
            rows = rng.sample(rows, n)
        return self._batch(t, names, rows)

    def _int_key(self, t: _Table) -> sa.ColumnElement[Any] | None:
        if t.locator_kind == "rowid":
            return sa.literal_column("rowid")
        if t.locator_kind == "pk" and len(t.info.primary_key) == 1:
            col = t.table.c[t.info.primary_key[0]]
            if portable_type(col.type) == "integer":
                return col
        return None

    def _sample_large(self, t: _Table, columns: Sequence[str] | None, n: int,
                      rng: random.Random, total: int) -> tuple[list[str], list[sa.Row[Any]]]:
        fraction = min(1.0, 3.0 * n / total)
        if self.dialect == "postgresql":
            # SYSTEM picks whole pages: take about n pages so that the sample
            # is not a few clumps of neighbouring rows.
            pages = int(t.info.fingerprint.get("pages") or 0)
            block = min(1.0, max(fraction, n / pages)) if pages else fraction
            for method, pct in ((sa.func.system, block), (sa.func.bernoulli, fraction)):
                src = sa.tablesample(t.table, method(100 * pct),
                                     seed=sa.literal(rng.randrange(1 << 30)))
                stmt, names = self._select(t, columns, src)
                keep = 2.0 * n / (pct * total)
                if keep < 0.5:
                    # n pages hold ~n x (rows per page) rows: the server keeps about 2n
                    # of them, picked by a seeded hash of their address, and the rest
                    # never cross the wire (73 k rows -> 2 k at 1 M rows: 0.4 -> 0.05 s)
                    picked = sa.func.hashtext(sa.cast(sa.literal_column("ctid"), sa.Text)
                                              + str(rng.randrange(1 << 30)))
                    stmt = stmt.where(sa.func.abs(picked % 1_000_000) < int(keep * 1_000_000))
                rows = self._run(t, stmt)
                if len(rows) >= n:
                    return names, rows
        stmt, names = self._select(t, columns)
        key = self._int_key(t)
        if key is not None:
            rows = self._sample_key_ranges(t, stmt, key, n, rng)
            if len(rows) >= n:
                return names, rows
        if self.dialect == "sqlite":
            # SQLite's random() cannot be seeded; the sample is still spread.
            cond = (sa.func.abs(sa.func.random()) % 1_000_000) < int(fraction * 1_000_000)
        elif self.dialect in ("mysql", "mariadb"):
            cond = sa.func.rand(rng.randrange(1 << 30)) < fraction
        else:
            cond = sa.func.random() < fraction
        return names, self._run(t, stmt.where(cond))

    def _sample_key_ranges(self, t: _Table, stmt: sa.Select[Any], key: sa.ColumnElement[Any],
                           n: int, rng: random.Random) -> list[sa.Row[Any]]:
        """Short runs of rows from random points of an integer key's range."""
        # two statements: SQLite answers min() or max() of a key from its index, but
        # scans the whole table for both in one (1.8 s at 10 M rows)
        lo = self._run(t, sa.select(sa.func.min(key)).select_from(t.table))[0][0]
        hi = self._run(t, sa.select(sa.func.max(key)).select_from(t.table))[0][0]
        if lo is None:
            return []
        runs = min(n, 64)
        per_run = -(-2 * n // runs)
        seen: dict[Any, sa.Row[Any]] = {}
        for _ in range(3):
            for start in sorted(rng.randint(int(lo), int(hi)) for _ in range(runs)):
                for row in self._run(t, stmt.where(key >= start).order_by(key).limit(per_run)):
                    seen[row[-1]] = row  # the key is the row's last (locator) column
            if len(seen) >= n:
                break
        return list(seen.values())

    def fetch(self, collection: str, locators: Sequence[Locator],
              columns: Sequence[str] | None = None) -> LocatedBatch:
        t = self._get(collection)
        stmt, names = self._select(t, columns)
        dicts = [loc.to_dict() for loc in locators]
        rows: list[sa.Row[Any]] = []
        for i in range(0, len(dicts), 500):
            cond = self._where_locators(t, dicts[i:i + 500])
            if cond is not None:
                rows.extend(self._run(t, stmt.where(cond)))
        return self._batch(t, names, rows)

    # -- writing (erasure): see sql_write.py ---------------------------------------
    def render_changes(self, changes: Sequence[RowChange]) -> list[str]:
        return sql_write.render(self, changes)

    def apply_changes(self, changes: Sequence[RowChange], check: ChangeCheck,
                      dry_run: bool = False) -> list[str]:
        return sql_write.apply(self, changes, check, dry_run)

    def references(self, collection: str, columns: Sequence[str],
                   keys: Sequence[Sequence[Any]]) -> LocatedBatch:
        return sql_write.references(self, collection, columns, keys)

    def _where_locators(self, t: _Table, dicts: list[dict[str, Any]]
                        ) -> sa.ColumnElement[bool] | None:
        if t.locator_kind == "pk":
            keys = [d["pk"] for d in dicts if isinstance(d.get("pk"), dict)]
            pk = t.info.primary_key
            if len(pk) == 1:
                return t.table.c[pk[0]].in_([k.get(pk[0]) for k in keys]) if keys else None
            return sa.tuple_(*[t.table.c[c] for c in pk]).in_(
                [tuple(k.get(c) for c in pk) for k in keys]) if keys else None
        if t.locator_kind == "rowid":
            ids = [int(d["rowid"]) for d in dicts if "rowid" in d]
            return sa.literal_column("rowid").in_(ids) if ids else None
        if t.locator_kind == "ctid":
            ids = [str(d["ctid"]) for d in dicts if "ctid" in d]
            return sa.text("ctid = ANY(CAST(:ctids AS tid[]))").bindparams(ctids=ids) \
                if ids else None
        conds = []
        for d in dicts:
            row = d.get("row") or {}
            conds.append(sa.and_(*[
                t.table.c[k].is_(None) if v is None else sa.cast(t.table.c[k], sa.String) == v
                for k, v in row.items() if k in t.table.c]))
        return sa.or_(*conds) if conds else None


def session_engine(sa_url: sa.URL, limits: Limits, read_only: bool) -> Engine:
    """An engine whose sessions have ``limits`` and are read-only unless asked otherwise
    (see ``sql_session``); FileNotFoundError for a SQLite file that does not exist."""
    backend = sa_url.get_backend_name()
    kwargs: dict[str, Any] = {}
    if backend == "sqlite":
        db = sa_url.database or ""
        if db and db != ":memory:" and not db.startswith("file:"):
            path = Path(db)
            if not path.is_file():
                raise FileNotFoundError(db)
            kwargs["creator"] = sqlite_creator(path, limits, read_only)
    elif backend in ("postgresql", "mysql", "mariadb"):
        kwargs = engine_kwargs(backend, sa_url, limits, read_only)
    engine = sa.create_engine(sa_url, **kwargs)
    install(engine, limits, read_only)
    return engine

