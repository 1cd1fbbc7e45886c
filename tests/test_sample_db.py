"""The embedded sample (sample_db/) is reproducible and its ground truth is consistent.

The stores are read here with the standard library and pyarrow only (not with pdscan's
connectors), so that the ground truth is checked independently of the code it grades.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyarrow.parquet as pq
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_db"
# nginx names, and `line` for lines that do not parse (as the files connector does).
ACCESS_FIELDS = ["remote_addr", "ident", "remote_user", "time_local", "request", "status",
                 "body_bytes_sent", "http_referer", "http_user_agent", "line"]
ACCESS_RE = re.compile(
    r'^(?P<remote_addr>\S+) (?P<ident>\S+) (?P<remote_user>\S+) \[(?P<time_local>[^\]]+)\] '
    r'"(?P<request>[^"]*)" (?P<status>\d{3}) (?P<body_bytes_sent>\d+) '
    r'"(?P<http_referer>[^"]*)" "(?P<http_user_agent>[^"]*)"$')
#: Identifier columns whose values single a subject out (hub values excepted).
STRONG = {"ip_address", "last_ip", "confirmed_ip", "remote_addr", "geo.ip", "signup_ip",
          "cookie_id", "device_id", "iban", "document_number"}

#: Phone-shaped runs of digits (card numbers and the like are longer than 15 digits).
PHONE_RE = re.compile(r"\+?\(?\d[\d .()/-]{6,}\d")

Rows = dict[str, dict[str, list[Any]]]  # canonical locator -> column -> values


def key(locator: dict[str, Any]) -> str:
    return json.dumps(locator, sort_keys=True, ensure_ascii=False)


def flatten(obj: dict[str, Any], prefix: str = "") -> dict[str, list[Any]]:
    """Objects become dotted paths; a list (even of objects) stays one column."""
    out: dict[str, list[Any]] = {}
    for k, v in obj.items():
        if isinstance(v, dict):
            out.update(flatten(v, f"{prefix}{k}."))
        else:
            out[prefix + k] = [v]
    return out


def cell(row: dict[str, list[Any]], column: str) -> list[Any]:
    """Values of ``column``; ``contacts.email`` reaches into a list of objects."""
    if column in row:
        return row[column]
    head, _, rest = column.rpartition(".")
    return [item.get(rest) for items in cell(row, head) for item in (items or [])
            if isinstance(item, dict)]


def _csv(text: str, path: str, delimiter: str) -> tuple[list[str], Rows]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader)
    rows: Rows = {}
    prev = reader.line_num
    for row in reader:
        rows[key({"path": path, "line": prev + 1})] = {h: [v] for h, v in zip(header, row,
                                                                             strict=True)}
        prev = reader.line_num
    return header, rows


def _sqlite(db: Path) -> Iterator[tuple[str, list[str], Rows]]:
    con = sqlite3.connect(db)
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    for table in tables:
        info = con.execute(f"PRAGMA table_info({table})").fetchall()
        cols = [r[1] for r in info]
        pk_cols = [r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5])]
        rows: Rows = {}
        for rec in con.execute(f"SELECT rowid, * FROM {table}"):
            row = dict(zip(cols, rec[1:], strict=True))
            loc = ({"pk": {c: row[c] for c in pk_cols}} if pk_cols
                   else {"rowid": rec[0], "weak": True})
            rows[key(loc)] = {c: [v] for c, v in row.items()}
        yield f"main.{table}", cols, rows
    con.close()


def load(root: Path) -> dict[tuple[str, str], tuple[list[str], Rows]]:
    """Every collection of the sample as (columns, rows by locator)."""
    data: dict[tuple[str, str], tuple[list[str], Rows]] = {}
    for name, cols, rows in _sqlite(root / "shop.db"):
        data[("shop", name)] = (cols, rows)
    files = root / "files"
    path = "newsletter.csv"
    data[("files", path)] = _csv((files / path).read_text(encoding="cp1252"), path, ";")
    path = "legacy/customers_2019.csv.gz"
    data[("files", path)] = _csv(gzip.decompress((files / path).read_bytes()).decode(), path, ",")
    path, rows, cols = "clickstream.ndjson", {}, {}
    for n, text in enumerate((files / path).read_text(encoding="utf-8").splitlines(), start=1):
        flat = flatten(json.loads(text))
        rows[key({"path": path, "line": n})] = flat
        cols.update(dict.fromkeys(flat))
    data[("files", path)] = (list(cols), rows)
    path, rows = "access.log", {}
    for n, text in enumerate((files / path).read_text(encoding="utf-8").splitlines(), start=1):
        m = ACCESS_RE.match(text)
        assert m, f"access.log line {n} is not in combined log format: {text!r}"
        rows[key({"path": path, "line": n})] = {k: [v] for k, v in m.groupdict().items()}
        rows[key({"path": path, "line": n})]["line"] = [None]
    data[("files", path)] = (ACCESS_FIELDS, rows)
    for path, records in [
        ("crm_export.json", json.loads((files / "crm_export.json").read_text(encoding="utf-8"))),
        ("exports/payments_export.parquet",
         pq.read_table(files / "exports/payments_export.parquet").to_pylist()),
    ]:
        rows, cols = {}, {}
        for n, rec in enumerate(records):
            flat = flatten(rec)
            rows[key({"path": path, "record": n})] = flat
            cols.update(dict.fromkeys(flat))
        data[("files", path)] = (list(cols), rows)
    return data


@pytest.fixture(scope="module")
def data() -> dict[tuple[str, str], tuple[list[str], Rows]]:
    return load(SAMPLE)


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    return json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def labels() -> dict[str, Any]:
    return yaml.safe_load((SAMPLE / "labels.yaml").read_text(encoding="utf-8"))


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_regenerating_gives_the_committed_sample(tmp_path: Path, truth: dict[str, Any]) -> None:
    import faker

    if truth["faker_version"] != faker.VERSION:
        pytest.skip(f"sample made with Faker {truth['faker_version']}, "
                    f"{faker.VERSION} installed: regenerate it")
    subprocess.run([sys.executable, str(SAMPLE / "generate.py"), "--out", str(tmp_path),
                    "--quiet"], check=True, timeout=120)
    assert _files(tmp_path / "files") == _files(SAMPLE / "files")
    for rel in _files(SAMPLE / "files"):
        mine, committed = tmp_path / "files" / rel, SAMPLE / "files" / rel
        if rel.endswith(".parquet"):
            assert pq.read_table(mine).equals(pq.read_table(committed)), rel
        else:
            assert mine.read_bytes() == committed.read_bytes(), rel
    assert (tmp_path / "truth.json").read_bytes() == (SAMPLE / "truth.json").read_bytes()
    dumps = []
    for db in (tmp_path / "shop.db", SAMPLE / "shop.db"):
        con = sqlite3.connect(db)
        dumps.append(list(con.iterdump()))
        con.close()
    assert dumps[0] == dumps[1]


def test_labels_cover_every_column(data: dict, labels: dict[str, Any]) -> None:
    labelled = {(store, coll): spec for store, colls in labels["stores"].items()
                for coll, spec in colls.items()}
    assert set(labelled) == set(data), "labels.yaml and the sample list different collections"
    for where, (cols, _) in data.items():
        assert set(labelled[where]["columns"]) == set(cols), where


def test_label_categories_are_fideslang_keys(labels: dict[str, Any]) -> None:
    taxonomy = pytest.importorskip("fideslang.default_taxonomy")
    keys = {c.fides_key for c in taxonomy.DEFAULT_TAXONOMY.data_category}
    for colls in labels["stores"].values():
        for coll, spec in colls.items():
            for col, lab in spec["columns"].items():
                cats = lab if isinstance(lab, list) else lab["categories"]
                assert set(cats) <= keys, f"{coll}.{col}: {set(cats) - keys}"
                for sub, sub_cats in (lab.get("fields", {}) if isinstance(lab, dict)
                                      else {}).items():
                    assert set(sub_cats) <= set(cats), f"{coll}.{col}.{sub}"
                if isinstance(lab, dict) and lab.get("decoy"):
                    assert not cats, f"{coll}.{col}: a decoy holds no category"


def _check_row(data: dict, rec: dict[str, Any]) -> dict[str, list[Any]]:
    where = (rec["store"], rec["collection"])
    assert where in data, where
    row = data[where][1].get(key(rec["locator"]))
    assert row is not None, f"{where}: no row at {rec['locator']}"
    for col, want in rec.get("values", {}).items():
        got = cell(row, col)
        assert want in got, f"{where} {rec['locator']}: {col}={got!r}, want {want!r}"
    for col, part in rec.get("contains", {}).items():
        assert any(part in str(v) for v in cell(row, col)), f"{where} {rec['locator']}: {col}"
    return row


def test_truth_locators_point_at_the_stated_rows(data: dict, truth: dict[str, Any]) -> None:
    assert len(truth["subjects"]) >= 8
    for subject in truth["subjects"]:
        for rec in subject["rows"] + subject["mentions"] + subject["not_theirs"]:
            _check_row(data, rec)
        for ident in subject["identifiers"]:
            values = [v for rec in subject["rows"] + subject["mentions"]
                      if (rec["store"], rec["collection"]) == (ident["store"], ident["collection"])
                      for v in [rec["values"].get(ident["column"])]]
            assert any(str(v) == ident["value"] for v in values), ident
        mine = {key(r["locator"]) + r["collection"] for r in subject["rows"]}
        others = {key(r["locator"]) + r["collection"] for r in subject["not_theirs"]}
        assert not mine & others, subject["key"]


def _tokens(subject: dict[str, Any]) -> tuple[set[str], set[str]]:
    hubs = {h["value"].lower() for h in subject["hubs"]}
    text = {subject["query"]["email"].lower()}
    text |= {i["value"].lower().replace(" ", "") for i in subject["identifiers"]
             if i["column"] in STRONG and i["value"].lower() not in hubs}
    digits = {re.sub(r"\D", "", subject["query"]["phone"])[-9:]} if "phone" in subject[
        "query"] else set()
    return text, digits


def test_truth_is_complete(data: dict, truth: dict[str, Any]) -> None:
    """Every row holding a subject's e-mail, phone or other strong identifier is listed."""
    subjects = [(s, *_tokens(s)) for s in truth["subjects"]]
    allowed = {s["key"]: {(r["collection"], key(r["locator"])) for r in s["rows"] + s["mentions"]}
               for s in truth["subjects"]}
    for (_, coll), (_, rows) in data.items():
        for loc, row in rows.items():
            cells = [str(v) for vals in row.values() for v in vals if v is not None]
            flat = [unquote(c).lower().replace(" ", "") for c in cells]
            digits = [d for c in cells for m in PHONE_RE.findall(c)
                      if len(d := re.sub(r"\D", "", m)) <= 15]
            for s, text, phone in subjects:
                hit = any(t in c for t in text for c in flat) or any(
                    p in d for p in phone for d in digits)
                if hit:
                    assert (coll, loc) in allowed[s["key"]], f"{s['key']}: {coll} {loc} missing"


