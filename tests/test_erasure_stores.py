"""Erasure in files (CSV, NDJSON, JSON, Parquet, logs, gzip) and in Redis: the person's
records removed or masked, everyone else's kept (byte for byte where the format
allows)."""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import redis

from pdscan.config import SourceSpec
from pdscan.erasure.apply import erase
from pdscan.erasure.plan import plan_erasure
from pdscan.index import build_index
from pdscan.lookup import lookup
from pdscan.policy import load_policy
from pdscan.subject import SubjectQuery
from tests.conftest import SAMPLE_DB

PEOPLE = [(f"Person{i} Name{i}", f"person{i}@example.org", f"+336123456{i:02d}")
          for i in range(1, 31)]
TARGET = "person7@example.org"
POLICY_TAIL = """
erasure:
  default: delete
  rules:
    - collection: "files:logs/access.log"
      mask: true
    - category: user.device.ip_address
      strategy: truncate_ip
"""


def _policy(tmp_path: Path) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text((SAMPLE_DB / "policy.yaml").read_text().split("\nerasure:")[0]
                    + POLICY_TAIL)
    return path


@pytest.fixture
def files(tmp_path: Path) -> Path:
    root = tmp_path / "files"
    (root / "logs").mkdir(parents=True)
    lines = ["email;nom;téléphone;ip;commentaire"]
    for i, (name, email, phone) in enumerate(PEOPLE):
        note = '"ligne 1\r\nligne 2"' if email == "person3@example.org" else "rien à signaler"
        lines.append(f"{email};{name};{phone};90.12.{i}.77;{note}")
    (root / "contacts.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    with (root / "events.ndjson").open("w") as f:
        for i, (_name, email, _phone) in enumerate(PEOPLE * 2):
            f.write(json.dumps({"event": "login", "n": i, "user": {"email": email}}) + "\n")
    (root / "crm.json").write_text(json.dumps(
        [{"id": i, "email": e, "full_name": n} for i, (n, e, _p) in enumerate(PEOPLE)],
        indent=2))
    pq.write_table(pa.table({"customer_email": [e for _n, e, _p in PEOPLE],
                             "phone": [p for _n, _e, p in PEOPLE],
                             "amount": list(range(len(PEOPLE)))}), root / "payments.parquet")
    # the log names no one but by the IP address their contact row holds too
    log = [f'90.12.{i}.77 - - [01/Jun/2025:00:00:02 +0200] "GET /fr/compte?email={e} '
           f'HTTP/1.1" 200 2536 "-" "Mozilla/5.0"' for i, (_n, e, _p) in enumerate(PEOPLE)]
    (root / "logs" / "access.log").write_text("\n".join(log) + "\n")
    with gzip.open(root / "legacy.csv.gz", "wt") as g:
        g.write("email,phone\n" + "".join(f"{e},{p}\n" for _n, e, p in PEOPLE))
    return root


def _lines(path: Path) -> list[bytes]:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return data.splitlines(keepends=True)


def test_erasure_in_files_keeps_every_other_record(files: Path, tmp_path: Path) -> None:
    spec = SourceSpec("files", str(files))
    index = tmp_path / "index.db"
    assert not build_index([spec], index).errors
    before = {p: _lines(p) for p in files.rglob("*") if p.suffix in (".csv", ".ndjson", ".log",
                                                                       ".gz")}
    plan = plan_erasure(index, [spec], load_policy(_policy(tmp_path)),
                        [SubjectQuery.of(email=TARGET)])
    got = {(r.collection, r.action) for r in plan.rows}
    assert {("contacts.csv", "delete"), ("events.ndjson", "delete"), ("crm.json", "delete"),
            ("payments.parquet", "delete"), ("logs/access.log", "mask"),
            ("legacy.csv.gz", "delete")} <= got, got
    receipt = erase(plan, [spec], yes=True)
    assert receipt.complete, receipt.to_dict()
    for path, old in before.items():
        new = _lines(path)
        gone = [line for line in old if TARGET.encode() in line]
        assert gone and not any(TARGET.encode() in line for line in new), path
        kept = [line for line in old if line not in gone]
        if path.suffix == ".log":  # masked in place: the line is there, changed
            assert len(new) == len(old) and [x for x in new if x in kept] == kept
            masked = next(x for x in new if x not in kept)
            assert masked.startswith(b"90.12.6.0 - ") and b"person7" not in masked
        else:
            assert new == kept, path  # byte for byte, in order
    crm = json.loads((files / "crm.json").read_text())
    assert len(crm) == len(PEOPLE) - 1 and TARGET not in json.dumps(crm)
    pay = pq.read_table(files / "payments.parquet").to_pylist()
    assert len(pay) == len(PEOPLE) - 1 and all(r["customer_email"] != TARGET for r in pay)
    assert not lookup(index, emails=[TARGET]).confirmed
    assert not list(files.rglob("*.pdscan-tmp"))


@pytest.fixture
def cache() -> Iterator[tuple[redis.Redis, str]]:
    client = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    prefix = f"pdscan_t_{uuid.uuid4().hex[:8]}"
    try:
        yield client, prefix
    finally:
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
        client.close()


def test_erasure_in_redis(cache: tuple[redis.Redis, str], tmp_path: Path) -> None:
    r, prefix = cache
    for i, (name, email, phone) in enumerate(PEOPLE):
        r.hset(f"{prefix}:user:{i}", mapping={"email": email, "name": name, "phone": phone,
                                             "plan": "pro"})
        r.sadd(f"{prefix}:optin", email)
        r.set(f"{prefix}:profile:{i}", json.dumps({"contact": {"email": email}, "lang": "fr"}))
    r.rpush(f"{prefix}:recent", *[e for _n, e, _p in PEOPLE])
    others_before = {k: r.dump(k) for k in r.scan_iter(f"{prefix}:user:*")}
    spec = SourceSpec("cache", f"redis://127.0.0.1:6379/0?match={prefix}:*")
    index = tmp_path / "index.db"
    assert not build_index([spec], index).errors
    plan = plan_erasure(index, [spec], load_policy(_policy(tmp_path)),
                        [SubjectQuery.of(email=TARGET)])
    assert {row.collection for row in plan.rows} >= {f"{prefix}:user:*", f"{prefix}:optin"}
    receipt = erase(plan, [spec], yes=True)
    assert receipt.complete, receipt.to_dict()
    assert not r.exists(f"{prefix}:user:6") and not r.sismember(f"{prefix}:optin", TARGET)
    assert r.scard(f"{prefix}:optin") == len(PEOPLE) - 1
    assert TARGET.encode() not in b"".join(r.lrange(f"{prefix}:recent", 0, -1))
    assert r.llen(f"{prefix}:recent") == len(PEOPLE) - 1
    assert not r.exists(f"{prefix}:profile:6")
    for key, dumped in others_before.items():
        if key != f"{prefix}:user:6".encode():
            assert r.dump(key) == dumped
