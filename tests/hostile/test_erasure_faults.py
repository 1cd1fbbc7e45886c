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
