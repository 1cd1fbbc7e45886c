"""How a SQL source's sessions are opened: time limits, and read-only unless writing.

pdscan is pointed at production databases, so no session may wait forever (a port
that accepts and never answers, a table under an exclusive lock) and none may write
unless erasure asks for it. Each limit is a source option, in seconds (``0``: none):

* ``connect_timeout`` (10): establishing the connection (libpq's ``connect_timeout``,
  PyMySQL's ``connect_timeout``, connectorx's ``tcp_connect_timeout_ms``);
* ``statement_timeout`` (60): each statement that describes, counts, samples or fetches
  (PostgreSQL ``statement_timeout``, MariaDB ``max_statement_time``, MySQL
  ``max_execution_time``). A whole table streamed by ``read`` runs as long as the
  table needs: its length is the table's size, not a fault;
* ``lock_timeout`` (5): waiting for a lock (PostgreSQL ``lock_timeout``, MariaDB
  ``lock_wait_timeout`` and ``innodb_lock_wait_timeout``, SQLite's busy timeout).

Read-only: PostgreSQL ``default_transaction_read_only``, MariaDB ``SET SESSION
TRANSACTION READ ONLY``, SQLite ``mode=ro``. Only erasure's engine (``sql_write``)
opens writable sessions.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from pdscan.errors import UsageError

OPTIONS = {"connect_timeout": 10.0, "statement_timeout": 60.0, "lock_timeout": 5.0}


def _seconds(value: float) -> str:
    return f"{value:g} s"


@dataclass(frozen=True)
class Limits:
    """A source's time limits, in seconds; 0 means none."""

    connect: float = OPTIONS["connect_timeout"]
    statement: float = OPTIONS["statement_timeout"]
    lock: float = OPTIONS["lock_timeout"]

    @classmethod
    def from_options(cls, label: str, options: Mapping[str, Any]) -> Limits:
        got: dict[str, float] = {}
        for key, default in OPTIONS.items():
            raw = options.get(key, default)
            try:
                value = float(raw)
            except (TypeError, ValueError):
                value = -1.0
            if isinstance(raw, bool) or not math.isfinite(value) or value < 0:
                raise UsageError(f"{label}: option {key!r} must be a number of seconds "
                                 f"(0 for no limit), not {raw!r}")
            got[key] = value
        if got["connect_timeout"] == 0:  # a connection attempt must end
            got["connect_timeout"] = OPTIONS["connect_timeout"]
        return cls(got["connect_timeout"], got["statement_timeout"], got["lock_timeout"])

    @property
    def connect_s(self) -> int:
        """Whole seconds, as libpq and PyMySQL take them (libpq's least is 2)."""
        return max(2, math.ceil(self.connect))

    @property
    def lock_s(self) -> int:
        return max(1, math.ceil(self.lock))

    @property
    def sqlite_busy_ms(self) -> int:
        """SQLite's busy timeout (no limit: as long as SQLite counts)."""
        return round(self.lock * 1000) if self.lock else 2**31 - 1

    def pg_settings(self, read_only: bool, statement: bool = True) -> list[str]:
        """PostgreSQL settings (``name=value``) for a session."""
        out = []
        if statement and self.statement:
            out.append(f"statement_timeout={round(self.statement * 1000)}")
        if self.lock:
            out.append(f"lock_timeout={round(self.lock * 1000)}")
        if read_only:
            out.append("default_transaction_read_only=on")
        return out

    def mysql_statements(self, mariadb: bool, read_only: bool) -> list[str]:
        """What a new MariaDB/MySQL session runs first."""
        out = []
        if self.statement:
            out.append(f"SET SESSION max_statement_time = {self.statement:g}" if mariadb else
                       f"SET SESSION max_execution_time = {round(self.statement * 1000)}")
        if self.lock:
            out.append(f"SET SESSION lock_wait_timeout = {self.lock_s}, "
                       f"innodb_lock_wait_timeout = {self.lock_s}")
        if read_only:
            out.append("SET SESSION TRANSACTION READ ONLY")
        return out

    def mysql_unbounded(self, mariadb: bool) -> tuple[str, str] | None:
        """(lift, restore) the statement limit around a table streamed whole."""
        if not self.statement:
            return None
        if mariadb:
            return ("SET SESSION max_statement_time = 0",
                    f"SET SESSION max_statement_time = {self.statement:g}")
        return ("SET SESSION max_execution_time = 0",
                f"SET SESSION max_execution_time = {round(self.statement * 1000)}")

    def connectorx_sql(self, sql: str, mariadb: bool) -> str:
        """A connectorx query with the session's lock limit (it opens its own sessions
        from a URL, which carries no session variables)."""
        if not mariadb or not self.lock:
            return sql
        return (f"SET STATEMENT lock_wait_timeout = {self.lock_s}, innodb_lock_wait_timeout = "
                f"{self.lock_s} FOR {sql}")

    def explain(self, exc: BaseException, connecting: bool = False) -> str | None:
        """A one-line reason for a timeout, from whatever a driver raised; else None."""
        lock, statement = _seconds(self.lock), _seconds(self.statement)
        for err in _chain(exc):
            state = str(getattr(err, "sqlstate", "") or "")
            code = err.args[0] if err.args and isinstance(err.args[0], int) else None
            text = str(err).lower()
            if state == "55P03" or code == 1205 or "lock timeout" in text \
                    or "lock wait timeout" in text:
                return f"timed out after {lock} waiting for a lock (lock_timeout)"
            if (state == "57014" and "statement timeout" in text) or code in (1969, 3024) \
                    or "max_statement_time" in text or "statement timeout" in text:
                return f"timed out after {statement} (statement_timeout)"
            if "connection timeout expired" in text or (code in (2003, 2013)
                                                         and "timed out" in text):
                return (f"no answer within {_seconds(self.connect)} (connect_timeout)"
                        if connecting else "the server stopped answering (timed out)")
        return None


