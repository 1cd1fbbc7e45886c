"""pdscan.toml says when it is wrong: unknown sections, keys and options are errors naming
them; SQL sources pick tables; a bare SQLite path is a source; URLs parsed by SQLAlchemy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from pdscan.config import load_config, resolve_sources
from pdscan.errors import ConfigError, UsageError
from pdscan.scan import scan
from tests.conftest import SAMPLE_DB, Store, run_cli


@pytest.mark.parametrize(("text", "message"), [
    ('[sources.a]\nurl = "x.csv"\n[scna]\nnlp = false\n', r"unknown section \[scna\]"),
    ('[sources.a]\nurl = "x.csv"\n[scan]\nnpl = false\n', r"unknown key 'npl' in \[scan\]"),
    ('[sources.a]\nurl = "x.csv"\n[scan]\nnlp = "no"\n', r"\[scan\] nlp must be a bool"),
    ('scan = 3\n[sources.a]\nurl = "x.csv"\n', r"\[scan\] must be a table"),
])
def test_unknown_or_mistyped_settings(tmp_path: Path, text: str, message: str) -> None:
    cfg = tmp_path / "pdscan.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError, match=message) as err:
        load_config(cfg)
    assert str(cfg) in str(err.value)
    proc = run_cli("scan", "-c", str(cfg))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_unknown_sql_option_is_an_error(tmp_path: Path) -> None:
    cfg = tmp_path / "pdscan.toml"
    shutil.copy(SAMPLE_DB / "shop.db", tmp_path / "shop.db")
    cfg.write_text('[sources.shop]\nurl = "sqlite:///shop.db"\nexclud = ["main.orders"]\n')
    proc = run_cli("scan", "-c", str(cfg))
    assert proc.returncode == 2
    assert "shop: unknown option(s) exclud for a SQL source" in proc.stderr


def test_sql_include_and_exclude_tables(store: Store) -> None:
    for name in ("customers", "customers_archive", "orders"):
        store.table(name, sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("email", sa.String(80)),
                    rows=[{"id": i, "email": f"{name}{i}@example.com"} for i in range(1, 11)])
    only = scan([store.spec(include=["customers*"], exclude=["*_archive"])], use_ner=False)
    assert {c.name for c in only.collections} == {store.collection("customers")}
    qualified = scan([store.spec(exclude=[store.collection("orders")])], use_ner=False)
    assert {c.name for c in qualified.collections} == {
        store.collection("customers"), store.collection("customers_archive")}
    with pytest.raises(UsageError, match="'include' must be a glob"):
        scan_source = store.spec(include=3)
        from pdscan.registry import open_connector
        open_connector(scan_source.url, "db", scan_source.options)


def test_bare_sqlite_path(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    shutil.copy(SAMPLE_DB / "shop.db", db)
    (tmp_path / "notes.db").write_text("not a database\n")
    [spec] = resolve_sources([str(db)])
    assert spec.url == f"sqlite:///{db}" and spec.label == str(db)
    [other] = resolve_sources([str(tmp_path / "notes.db")])
    assert other.url == str(tmp_path / "notes.db")  # not SQLite: left to the files connector
    cfg = tmp_path / "pdscan.toml"
    cfg.write_text('[sources.crm]\nurl = "crm.sqlite"\n')
    assert load_config(cfg).sources[0].url == f"sqlite:///{db}"
    proc = run_cli("scan", str(db), "--format", "json", "--no-nlp")
    assert proc.returncode == 0, proc.stderr
    assert any(f["category"] == "user.contact.email" for f in json.loads(proc.stdout)["findings"])


def test_password_added_with_sqlalchemy(tmp_path: Path) -> None:
    cfg = tmp_path / "pdscan.toml"
    cfg.write_text('[sources.v6]\nurl = "postgresql://app@[::1]:5433/crm"\n'
                   'password = "p@ss:w/rd"\n')
    spec = load_config(cfg).sources[0]
    url = sa.engine.make_url(spec.url)
    assert (url.host, url.port, url.password, url.database) == ("::1", 5433, "p@ss:w/rd", "crm")
    cfg.write_text('[sources.f]\nurl = "exports/"\npassword = "x"\n')
    with pytest.raises(ConfigError, match="'password' is given but"):
        load_config(cfg)


def test_no_nlp_from_option_and_config(tmp_path: Path) -> None:
    shutil.copy(SAMPLE_DB / "shop.db", tmp_path / "shop.db")
    cfg = tmp_path / "pdscan.toml"
    cfg.write_text('[sources.shop]\nurl = "sqlite:///shop.db"\n[scan]\nnlp = false\n')
    for args in (["-c", str(cfg)], [str(tmp_path / "shop.db"), "--no-nlp"]):
        proc = run_cli("scan", *args, "--format", "json")
        assert proc.returncode == 0, proc.stderr
        warnings = json.loads(proc.stdout)["warnings"]
        assert any("recognition turned off" in w for w in warnings), warnings


def test_excluded_table_stays_out_when_referenced(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "s.db"
    with sqlite3.connect(db) as c:
        c.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT)")
        c.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, "
                  "cid INTEGER REFERENCES customers(id))")
    for options in ({"exclude": ["customers"]}, {"include": ["orders"]}):
        from pdscan.config import SourceSpec

        found = scan([SourceSpec("db", f"sqlite:///{db}", options)], use_ner=False)
        assert [c.name for c in found.collections] == ["main.orders"], options
