"""The output contract ships with the product: every command's real JSON validates
against the JSON Schema files in ``pdscan/schemas`` (CLI-CONTRACT.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource

from tests.conftest import ROOT, SAMPLE_DB, run_cli

SCHEMAS = ROOT / "pdscan" / "schemas"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    resources = [(f"https://pdscan.example/schemas/{p.name}",
                  Resource.from_contents(json.loads(p.read_text())))
                 for p in SCHEMAS.glob("*.schema.json")]
    registry: Registry[Any] = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry,
                                           format_checker=jsonschema.FormatChecker())


def _valid(name: str, doc: dict[str, Any]) -> None:
    errors = sorted(_validator(name).iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def _json(*args: str, code: int = 0) -> dict[str, Any]:
    res = run_cli(*args, "--format", "json")
    assert res.returncode == code, res.stderr
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("contract") / "index.db"
    doc = _json("index", "sample_db/pdscan.toml", "--index", str(path))
    _valid("index", doc)
    assert any(link["kind"] == "inferred" for link in doc["links"])
    return path


def test_inventory_and_scan_json_follow_the_contract() -> None:
    _valid("inventory", _json("inventory", "sample_db/pdscan.toml"))
    doc = _json("scan", "sample_db/pdscan.toml")
    assert doc["findings"]
    _valid("scan", doc)
    # a failing source is reported in `errors` with its password masked
    failed = _json("scan", "postgresql://app:s3cret@127.0.0.1:1/nope", code=3)
    _valid("scan", failed)
    assert "s3cret" not in json.dumps(failed)


def test_lookup_json_follows_the_contract(index: Path) -> None:
    doc = _json("lookup", "--email", "elodie.martin@orange.fr", "--index", str(index))
    assert doc["hits"] and doc["subjects"] == 1
    _valid("lookup", doc)
    shown = _json("lookup", "--email", "oliver.bennett@btinternet.com", "--index", str(index),
                  "--show-data", "-c", "sample_db/pdscan.toml")
    assert shown["hits"] and all(h["verified"] and "values" in h for h in shown["hits"])
    _valid("lookup", shown)
    masked = [h for h in doc["hits"] if h.get("locator_masked")]
    assert masked and "elodie.martin" not in json.dumps(doc)


def test_export_json_follows_the_contract(index: Path, tmp_path: Path) -> None:
    out = tmp_path / "pkg.json"
    res = run_cli("export", "--email", "tanaka.hiroshi@yahoo.co.jp", "--index", str(index),
                  "-c", "sample_db/pdscan.toml", "--out", str(out))
    assert res.returncode == 0, res.stderr
    doc = json.loads(out.read_text())
    assert doc["data"] and doc["manifest"]["withheld_for_security"]
    _valid("export", doc)


def test_erase_plan_and_dry_run_follow_the_contract(index: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    doc = _json("erase-plan", "--email", "elodie.martin@orange.fr", "--index", str(index),
                "-c", "sample_db/pdscan.toml", "--out", str(plan))
    assert doc["rows"] and "elodie.martin" not in json.dumps(doc)
    _valid("erase_plan", doc)
    _valid("erase_plan", json.loads(plan.read_text()))
    receipt = _json("erase", "--plan", str(plan), "--index", str(index),  # a dry run
                    "-c", "sample_db/pdscan.toml")
    assert receipt["dry_run"] and receipt["steps"]
    _valid("erase_receipt", receipt)


def test_evaluate_and_policy_check_follow_the_contract(tmp_path: Path) -> None:
    doc = _json("evaluate", "sample_db/labels.yaml")
    assert doc["categories"] and doc["total"]["tp"] > 0
    _valid("evaluate", doc)
    _valid("policy_check", _json("policy", "check", "sample_db/policy.yaml"))
    bad = tmp_path / "policy.yaml"
    bad.write_text("categories: not a mapping\n")
    failed = _json("policy", "check", str(bad), code=2)
    assert not failed["valid"] and failed["problems"]
    _valid("policy_check", failed)


def test_the_readme_points_to_the_contract() -> None:
    readme = (ROOT / "README.md").read_text()
    assert (ROOT / "CLI-CONTRACT.md").is_file() and "CLI-CONTRACT.md" in readme
    contract = (ROOT / "CLI-CONTRACT.md").read_text()
    for name in ("inventory", "scan", "index", "lookup", "export", "erase_plan",
                 "erase_receipt", "evaluate", "policy_check"):
        assert f"pdscan/schemas/{name}.schema.json" in contract, name
    assert "pdscan/schemas" in readme
    assert SAMPLE_DB.is_dir()
