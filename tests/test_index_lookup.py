"""The subject index and lookup against sample_db's identity ground truth."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from pdscan.config import SourceSpec, load_config
from pdscan.errors import ConfigError, UsageError
from pdscan.index import build_index
from pdscan.lookup import LookupResult, lookup
from tests.conftest import SAMPLE_DB, run_cli

TRUTH = json.loads((SAMPLE_DB / "truth.json").read_text())
SUBJECTS = {s["key"]: s for s in TRUTH["subjects"]}


def _key(store: str, collection: str, locator: dict) -> tuple[str, str, str]:
    return store, collection, json.dumps(locator, sort_keys=True)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("idx") / "index.db"
    report = build_index(load_config(SAMPLE_DB / "pdscan.toml").sources, path)
    assert not report.errors
    return path


def _found(result: LookupResult, status: str = "confirmed") -> set[tuple[str, str, str]]:
    return {_key(r.source, r.collection, r.locator.to_dict()) for r in result.rows
            if r.status == status}


@pytest.mark.parametrize("subject", sorted(SUBJECTS))
def test_lookup_finds_exactly_the_subjects_rows(index: Path, subject: str) -> None:
    s = SUBJECTS[subject]
    q = s["query"]
    result = lookup(index, emails=[q["email"]], phones=[q["phone"]] if "phone" in q else [])
    got = _found(result)
    rows = {_key(r["store"], r["collection"], r["locator"]) for r in s["rows"]}
    mentions = {_key(r["store"], r["collection"], r["locator"]) for r in s["mentions"]}
    not_theirs = {_key(r["store"], r["collection"], r["locator"]) for r in s["not_theirs"]}
    if subject == "pieter-janssens":
        # One clickstream line is his only through his office's shared connection;
        # pdscan treats that IP as a hub (it is), so the line is not reached.
        rows = {r for r in rows if r[1] != "clickstream.ndjson"}
    assert rows <= got, f"missing: {sorted(rows - got)}"
    assert got <= rows | mentions, f"not theirs: {sorted(got - rows - mentions)}"
    assert not got & not_theirs


def test_foreign_key_only_rows_are_found(index: Path) -> None:
    s = SUBJECTS["hiroshi-tanaka"]
    result = lookup(index, emails=[s["query"]["email"]]).to_dict()
    by_fk = {h["collection"] for h in result["hits"] if h["reached_by"] == "foreign_key"}
    assert {"main.orders", "main.order_items", "main.invoices"} <= by_fk


def test_other_people_are_linked_not_returned(index: Path) -> None:
    s = SUBJECTS["sofia-garcia"]
    result = lookup(index, emails=[s["query"]["email"]]).to_dict()
    assert any(link["to"] == "main.support_agents" and "another person" in link["note"]
               for link in result["links"])
    assert "main.support_agents" not in {h["collection"] for h in result["hits"]}


def test_namesakes_are_not_merged(index: Path) -> None:
    fr, be = SUBJECTS["elodie-martin-fr"], SUBJECTS["elodie-martin-be"]
    by_name = lookup(index, names=["Élodie Martin"]).to_dict()
    assert by_name["hits"] and {h["status"] for h in by_name["hits"]} == {"candidate"}
    mixed = lookup(index, emails=[fr["query"]["email"]], phones=[be["query"]["phone"]])
    assert any("different person" in w for w in mixed.warnings)
    be_rows = {_key(r["store"], r["collection"], r["locator"]) for r in be["rows"]}
    assert not _found(mixed) & be_rows


def test_shared_values_are_hubs(index: Path) -> None:
    s = SUBJECTS["pieter-janssens"]
    result = lookup(index, emails=[s["query"]["email"]]).to_dict()
    assert any(h["category"] == "user.contact.phone_number" for h in result["hubs"])


def test_index_holds_no_raw_identifier(index: Path) -> None:
    raw = index.read_bytes() + (index.parent / "index.key").read_bytes()
    for s in SUBJECTS.values():
        for ident in s["identifiers"]:
            value = str(ident["value"])
            if len(value) >= 6:
                assert value.encode() not in raw and value.lower().encode() not in raw
    for f in (index, index.parent / "index.key"):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600


def test_incremental_run_skips_unchanged_and_replaces_changed(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    shutil.copy(SAMPLE_DB / "shop.db", db)
    spec = SourceSpec("shop", f"sqlite:///{db}")
    path = tmp_path / "i" / "index.db"
    first = build_index([spec], path)
    again = build_index([spec], path)
    assert again.collections_indexed == 0
    assert again.collections_unchanged == first.collections_indexed
    con = sqlite3.connect(db)
    con.execute("UPDATE customers SET email = 'new.address@example.org' WHERE id = 3")
    con.commit()
    con.close()
    changed = build_index([spec], path)
    assert changed.collections_indexed > 0
    with sqlite3.connect(path) as con:  # the replaced collection's old pages are gone
        assert con.execute("SELECT count(*) FROM postings WHERE key >> 40 NOT IN "
                           "(SELECT id FROM columns)").fetchone()[0] == 0
    assert lookup(path, emails=["new.address@example.org"]).rows
    # the old address no longer matches the customer row directly (other rows still
    # hold it, and lead to the row through her phone)
    assert not [r for r in lookup(path, emails=["elodie.martin@orange.fr"]).rows
                if r.collection == "main.customers" and r.reached_by == "direct"]


def test_interrupted_full_build_keeps_the_previous_index(tmp_path: Path, index: Path) -> None:
    path = tmp_path / "index.db"
    shutil.copy(index, path)
    shutil.copy(index.parent / "index.key", tmp_path / "index.key")

    def boom(label: str, info: object, rows: int, expected: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index(load_config(SAMPLE_DB / "pdscan.toml").sources, path, full=True,
                    progress=boom)
    assert lookup(path, emails=[SUBJECTS["oliver-bennett"]["query"]["email"]]).rows


def test_wrong_key_and_bad_queries(tmp_path: Path, index: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PDSCAN_INDEX_KEY", "00" * 32)
    with pytest.raises(ConfigError):
        lookup(index, emails=["a@b.fr"])
    monkeypatch.delenv("PDSCAN_INDEX_KEY")
    with pytest.raises(UsageError):
        lookup(index, phones=["not a phone"])
    with pytest.raises(UsageError):
        lookup(index)


def test_cli_index_and_lookup(tmp_path: Path) -> None:
    idx = tmp_path / "ix.db"
    res = run_cli("index", "sample_db/pdscan.toml", "--index", str(idx), "--format", "json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["postings"] > 0
    assert json.loads(res.stdout)["warnings"] == []  # the compiled HMAC is installed
    q = SUBJECTS["wang-fang"]["query"]["email"]
    res = run_cli("lookup", "--email", q, "--index", str(idx), "--format", "json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert set(doc) >= {"query", "subjects", "hits", "links", "hubs", "warnings"}
    assert q not in res.stdout and doc["query"]["email"].count("*")
    assert doc["subjects"] == 1 and doc["hits"][0]["status"] in ("confirmed", "candidate")
    bad = run_cli("lookup", "--phone", "12", "--index", str(idx))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert os.environ.get("PDSCAN_INDEX_KEY") is None


def test_show_data_reads_values_from_the_sources(tmp_path: Path) -> None:
    idx = tmp_path / "ix.db"
    assert run_cli("index", "sample_db/pdscan.toml", "--index", str(idx)).returncode == 0
    q = SUBJECTS["oliver-bennett"]["query"]["email"]
    masked = json.loads(run_cli("lookup", "--email", q, "--index", str(idx), "--format",
                                "json").stdout)
    assert all("values" not in h for h in masked["hits"])
    res = run_cli("lookup", "--email", q, "--index", str(idx), "--format", "json",
                  "--show-data", "--config", "sample_db/pdscan.toml")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["query"]["email"] == q.lower()
    shown = [str(v).lower() for h in doc["hits"] for v in h["values"].values()]
    assert q.lower() in shown
    need = run_cli("lookup", "--email", q, "--index", str(idx), "--show-data", cwd=tmp_path)
    assert need.returncode == 2


def test_token_cache_eviction_keeps_tokens_right() -> None:
    import pyarrow as pa

    from pdscan.index.hashing import ColumnHasher
    from pdscan.index.keys import Tokeniser
    from pdscan.index.layout import IndexColumn
    from pdscan.validators import Context

    tok = Tokeniser(bytes(32))
    col = IndexColumn("email", "user.contact.email", "email")
    small, large = ColumnHasher(tok, Context(), limit=3), ColumnHasher(tok, Context(), limit=10**6)
    for batch in (["a@x.fr", "B@x.fr ", "a@x.fr"], ["b@x.fr", "c@x.fr", "d@x.fr", "e@x.fr"],
                  ["a@x.fr", "not an email", "e@x.fr", None]):
        pos, got = small.tokens(col, pa.array(batch))
        want = [tok.token("email", "", v.strip().lower()) for v in batch if v and "@" in v]
        assert [bytes(t) for t in got] == want
        assert pos.tolist() == [i for i, v in enumerate(batch) if v and "@" in v]
        assert (large.tokens(col, pa.array(batch))[1] == got).all()


def test_postgresql_index_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same index in a PostgreSQL schema (``--index postgresql://...?schema=...``)."""
    import uuid

    import sqlalchemy as sa

    from tests.conftest import PG_URL, engine_for

    schema = f"pdscan_ix_{uuid.uuid4().hex[:8]}"
    url = f"{PG_URL}?schema={schema}"
    monkeypatch.setenv("PDSCAN_INDEX_KEY", "ab" * 32)
    sources = load_config(SAMPLE_DB / "pdscan.toml").sources
    try:
        first = build_index(sources, url)
        assert not first.errors and first.postings > 0
        s = SUBJECTS["sofia-garcia"]
        got = _found(lookup(url, emails=[s["query"]["email"]]))
        assert {_key(r["store"], r["collection"], r["locator"]) for r in s["rows"]} <= got
        again = build_index(sources, url)
        assert again.collections_indexed == 0 and again.collections_unchanged > 0
        rebuilt = build_index(sources, url, full=True)
        assert rebuilt.collections_indexed == first.collections_indexed
        assert lookup(url, emails=[s["query"]["email"]]).rows
    finally:
        eng = engine_for(PG_URL)
        with eng.begin() as c:
            c.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            leftovers = c.execute(sa.text(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE :p"),
                {"p": f"{schema}_building%"}).fetchall()
            for (name,) in leftovers:
                c.execute(sa.text(f'DROP SCHEMA "{name}" CASCADE'))
        eng.dispose()


def test_an_install_without_the_compiled_hmac_builds_the_same_index(
        index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pdscan.index import keys

    monkeypatch.setattr(keys, "compiled", None)
    shutil.copy(index.with_name(index.stem + ".key"), tmp_path / "py.key")
    report = build_index(load_config(SAMPLE_DB / "pdscan.toml").sources, tmp_path / "py.db")
    assert report.warnings and "compiled HMAC" in report.warnings[0]

    def postings(path: Path) -> set[tuple[bytes, str, str, bytes, bytes]]:
        with sqlite3.connect(path) as db:
            return set(db.execute(
                "SELECT p.tokens, c.name, col.name, p.counts, p.rows FROM postings p JOIN "
                "columns col ON col.id = p.key >> 40 JOIN collections c ON "
                "c.id = col.collection_id"))

    assert postings(tmp_path / "py.db") == postings(index)
