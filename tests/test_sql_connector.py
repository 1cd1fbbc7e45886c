"""The sql connector against real SQLite, PostgreSQL and MariaDB databases."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from pdscan import Locator, open_connector
from pdscan.errors import SourceError
from pdscan.testing import check_connector, check_sample_is_spread
from tests.conftest import MARIA_URL, PG_URL, engine_for, run_cli

DIALECTS = ["sqlite", "postgresql", "mariadb"]


def build_schema(eng: sa.Engine, schema: str | None, customers: int = 40) -> None:
    md = sa.MetaData(schema=schema)
    agents = sa.Table("agents", md, sa.Column("id", sa.Integer, primary_key=True),
                      sa.Column("full_name", sa.String(100)))
    customers_t = sa.Table(
        "customers", md,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("email", sa.String(200), nullable=False, unique=True),
        sa.Column("full_name", sa.String(100)),
        sa.Column("born", sa.Date),
        sa.Column("balance", sa.Numeric(10, 2)),
        sa.Column("agent_id", sa.Integer, sa.ForeignKey(agents.c.id)),
        sa.Column("created_at", sa.DateTime),
        sa.Column("photo", sa.LargeBinary),
    )
    orders = sa.Table(
        "orders", md, sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("customer_id", sa.Integer,
                  sa.ForeignKey(customers_t.c.id, ondelete="CASCADE"), nullable=False),
        sa.Column("total", sa.Numeric(10, 2)),
    )
    items = sa.Table(
        "order_items", md,
        sa.Column("order_id", sa.Integer, sa.ForeignKey(orders.c.id), primary_key=True),
        sa.Column("line_no", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("sku", sa.String(40)),
    )
    audit = sa.Table("audit_log", md, sa.Column("message", sa.String(200)),
                     sa.Column("at", sa.DateTime))
    md.create_all(eng)
    q = f"{schema}." if schema else ""
    with eng.begin() as c:
        c.execute(agents.insert(), [{"id": 1, "full_name": "Agent Smith"}])
        c.execute(customers_t.insert(), [
            {"id": i, "email": f"User{i}@Example.com", "full_name": f"Élodie Martin {i}",
             "born": dt.date(1980, 1, 1) + dt.timedelta(days=i * 97),
             "balance": decimal.Decimal(f"{i}.25"), "agent_id": 1,
             "created_at": dt.datetime(2024, 1, 1, 12, 0) + dt.timedelta(hours=i),
             "photo": bytes([i % 256]) * 3}
            for i in range(1, customers + 1)])
        c.execute(orders.insert(), [{"id": i, "customer_id": i % customers + 1,
                                     "total": decimal.Decimal("9.99")} for i in range(1, 31)])
        c.execute(items.insert(), [{"order_id": o, "line_no": n, "sku": f"SKU-{o}-{n}"}
                                   for o in range(1, 11) for n in range(1, 4)])
        c.execute(audit.insert(), [{"message": f"login {i}",
                                    "at": dt.datetime(2024, 2, 1) + dt.timedelta(minutes=i)}
                                   for i in range(25)])
        c.execute(sa.text(f"CREATE VIEW {q}v_emails AS SELECT id, email FROM {q}customers"))


@pytest.fixture(params=DIALECTS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, dict, str]]:
    """(url, connector options, collection-name prefix) of a freshly built database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'shop.db'}"
        eng = engine_for(url)
        build_schema(eng, None)
        eng.dispose()
        yield url, {}, "main"
    elif request.param == "postgresql":
        url, schema = request.getfixturevalue("pg_schema")
        eng = engine_for(url)
        build_schema(eng, schema)
        eng.dispose()
        yield url, {"schemas": [schema]}, schema
    else:
        url = request.getfixturevalue("maria_db")
        eng = engine_for(url)
        build_schema(eng, None)
        eng.dispose()
        yield url, {}, url.rsplit("/", 1)[1]


