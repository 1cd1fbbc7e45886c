"""Entry-point discovery, config files and the CLI's output contract."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from pdscan import registry
from pdscan.config import load_config, resolve_sources
from pdscan.errors import ConfigError
from pdscan.redact import mask_url
from pdscan.testing import check_connector
from tests.conftest import run_cli

DUMMY = textwrap.dedent('''
    import pyarrow as pa
    from pdscan.connector import CollectionInfo, ColumnInfo, LocatedBatch

    ROWS = [{"id": i, "email": f"p{i}@example.org"} for i in range(30)]

    class DummyConnector:
        secret_options = ()

        def __init__(self, label):
            self.label = label

        @classmethod
        def open(cls, url, label, options):
            return cls(label)

        def collections(self):
            return [CollectionInfo(self.label, "people", "table",
                                   (ColumnInfo("id", "integer"), ColumnInfo("email", "string")),
                                   len(ROWS), True, ("id",))]

        def _lb(self, rows, columns=None):
            names = list(columns or ["id", "email"])
            batch = pa.RecordBatch.from_pylist([{k: r[k] for k in names} for r in rows])
            locs = pa.array([{"pk": {"id": r["id"]}} for r in rows])
            return LocatedBatch(batch, locs)

        def read(self, collection, columns=None, batch_size=10000):
            for i in range(0, len(ROWS), batch_size):
                yield self._lb(ROWS[i:i + batch_size], columns)

        def sample(self, collection, n, columns=None, seed=0):
            return self._lb(ROWS[::max(1, len(ROWS) // n)][:n], columns)

        def fetch(self, collection, locators, columns=None):
            ids = {loc.to_dict()["pk"]["id"] for loc in locators}
            return self._lb([r for r in ROWS if r["id"] in ids], columns)

        def close(self):
            pass
''')


@pytest.fixture
def plugin_dir(tmp_path: Path) -> Iterator[Path]:
    """A third-party distribution, installed the way pip would (dist-info + entry points)."""
    site = tmp_path / "site"
    (site / "dummyconn").mkdir(parents=True)
    (site / "dummyconn" / "__init__.py").write_text(DUMMY)
    info = site / "dummyconn-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: dummyconn\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[pdscan.connectors]\ndummy = dummyconn:DummyConnector\n"
        "broken = dummyconn_missing:Nothing\n")
    sys.path.insert(0, str(site))
    registry.refresh()
    try:
        yield site
    finally:
        sys.path.remove(str(site))
        sys.modules.pop("dummyconn", None)
        registry.refresh()


def test_third_party_connector_is_discovered(plugin_dir: Path) -> None:
    assert "dummy" in registry.available_schemes()
    conn = registry.open_connector("dummy://anything", "d")
    assert type(conn).__name__ == "DummyConnector"
    check_connector(conn)


def test_builtins_are_entry_points() -> None:
    assert {"sqlite", "postgresql", "mysql", "file", "redis"} <= set(registry.available_schemes())


def test_cli_uses_plugin_and_reports_a_broken_one(plugin_dir: Path, tmp_path: Path) -> None:
    env_path = os.pathsep.join([str(plugin_dir), os.environ.get("PYTHONPATH", "")])
    os.environ["PYTHONPATH"] = env_path
    try:
        res = run_cli("inventory", "dummy://x", "broken://y", "--format", "json")
    finally:
        os.environ["PYTHONPATH"] = env_path.split(os.pathsep, 1)[1]
    assert res.returncode == 3, res.stderr
    doc = json.loads(res.stdout)
    assert [c["collection"] for c in doc["collections"]] == ["people"]
    (err,) = doc["errors"]
    assert err["source"] == "broken://y" and "dummyconn_missing" in err["message"]
    assert "Traceback" not in res.stderr


def test_url_scheme() -> None:
    assert registry.url_scheme("mysql+pymysql://u@h/d") == "mysql"
    assert registry.url_scheme("REDIS://h") == "redis"
    assert registry.url_scheme("./exports") == "file"
    assert registry.url_scheme("C:/data") == "file"


def test_mask_url() -> None:
    assert mask_url("postgresql://app:s3cr%40t@db:5432/shop") == "postgresql://app:***@db:5432/shop"
    assert mask_url("redis://:pw@h:6379/0") == "redis://:***@h:6379/0"
    assert mask_url("sqlite:///x.db") == "sqlite:///x.db"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "shop.db"
    db.parent.mkdir()
    con = sqlite3.connect(db)
    con.executescript(
        "CREATE TABLE customers(id INTEGER PRIMARY KEY, email TEXT, nom TEXT);"
        "CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id));"
        "INSERT INTO customers VALUES (1, 'a@b.fr', 'Dupont'), (2, 'c@d.be', 'Peeters');"
        "INSERT INTO orders VALUES (10, 1);")
    con.commit()
    con.close()
    return db


def test_config_file_labels_env_and_relative_paths(tmp_path: Path, shop: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "data" / "pdscan.toml"
    cfg.write_text(textwrap.dedent("""
        [sources.shop]
        url = "sqlite:///shop.db"
        [sources.crm]
        url = "postgresql://app@db:5432/crm"
        password = "${CRM_PW}"
        sslmode = "${SSL:-require}"
    """))
    monkeypatch.setenv("CRM_PW", "p@ss/word")
    conf = load_config(cfg)
    by = {s.label: s for s in conf.sources}
    assert by["shop"].url == f"sqlite:///{shop}"
    assert by["crm"].url == "postgresql://app:p%40ss%2Fword@db:5432/crm"
    assert by["crm"].options == {"sslmode": "require"}
    assert [s.label for s in resolve_sources(["crm"], cfg)] == ["crm"]
    assert len(resolve_sources([str(cfg)])) == 2
    monkeypatch.delenv("CRM_PW")
    with pytest.raises(ConfigError, match="CRM_PW is not set"):
        load_config(cfg)


def test_yaml_config(tmp_path: Path, shop: Path) -> None:
    cfg = tmp_path / "data" / "sources.yaml"
    cfg.write_text("sources:\n  - label: shop\n    url: sqlite:///shop.db\n")
    (spec,) = load_config(cfg).sources
    assert spec.label == "shop" and spec.url.endswith(str(shop))


def test_bad_config_is_a_usage_error(tmp_path: Path) -> None:
    cfg = tmp_path / "pdscan.toml"
    cfg.write_text("[sources.x\nurl=1")
    res = run_cli("inventory", str(cfg))
    assert res.returncode == 2
    assert "not valid TOML" in res.stderr and "Traceback" not in res.stderr


def test_no_source_is_a_usage_error(tmp_path: Path) -> None:
    res = run_cli("inventory", cwd=tmp_path)
    assert res.returncode == 2 and "no source given" in res.stderr


def test_inventory_formats(shop: Path) -> None:
    url = f"sqlite:///{shop}"
    doc = json.loads(run_cli("inventory", url, "--format", "json").stdout)
    assert doc["errors"] == []
    cust = next(c for c in doc["collections"] if c["collection"] == "main.customers")
    assert cust["source"] == url and cust["row_count"] == 2 and cust["primary_key"] == ["id"]
    orders = next(c for c in doc["collections"] if c["collection"] == "main.orders")
    assert orders["foreign_keys"][0]["references"] == {"collection": "main.customers",
                                                       "columns": ["id"]}
    lines = run_cli("inventory", url, "--format", "ndjson").stdout.splitlines()
    assert sorted(json.loads(x)["collection"] for x in lines) == ["main.customers", "main.orders"]
    rows = list(csv.DictReader(io.StringIO(run_cli("inventory", url, "--format", "csv").stdout)))
    assert {r["collection"] for r in rows} == {"main.customers", "main.orders"}
    assert "row_count" in rows[0] and json.loads(rows[0]["columns"])
    table = run_cli("inventory", url)
    assert table.returncode == 0 and "main.customers" in table.stdout


def test_one_bad_source_does_not_hide_the_others(shop: Path, tmp_path: Path) -> None:
    res = run_cli("inventory", f"sqlite:///{shop}", str(tmp_path / "missing-dir"),
                  "--format", "json")
    assert res.returncode == 3
    doc = json.loads(res.stdout)
    assert {c["collection"] for c in doc["collections"]} == {"main.customers", "main.orders"}
    assert len(doc["errors"]) == 1 and "missing-dir" in doc["errors"][0]["source"]


@pytest.mark.parametrize("command", ["inventory", "scan", "evaluate", "index", "lookup", "export"])
def test_every_command_has_help_and_formats(command: str) -> None:
    res = run_cli(command, "--help")
    assert res.returncode == 0
    assert "--format" in res.stdout
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert f"pdscan {command}" in readme, f"{command} is not documented in README.md"
