"""The peers benchmark's smoke mode, in the default test run (the full comparison is run
by hand: benchmarks/peers/README.md). CI installs no peer, so the smoke runs pdscan
alone, through the same harness, scoring and report as the full run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PEERS = ROOT / "benchmarks" / "peers"


def test_smoke_run_of_the_harness(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, str(PEERS / "run_peers.py"), "--smoke",
                           "--tools", "pdscan", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["smoke"] is True and doc["partial"] is False
    rows = {r["dataset"]: r for r in doc["rows"] if r["tool"] == "pdscan"}
    assert set(rows) == {"heldout-smoke", "people_1k_sqlite"}
    for r in rows.values():
        assert r["status"] == "ok" and r["wall_s"] > 0 and r["peak_rss_mb"] > 10, r
    score = rows["heldout-smoke"]["score"]["category"]
    assert score["tp"] > 0 and score["precision"] >= 0.9 and score["recall"] >= 0.9
    found = {(f["column"], f["category"]) for f in rows["people_1k_sqlite"]["raw_findings"]}
    assert ("email", "user.contact.email") in found
    assert "| pdscan | people_1k_sqlite |" in out.with_suffix(".md").read_text()


def test_scoring_rule() -> None:
    sys.path.insert(0, str(PEERS))
    try:
        import scoring
    finally:
        sys.path.remove(str(PEERS))
    labels = {("main.people", "email"): frozenset({"user.contact.email"}),
              ("main.people", "full_name"): frozenset({"user.name.first", "user.name.last"}),
              ("main.people", "sku"): frozenset()}
    findings = [{"collection": "main.people", "column": "email", "entity": "EMAIL_ADDRESS"},
                {"collection": "main.people", "column": "full_name", "entity": "PERSON"},
                {"collection": "main.people", "column": "sku", "entity": "PHONE_NUMBER"}]
    cat = scoring.score("presidio-structured", findings, labels)["category"]
    assert (cat["tp"], cat["fp"], cat["fn"]) == (3, 1, 0)
