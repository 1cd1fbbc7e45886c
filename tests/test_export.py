"""``export``: the subject's rows from every store, the Art. 15 manifest, three formats."""

from __future__ import annotations

import csv
import io
import json
import stat
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pdscan.config import load_config
from pdscan.export import REDACTED, csv_cell, export_subject, write_package
from pdscan.index import build_index
from pdscan.policy import load_policy
from tests.conftest import SAMPLE_DB, run_cli

TRUTH = {s["key"]: s for s in json.loads((SAMPLE_DB / "truth.json").read_text())["subjects"]}
SPECS = load_config(SAMPLE_DB / "pdscan.toml").sources
POLICY = load_policy(SAMPLE_DB / "policy.yaml")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exp") / "index.db"
    build_index(SPECS, path)
    return path


def _text(value: object) -> str | None:
    """A value as text, the way CSV carries it (an empty cell is no value)."""
    if value is None or value == "":
        return None
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _locators(pkg_data: dict) -> set[tuple[str, str, str]]:
    return {(s, c, json.dumps(r["locator"], sort_keys=True))
            for s, colls in pkg_data.items() for c, v in colls.items() for r in v["records"]}


@pytest.mark.parametrize("subject", ["hiroshi-tanaka", "sofia-garcia", "oliver-bennett"])
def test_exported_rows_are_the_subjects(index: Path, subject: str) -> None:
    s = TRUTH[subject]
    pkg = export_subject(index, SPECS, POLICY, emails=[s["query"]["email"]])
    want = {(r["store"], r["collection"], json.dumps(r["locator"], sort_keys=True))
            for r in s["rows"]}
    assert _locators(pkg.data) == want
    found = {f["category"] for colls in pkg.data.values() for v in colls.values()
             for r in v["records"] for f in r["fields"].values() if f["category"]}
    assert found == set(pkg.manifest["categories"])  # every category found is listed
    for cat, entry in pkg.manifest["categories"].items():
        assert entry.get("described") is False or {"purposes", "legal_basis", "retention",
                                                     "recipients"} <= set(entry), cat
    assert {"controller", "rights", "complaint", "sources_searched",
            "sources_failed"} <= set(pkg.manifest)
    assert set(pkg.manifest["sources_searched"]) == {"shop", "files"}


def test_fk_only_rows_carry_their_own_fields_and_types(index: Path) -> None:
    pkg = export_subject(index, SPECS, POLICY, emails=[TRUTH["hiroshi-tanaka"]["query"]["email"]])
    orders = pkg.data["shop"]["main.orders"]["records"]
    assert orders and all(r["reached_by"] == "foreign_key" for r in orders)
    fields = orders[0]["fields"]
    assert "order_number" in fields and fields["customer_id"]["category"] == "user.unique_id"
    doc = json.loads(json.dumps(pkg.to_dict()))  # JSON-safe as is
    assert doc["subject"]["email"] == TRUTH["hiroshi-tanaka"]["query"]["email"].lower()


def test_formats_round_trip(index: Path, tmp_path: Path) -> None:
    pkg = export_subject(index, SPECS, POLICY, emails=[TRUTH["sofia-garcia"]["query"]["email"]])
    as_json = write_package(pkg, "json", tmp_path / "x.json")
    assert json.loads(as_json.read_text())["data"] == json.loads(json.dumps(pkg.data))
    assert stat.S_IMODE(as_json.stat().st_mode) == 0o600
    expected = {(s, c): len(v["records"]) for s, colls in pkg.data.items()
                for c, v in colls.items()}
    for fmt in ("csv", "parquet"):
        path = write_package(pkg, fmt, tmp_path / f"x.{fmt}.zip")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            assert {"manifest.json", "README.txt", "index.html", "fields.csv"} <= names
            manifest = json.loads(z.read("manifest.json"))
            assert manifest["categories"] == json.loads(json.dumps(pkg.manifest["categories"]))
            # the manifest says which file holds each collection, and each row's locator
            placed = {(f["source"], f["collection"]): f for f in manifest["files"]}
            assert {k: f["records"] for k, f in placed.items()} == expected
            for (source, coll), f in placed.items():
                member = f["file"]
                assert member in names and member.endswith(f".{fmt}")
                if fmt == "csv":
                    rows = list(csv.DictReader(io.StringIO(z.read(member).decode("utf-8"))))
                else:
                    rows = pq.read_table(io.BytesIO(z.read(member))).to_pylist()
                assert len(rows) == expected[(source, coll)]
                want = {json.dumps(r["locator"], sort_keys=True):
                        {k: _text(csv_cell(f["value"]) if fmt == "csv" else f["value"])
                         for k, f in r["fields"].items()}
                        for r in pkg.data[source][coll]["records"]}
                got = {json.dumps(loc, sort_keys=True): {k: _text(v) for k, v in r.items()}
                       for loc, r in zip(f["locators"], rows, strict=True)}
                assert got == want, (fmt, member)


