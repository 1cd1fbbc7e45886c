"""Erasure on sample_db (SQLite + files): the policy, the strategies, plan -> erase ->
receipt, nobody else's rows changed, reruns, SIGKILL, the ledger's replay."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pdscan.config import load_config
from pdscan.connector import ColumnInfo
from pdscan.erasure import strategies as st
from pdscan.erasure.apply import erase, ledger
from pdscan.erasure.model import ErasurePlan
from pdscan.erasure.plan import PlanError, plan_erasure
from pdscan.erasure.policy import check_policy
from pdscan.errors import UsageError
from pdscan.index import build_index
from pdscan.lookup import lookup
from pdscan.policy import load_policy
from pdscan.subject import SubjectQuery
from tests.conftest import ROOT, SAMPLE_DB, run_cli

ELODIE = "elodie.martin@orange.fr"
TODAY = dt.date(2026, 12, 7)


# -- the policy ---------------------------------------------------------------------

def test_the_sample_policy_is_valid_and_problems_have_lines(tmp_path: Path) -> None:
    assert check_policy(SAMPLE_DB / "policy.yaml") == []
    bad = tmp_path / "p.yaml"
    text = (SAMPLE_DB / "policy.yaml").read_text() + """    - collection: "shop:main.orders"
      hold: {years: 3, from: created_at}
    - collection: nolabel
      delete: true
    - category: user.contact.email
      strategy: scramble
"""
    bad.write_text(text)
    lines = text.splitlines()

    def line(fragment: str) -> int:
        return next(i for i, t in enumerate(lines, 1) if fragment in t)

    problems = check_policy(bad)
    assert any(f"p.yaml:{line('hold: {years: 3')}: rule" in p and "basis" in p
               for p in problems), problems
    assert any(f"p.yaml:{line('nolabel')}:" in p and "label:collection" in p for p in problems)
    assert any(f"p.yaml:{line('scramble')}:" in p and "scramble" in p for p in problems)
    with pytest.raises(UsageError, match="policy check"):
        load_policy(bad)
    res = run_cli("policy", "check", str(bad))
    assert res.returncode == 2 and "scramble" in res.stderr and "Traceback" not in res.stderr


# -- strategies ------------------------------------------------------------------------

def _col(kind: str = "string", nullable: bool = True, native: str | None = None,
         unique: bool = False, category: str | None = None) -> st.Column:
    return st.Column(ColumnInfo("c", kind, nullable, native), unique, category)


def test_strategies_fit_their_columns() -> None:
    key = bytes(32)
    email = _col("string", False, "VARCHAR(60)", True, "user.contact.email")
    a, b = (st.pseudonym(v, email, key) for v in ("a@x.fr", "b@x.fr"))
    assert a != b and a == st.pseudonym("a@x.fr", email, key) and a.endswith("@erased.invalid")
    assert len(st.pseudonym("a@x.fr", _col(native="VARCHAR(14)"), key)) <= 14
    assert st.pseudonym(42, _col("integer"), key) < 0
    assert st.truncate_ip("90.12.201.77") == "90.12.201.0"
    assert st.truncate_ip("2a01:cb00:fc79:659f:a4c3:9679:c90f:bd7d") == "2a01:cb00:fc79::"
    assert st.to_year("1988-04-12", _col()) == "1988-01-01"
    assert st.to_year(dt.date(1988, 4, 12), _col("date")) == dt.date(1988, 1, 1)
    for strategy, col in [("null", _col(nullable=False)), ("fixed:x", _col(unique=True)),
                          ("redact", _col("integer")), ("pseudonym", _col(native="CHAR(8)")),
                          ("truncate_ip", _col(unique=True)), ("fixed:toolong", _col(
                              native="VARCHAR(3)"))]:
        with pytest.raises(st.StrategyError):
            st.check(strategy, col)
    assert st.default_strategy(_col(category="user.content.private")) == "redact"
    assert st.default_strategy(_col(nullable=False)) == "pseudonym"
    person = st.Person(frozenset({"+33612345678", ELODIE}), frozenset({"Élodie Martin"}))
    text = "Élodie Martin, tél. 06 12 34 56 78, a écrit à priya@x.com de Elodie.Martin@orange.fr"
    assert st.redact(text, person) == \
        f"{st.REDACTED}, tél. {st.REDACTED}, a écrit à priya@x.com de {st.REDACTED}"


# -- sample_db end to end --------------------------------------------------------------

@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A copy of sample_db, indexed (``index/index.db``)."""
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE_DB, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    report = build_index(load_config(root / "pdscan.toml").sources, root / "index" / "index.db")
    assert not report.errors
    return root


