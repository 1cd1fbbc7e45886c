"""The peers harness, end to end in --smoke mode, and its scoring rule on a hand-checked case.

    .venv/bin/python -m pytest -q benchmarks/peers/test_smoke.py

Not part of pdscan's test suite (``testpaths = ["tests"]``). Needs no network: the smoke
run uses a 1,000-row SQLite table and a small copy of benchmarks/heldout: pdscan alone
with no peer venv (what CI runs), then pdscan with every peer whose venv
``run_peers.py --setup-only`` completed under benchmarks/peers/.venvs (skipped when none).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scoring  # noqa: E402

LABELS = {
    ("main.people", "email"): frozenset({"user.contact.email"}),
    ("main.people", "full_name"): frozenset({"user.name.first", "user.name.last"}),
    ("main.people", "city"): frozenset({"user.contact.address.city"}),
    ("main.people", "sku"): frozenset(),  # a decoy
    ("main.people", "id"): frozenset({"user.unique_id"}),
}


def test_related_keys() -> None:
    assert scoring.related("user.name", "user.name.first")
    assert scoring.related("user.contact.address.city", "user.contact.address")
    assert scoring.related("user.contact.email", "user.contact.email")
    assert not scoring.related("user.contact.email", "user.contact.phone_number")
    assert not scoring.related("user", "user.name")  # the bare root matches nothing
    assert not scoring.related("user.name", "user.names")


def test_score_hand_checked() -> None:
    findings = [
        {"collection": "main.people", "column": "email", "entity": "EMAIL_ADDRESS"},  # TP
        {"collection": "main.people", "column": "full_name", "entity": "PERSON"},  # 2 TP
        {"collection": "main.people", "column": "city", "entity": "LOCATION"},  # TP
        {"collection": "main.people", "column": "sku", "entity": "PHONE_NUMBER"},  # FP
        {"collection": "main.people", "column": "note", "entity": "DATE_TIME"},  # FP: unlabelled
        {"collection": "main.people", "column": "email", "entity": "ORGANIZATION"},  # unmapped
    ]
    s = scoring.score("presidio-structured", findings, LABELS)
    cat = s["category"]
    # truth categories: email, first, last, city, unique_id = 5; found 4, missed unique_id.
    assert (cat["tp"], cat["fp"], cat["fn"]) == (4, 2, 1)
    assert cat["precision"] == round(4 / 6, 3)
    assert cat["recall"] == round(4 / 5, 3)
    assert cat["f1"] == round(2 * (4 / 6) * (4 / 5) / (4 / 6 + 4 / 5), 3)
    col = s["column"]
    # personal columns: email, full_name, city, id; flagged: email, full_name, city, sku, note
    assert (col["tp"], col["fp"], col["fn"]) == (3, 2, 1)
    kinds = sorted((m["kind"], m["column"]) for m in s["mistakes"])
    assert kinds == [("fn", "id"), ("fp", "note"), ("fp", "sku")]


def test_score_pdscan_identity_and_parent() -> None:
    findings = [{"collection": "main.people", "column": "full_name", "category": "user.name"},
                {"collection": "main.people", "column": "id", "category": "user.unique_id"}]
    cat = scoring.score("pdscan", findings, LABELS)["category"]
    assert (cat["tp"], cat["fp"], cat["fn"]) == (3, 0, 2)


def test_labels_loader_both_layouts() -> None:
    root = HERE.parent.parent
    shop = scoring.load_labels(root / "sample_db" / "labels.yaml", "shop", "main.")
    assert shop[("main.support_agents", "workEmail")] == {"user.contact.email"}
    assert all(k[0].startswith("main.") for k in shop)
    held = scoring.load_labels(root / "benchmarks" / "heldout" / "heldout.labels.yaml")
    assert held[("main.sedi", "email_info")] == frozenset()


PEERS = {"piicatcher": "piicatcher", "presidio-structured": "presidio", "datafog": "datafog"}


def _ready_peers() -> list[str]:
    """The peers whose venv ``run_peers.py --setup-only`` completed (none in CI)."""
    return [t for t, v in PEERS.items() if (HERE / ".venvs" / v / ".peers-ready").exists()]


def _smoke(out: Path, tools: list[str], env: dict[str, str] | None = None
           ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(HERE / "run_peers.py"), "--smoke",
                           "--tools", ",".join(tools), "--out", str(out)],
                          capture_output=True, text=True, timeout=600, env=env)


def _check_smoke(out: Path, tools: list[str]) -> dict:
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["smoke"] is True and doc["partial"] is False
    assert {"rows", "tools", "mappings", "scoring_rule", "total_wall_s"} <= doc.keys()
    assert {r["tool"] for r in doc["rows"]} == set(tools)
    datasets = {r["dataset"] for r in doc["rows"]}
    assert datasets == {"heldout-smoke", "people_1k_sqlite"}
    pd = {r["dataset"]: r for r in doc["rows"] if r["tool"] == "pdscan"}
    assert set(pd) == datasets
    for r in pd.values():
        assert r["status"] == "ok", r
        assert r["wall_s"] > 0 and r["peak_rss_mb"] > 10
        assert r["ratio_vs_pdscan"] == 1.0
    lab = pd["heldout-smoke"]["score"]["category"]
    assert lab["tp"] > 0 and lab["precision"] >= 0.9 and lab["recall"] >= 0.9, lab
    found = {(f["column"], f["category"]) for f in pd["people_1k_sqlite"]["raw_findings"]}
    assert ("email", "user.contact.email") in found
    for r in doc["rows"]:
        assert r["status"] in {"ok", "timeout", "error", "skipped"}
        if r["status"] == "ok" and r["tool"] != "pdscan":
            assert r["meta"].get("network_attempts") == [], r["tool"]
    md = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "| pdscan | people_1k_sqlite |" in md
    return doc


def test_smoke_pdscan_only_without_peer_venvs(tmp_path: Path) -> None:
    """What CI runs: pdscan alone, no peer venv anywhere."""
    env = {**os.environ, "PEERS_VENVS": str(tmp_path / "no-venvs")}
    out = tmp_path / "results.json"
    proc = _smoke(out, ["pdscan"], env)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    _check_smoke(out, ["pdscan"])


def test_missing_peer_venv_fails_loudly(tmp_path: Path) -> None:
    env = {**os.environ, "PEERS_VENVS": str(tmp_path / "no-venvs")}
    out = tmp_path / "results.json"
    proc = _smoke(out, ["pdscan", "datafog"], env)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "datafog" in lines[0] and "not installed" in lines[0], lines
    assert not out.exists()


@pytest.mark.skipif(not _ready_peers(), reason="no peer venv (run_peers.py --setup-only)")
def test_smoke_run_with_peers(tmp_path: Path) -> None:
    tools = ["pdscan", *_ready_peers()]
    out = tmp_path / "results.json"
    proc = _smoke(out, tools)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    doc = _check_smoke(out, tools)
    for r in doc["rows"]:
        assert r["status"] == "ok", (r["tool"], r["dataset"], r.get("note"))