PERSON_TABLES = {"customers", "support_agents", "crm_prospects"}


def test_truth_follows_foreign_keys(truth: dict[str, Any]) -> None:
    """Rows linked by a foreign key to a subject's rows, either way, are listed: as
    theirs, as mentions, or (other people's records) as not theirs."""
    con = sqlite3.connect(SAMPLE / "shop.db")
    fks = []
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'"):
        for fk in con.execute(f"PRAGMA foreign_key_list({table})"):
            fks.append((table, fk[2], fk[3], fk[4]))
    for s in truth["subjects"]:
        owned: dict[str, set[Any]] = {}
        for r in s["rows"]:
            if r["store"] == "shop" and "pk" in r["locator"] and len(r["locator"]["pk"]) == 1:
                owned.setdefault(r["collection"][5:], set()).update(r["locator"]["pk"].values())
        listed = {(r["collection"], key(r["locator"]))
                  for r in s["rows"] + s["mentions"] + s["not_theirs"]}
        for table, ref, col, _ in fks:
            if ref not in owned:
                continue
            pk_cols = [r[1] for r in sorted(
                (r for r in con.execute(f"PRAGMA table_info({table})") if r[5]),
                key=lambda r: r[5])]
            select = ", ".join(pk_cols) if pk_cols else "rowid"
            for rec in con.execute(f"SELECT {select}, {col} FROM {table}"):
                if rec[-1] in owned[ref]:
                    loc = ({"pk": dict(zip(pk_cols, rec[:-1], strict=True))} if pk_cols
                           else {"rowid": rec[0], "weak": True})
                    assert (f"main.{table}", key(loc)) in listed, (s["key"], table, loc)
        for r in s["rows"]:
            if r["store"] != "shop" or "pk" not in r["locator"]:
                continue
            table, where = r["collection"][5:], r["locator"]["pk"]
            cond = " AND ".join(f"{c} = ?" for c in where)
            for t, ref, col, ref_col in fks:
                if t != table or ref not in PERSON_TABLES:
                    continue
                (value,) = con.execute(f"SELECT {col} FROM {table} WHERE {cond}",
                                       list(where.values())).fetchone()
                if value is not None:
                    target = (f"main.{ref}", key({"pk": {ref_col: value}}))
                    assert target in listed, (s["key"], r["collection"], col, value)
    con.close()