def _chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in out:
        out.append(seen)
        orig = getattr(seen, "orig", None)
        seen = orig if isinstance(orig, BaseException) else (seen.__cause__ or seen.__context__)
    return out


def engine_kwargs(backend: str, url: sa.URL, limits: Limits, read_only: bool
                  ) -> dict[str, Any]:
    """``create_engine`` arguments for a server database's sessions."""
    args: dict[str, Any] = {"connect_timeout": limits.connect_s}
    if backend == "postgresql":
        given = str(url.query.get("options") or "")
        mine = " ".join(f"-c {s}" for s in limits.pg_settings(read_only))
        args["options"] = f"{given} {mine}".strip()
    elif backend in ("mysql", "mariadb"):
        # PyMySQL reads the server's greeting under read_timeout, not connect_timeout:
        # the connect limit until the session is set up (``install`` then lifts it)
        args["read_timeout"] = limits.connect_s
        args["write_timeout"] = math.ceil(max(limits.statement, 60) + limits.connect)
    return {"connect_args": args, "pool_pre_ping": True}


def install(engine: sa.Engine, limits: Limits, read_only: bool) -> None:
    """Set up each new MariaDB/MySQL session (PostgreSQL's come in ``options``)."""
    if engine.dialect.name not in ("mysql", "mariadb"):
        return

    @sa.event.listens_for(engine, "connect")
    def _session(dbapi_conn: Any, _record: Any) -> None:
        mariadb = "mariadb" in str(dbapi_conn.get_server_info()).lower()
        with dbapi_conn.cursor() as cur:
            for stmt in limits.mysql_statements(mariadb, read_only):
                cur.execute(stmt)
        # From here a server gone silent mid-statement is given up a little after it
        # would have cancelled the statement itself. PyMySQL has no public setter.
        dbapi_conn._read_timeout = math.ceil(limits.statement + limits.connect) \
            if limits.statement else None


def sqlite_creator(path: Path, limits: Limits, read_only: bool,
                   setup: Callable[[sqlite3.Connection], None] | None = None
                   ) -> Callable[[], sqlite3.Connection]:
    """A SQLite connection factory: read-only (``mode=ro``) or writable, waiting at most
    ``lock_timeout`` for another process's lock."""
    busy = limits.sqlite_busy_ms / 1000

    def connect() -> sqlite3.Connection:
        if read_only:
            con = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True, timeout=busy,
                                  check_same_thread=False)
        else:
            con = sqlite3.connect(path, isolation_level=None, timeout=busy,
                                  check_same_thread=False)
        if setup is not None:
            setup(con)
        return con

    return connect