def test_contract(db: tuple[str, dict, str]) -> None:
    url, opts, _ = db
    conn = open_connector(url, "shop", opts)
    try:
        check_connector(conn)
    finally:
        conn.close()


def test_schema_is_reflected(db: tuple[str, dict, str]) -> None:
    url, opts, prefix = db
    conn = open_connector(url, "shop", opts)
    infos = {c.name: c for c in conn.collections()}
    conn.close()
    assert set(infos) == {f"{prefix}.{t}" for t in
                          ("agents", "customers", "orders", "order_items", "audit_log")}
    cust = infos[f"{prefix}.customers"]
    assert cust.primary_key == ("id",)
    assert (cust.row_count, cust.row_count_exact) == (40, True)
    types = {c.name: c.type for c in cust.columns}
    assert types == {"id": "integer", "email": "string", "full_name": "string", "born": "date",
                     "balance": "decimal", "agent_id": "integer", "created_at": "datetime",
                     "photo": "binary"}
    assert cust.column("email") is not None and cust.column("email").nullable is False
    (fk,) = infos[f"{prefix}.orders"].foreign_keys
    assert fk.columns == ("customer_id",)
    assert fk.ref_collection == f"{prefix}.customers" and fk.ref_columns == ("id",)
    assert (fk.on_delete or "").upper() == "CASCADE"
    assert infos[f"{prefix}.order_items"].primary_key == ("order_id", "line_no")
    assert infos[f"{prefix}.audit_log"].weak_locator is True
    assert cust.weak_locator is False


def test_values_and_locators(db: tuple[str, dict, str]) -> None:
    url, opts, prefix = db
    conn = open_connector(url, "shop", opts)
    rows = []
    for lb in conn.read(f"{prefix}.customers", columns=["email", "born", "balance"],
                        batch_size=16):
        rows.extend(zip(lb.iter_locators(), lb.batch.to_pylist(), strict=True))
    assert len(rows) == 40
    loc, row = next((loc, r) for loc, r in rows if r["email"] == "User7@Example.com")
    assert loc.to_dict() == {"pk": {"id": 7}}
    assert row["born"] == dt.date(1980, 1, 1) + dt.timedelta(days=7 * 97)
    assert row["balance"] == decimal.Decimal("7.25")
    # fetch: present locators come back, a missing one is left out
    got = conn.fetch(f"{prefix}.customers",
                     [Locator.of({"pk": {"id": 7}}), Locator.of({"pk": {"id": 999}})])
    assert [r["email"] for r in got.batch.to_pylist()] == ["User7@Example.com"]
    # composite key and weak locator round-trips
    items = conn.fetch(f"{prefix}.order_items", [Locator.of({"pk": {"order_id": 3,
                                                                      "line_no": 2}})])
    assert items.batch.to_pylist()[0]["sku"] == "SKU-3-2"
    audit = conn.sample(f"{prefix}.audit_log", 3, seed=5)
    assert all(loc.weak for loc in audit.iter_locators())
    again = conn.fetch(f"{prefix}.audit_log", list(audit.iter_locators()))
    assert sorted(again.batch.column("message").to_pylist()) == \
        sorted(audit.batch.column("message").to_pylist())
    conn.close()


def test_views_skipped_unless_asked(db: tuple[str, dict, str]) -> None:
    url, opts, prefix = db
    with_views = open_connector(url, "shop", {**opts, "include_views": True})
    names = {c.name: c.kind for c in with_views.collections()}
    assert names[f"{prefix}.v_emails"] == "view"
    rows = [r for lb in with_views.read(f"{prefix}.v_emails") for r in lb.batch.to_pylist()]
    assert len(rows) == 40
    with_views.close()
    without = open_connector(url, "shop", opts)
    assert f"{prefix}.v_emails" not in {c.name for c in without.collections()}
    without.close()