def test_shop_db_structure() -> None:
    con = sqlite3.connect(SAMPLE / "shop.db")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    pks = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})") if r[5]] for t in tables}
    assert pks["consent_log"] == [], "one table without a primary key"
    assert len(pks["order_items"]) == 2 and len(pks["newsletter_subscriptions"]) == 2
    assert con.execute("PRAGMA foreign_key_list(orders)").fetchall()
    assert con.execute("SELECT count(*) FROM customers").fetchone()[0] >= 100
    con.close()


def _luhn(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        v = int(ch) * (2 if i % 2 else 1)
        total += v - 9 if v > 9 else v
    return total % 10 == 0


def _iban_ok(value: str) -> bool:
    v = value.replace(" ", "")
    return int("".join(str(int(c, 36)) for c in v[4:] + v[:4])) % 97 == 1


def test_identifiers_are_valid(data: dict) -> None:
    _, payments = data[("shop", "main.payments")]
    cards = [r["card_number"][0] for r in payments.values() if r["card_number"][0]]
    full = [c for c in cards if c.isdigit()]
    assert full and all(_luhn(c) for c in full), "full card numbers pass Luhn"
    assert any("*" in c for c in cards)
    ibans = [r["iban"][0] for r in payments.values() if r["iban"][0]]
    assert ibans and all(_iban_ok(i) for i in ibans)
    phonenumbers = pytest.importorskip("phonenumbers")
    _, customers = data[("shop", "main.customers")]
    bad = []
    for row in customers.values():
        phone = row["phone"][0]
        if not phone:
            continue
        ok = False
        for region in (row["country"][0], "FR", "BE"):
            with contextlib.suppress(phonenumbers.NumberParseException):
                ok = ok or phonenumbers.is_valid_number(phonenumbers.parse(phone, region))
        if not ok:
            bad.append(phone)
    assert not bad, bad[:5]


def test_namesakes_are_different_people(data: dict, truth: dict[str, Any]) -> None:
    by_key = {s["key"]: s for s in truth["subjects"]}
    a, b = by_key["elodie-martin-fr"], by_key["elodie-martin-be"]
    assert a["query"] != b["query"] and b["key"] in a["homonyms"]
    _, customers = data[("shop", "main.customers")]
    names = []
    for s in (a, b):
        rec = next(r for r in s["rows"] if r["collection"] == "main.customers")
        row = customers[key(rec["locator"])]
        names.append((row["first_name"][0], row["last_name"][0]))
    assert names[0] == names[1]


def test_sample_stays_small() -> None:
    size = sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file()
               and "__pycache__" not in p.parts)
    assert size < 3_000_000, size
