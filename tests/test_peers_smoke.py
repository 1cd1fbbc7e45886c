"""The peers benchmark's own tests that need no peer installed, in the default test run
(the full comparison is run by hand: benchmarks/peers/README.md). CI installs no peer,
so the smoke run is pdscan alone, through the same harness, scoring and report as the
full run. They are taken from benchmarks/peers/test_smoke.py, not written again; its
test with the peers' venvs is left to a run by hand."""

from __future__ import annotations

import importlib.util

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "peers_test_smoke", ROOT / "benchmarks" / "peers" / "test_smoke.py")
assert _spec is not None and _spec.loader is not None
_smoke = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_smoke)

test_related_keys = _smoke.test_related_keys
test_score_hand_checked = _smoke.test_score_hand_checked
test_score_pdscan_identity_and_parent = _smoke.test_score_pdscan_identity_and_parent
test_labels_loader_both_layouts = _smoke.test_labels_loader_both_layouts
test_smoke_pdscan_only_without_peer_venvs = _smoke.test_smoke_pdscan_only_without_peer_venvs
test_missing_peer_venv_fails_loudly = _smoke.test_missing_peer_venv_fails_loudly