def test_postgresql_lists_every_schema(pg_schema: tuple[str, str]) -> None:
    url, schema = pg_schema
    other = f"{schema}_b"
    eng = engine_for(url)
    with eng.begin() as c:
        c.execute(sa.text(f'CREATE SCHEMA "{other}"'))
        c.execute(sa.text(f'CREATE TABLE "{schema}".a (id int primary key, email text)'))
        c.execute(sa.text(f'CREATE TABLE "{other}".b (id int primary key, phone text)'))
    try:
        conn = open_connector(url, "pg")
        names = {c.name for c in conn.collections()}
        conn.close()
        assert {f"{schema}.a", f"{other}.b"} <= names
        assert not any(n.startswith(("pg_catalog.", "information_schema.")) for n in names)
    finally:
        with eng.begin() as c:
            c.execute(sa.text(f'DROP SCHEMA "{other}" CASCADE'))
        eng.dispose()


BIG_ROWS = 120_000


def _fill_big(url: str, schema: str | None, rows: int, pad: int, pk: bool = True) -> str:
    """A large table built server-side (no Python loop over rows)."""
    eng = engine_for(url)
    q = f'"{schema}".' if schema else ""
    key = "id BIGINT PRIMARY KEY" if pk else "id BIGINT"
    with eng.begin() as c:
        c.execute(sa.text(f"CREATE TABLE {q}big ({key}, email VARCHAR(80), pad TEXT)"))
        if eng.dialect.name == "postgresql":
            c.execute(sa.text(
                f"INSERT INTO {q}big SELECT g, 'user' || g || '@example.com', repeat('x', {pad}) "
                f"FROM generate_series(1, {rows}) g"))
            c.execute(sa.text(f"ANALYZE {q}big"))
        elif eng.dialect.name in ("mysql", "mariadb"):
            c.execute(sa.text(
                f"INSERT INTO big SELECT seq, concat('user', seq, '@example.com'), "
                f"repeat('x', {pad}) FROM seq_1_to_{rows}"))
            c.execute(sa.text("ANALYZE TABLE big"))
        else:
            c.execute(sa.text(
                f"WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {rows})"
                f" INSERT INTO big SELECT g, 'user' || g || '@example.com', "
                f"printf('%.{pad}c', 'x') FROM s"))
    eng.dispose()
    return f"{schema}.big" if schema else ("main.big" if url.startswith("sqlite")
                                           else f"{url.rsplit('/', 1)[1]}.big")


@pytest.fixture(params=DIALECTS)
def big(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, dict, str]]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'big.db'}"
        yield url, {}, _fill_big(url, None, BIG_ROWS, 10)
    elif request.param == "postgresql":
        url, schema = request.getfixturevalue("pg_schema")
        yield url, {"schemas": [schema]}, _fill_big(url, schema, BIG_ROWS, 10)
    else:
        url = request.getfixturevalue("maria_db")
        yield url, {}, _fill_big(url, None, BIG_ROWS, 10)


