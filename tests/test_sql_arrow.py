"""Arrow-native SQL reads (ADBC for SQLite and PostgreSQL, connectorx for MariaDB) give
exactly what the driver path gives: the same rows, values, types and locators, for
every column type, with and without a key; and they are really taken."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pytest
import sqlalchemy as sa
from pdscan_connectors import sql_arrow

from pdscan.connector import LocatedBatch
from pdscan.registry import open_connector
from tests.conftest import Store


def _rows(n: int) -> list[dict[str, Any]]:
    return [{
        "id": i,
        "big": 10**12 + i if i % 7 else None,
        "small": i % 100,
        "email": f"pérson{i}@example.org" if i % 5 else None,
        "note": "x" * (i % 50) + " ünïcode ✓",
        "ratio": i / 7 if i % 3 else None,
        "amount": decimal.Decimal(f"{i}.25"),
        "born": dt.date(1950, 1, 1) + dt.timedelta(days=i),
        "seen": dt.datetime(2024, 1, 1, 12, 0, 0) + dt.timedelta(minutes=i),
        "active": bool(i % 2),
        "blob": bytes([i % 256]) * 3,
    } for i in range(1, n + 1)]


def _columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("big", sa.BigInteger), sa.Column("small", sa.SmallInteger),
        sa.Column("email", sa.String(80)), sa.Column("note", sa.Text),
        sa.Column("ratio", sa.Double), sa.Column("amount", sa.Numeric(12, 2)),
        sa.Column("born", sa.Date), sa.Column("seen", sa.DateTime),
        sa.Column("active", sa.Boolean), sa.Column("blob", sa.LargeBinary),
    ]


def _plain(lb: LocatedBatch) -> tuple[Any, ...]:
    return (lb.batch.schema, lb.batch.to_pylist(), lb.locators.to_pylist())


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The SQL of every read that went the Arrow way to its end."""
    seen: list[str] = []
    real = sql_arrow.batches

    def spy(conn: Any, read: Any, batch_size: int) -> Iterator[Any]:
        yield from real(conn, read, batch_size)
        seen.append(read.sql)
    monkeypatch.setattr(sql_arrow, "batches", spy)
    return seen


def _both(store: Store, monkeypatch: pytest.MonkeyPatch, read: Any) -> tuple[Any, Any]:
    spec = store.spec()
    with open_connector(spec.url, "db", spec.options) as conn:
        conn.collections()
        fast = read(conn)
    with monkeypatch.context() as m:
        m.setattr(sql_arrow, "available", lambda conn: False)
        with open_connector(spec.url, "db", spec.options) as conn:
            conn.collections()
            slow = read(conn)
    return fast, slow


