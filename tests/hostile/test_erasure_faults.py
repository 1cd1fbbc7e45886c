"""Erasure when what follows the writes fails."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import SAMPLE_DB


def test_index_busy_after_the_writes(tmp_path: Path) -> None:
    """`erase --yes` while another run holds the index (its re-index after the writes
    cannot take the lock). Expected: the writes stand, the erasure ledger records the
    people and the receipt is written, with an error saying to re-index; not complete."""
    from pdscan.config import load_config
    from pdscan.erasure.apply import erase, ledger
    from pdscan.erasure.plan import plan_erasure
    from pdscan.index.build import build_index
    from pdscan.index.workdir import build_run
    from pdscan.policy import load_policy
    from pdscan.subject import SubjectQuery

    root = tmp_path / "s"
    shutil.copytree(SAMPLE_DB, root, ignore=shutil.ignore_patterns(".pdscan"))
    specs = load_config(root / "pdscan.toml").sources
    index = tmp_path / "index.db"
    build_index(specs, index)
    plan = plan_erasure(index, specs, load_policy(root / "policy.yaml"),
                        [SubjectQuery.of(email=["elodie.martin@orange.fr"])])
    receipt = tmp_path / "receipt.json"
    with build_run(index):  # another `pdscan index` holds it
        out = erase(plan, specs, yes=True, index=index, receipt=receipt)
    assert not out.complete
    assert any("re-index after the erasure" in e.message for e in out.errors)
    assert [e["plan_hash"] for e in ledger(index)] == [plan.hash]
    doc = json.loads(receipt.read_text())
    assert doc["plan_hash"] == plan.hash and doc["steps"] and doc["errors"]


def test_plan_warns_of_tables_it_cannot_check(tmp_path: Path) -> None:
    """A plan over a SQLite source whose config excludes the table that references the
    person's row. Expected: the plan says that table was not checked for references (a
    warning: erase-plan exits 3), never a silent skip."""
    import sqlite3

    from pdscan.config import SourceSpec
    from pdscan.erasure.plan import plan_erasure
    from pdscan.index.build import build_index
    from pdscan.policy import load_policy
    from pdscan.subject import SubjectQuery

    db = tmp_path / "s.db"
    with sqlite3.connect(db) as c:
        c.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT UNIQUE, "
                  "name TEXT)")
        c.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER "
                  "REFERENCES customers(id) ON DELETE CASCADE, total REAL)")
        c.executemany("INSERT INTO customers VALUES (?, ?, ?)",
                      [(i, f"c{i}@example.com", f"Name {i}") for i in range(1, 31)])
        c.executemany("INSERT INTO orders VALUES (?, ?, ?)", [(i, i, 9.5) for i in range(1, 31)])
    specs = [SourceSpec("shop", f"sqlite:///{db}", {"exclude": ["orders"]})]
    index = tmp_path / "index.db"
    build_index(specs, index)
    plan = plan_erasure(index, specs, load_policy(SAMPLE_DB / "policy.yaml"),
                        [SubjectQuery.of(email=["c7@example.com"])])
    assert any("include/exclude" in w for w in plan.warnings), plan.warnings