def test_subject_without_data_gets_an_empty_valid_export(index: Path, tmp_path: Path) -> None:
    pkg = export_subject(index, SPECS, POLICY, emails=["nobody.here@example.org"])
    assert pkg.empty and pkg.data == {} and pkg.manifest["categories"] == {}
    assert any("no data held" in w for w in pkg.warnings)
    doc = json.loads(write_package(pkg, "json", tmp_path / "e.json").read_text())
    assert doc["manifest"]["controller"]["name"]


def test_portable_subset_and_redaction(index: Path) -> None:
    s = TRUTH["elodie-martin-fr"]
    full = export_subject(index, SPECS, POLICY, emails=[s["query"]["email"]])
    portable = export_subject(index, SPECS, POLICY, emails=[s["query"]["email"]],
                              portable_only=True)
    assert "main.invoices" in full.data["shop"]  # marked portable: false by the policy
    assert "main.invoices" not in portable.data.get("shop", {})
    assert all(r["portable"] for colls in portable.data.values() for v in colls.values()
               for r in v["records"])
    # her ticket mentions Priya's e-mail: another person's data, redacted on request
    redacted = export_subject(index, SPECS, POLICY, emails=[s["query"]["email"]],
                              redact_others=True)
    texts = [f["value"] for v in redacted.data["shop"]["main.support_tickets"]["records"]
             for f in v["fields"].values() if isinstance(f["value"], str)]
    assert any(REDACTED in t for t in texts)
    assert not any("priya.sharma@outlook.com" in t for t in texts)


def test_redaction_keeps_the_subjects_own_identifiers() -> None:
    from pdscan.export import _redact
    from pdscan.freetext import names_in
    from pdscan.validators import Context

    text = ("Merci de rappeler M. Lefèvre au 06 12 34 56 78 ou d'écrire à "
            "paul.lefevre@free.fr. Mon adresse reste marie.dupont@example.org. Marie Dupont")
    data = {"s": {"t": {"records": [{"fields": {
        "name": {"value": "Marie Dupont", "category": "user.name"},
        "body": {"value": text, "category": "user.content.private"}}}]}}}
    _redact(data, {"marie.dupont@example.org"}, Context())
    out = data["s"]["t"]["records"][0]["fields"]["body"]["value"]
    assert "paul.lefevre@free.fr" not in out and "06 12 34 56 78" not in out
    assert "marie.dupont@example.org" in out and "Marie Dupont" in out
    if any("Lefèvre" in n for n in names_in(text)):
        assert "Lefèvre" not in out


def test_cli_export(index: Path, tmp_path: Path) -> None:
    out = tmp_path / "pkg.zip"
    res = run_cli("export", "--email", TRUTH["wang-fang"]["query"]["email"], "--index",
                  str(index), "-c", "sample_db/pdscan.toml", "--format", "csv", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert "written:" in res.stdout and zipfile.is_zipfile(out)
    bad = run_cli("export", "--email", "x@y.fr", "--index", str(index), "-c",
                  "sample_db/pdscan.toml", "--format", "xml", "--out", str(tmp_path / "z"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
