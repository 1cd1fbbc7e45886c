"""``pdscan scan`` / ``pdscan evaluate`` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import yaml

from tests.conftest import SAMPLE_DB, run_cli


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "crm.db"
    con = sqlite3.connect(db)
    con.executescript(
        "CREATE TABLE contacts(id INTEGER PRIMARY KEY, courriel TEXT, telephone TEXT, note TEXT);"
        "CREATE TABLE products(id INTEGER PRIMARY KEY, name TEXT, sku TEXT);")
    con.executemany("INSERT INTO contacts VALUES (?,?,?,?)", [
        (i, f"client{i}@exemple.fr", f"06 12 34 {i % 90 + 10:02d} {i % 80 + 10:02d}", "ok")
        for i in range(1, 60)])
    con.executemany("INSERT INTO products VALUES (?,?,?)",
                    [(i, f"Chaise {i}", f"0489-336-{i:03d}") for i in range(1, 40)])
    con.commit()
    con.close()
    return db


def test_scan_formats_and_exit_codes(tmp_path: Path) -> None:
    url = f"sqlite:///{_db(tmp_path)}"
    res = run_cli("scan", url, "--format", "json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    got = {(f["collection"], f["column"], f["category"]) for f in doc["findings"]}
    assert ("main.contacts", "courriel", "user.contact.email") in got
    assert ("main.contacts", "telephone", "user.contact.phone_number") in got
    assert not any(c == "main.products" and col in ("name", "sku") for c, col, _ in got)
    f = next(f for f in doc["findings"] if f["column"] == "courriel")
    assert {"source", "collection", "column", "category", "confidence", "match_ratio",
            "sampled", "evidence", "examples"} <= set(f)
    assert {e["kind"] for e in f["evidence"]} >= {"name", "value"}

    lines = run_cli("scan", url, "--format", "ndjson").stdout.splitlines()
    assert len(lines) == len(doc["findings"])
    rows = list(csv.DictReader(io.StringIO(run_cli("scan", url, "--format", "csv").stdout)))
    assert {r["category"] for r in rows} == {f["category"] for f in doc["findings"]}

    gate = run_cli("scan", url, "--fail-on", "user.contact.phone_number")
    assert gate.returncode == 1
    assert run_cli("scan", url, "--fail-on", "user.financial").returncode == 0
    assert run_cli("scan", url, "--only", "nope.category").returncode == 2
    only = json.loads(run_cli("scan", url, "--format", "json", "--except",
                              "user.contact.email").stdout)
    assert "user.contact.email" not in {f["category"] for f in only["findings"]}


def test_fides_output_is_a_valid_fideslang_dataset(tmp_path: Path) -> None:
    from fideslang.models import Dataset

    res = run_cli("scan", f"sqlite:///{_db(tmp_path)}", "--format", "fides")
    assert res.returncode == 0, res.stderr
    doc = yaml.safe_load(res.stdout)
    (ds,) = [Dataset.model_validate(d) for d in doc["dataset"]]
    fields = {c.name: {f.name: f.data_categories for f in c.fields} for c in ds.collections}
    assert fields["contacts"]["courriel"] == ["user.contact.email"]
    assert not fields["products"]["sku"]
    assert ds.fides_meta is not None and ds.fides_meta.namespace == {"schema": "main"}


def test_fides_meta_carries_keys_references_and_identities(tmp_path: Path) -> None:
    from fideslang.models import Dataset

    shutil.copy(SAMPLE_DB / "shop.db", tmp_path / "shop.db")
    res = run_cli("scan", f"sqlite:///{tmp_path / 'shop.db'}", "--format", "fides", "--no-nlp")
    assert res.returncode == 0, res.stderr
    (ds,) = [Dataset.model_validate(d) for d in yaml.safe_load(res.stdout)["dataset"]]
    meta = {(c.name, f.name): f.fides_meta for c in ds.collections for f in c.fields}
    customers_id = meta[("customers", "id")]
    assert customers_id is not None and customers_id.primary_key
    assert customers_id.data_type == "integer"
    email = meta[("customers", "email")]
    assert email is not None and email.identity == "email"
    orders = meta[("orders", "customer_id")]
    assert orders is not None and orders.references is not None
    ref = orders.references[0]
    assert (ref.dataset, ref.field, ref.direction) == (ds.fides_key, "customers.id", "to")


def test_evaluate_prints_confusion() -> None:
    res = run_cli("evaluate", "sample_db/labels.yaml", "--format", "json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    cats = {c["category"]: c for c in doc["categories"]}
    assert cats["user.contact.email"]["tp"] > 5
    assert doc["total"]["precision"] >= 0.95
