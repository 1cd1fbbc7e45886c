"""The path from the index to a person's rows, tried the way it failed (issue 15).

Each case runs on SQLite, PostgreSQL and MariaDB: rows handed out are re-verified
at the source (a stale locator gives a stale-index error, never a stranger's
row); an e-mail primary key is found and sealed; a config naming sources
differently still reaches them; a guessed link between small integer ids never
reaches strangers.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from pdscan.config import SourceSpec
from pdscan.errors import ConfigError, StaleIndexError
from pdscan.export import export_subject
from pdscan.index import build_index
from pdscan.lookup import lookup
from pdscan.policy import load_policy
from pdscan.subject import SubjectQuery
from pdscan.subject_rows import fetch_subject_rows
from tests.conftest import SAMPLE_DB, Store, engine_for, run_cli

POLICY = load_policy(SAMPLE_DB / "policy.yaml")
BCRYPT = "$2b$12$KIXQJ0m8nUq1vE0dQ5f3beTqL1s9yA6dGmWc4XkzR7pYtVhN2oB3e"


def _emails(n: int, tag: str) -> list[str]:
    return [f"{tag}{i}@example.org" for i in range(1, n + 1)]


# -- stale locators ---------------------------------------------------------------

def test_a_moved_row_is_never_handed_out(store: Store, tmp_path: Path) -> None:
    """A table without a key is located by rowid / ctid / its values. Rows deleted, one
    changed and the table compacted before the next `pdscan index`: export refuses
    (stale index), it never writes the row now at the old place (sv25's, as in the
    issue); after a refresh it is right."""
    emails = _emails(30, "sv")
    signups = store.table("signups", sa.Column("email", sa.String(120)),
                          sa.Column("phone", sa.String(40)),
                          rows=[{"email": e, "phone": f"+336120000{i:02d}"}
                                for i, e in enumerate(emails, 1)])
    index = tmp_path / "ix" / "index.db"
    spec = store.spec()
    assert not build_index([spec], index).errors
    before = lookup(index, emails=["sv20@example.org"])
    [row] = before.confirmed
    with store.engine.begin() as c:
        c.execute(signups.delete().where(signups.c.email.in_(emails[:5])))
        c.execute(signups.update().where(signups.c.email == "sv20@example.org")
                  .values(phone="+33699999999"))
    store.run(*{"sqlite": ["VACUUM"],
                "postgresql": [f"VACUUM FULL {store.qualified('signups')}"],
                "mariadb": [f"OPTIMIZE TABLE {store.qualified('signups')}"]}[store.dialect])
    if store.dialect != "mariadb":  # the old place now holds someone else
        from pdscan.registry import open_connector

        with open_connector(spec.url, "db", spec.options) as conn:
            moved = conn.fetch(store.collection("signups"), [row.locator]).batch.to_pylist()
        assert moved and moved[0]["email"] != "sv20@example.org"
    got = fetch_subject_rows(index, before.rows, [spec])
    assert got.stale and not got.rows
    with pytest.raises(StaleIndexError, match="run `pdscan index`"):
        export_subject(index, [spec], POLICY, SubjectQuery.of(email="sv20@example.org"))
    # the stranger's row is not printed either, and the exit code says so
    cfg = tmp_path / "pdscan.toml"
    cfg.write_text(_toml(spec))
    res = run_cli("lookup", "--email", "sv20@example.org", "--index", str(index), "--verify",
                  "-c", str(cfg), "--format", "json")
    assert res.returncode == 3, res.stderr
    doc = json.loads(res.stdout)
    assert doc["hits"] == [] and doc["stale"] and "sv2" not in json.dumps(doc["hits"])
    out = tmp_path / "sv20.json"
    res = run_cli("export", "--email", "sv20@example.org", "--index", str(index), "-c",
                  str(cfg), "--policy", str(SAMPLE_DB / "policy.yaml"), "--out", str(out))
    assert res.returncode == 3 and "pdscan index" in res.stderr and not out.exists()
    # refreshed: a deleted person has nothing, sv20 gets exactly their (changed) row
    assert build_index([spec], index).collections_indexed == 1
    assert export_subject(index, [spec], POLICY, SubjectQuery.of(email="sv3@example.org")).empty
    pkg = export_subject(index, [spec], POLICY, SubjectQuery.of(email="sv20@example.org"))
    [records] = [v["records"] for v in pkg.data["db"].values()]
    assert [(r["fields"]["email"]["value"], r["fields"]["phone"]["value"])
            for r in records] == [("sv20@example.org", "+33699999999")]


def _toml(*specs: SourceSpec) -> str:
    out = []
    for s in specs:
        out.append(f"[sources.{s.label}]\nurl = {json.dumps(s.url)}")
        out += [f"{k} = {json.dumps(v)}" for k, v in s.options.items()]
    return "\n".join(out) + "\n"


# -- a personal primary key ----------------------------------------------------------

def test_an_email_primary_key_is_found_and_sealed(store: Store, tmp_path: Path) -> None:
    emails = _emails(12, "pk")
    store.table("subscribers", sa.Column("email", sa.String(120), primary_key=True),
                sa.Column("phone", sa.String(40)),
                rows=[{"email": e, "phone": None} for e in emails])
    index = tmp_path / "index.db"
    spec = store.spec("news")
    build_index([spec], index)
    result = lookup(index, emails=["PK7@example.org"])
    [row] = result.confirmed
    assert row.collection == store.collection("subscribers") and row.sealed
    assert row.locator.to_dict() == {"pk": {"email": "pk7@example.org"}}
    raw = index.read_bytes()
    assert not any(e.encode() in raw for e in emails)
    shown = json.dumps(result.to_dict())
    assert "pk7@example.org" not in shown  # the locator is masked unless asked
    assert "pk7@example.org" in json.dumps(result.to_dict(show_data=True))
    pkg = export_subject(index, [spec], POLICY, SubjectQuery.of(email="pk7@example.org"))
    [records] = [v["records"] for v in pkg.data["news"].values()]
    assert records[0]["fields"]["email"]["value"] == "pk7@example.org"


# -- one source identity -------------------------------------------------------------

def test_a_config_with_other_labels_reaches_the_indexed_sources(tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "shop.db"
    shutil.copy(SAMPLE_DB / "shop.db", db)
    index = tmp_path / "index.db"
    build_index([SourceSpec(f"sqlite:///{db}", f"sqlite:///{db}")], index)  # from a URL
    email = "tanaka.hiroshi@yahoo.co.jp"
    by_label = SourceSpec("boutique", f"sqlite:///{tmp_path}/../{tmp_path.name}/shop.db")
    pkg = export_subject(index, [by_label], POLICY, SubjectQuery.of(email=email))
    assert "boutique" in pkg.data and len(pkg.data["boutique"]) >= 3
    with pytest.raises(ConfigError, match="not in the config"):
        export_subject(index, [SourceSpec("x", str(SAMPLE_DB / "files"))], POLICY,
                       SubjectQuery.of(email=email))
    res = run_cli("export", "--email", email, "--index", str(index), "-c",
                  str(SAMPLE_DB / "pdscan.toml"), "--out", str(tmp_path / "x.json"))
    assert res.returncode == 2 and "not in the config" in res.stderr
    assert "Traceback" not in res.stderr and not (tmp_path / "x.json").exists()


# -- guessed links ---------------------------------------------------------------------

def test_small_integer_ids_do_not_link_strangers(store: Store, tmp_path: Path) -> None:
    """A helpdesk without declared keys: customers 1-3, employees 1-2. A request's
    `employee_id` holds values that are customer ids too; it points at employees."""
    store.table("address", sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("street", sa.String(80)), sa.Column("city", sa.String(40)),
                sa.Column("postal_code", sa.String(10)),
                rows=[{"id": i, "street": f"{i} rue des Lilas", "city": c, "postal_code": z}
                      for i, c, z in [(1, "Lyon", "69003"), (2, "Nantes", "44000"),
                                      (3, "Lille", "59000")]])
    people = [("Alice", "Martin", "alice.martin@example.org", 3),
              ("Bruno", "Petit", "bruno.petit@example.org", 1),
              ("Chloé", "Roux", "chloe.roux@example.org", 2)]
    store.table("customer", sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("first_name", sa.String(40)), sa.Column("last_name", sa.String(40)),
                sa.Column("email", sa.String(80)), sa.Column("address_id", sa.Integer),
                rows=[{"id": i, "first_name": f, "last_name": n, "email": e, "address_id": a}
                      for i, (f, n, e, a) in enumerate(people, 1)])
    store.table("employee", sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("full_name", sa.String(80)), sa.Column("email", sa.String(80)),
                rows=[{"id": 1, "full_name": "Denise Blanc", "email": "d.blanc@acme.example"},
                      {"id": 2, "full_name": "Eric Noir", "email": "e.noir@acme.example"}])
    requests = [(1, 1, 1), (2, 1, 2), (3, 2, 3), (4, 1, 3), (5, 2, 1), (6, 2, 2)]
    store.table("service_request", sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("employee_id", sa.Integer), sa.Column("email", sa.String(80)),
                sa.Column("description", sa.String(200)),
                rows=[{"id": r, "employee_id": e, "email": people[c - 1][2],
                       "description": "Printer jammed again on the second floor"}
                      for r, e, c in requests])
    store.table("report", sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("service_request_id", sa.Integer),
                sa.Column("employee_id", sa.Integer), sa.Column("notes", sa.String(200)),
                rows=[{"id": r, "service_request_id": r, "employee_id": e,
                       "notes": "Replaced the fuser"} for r, e, _c in requests])
    index = tmp_path / "index.db"
    report = build_index([store.spec()], index)
    links = {(link["from"].split("(")[1].rstrip(")"), link["from"].split(":")[1].split("(")[0]):
             link for link in report.links}
    via_employee = links[("employee_id", store.collection("service_request"))]
    assert via_employee["to"].endswith(".employee") and via_employee["trusted"]
    assert links[("address_id", store.collection("customer"))]["to"].endswith(".address")
    result = lookup(index, emails=["alice.martin@example.org"])
    got = {(r.collection.split(".")[-1], r.locator.to_dict()["pk"]["id"])
           for r in result.confirmed}
    mine = {("customer", 1), ("address", 3), ("service_request", 1), ("service_request", 5),
            ("report", 1), ("report", 5)}
    assert got == mine
    assert not any(r.collection.endswith(".employee") for r in result.rows)


def test_a_table_named_like_sql_holding_emails_is_indexed(pg_schema: tuple[str, str],
                                                          tmp_path: Path) -> None:
    url, schema = pg_schema
    eng = engine_for(url)
    name = "x; DROP TABLE y; --"
    table = sa.Table(name, sa.MetaData(schema=schema), sa.Column("id", sa.Integer,
                     primary_key=True), sa.Column("email", sa.String(80)))
    with eng.begin() as c:
        table.create(c)
        c.execute(table.insert(), [{"id": i, "email": e}
                                   for i, e in enumerate(_emails(20, "odd"), 1)])
    eng.dispose()
    index = tmp_path / "index.db"
    build_index([SourceSpec("pg", url, {"schemas": [schema]})], index)
    [row] = lookup(index, emails=["odd11@example.org"]).confirmed
    assert row.collection == f"{schema}.{name}"


# -- no raw identifier in the index --------------------------------------------------

def test_the_index_holds_no_identifier_of_any_store(
        tmp_path: Path, pg_schema: tuple[str, str], maria_db: str) -> None:
    import redis

    pg_url, schema = pg_schema
    emails = _emails(8, f"raw{uuid.uuid4().hex[:6]}.")
    phones = [f"+3361234{i:04d}" for i in range(8)]
    names = [f"Zoé{i} Quérat" for i in range(8)]
    for url, sch in ((pg_url, schema), (maria_db, None)):
        eng = engine_for(url)
        md = sa.MetaData(schema=sch)
        keyed = sa.Table("members", md, sa.Column("id", sa.Integer, primary_key=True),
                         sa.Column("email", sa.String(80)), sa.Column("phone", sa.String(40)),
                         sa.Column("full_name", sa.String(80)))
        bare = sa.Table("visits", md, sa.Column("email", sa.String(80)),
                        sa.Column("phone", sa.String(40)))
        with eng.begin() as c:
            md.create_all(c)
            c.execute(keyed.insert(), [{"id": i, "email": e, "phone": p, "full_name": n}
                                       for i, (e, p, n) in enumerate(zip(emails, phones, names,
                                                                         strict=True), 1)])
            c.execute(bare.insert(), [{"email": e, "phone": p}
                                      for e, p in zip(emails, phones, strict=True)])
            qualified = f'"{sch}".' if sch else ""
            c.execute(sa.text(f"CREATE VIEW {qualified}member_emails AS SELECT email, phone "
                              f"FROM {qualified}members"))
        eng.dispose()
    prefix = f"pdscan_t_{uuid.uuid4().hex[:8]}"
    r = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        for e, p in zip(emails, phones, strict=True):
            r.hset(f"{prefix}:user:{e}", mapping={"phone": p, "plan": "pro"})
            r.sadd(f"{prefix}:optin", e)
        specs = [SourceSpec("pg", pg_url, {"schemas": [schema], "include_views": True}),
                 SourceSpec("maria", maria_db, {"include_views": True}),
                 SourceSpec("cache", f"redis://127.0.0.1:6379/0?match={prefix}:*"),
                 SourceSpec("shop", f"sqlite:///{SAMPLE_DB / 'shop.db'}"),
                 SourceSpec("files", str(SAMPLE_DB / "files"))]
        index = tmp_path / "index.db"
        report = build_index(specs, index)
        assert not report.errors
        for e in emails:  # every store's rows are found
            got = {r.source for r in lookup(index, emails=[e]).rows}
            assert {"pg", "maria", "cache"} <= got, (e, got)
    finally:
        for key in r.scan_iter(f"{prefix}:*"):
            r.delete(key)
        r.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("index.db*"))
    truth = json.loads((SAMPLE_DB / "truth.json").read_text())
    values = [str(i["value"]) for s in truth["subjects"] for i in s["identifiers"]]
    values += emails + phones + names + [p.replace("+33", "0") for p in phones]
    leaked = [v for v in values if len(v) >= 6 and (v.encode() in raw
                                                    or v.lower().encode() in raw)]
    assert not leaked


# -- credentials -----------------------------------------------------------------------

def test_credentials_are_never_exported(tmp_path: Path) -> None:
    import io
    import zipfile

    from pdscan.config import load_config
    from pdscan.export import write_package

    specs = load_config(SAMPLE_DB / "pdscan.toml").sources
    index = tmp_path / "index.db"
    build_index(specs, index)
    email = "tanaka.hiroshi@yahoo.co.jp"
    eng = sa.create_engine(f"sqlite:///{SAMPLE_DB / 'shop.db'}")
    with eng.connect() as c:
        secret = c.execute(sa.text("SELECT password_hash FROM customers WHERE lower(email) = "
                                   ":e"), {"e": email}).scalar_one()
    eng.dispose()
    for portable in (False, True):
        pkg = export_subject(index, specs, POLICY, SubjectQuery.of(email=email),
                             portable_only=portable)
        withheld = pkg.manifest["withheld_for_security"]
        assert {(w["collection"], w["field"]) for w in withheld} >= {
            ("main.customers", "password_hash")}
        for fmt in ("json", "csv", "parquet"):
            out = write_package(pkg, fmt, tmp_path / f"p.{fmt}")
            blob = out.read_bytes()
            if fmt != "json":
                with zipfile.ZipFile(io.BytesIO(blob)) as z:
                    blob = b"".join(z.read(n) for n in z.namelist())
            assert secret.encode() not in blob and b"password_hash\":" not in blob, fmt
