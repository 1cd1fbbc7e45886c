"""SQL sessions are time-limited and read-only: no hang, no write outside erasure."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from pdscan.errors import UsageError
from tests.conftest import Store, engine_for
from tests.hostile.conftest import as_json, one_line_error, pdscan

#: generous: the limits below are 1-2 s, and each command starts a Python interpreter
BOUND = 30.0


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(2)
        for s in held:
            s.close()
        server.close()


def _config(tmp_path: Path, url: str, **options: object) -> Path:
    lines = ["[sources.db]", f'url = "{url}"']
    lines += [f"{k} = {json.dumps(v)}" for k, v in options.items()]  # TOML reads these
    cfg = tmp_path / "pdscan.toml"
    cfg.write_text("\n".join(lines) + "\n")
    return cfg


@pytest.mark.parametrize("scheme", ["mysql", "postgresql"])
def test_server_that_never_answers(tmp_path: Path, silent_port: int, scheme: str) -> None:
    """A database port that accepts connections and never answers (MariaDB, PostgreSQL),
    scanned with `connect_timeout = 2`. Expected: exit 3 within seconds, one line naming
    the source and the connect timeout; no hang."""
    user = "root" if scheme == "mysql" else "postgres"
    cfg = _config(tmp_path, f"{scheme}://{user}@127.0.0.1:{silent_port}/test",
                  connect_timeout=2)
    started = time.monotonic()
    proc = pdscan("scan", "-c", str(cfg), "--format", "json")
    assert time.monotonic() - started < BOUND
    assert proc.returncode == 3, proc.stderr
    line = one_line_error(proc, "db")
    assert "connect_timeout" in line or "timeout" in line.lower(), line


def _two_tables(store: Store) -> None:
    for name in ("locked", "free"):
        store.table(name, sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("email", sa.String(100)),
                    rows=[{"id": i, "email": f"{name}{i}@example.com"} for i in range(1, 31)])


@pytest.fixture
def server_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    if request.param == "postgresql":
        url, schema = request.getfixturevalue("pg_schema")
        eng = engine_for(url)
        yield Store("postgresql", url, schema, eng)
    else:
        url = request.getfixturevalue("maria_db")
        eng = engine_for(url)
        yield Store("mariadb", url, url.rsplit("/", 1)[1], eng)
    eng.dispose()


@pytest.mark.parametrize("server_store", ["postgresql", "mariadb"], indirect=True)
def test_table_under_an_exclusive_lock(tmp_path: Path, server_store: Store) -> None:
    """A table held under an exclusive lock by another session for the whole scan
    (PostgreSQL `LOCK … ACCESS EXCLUSIVE`, MariaDB `LOCK TABLES … WRITE`), with
    `lock_timeout = 1`. Expected: scan gives up on that table within seconds: exit 3, one
    line naming the source, the table and the lock timeout; the other table is scanned."""
    store = server_store
    _two_tables(store)
    options: dict[str, object] = {"lock_timeout": 1}
    if store.dialect == "postgresql":
        options["schemas"] = [store.schema]
    cfg = _config(tmp_path, store.url, **options)
    holder = store.engine.connect()
    try:
        if store.dialect == "postgresql":
            holder.begin()
            holder.execute(sa.text(f"LOCK TABLE {store.qualified('locked')} "
                                   "IN ACCESS EXCLUSIVE MODE"))
        else:
            holder.execute(sa.text("LOCK TABLES `locked` WRITE"))
        started = time.monotonic()
        proc = pdscan("scan", "-c", str(cfg), "--format", "json")
        elapsed = time.monotonic() - started
    finally:
        if store.dialect == "mariadb":
            holder.execute(sa.text("UNLOCK TABLES"))
        holder.close()
    assert elapsed < BOUND
    assert proc.returncode == 3, proc.stderr
    line = one_line_error(proc, "db", "locked")
    assert "timed out after 1 s waiting for a lock" in line, line
    doc = as_json(proc)
    assert [e["member"] for e in doc["errors"]] == [store.collection("locked")]
    assert any(f["collection"] == store.collection("free") for f in doc["findings"])


def test_statement_over_its_time(tmp_path: Path, pg_schema: tuple[str, str]) -> None:
    """PostgreSQL: a view that takes 3 s to answer beside a plain table, read with
    `include_views` and `statement_timeout = 0.5`. Expected: the view reported alone as
    timed out (exit 3, one line naming it and the statement timeout); the table is
    scanned."""
    url, schema = pg_schema
    store = Store("postgresql", url, schema, engine_for(url))
    try:
        _two_tables(store)
        store.run(f'CREATE VIEW "{schema}".slow AS SELECT email FROM "{schema}".free, '
                  "pg_sleep(3) AS s")
        cfg = _config(tmp_path, url, schemas=[schema], include_views=True,
                      statement_timeout=0.5)
        started = time.monotonic()
        proc = pdscan("scan", "-c", str(cfg), "--format", "json")
        assert time.monotonic() - started < BOUND
    finally:
        store.engine.dispose()
    assert proc.returncode == 3, proc.stderr
    line = one_line_error(proc, "db", "slow")
    assert "statement_timeout" in line, line
    doc = as_json(proc)
    assert [e["member"] for e in doc["errors"]] == [f"{schema}.slow"]
    assert any(f["collection"] == f"{schema}.free" for f in doc["findings"])


@pytest.mark.parametrize("server_store", ["postgresql", "mariadb"], indirect=True)
def test_reading_sessions_are_read_only(server_store: Store) -> None:
    """A session of the sql connector (what inventory, scan, index, lookup and export
    use) is asked to write. Expected: the database refuses (read-only session); erasure's
    own session may write."""
    from pdscan_connectors.sql_write import write_engine

    from pdscan.registry import open_connector

    store = server_store
    _two_tables(store)
    options = {"schemas": [store.schema]} if store.dialect == "postgresql" else {}
    conn = open_connector(store.url, "db", options)
    table = store.qualified("free")
    try:
        with conn.engine.connect() as c, pytest.raises(  # type: ignore[attr-defined]
                sa.exc.DBAPIError, match=r"(?i)read.only"):
            c.execute(sa.text(f"DELETE FROM {table}"))
        writer = write_engine(conn)  # type: ignore[arg-type]
        try:
            with writer.begin() as c:
                assert c.execute(sa.text(f"DELETE FROM {table} WHERE id = 1")).rowcount == 1
        finally:
            writer.dispose()
    finally:
        conn.close()


def test_bad_timeout_option() -> None:
    """A SQL source whose `lock_timeout` is not a number of seconds. Expected: a usage
    error naming the source and the option."""
    from pdscan_connectors.sql_session import Limits

    with pytest.raises(UsageError, match="db: option 'lock_timeout'"):
        Limits.from_options("db", {"lock_timeout": "soon"})
    assert Limits.from_options("db", {}).lock == 5