def test_arrow_reads_equal_the_driver_path(store: Store, spied: list[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    store.table("people", *_columns(), rows=_rows(300))
    store.table("plain", sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                sa.Column("email", sa.String(80)), sa.Column("n", sa.Integer),
                rows=[{"id": i, "email": f"p{i}@x.org", "n": i} for i in range(1, 2001)])
    store.table("nokey", sa.Column("email", sa.String(80)), sa.Column("n", sa.Integer),
                rows=[{"email": f"k{i}@x.org", "n": i} for i in range(50)])
    people, plain, nokey = (store.collection(t) for t in ("people", "plain", "nokey"))
    for coll, cols in ((people, None), (people, ["email", "note", "big"]), (plain, None),
                       (plain, ["email"]), (nokey, None)):
        fast, slow = _both(store, monkeypatch, lambda c, coll=coll, cols=cols: [
            _plain(b) for b in c.read(coll, cols, batch_size=700)])
        assert sum(len(b[1]) for b in fast) == sum(len(b[1]) for b in slow) > 0
        merge = lambda bs: ([r for b in bs for r in b[1]], [x for b in bs for x in b[2]])  # noqa: E731
        assert merge(fast) == merge(slow), (coll, cols)
        assert {b[0] for b in fast} == {b[0] for b in slow}, (coll, cols)
        for n in (10, 5000):
            fast_s, slow_s = _both(store, monkeypatch,
                                   lambda c, coll=coll, n=n: _plain(c.sample(coll, n)))
            assert fast_s == slow_s, (coll, n)
    # integer and text columns were read the Arrow way on every server; a NUMERIC
    # column (a decimal to the driver) never is
    assert any("plain" in sql for sql in spied)
    assert any("people" in sql and "note" in sql and "amount" not in sql for sql in spied)
    assert not any("amount" in sql for sql in spied)


def test_a_sqlite_column_that_changes_type_half_way(tmp_path: Any,
                                                    spied: list[str]) -> None:
    path = tmp_path / "mixed.db"
    eng = sa.create_engine(f"sqlite:///{path}")
    with eng.begin() as c:
        c.execute(sa.text("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER, w TEXT)"))
        c.execute(sa.text("INSERT INTO t VALUES (:i, :v, :w)"),
                  [{"i": i, "v": i if i <= 150_000 else f"code-{i}", "w": f"w{i}"}
                   for i in range(1, 200_001)])
    eng.dispose()
    with open_connector(f"sqlite:///{path}", "db", {}) as conn:
        conn.collections()
        got = list(conn.read("main.t", ["v", "w"]))
    values = [v for b in got for v in b.batch.column("v").to_pylist()]
    ids = [loc["pk"]["id"] for b in got for loc in b.locators.to_pylist()]
    assert ids == list(range(1, 200_001))
    assert values[0] == 1 and values[-1] == "code-200000" and len(values) == 200_000
    assert not spied  # it started the Arrow way, then went on the driver's


def test_a_sqlite_column_of_reals_and_text_keeps_every_digit(tmp_path: Any) -> None:
    # the ADBC driver would print the reals as 3.361235e+10 in a text column
    path = tmp_path / "phones.db"
    eng = sa.create_engine(f"sqlite:///{path}")
    with eng.begin() as c:
        c.execute(sa.text("CREATE TABLE t (id INTEGER PRIMARY KEY, phone REAL, gone TEXT)"))
        c.execute(sa.text("INSERT INTO t VALUES (1, 33612345678.0, NULL), "
                          "(2, '+33 6 12 34 56 79', NULL), (3, 33612345680.0, NULL)"))
    eng.dispose()
    with open_connector(f"sqlite:///{path}", "db", {}) as conn:
        conn.collections()
        read = [v for b in conn.read("main.t") for v in b.batch.column("phone").to_pylist()]
        nulls = [b.batch.column("gone").type for b in conn.read("main.t")]
        sampled = conn.sample("main.t", 10).batch.column("phone").to_pylist()
    assert read == sampled == ["33612345678.0", "+33 6 12 34 56 79", "33612345680.0"]
    assert nulls == [pa.null()]


def test_uuid_keys_partial_unique_indexes_and_no_open_transaction(
        pg_schema: tuple[str, str]) -> None:
    url, schema = pg_schema
    eng = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with eng.begin() as c:
        c.execute(sa.text(f'CREATE TABLE "{schema}".customers (id uuid PRIMARY KEY, '
                          "email text)"))
        c.execute(sa.text(f'INSERT INTO "{schema}".customers VALUES '
                          "('00000000-0000-0000-0000-000000000001', 'u1@example.org')"))
        c.execute(sa.text(f'CREATE TABLE "{schema}".part (a int NOT NULL, email text)'))
        c.execute(sa.text(f'CREATE UNIQUE INDEX ON "{schema}".part (a) '
                          "WHERE email IS NOT NULL"))
        c.execute(sa.text(f"INSERT INTO \"{schema}\".part VALUES (1, 'p1@example.org'), "
                          "(1, NULL)"))
    try:
        with open_connector(url, "db", {"schemas": [schema]}) as conn:
            infos = {i.name: i for i in conn.collections()}
            # a partial unique index does not locate rows: two rows share a = 1
            assert infos[f"{schema}.part"].primary_key == ()
            assert (("a",) in infos[f"{schema}.part"].unique)
            rows = [r for b in conn.read(f"{schema}.customers") for r in b.batch.to_pylist()]
            assert rows == [{"id": "00000000-0000-0000-0000-000000000001",
                             "email": "u1@example.org"}]
            conn.sample(f"{schema}.part", 10)
            list(conn.read(f"{schema}.part"))
            with eng.connect() as c:
                idle = c.execute(sa.text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND state = 'idle in transaction'")).scalar_one()
            assert idle == 0  # no read holds its locks while the connector stays open
    finally:
        eng.dispose()
