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
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from pdscan.errors import ConfigError, UsageError
from pdscan.redact import mask_url

if TYPE_CHECKING:
    import pyarrow as pa


def is_url(location: str | Path) -> bool:
    return str(location).startswith(("postgresql://", "postgres://", "postgresql+"))


#: ``scheme:`` of two letters or more (``C:\\`` is a Windows drive, not a scheme).
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]+:")
INDEX_FORMS = "a file path, sqlite:///path or postgresql://host/db?schema=pdscan"


def index_location(location: str | Path, write: bool = False) -> str | Path:
    """Where ``--index`` points: a ``Path`` for SQLite (a path or ``sqlite:///path``, also
    ``sqlite:////abs/path``), the URL itself for PostgreSQL. Anything else, a directory,
    a device or a place the index cannot be written is a :class:`UsageError`.

    >>> index_location("sqlite:////srv/pdscan/index.db")  # doctest: +SKIP
    PosixPath('/srv/pdscan/index.db')
    """
    text = str(location)
    # A URL passed as a Path has lost a slash ("sqlite:/x.db"): make_url refuses it, where
    # a path would make a folder named "sqlite:".
    if _SCHEME.match(text):
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(text)
        except (ArgumentError, ValueError) as exc:
            raise UsageError(f"--index {mask_url(text)}: not a URL pdscan can read "
                             f"({INDEX_FORMS})") from exc
        backend = url.get_backend_name()
        if backend in ("postgresql", "postgres"):
            return text
        if backend != "sqlite" or not url.database or url.database == ":memory:":
            raise UsageError(f"--index {mask_url(text)}: not a place for an index: give "
                             f"{INDEX_FORMS}")
        location = Path(url.database)
    path = Path(location)
    _check_index_path(path, write)
    return path


def _check_index_path(path: Path, write: bool) -> None:
    """A regular file (or none yet); with ``write``, in a folder where the index, its
    key and its build aside can be written. A lookup needs only to read it."""
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise UsageError(f"--index {path}: {exc.strerror or exc}") from exc
    if mode is not None and not stat.S_ISREG(mode):
        what = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
        raise UsageError(f"--index {path}: {what}; give the index file ({INDEX_FORMS})")
    folder = path.absolute().parent
    while not folder.exists() and folder != folder.parent:  # created on first build
        folder = folder.parent
    if not folder.is_dir():
        raise UsageError(f"--index {path}: {folder} is not a folder")
    if not write:
        if mode is not None and not os.access(path, os.R_OK):
            raise UsageError(f"--index {path}: not readable (permission denied)")
        return
    if not os.access(folder, os.W_OK | os.X_OK) or (
            mode is not None and not os.access(path, os.R_OK | os.W_OK)):
        raise UsageError(f"--index {path}: not writable (permission denied)")


def _pg(sql: str) -> str:
    sql = re.sub(r"\bINTEGER PRIMARY KEY\b", "BIGSERIAL PRIMARY KEY", sql)
    sql = re.sub(r"\bINTEGER\b", "BIGINT", sql)
    sql = sql.replace("BLOB", "BYTEA").replace(" WITHOUT ROWID", "")
    sql = re.sub(r"\bmax\((\?), ", r"GREATEST(\1, ", sql)
    return sql.replace("?", "%s")


REBUILD = "rebuild it with `pdscan index --full`"


def _unusable(exc: sqlite3.Error) -> bool:
    """A file that is damaged or not an index, as opposed to one busy or locked."""
    if type(exc) is sqlite3.DatabaseError:  # "file is not a database", "... malformed"
        return True
    return isinstance(exc, sqlite3.OperationalError) and str(exc).startswith(
        ("no such table", "no such column", "Could not decode"))


def damaged(location: str, exc: BaseException) -> ConfigError:
    """The one-line error for an index file SQLite cannot read as an index."""
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return ConfigError(f"{location}: not a usable pdscan index ({first}): {REBUILD}")


def _reraise(location: str, exc: sqlite3.Error) -> NoReturn:
    """Inside ``except``: damage as the one-line error naming the index, else ``exc``."""
    if _unusable(exc):
        raise damaged(location, exc) from exc
    raise exc