def test_large_table_sample_is_spread_and_read_in_bounded_batches(
        big: tuple[str, dict, str]) -> None:
    url, opts, name = big
    conn = open_connector(url, "big", {**opts, "small_table": 1000})
    (info,) = [c for c in conn.collections() if c.name == name]
    assert info.row_count is not None and abs(info.row_count - BIG_ROWS) < BIG_ROWS * 0.2
    check_sample_is_spread(conn, name, 500)
    ids = conn.sample(name, 500, columns=["id"], seed=9).batch.column("id").to_pylist()
    # spread: the sample reaches every tenth of the table
    assert {min(9, (i - 1) * 10 // BIG_ROWS) for i in ids} == set(range(10))
    sizes = [lb.num_rows for lb in conn.read(name, columns=["email"], batch_size=7_000)]
    assert max(sizes) <= 7_000 and sum(sizes) == BIG_ROWS
    conn.close()


def test_sample_without_integer_key(maria_db: str) -> None:
    name = _fill_big(maria_db, None, 60_000, 5, pk=False)
    conn = open_connector(maria_db, "maria", {"small_table": 1000})
    sample = conn.sample(name, 300, seed=2)
    assert sample.num_rows == 300
    ids = sample.batch.column("id").to_pylist()
    assert max(ids) > 30_000 and min(ids) < 30_000
    assert all(loc.weak for loc in sample.iter_locators())
    conn.close()


_RSS_PROBE = textwrap.dedent("""
    import json, resource, sys
    from pdscan import open_connector
    conn = open_connector(sys.argv[1], "big", json.loads(sys.argv[2]))
    conn.collections()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows = biggest = 0
    for lb in conn.read(sys.argv[3], batch_size=5000):
        rows += lb.num_rows
        biggest = max(biggest, lb.num_rows)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"rows": rows, "biggest": biggest, "growth_kb": after - before}))
""")


@pytest.mark.parametrize("dialect", ["postgresql", "mariadb"])
def test_reading_a_large_table_is_streamed(dialect: str, request: pytest.FixtureRequest) -> None:
    """~200 MB of rows are read with well under 200 MB of memory growth."""
    rows, pad = 400_000, 500
    if dialect == "postgresql":
        url, schema = request.getfixturevalue("pg_schema")
        opts: dict = {"schemas": [schema]}
        name = _fill_big(url, schema, rows, pad)
    else:
        url = request.getfixturevalue("maria_db")
        opts = {}
        name = _fill_big(url, None, rows, pad)
    out = subprocess.run([sys.executable, "-c", _RSS_PROBE, url, json.dumps(opts), name],
                         capture_output=True, text=True, check=True, timeout=600)
    stats = json.loads(out.stdout)
    assert stats["rows"] == rows
    assert stats["biggest"] <= 5000
    assert stats["growth_kb"] < 80 * 1024, stats  # the table is ~200 MB


# -- errors: one line naming the source, non-zero exit, no traceback, no password --

def _assert_clean_error(res: subprocess.CompletedProcess[str], *must: str) -> None:
    assert res.returncode == 3, res
    assert "Traceback" not in res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    for m in must:
        assert m in lines[0], lines[0]


def test_unreachable_database() -> None:
    res = run_cli("inventory", "postgresql://app:hunter2@127.0.0.1:1/test")
    _assert_clean_error(res, "postgresql://app:***@127.0.0.1:1/test", "cannot connect")
    assert "hunter2" not in res.stderr + res.stdout


def test_wrong_password() -> None:
    url = MARIA_URL.replace("root@", "root:wrong-pw@")
    res = run_cli("inventory", url)
    _assert_clean_error(res, "root:***@", "Access denied")
    assert "wrong-pw" not in res.stderr + res.stdout


def test_missing_sqlite_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    res = run_cli("inventory", f"sqlite:///{missing}")
    _assert_clean_error(res, str(missing), "no such database file")
    assert not missing.exists(), "a scan must never create a database"


def test_corrupt_sqlite_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    res = run_cli("inventory", f"sqlite:///{bad}")
    _assert_clean_error(res, str(bad), "not a database")


def test_unknown_scheme() -> None:
    res = run_cli("inventory", "oracle+cx://u:secret@h/db")
    _assert_clean_error(res, "no connector for URL scheme 'oracle'")
    assert "secret" not in res.stderr


def test_library_error_names_the_label(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        open_connector(f"sqlite:///{tmp_path / 'x.db'}", "billing")
    assert str(err.value).startswith("billing: ")


def test_scan_does_not_write_to_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    sqlite3.connect(path).executescript("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"
                                        "INSERT INTO t VALUES (1, 'a');")
    before = path.read_bytes()
    conn = open_connector(f"sqlite:///{path}", "ro")
    check_connector(conn)
    conn.close()
    assert path.read_bytes() == before


def test_pg_url_without_driver_uses_psycopg() -> None:
    conn = open_connector(PG_URL, "pg", {"schemas": ["public"]})
    assert conn.engine.dialect.driver == "psycopg"  # type: ignore[attr-defined]
    conn.close()