def snapshot(root: Path) -> dict[tuple[str, str], str]:
    """Every row of every store: (table or file, rowid or record position) -> hash."""
    out = {}
    with sqlite3.connect(root / "shop.db") as con:
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for row in con.execute(f'SELECT rowid, * FROM "{table}"'):
                out[(table, str(row[0]))] = hashlib.sha256(repr(row[1:]).encode()).hexdigest()
    for path in sorted((root / "files").rglob("*")):
        if path.is_file():
            name = str(path.relative_to(root / "files"))
            data = path.read_bytes()
            if path.suffix in (".parquet", ".gz", ".json"):
                out[(name, "*")] = hashlib.sha256(data).hexdigest()
                continue
            seen: dict[str, int] = {}
            for line in data.split(b"\n"):  # by content: a deleted line moves the others
                digest = hashlib.sha256(line).hexdigest()
                seen[digest] = seen.get(digest, 0) + 1
                out[(name, f"line {digest}#{seen[digest]}")] = "present"
    return out


def _rowids(root: Path, plan: ErasurePlan) -> set[tuple[str, str]]:
    """The (table, rowid) of each SQL row of the plan, looked up before erasure."""
    out = set()
    with sqlite3.connect(root / "shop.db") as con:
        for r in plan.rows:
            if r.source != "shop":
                continue
            table = r.collection.split(".", 1)[1]
            if "rowid" in r.locator:
                out.add((table, str(r.locator["rowid"])))
                continue
            where = " AND ".join(f'"{k}" = ?' for k in r.locator["pk"])
            for (rowid,) in con.execute(f'SELECT rowid FROM "{table}" WHERE {where}',
                                        list(r.locator["pk"].values())):
                out.add((table, str(rowid)))
    return out


def test_plan_erase_receipt_and_nobody_elses_rows(shop: Path) -> None:
    specs = load_config(shop / "pdscan.toml").sources
    policy = load_policy(shop / "policy.yaml")
    index = shop / "index" / "index.db"
    plan = plan_erasure(index, specs, policy, [SubjectQuery.of(email=ELODIE)], today=TODAY)
    by_action = {a: {(r.collection) for r in plan.rows if r.action == a}
                 for a in ("delete", "mask", "hold")}
    assert "main.invoices" in by_action["hold"] and "main.payments" in by_action["hold"]
    assert {"main.orders", "main.customers"} <= by_action["mask"]  # kept for the invoices
    assert "newsletter.csv" in by_action["delete"] and "access.log" in by_action["mask"]
    customer = next(r for r in plan.rows if r.collection == "main.customers")
    assert customer.reason.startswith("kept because a ")  # a kept order or payment
    order = [r.collection for r in plan.rows]
    assert order.index("main.order_items") < order.index("main.orders")
    assert all(r.until for r in plan.rows if r.action == "hold")
    assert plan.recipients and plan.hash == plan.compute_hash()
    out = plan.write(shop / "plan.json")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    before = snapshot(shop)
    planned = _rowids(shop, plan)
    dry = erase(ErasurePlan.read(out), specs)
    assert dry.dry_run and snapshot(shop) == before
    receipt = erase(ErasurePlan.read(out), specs, yes=True, receipt=shop / "receipt.json")
    assert receipt.complete, receipt.to_dict()
    after = snapshot(shop)
    sql_changed = {k for k in before if k in after and before[k] != after[k]
                   and not k[1].startswith("line") and k[1] != "*"}
    sql_gone = {k for k in before if k not in after and not k[1].startswith("line")
                and k[1] != "*"}
    assert sql_changed | sql_gone <= planned, sorted((sql_changed | sql_gone) - planned)
    lines_gone = {k for k in before if k not in after and k[1].startswith("line")}
    targets = {r.collection for r in plan.rows if r.source == "files"}
    assert {k[0] for k in lines_gone} <= targets
    planned_lines = sum(1 for r in plan.rows if r.source == "files" and "line" in r.locator)
    assert len(lines_gone) <= planned_lines  # every other line of every file kept byte for byte
    doc = (shop / "receipt.json").read_text()
    assert stat.S_IMODE((shop / "receipt.json").stat().st_mode) == 0o600
    for secret in ("elodie", "Elodie", "MARTIN", "06 12 34", "90.12.201.77", "orange.fr"):
        assert secret not in doc
    assert json.loads(doc)["verification"]["ok"]
    # the person is gone; the held rows stay; the ledger holds their tokens only
    assert not lookup(index, emails=[ELODIE]).confirmed
    with sqlite3.connect(shop / "shop.db") as con:
        assert con.execute("SELECT count(*) FROM invoices WHERE billing_name LIKE '%lodie%'"
                           ).fetchone()[0] >= 1
    entries = ledger(index)
    assert entries and ELODIE not in json.dumps(entries)
    # a rerun of the finished plan changes nothing
    again = erase(ErasurePlan.read(out), specs, yes=True)
    assert snapshot(shop) == after and again.complete


