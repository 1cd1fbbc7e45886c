"""Erasure against SQLite, PostgreSQL and MariaDB with declared foreign keys (RESTRICT,
CASCADE), UNIQUE columns, held rows, rows also about others, faults mid-source and
between sources; checksums show nobody else's rows changed."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from pdscan.config import SourceSpec
from pdscan.erasure.apply import erase
from pdscan.erasure.plan import plan_erasure
from pdscan.index import build_index
from pdscan.lookup import lookup
from pdscan.policy import load_policy
from pdscan.subject import SubjectQuery
from tests.conftest import SAMPLE_DB, Store

TODAY = dt.date(2026, 12, 7)
POLICY = """
erasure:
  default: delete
  rules:
    - collection: "*:*invoices"
      hold: {basis: "accounting law: 10 years", years: 10, from: issued_on, then: delete}
"""
PEOPLE = [("Ada", "ada@example.org"), ("Bob", "bob@example.org"), ("Cid", "cid@example.org"),
          ("Dee", "dee@example.org"), ("Eve", "eve@example.org")]


def _policy(tmp_path: Path) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text((SAMPLE_DB / "policy.yaml").read_text().split("\nerasure:")[0] + POLICY)
    return path


def _shop(store: Store) -> dict[str, sa.Table]:
    """customers (UNIQUE e-mail) <- orders (RESTRICT) <- order_lines (CASCADE),
    orders <- invoices (RESTRICT), customers <- tickets (CASCADE; cc_customer_id SET NULL)."""
    text, num = sa.String, sa.Integer
    t = {}
    t["customers"] = store.table(
        "customers", sa.Column("id", num, primary_key=True),
        sa.Column("email", text(60), nullable=False, unique=True),
        sa.Column("full_name", text(60), nullable=False), sa.Column("phone", text(30)),
        rows=[{"id": i, "email": e, "full_name": f"{n} Lovelace", "phone": f"+3361234560{i}"}
              for i, (n, e) in enumerate(PEOPLE, 1)])
    pref = f"{store.schema}." if store.dialect == "postgresql" else ""
    t["orders"] = store.table(
        "orders", sa.Column("id", num, primary_key=True),
        sa.Column("customer_id", num, sa.ForeignKey(f"{pref}customers.id", ondelete="RESTRICT"),
                  nullable=False),
        sa.Column("total", num, nullable=False),
        rows=[{"id": o, "customer_id": c, "total": 100 * o}
              for o, c in [(1, 1), (2, 1), (3, 2), (4, 3), (5, 4), (6, 5)]])
    t["order_lines"] = store.table(
        "order_lines", sa.Column("id", num, primary_key=True),
        sa.Column("order_id", num, sa.ForeignKey(f"{pref}orders.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("product", text(30), nullable=False),
        rows=[{"id": i, "order_id": o, "product": f"p{i}"}
              for i, o in enumerate([1, 1, 2, 3, 3, 4, 5, 6], 1)])
    t["invoices"] = store.table(
        "invoices", sa.Column("id", num, primary_key=True),
        sa.Column("order_id", num, sa.ForeignKey(f"{pref}orders.id", ondelete="RESTRICT"),
                  nullable=False, unique=True),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("billing_name", text(60), nullable=False),
        rows=[{"id": 1, "order_id": 1, "issued_on": dt.date(2024, 3, 1),
               "billing_name": "Ada Lovelace"},
              {"id": 2, "order_id": 3, "issued_on": dt.date(2025, 5, 2),
               "billing_name": "Bob Lovelace"}])
    t["tickets"] = store.table(
        "tickets", sa.Column("id", num, primary_key=True),
        sa.Column("customer_id", num, sa.ForeignKey(f"{pref}customers.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("cc_customer_id", num, sa.ForeignKey(f"{pref}customers.id",
                                                     ondelete="SET NULL")),
        sa.Column("body", sa.Text, nullable=False),
        rows=[{"id": 1, "customer_id": 3, "cc_customer_id": None,
               "body": "My parcel never arrived, please call me back soon"},
              {"id": 2, "customer_id": 4, "cc_customer_id": 3,
               "body": "Cid Lovelace in copy: we both wait for the refund of our order"},
              {"id": 3, "customer_id": 5, "cc_customer_id": None,
               "body": "Please change the delivery address of my last order"}])
    return t


def _checksums(store: Store, tables: dict[str, sa.Table]) -> dict[tuple[str, Any], str]:
    out = {}
    with store.engine.connect() as c:
        for name, table in tables.items():
            for row in c.execute(sa.select(table)):
                out[(name, row[0])] = hashlib.sha256(repr(tuple(row)).encode()).hexdigest()
    return out


def _planned(plan: Any) -> set[tuple[str, Any]]:
    return {(r.collection.rsplit(".", 1)[1], next(iter(r.locator["pk"].values())))
            for r in plan.rows}


def test_erasure_respects_keys_holds_and_unique(store: Store, tmp_path: Path) -> None:
    tables = _shop(store)
    spec = store.spec("shop")
    index = tmp_path / "index.db"
    assert not build_index([spec], index).errors
    policy = load_policy(_policy(tmp_path))
    # Ada and Bob have invoices (held): kept and masked, in one plan (UNIQUE e-mails);
    # Cid has none: everything deleted, but Dee's ticket naming Cid in copy is kept.
    people = [SubjectQuery.of(email=e) for e in ("ada@example.org", "bob@example.org",
                                                   "cid@example.org")]
    plan = plan_erasure(index, [spec], policy, people, today=TODAY)
    action = {(r.collection.rsplit(".", 1)[1], next(iter(r.locator["pk"].values()))): r
              for r in plan.rows}
    assert action[("invoices", 1)].action == "hold" and action[("invoices", 2)].action == "hold"
    for kept in (("orders", 1), ("orders", 3), ("customers", 1), ("customers", 2)):
        assert action[kept].action == "mask", (kept, action[kept].reason)
    for gone in (("order_lines", 1), ("order_lines", 2), ("orders", 2), ("order_lines", 3),
                 ("customers", 3), ("orders", 4), ("order_lines", 6), ("tickets", 1)):
        assert action[gone].action == "delete", (gone, action[gone].reason)
    shared = action[("tickets", 2)]
    assert shared.action == "mask" and {m.column for m in shared.masks} >= {"cc_customer_id"}
    order = [k for k in ((r.collection.rsplit(".", 1)[1],
                          next(iter(r.locator["pk"].values()))) for r in plan.rows)]
    assert order.index(("order_lines", 6)) < order.index(("orders", 4)) < \
        order.index(("customers", 3))
    before = _checksums(store, tables)
    receipt = erase(plan, [spec], yes=True)
    assert receipt.complete, receipt.to_dict()
    after = _checksums(store, tables)
    changed = {k for k in before if before[k] != after.get(k)}
    assert changed <= _planned(plan)
    assert {k for k in before if k[0] == "customers" and k[1] in (4, 5)}.isdisjoint(changed)
    with store.engine.connect() as c:
        emails = [r[0] for r in c.execute(sa.select(tables["customers"].c.email))]
        assert len(set(emails)) == len(emails) == 4  # two pseudonyms, no collision
        assert not {"ada@example.org", "bob@example.org", "cid@example.org"} & set(emails)
        ticket = c.execute(sa.select(tables["tickets"]).where(
            tables["tickets"].c.id == 2)).one()
        assert ticket.cc_customer_id is None and "Cid" not in ticket.body
        assert c.execute(sa.select(sa.func.count()).select_from(tables["invoices"])
                         ).scalar_one() == 2
    for e in ("ada@example.org", "cid@example.org"):
        assert not lookup(index, emails=[e]).confirmed


def test_a_fault_mid_source_rolls_it_back_and_a_rerun_finishes(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pdscan_connectors import sql_write

    tables = _shop(store)
    spec = store.spec("shop")
    index = tmp_path / "index.db"
    build_index([spec], index)
    plan = plan_erasure(index, [spec], load_policy(_policy(tmp_path)),
                        [SubjectQuery.of(email="eve@example.org")], today=TODAY)
    assert sum(r.action == "delete" for r in plan.rows) >= 3
    before = _checksums(store, tables)
    real = sql_write._statement
    calls = {"n": 0}

    def failing(conn: Any, t: Any, change: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full (injected)")
        return real(conn, t, change)

    monkeypatch.setattr(sql_write, "_statement", failing)
    failed = erase(plan, [spec], yes=True)
    assert not failed.complete and "disk full" in failed.errors[0].message
    assert _checksums(store, tables) == before  # nothing half-done
    monkeypatch.setattr(sql_write, "_statement", real)
    assert erase(plan, [spec], yes=True).complete
    after = _checksums(store, tables)
    assert {k for k in before if before[k] != after.get(k)} <= _planned(plan)


def test_a_fault_between_two_sources_leaves_a_resumable_state(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    import sqlite3

    from pdscan_connectors.files import FilesConnector
    from pdscan_connectors.sql import SqlConnector

    root = tmp_path / "s"
    shutil.copytree(SAMPLE_DB, root, ignore=shutil.ignore_patterns("*.py"))
    specs = [SourceSpec("shop", f"sqlite:///{root / 'shop.db'}"),
             SourceSpec("files", str(root / "files"))]
    index = tmp_path / "index.db"
    build_index(specs, index)
    plan = plan_erasure(index, specs, load_policy(root / "policy.yaml"),
                        [SubjectQuery.of(email="elodie.martin@orange.fr")], today=TODAY)
    first = plan.rows[0].source
    other = next(r.source for r in plan.rows if r.source != first)

    def broken(self: Any, *a: Any, **k: Any) -> Any:
        raise OSError("the connection went away (injected)")

    monkeypatch.setattr(FilesConnector if other == "files" else SqlConnector,
                        "apply_changes", broken)
    partial = erase(plan, specs, yes=True)
    assert partial.errors and not partial.complete
    monkeypatch.undo()
    done = erase(plan, specs, yes=True)
    assert done.complete, done.to_dict()
    with sqlite3.connect(root / "shop.db") as con:
        assert not con.execute("SELECT count(*) FROM newsletter_subscriptions WHERE email = ?",
                               ("elodie.martin@orange.fr",)).fetchone()[0]
    assert b"Elodie.Martin@Orange.fr" not in (root / "files" / "newsletter.csv").read_bytes()