class _Rows:
    """A SQLite cursor whose damage errors, raised while rows are read, name the index."""

    __slots__ = ("_cur", "_location")

    def __init__(self, cur: sqlite3.Cursor, location: str) -> None:
        self._cur, self._location = cur, location

    def fetchone(self) -> Any:
        try:
            return self._cur.fetchone()
        except sqlite3.Error as exc:
            _reraise(self._location, exc)

    def fetchall(self) -> list[Any]:
        try:
            return self._cur.fetchall()
        except sqlite3.Error as exc:
            _reraise(self._location, exc)

    def __iter__(self) -> Iterator[Any]:
        try:
            yield from self._cur
        except sqlite3.Error as exc:
            _reraise(self._location, exc)

    def __getattr__(self, name: str) -> Any:  # rowcount, description, ...
        return getattr(self._cur, name)


class IndexDb:
    """A DB-API connection with the few things the index needs, in either dialect."""

    def __init__(self, con: Any, dialect: str, location: str) -> None:
        self.con, self.dialect, self.location = con, dialect, location

    def sql(self, text: str) -> str:
        return _pg(text) if self.dialect == "postgresql" else text

    def execute(self, text: str, params: Sequence[Any] = ()) -> Any:
        if self.dialect == "postgresql":
            return self.con.execute(self.sql(text), tuple(params))
        try:
            return _Rows(self.con.execute(text, tuple(params)), self.location)
        except sqlite3.Error as exc:
            _reraise(self.location, exc)

    def executemany(self, text: str, rows: Iterable[Sequence[Any]]) -> None:
        if self.dialect == "postgresql":
            with self.con.cursor() as cur:
                cur.executemany(self.sql(text), list(rows))
            return
        try:
            self.con.executemany(text, rows)
        except sqlite3.Error as exc:
            _reraise(self.location, exc)

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
            self.executemany(f"INSERT INTO {table} VALUES ({marks})", zip(*cols, strict=True))

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
    db = IndexDb(con, "sqlite", str(path))
    try:
        for pragma in ASIDE_PRAGMAS if aside else ("journal_mode=WAL", "synchronous=NORMAL"):
            db.execute(f"PRAGMA {pragma}")
        db.execute("PRAGMA cache_size=-65536")  # 64 MiB: the build stays under 500 MB
    except BaseException:
        con.close()
        raise
    return db


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _refuse_foreign(path: Path) -> None:
    """An SQLite database of something else given as the index (``--index shop.db``):
    neither filled with pdscan's tables nor replaced by a build."""
    try:
        with path.open("rb") as f:
            if f.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
                return
        con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            names = sorted(r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"))
        finally:
            con.close()
    except (OSError, sqlite3.Error):  # unreadable or damaged: the caller says so
        return
    if names and "migrations" not in names:
        shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        raise ConfigError(f"{path}: not a pdscan index (it holds other tables: {shown}); "
                          "left alone: give another --index")


def _pg_parts(url: str) -> tuple[str, str]:
    """(libpq URL, schema) from ``postgresql://host/db?schema=pdscan``."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    schema = parsed.query.get("schema", "pdscan")
    if not isinstance(schema, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", schema):
        raise ConfigError(f"{mask_url(url)}: schema must be a plain identifier")
    libpq = parsed.set(drivername="postgresql").difference_update_query(["schema"])
    return libpq.render_as_string(hide_password=False), schema


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
    location = index_location(location)
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
    if path.exists():
        _refuse_foreign(path)
    if build:
        aside = path.with_name(f".{path.name}.building")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{aside}{suffix}").unlink(missing_ok=True)
        return _sqlite(aside, aside=True)
    return _sqlite(path)


def swap_in(db: IndexDb, location: str | Path) -> None:
    """Make a build made aside the index, in one step, and close it."""
    location = index_location(location)
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
    location = index_location(location)
    if not is_url(location):
        return Path(location).exists()
    db = open_db(location)
    try:
        row = db.execute("SELECT to_regclass('migrations')").fetchone()
        return row is not None and row[0] is not None
    finally:
        db.close()