def test_cli_plan_review_erase(shop: Path) -> None:
    plan = shop / "plan.json"
    res = run_cli("erase-plan", "--email", ELODIE, "-c", str(shop / "pdscan.toml"),
                  "--index", str(shop / "index" / "index.db"), "--out", str(plan), "--sql",
                  cwd=shop)
    assert res.returncode == 0, res.stderr
    assert "DELETE FROM order_items" in res.stdout and "hold" in res.stdout
    doc = json.loads(plan.read_text())
    doc["rows"][0]["action"] = "mask"
    (shop / "edited.json").write_text(json.dumps(doc))
    res = run_cli("erase", "--plan", str(shop / "edited.json"), "-c", str(shop / "pdscan.toml"),
                  "--yes", cwd=shop)
    assert res.returncode == 2 and "changed after it was made" in res.stderr
    res = run_cli("erase", "--plan", str(plan), "-c", str(shop / "pdscan.toml"), "--yes",
                  "--receipt", str(shop / "r.json"), "--format", "json", cwd=shop)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["verification"]["ok"]


def test_a_row_changed_after_planning_is_left_alone(shop: Path) -> None:
    specs = load_config(shop / "pdscan.toml").sources
    index = shop / "index" / "index.db"
    plan = plan_erasure(index, specs, load_policy(shop / "policy.yaml"),
                        [SubjectQuery.of(email=ELODIE)], today=TODAY)
    with sqlite3.connect(shop / "shop.db") as con:
        con.execute("UPDATE devices SET last_ip = '10.0.0.9' WHERE id = 42")
    receipt = erase(plan, specs, yes=True)
    step = next(s for s in receipt.steps if s["collection"] == "main.devices")
    assert step["outcome"] == "changed"
    with sqlite3.connect(shop / "shop.db") as con:
        assert con.execute("SELECT last_ip FROM devices WHERE id = 42").fetchone() == \
            ("10.0.0.9",)


def test_a_column_no_strategy_can_mask_stops_the_plan(shop: Path) -> None:
    policy = shop / "policy.yaml"
    policy.write_text(policy.read_text() + """    - category: user.name
      strategy: "null"
""")
    specs = load_config(shop / "pdscan.toml").sources
    with pytest.raises(PlanError, match=r"\(user\.name[.a-z]*\): the strategy null .*NOT NULL"):
        plan_erasure(shop / "index" / "index.db", specs, load_policy(policy),
                     [SubjectQuery.of(email=ELODIE)], today=TODAY)


def test_sigkill_at_any_point_then_rerun_finishes_exactly_once(shop: Path) -> None:
    """A run killed at some point, then run again: the stores end as one whole run
    leaves them (compared with a twin copy erased without interruption)."""
    twin = shop.parent / "twin"
    shutil.copytree(shop, twin)
    plan_file = shop / "plan.json"
    res = run_cli("erase-plan", "--email", ELODIE, "-c", "pdscan.toml", "--index",
                  "index/index.db", "--out", str(plan_file), cwd=shop)
    assert res.returncode == 0, res.stderr
    shutil.copy(plan_file, twin / "plan.json")
    ok = run_cli("erase", "--plan", "plan.json", "-c", "pdscan.toml", "--index",
                 "index/index.db", "--yes", cwd=twin)
    assert ok.returncode == 0, ok.stderr
    env = {**os.environ, "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "pdscan", "erase", "--plan", "plan.json", "-c", "pdscan.toml",
           "--index", "index/index.db", "--yes"]
    for delay in (0.9, 1.3):  # inside the run: imports take ~0.8 s here
        proc = subprocess.Popen(cmd, cwd=shop, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    final = run_cli("erase", "--plan", "plan.json", "-c", "pdscan.toml", "--index",
                    "index/index.db", "--yes", cwd=shop)
    assert final.returncode in (0, 3), final.stderr
    assert snapshot(shop) == snapshot(twin)
    assert not list(shop.rglob("*.pdscan-tmp"))


def test_replay_erases_again_after_a_restore(shop: Path) -> None:
    specs = load_config(shop / "pdscan.toml").sources
    index = shop / "index" / "index.db"
    backup = shop.parent / "backup.db"
    shutil.copy(shop / "shop.db", backup)
    plan = plan_erasure(index, specs, load_policy(shop / "policy.yaml"),
                        [SubjectQuery.of(email=ELODIE)], today=TODAY)
    assert erase(plan, specs, yes=True).complete
    shutil.copy(backup, shop / "shop.db")  # the restore brings her back
    build_index(specs, index)
    assert lookup(index, emails=[ELODIE]).confirmed
    res = run_cli("erase", "--replay", "-c", str(shop / "pdscan.toml"), "--index", str(index),
                  "--yes", cwd=shop)
    assert res.returncode == 0, res.stderr + res.stdout
    with sqlite3.connect(shop / "shop.db") as con:
        assert not con.execute("SELECT count(*) FROM customers WHERE lower(email) = ?",
                               (ELODIE,)).fetchone()[0]


def test_the_sample_db_walkthrough_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for step in ("pdscan erase-plan", "pdscan erase --plan", "--yes", "--receipt",
                 "pdscan policy check"):
        assert step in readme, step
