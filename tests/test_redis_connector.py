"""The Redis connector against a real server (REDIS_URL below).

A missing server fails these tests instead of skipping them: in CI a skipped
connector suite would look green while testing nothing. Every test writes
under its own random key prefix, scopes the connector to it with ``match``,
and deletes the prefix afterwards, so tests can share one database.
"""

from __future__ import annotations

import json
import os
import random
import string
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from pdscan_connectors import redis as redis_connector
from pdscan_connectors import redis_rows
from pdscan_connectors.redis import RedisConnector
from pdscan_connectors.redis_patterns import (
    KeyGrouper,
    collection_name,
    glob_to_regex,
    key_pattern,
    literal_prefix,
    split_name,
)

from pdscan import open_connector
from pdscan.connector import Locator
from pdscan.errors import CollectionNotFound, SourceError, UsageError
from pdscan.redact import mask_url
from pdscan.testing import check_connector, check_sample_is_spread

REDIS_URL = os.environ.get("PDSCAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
SECRET = "hunter2-s3cret"


@pytest.fixture(scope="module")
def client() -> Iterator[redis.Redis]:
    r = redis.Redis.from_url(REDIS_URL)
    r.ping()  # no skip: an absent server is a failure
    yield r
    r.close()


@pytest.fixture
def prefix(client: redis.Redis) -> Iterator[str]:
    # letters only, so the prefix is a literal segment of every derived pattern
    p = "pdt" + "".join(random.choices(string.ascii_lowercase, k=10)) + ":"
    yield p
    batch: list[bytes] = []
    for key in client.scan_iter(match=p + "*", count=1000):
        batch.append(key)
        if len(batch) >= 1000:
            client.delete(*batch)
            batch = []
    if batch:
        client.delete(*batch)


def connect(prefix: str, **options: Any) -> RedisConnector:
    return RedisConnector.open(REDIS_URL, mask_url(REDIS_URL), {"match": prefix + "*", **options})


def infos_by_name(conn: RedisConnector) -> dict[str, Any]:
    return {i.name: i for i in conn.collections()}


def read_all(conn: RedisConnector, name: str, **kw: Any) -> list[tuple[dict[str, Any], Locator]]:
    out = []
    for lb in conn.read(name, **kw):
        out.extend(zip(lb.batch.to_pylist(), lb.iter_locators(), strict=True))
    return out


# -- key patterns (pure) -------------------------------------------------------

@pytest.mark.parametrize(("key", "pattern"), [
    ("user:42", "user:*"),
    ("session:9f8e7d6c5b4a3928", "session:*"),
    ("cart:42:items", "cart:*:items"),
    ("user:550e8400-e29b-41d4-a716-446655440000", "user:*"),
    ("user:jane.doe@example.com:profile", "user:*:profile"),
    ("token:eyJhbGciOiJIUzI1NiJ9", "token:*"),
    ("api:Ab3_dEf-9hIjK_lMnO", "api:*"),
    ("cache/v2/img_0042.png", "cache/v2/img_*.png"),
    ("user123", "user*"),
    ("rate:192.168.1.1", "rate:*"),
    ("tenant#7#user#9", "tenant#*#user#*"),
    ("queue:emails", "queue:emails"),
    ("config", "config"),
    ("first_name:v2", "first_name:v2"),
    ("user:deadbeef", "user:deadbeef"),  # a word made of hex letters is still a word
    ("odd*key:1", "odd\\*key:*"),  # literal glob characters are escaped
])
def test_key_pattern(key: str, pattern: str) -> None:
    assert key_pattern(key) == pattern


def test_key_pattern_is_a_glob_matching_its_key() -> None:
    for key in ("odd*key:1", "a[b]?:c\\d:42", "user:42:cart"):
        assert glob_to_regex(key_pattern(key)).fullmatch(key)


@pytest.mark.parametrize(("glob", "yes", "no"), [
    ("user:*", ["user:", "user:1:2"], ["users:1"]),
    ("h?llo", ["hello", "hallo"], ["hllo"]),
    ("h[ae]llo", ["hello"], ["hillo"]),
    ("h[^e]llo", ["hallo"], ["hello"]),
    ("h[a-b]llo", ["hbllo"], ["hcllo"]),
    ("a\\*b", ["a*b"], ["axb"]),
])
def test_glob_to_regex(glob: str, yes: list[str], no: list[str]) -> None:
    rx = glob_to_regex(glob)
    assert all(rx.fullmatch(s) for s in yes)
    assert not any(rx.fullmatch(s) for s in no)


def test_explicit_patterns_win_over_derived_ones() -> None:
    g = KeyGrouper(["legacy:*", "u[0-9]*"])
    assert g.pattern_of("legacy:42:profile") == "legacy:*"
    assert g.pattern_of("u9:x") == "u[0-9]*"
    assert g.pattern_of("user:42") == "user:*"


def test_literal_head_of_the_match_scope_is_kept() -> None:
    assert literal_prefix("t42:*") == "t42:"
    assert literal_prefix("a\\*b?c") == "a*b"
    assert literal_prefix("*") == ""
    g = KeyGrouper(prefix="t42:")
    assert g.pattern_of("t42:user:7") == "t42:user:*"
    assert g.pattern_of("x:1") == "x:*"
    assert KeyGrouper(prefix="a*").pattern_of("a*:1") == "a\\*:*"


def test_string_schema_inference() -> None:
    mixed = redis_rows.infer_shape("s", "s:*", "string", [b'{"a": {"b": 1}}', b"plain", None])
    assert [c.name for c in mixed.columns] == ["_key", "a.b", "value", "_extra"]
    assert redis_rows.key_row(mixed, "s:1", b"x") == ({"_key": "s:1", "value": "x"},
                                                      {"key": "s:1"})
    plain = redis_rows.infer_shape("s", "s:*", "string", [b"[1, 2]", b"{not json"])
    assert [c.name for c in plain.columns] == ["_key", "value"]


def test_collection_names_round_trip() -> None:
    assert split_name(collection_name("user:*", "hash", mixed=True)) == ("user:*", "hash")
    assert split_name(collection_name("user:*", "hash", mixed=False)) == ("user:*", None)


# -- reading each Redis type ---------------------------------------------------

def test_hashes(client: redis.Redis, prefix: str) -> None:
    for i in range(20):
        client.hset(f"{prefix}user:{i}", mapping={"email": f"u{i}@example.com", "name": f"U {i}"})
    client.hset(f"{prefix}user:99", mapping={"email": "x@example.com", "phone": "+33 6 12"})
    with connect(prefix) as conn:
        info = infos_by_name(conn)[f"{prefix}user:*"]
        assert info.kind == "key_pattern"
        assert (info.row_count, info.row_count_exact) == (21, True)
        assert info.fingerprint == {"keys": 21}
        assert not info.weak_locator
        assert info.primary_key == ("_key",)
        names = [c.name for c in info.columns]
        assert names[0] == "_key" and {"email", "name", "phone", "_extra"} <= set(names)
        rows = read_all(conn, info.name)
        assert len(rows) == 21
        by_key = {r["_key"]: (r, loc) for r, loc in rows}
        row, loc = by_key[f"{prefix}user:99"]
        assert loc.to_dict() == {"key": f"{prefix}user:99"}
        assert (row["email"], row["phone"], row["name"]) == ("x@example.com", "+33 6 12", None)

        # the contract's cell-level locator fetches the key's row; missing keys are left out
        cell = Locator.of({"key": f"{prefix}user:3", "field": "email"})
        gone = Locator.of({"key": f"{prefix}user:12345"})
        other = Locator.of({"key": f"{prefix}user:3:cart"})
        got = conn.fetch(info.name, [cell, gone, other], columns=["email"])
        assert got.batch.to_pylist() == [{"email": "u3@example.com"}]
        assert got.locators.to_pylist() == [{"key": f"{prefix}user:3"}]


def test_fields_outside_the_sampled_schema_go_to_extra(client: redis.Redis, prefix: str) -> None:
    docs = {f"{prefix}profile:{i}": {"email": f"p{i}@example.com", "n": i} for i in range(30)}
    docs[f"{prefix}profile:7"]["ssn"] = "123-45-6789"
    docs[f"{prefix}profile:8"]["address"] = {"city": "Lyon", "zip": "69001"}
    for key, doc in docs.items():
        client.set(key, json.dumps(doc))
    client.hset(f"{prefix}h:1", mapping={"a": "1"})
    client.hset(f"{prefix}h:2", mapping={"a": "2", "iban": "FR76"})
    with connect(prefix, schema_sample=1) as conn:
        infos = infos_by_name(conn)
        for row, _ in read_all(conn, f"{prefix}profile:*"):
            flat = redis_rows.flatten(docs[row["_key"]])
            extra = json.loads(row["_extra"]) if row["_extra"] else {}
            present = {k for k, v in row.items() if v is not None} - {"_key", "_extra"}
            assert present | set(extra) == set(flat), "a JSON value was dropped"
        assert "_extra" in [c.name for c in infos[f"{prefix}h:*"].columns]
        rows = {r["_key"]: r for r, _ in read_all(conn, f"{prefix}h:*")}
        h2 = rows[f"{prefix}h:2"]
        assert h2.get("iban") == "FR76" or json.loads(h2["_extra"]) == {"iban": "FR76"}


def test_json_strings_are_flattened(client: redis.Redis, prefix: str) -> None:
    for i in range(5):
        doc = {"user": {"email": f"s{i}@example.com", "id": i}, "roles": ["a", "b"], "ok": True}
        client.set(f"{prefix}session:{i:016x}a", json.dumps(doc))
    with connect(prefix) as conn:
        info = infos_by_name(conn)[f"{prefix}session:*"]
        names = {c.name for c in info.columns}
        assert {"_key", "user.email", "user.id", "roles", "ok"} <= names
        assert "value" not in names
        row = read_all(conn, info.name)[0][0]
        assert row["user.email"].endswith("@example.com")
        assert (row["roles"], row["ok"]) == ('["a", "b"]', "true")


def test_plain_strings(client: redis.Redis, prefix: str) -> None:
    for i in range(5):
        client.set(f"{prefix}otp:{i}", f"+4477009000{i}")
    client.set(f"{prefix}otp:9", b"\xff\xfe binary")
    # a key that is not UTF-8 cannot be put in a JSON locator: skipped, not a crash
    client.set(f"{prefix}otp:".encode() + b"\xff", "x")
    with connect(prefix) as conn:
        info = infos_by_name(conn)[f"{prefix}otp:*"]
        assert [c.name for c in info.columns] == ["_key", "value"]
        assert info.row_count == 6
        values = {r["_key"]: r["value"] for r, _ in read_all(conn, info.name)}
        assert len(values) == 6
        assert values[f"{prefix}otp:3"] == "+44770090003"
        assert values[f"{prefix}otp:9"].endswith(" binary")  # undecodable bytes replaced


def test_lists_sets_and_sorted_sets(client: redis.Redis, prefix: str) -> None:
    client.rpush(f"{prefix}inbox:1", "a@example.com", "b@example.com", "a@example.com")
    client.sadd(f"{prefix}emails:1", "c@example.com", "d@example.com")
    client.zadd(f"{prefix}leaders", {"eve": 0, "mallory": 2.5})
    with connect(prefix) as conn:
        infos = infos_by_name(conn)
        lst, st, zs = (infos[f"{prefix}{n}"] for n in ("inbox:*", "emails:*", "leaders"))
        assert (lst.row_count, lst.weak_locator, lst.fingerprint) == (
            3, True, {"keys": 1, "elements": 3})
        assert (st.row_count, st.weak_locator) == (2, False)
        assert [c.name for c in zs.columns] == ["_key", "value", "score"]

        rows = read_all(conn, lst.name)
        assert [loc.to_dict()["index"] for _, loc in rows] == [0, 1, 2]
        assert [r["value"] for r, _ in rows] == ["a@example.com", "b@example.com", "a@example.com"]
        rows = read_all(conn, st.name)
        assert {loc.to_dict()["member"] for _, loc in rows} == {"c@example.com", "d@example.com"}
        rows = read_all(conn, zs.name)
        assert {(r["value"], r["score"]) for r, _ in rows} == {("eve", 0.0), ("mallory", 2.5)}

        key = f"{prefix}leaders"
        got = conn.fetch(zs.name, [Locator.of({"key": key, "member": "eve"}),
                                   Locator.of({"key": key, "member": "nobody"})])
        assert got.batch.to_pylist() == [{"_key": key, "value": "eve", "score": 0.0}]
        got = conn.fetch(lst.name, [Locator.of({"key": f"{prefix}inbox:1", "index": 1}),
                                    Locator.of({"key": f"{prefix}inbox:1", "index": 7})])
        assert [r["value"] for r in got.batch.to_pylist()] == ["b@example.com"]


def test_pattern_with_two_types_is_split_by_type(client: redis.Redis, prefix: str) -> None:
    client.hset(f"{prefix}user:1", mapping={"email": "a@example.com"})
    client.set(f"{prefix}user:2", "b@example.com")
    with connect(prefix) as conn:
        names = set(infos_by_name(conn))
        assert {f"{prefix}user:* (hash)", f"{prefix}user:* (string)"} <= names
        assert [r["_key"] for r, _ in read_all(conn, f"{prefix}user:* (hash)")] == [
            f"{prefix}user:1"]
        with pytest.raises(CollectionNotFound):
            list(conn.read(f"{prefix}user:*"))


def test_suffixed_name_is_accepted_for_a_single_type_pattern(
        client: redis.Redis, prefix: str) -> None:
    client.set(f"{prefix}k:1", "v")
    with connect(prefix) as conn:
        assert len(read_all(conn, f"{prefix}k:* (string)")) == 1
        with pytest.raises(CollectionNotFound):
            conn.sample(f"{prefix}k:* (hash)", 1)


def test_explicit_patterns_option(client: redis.Redis, prefix: str) -> None:
    client.set(f"{prefix}legacy:a:x", "1")
    client.set(f"{prefix}legacy:b:y", "2")
    # a single pattern may be given as a string (a one-line config entry)
    with connect(prefix, patterns=f"{prefix}legacy:*") as conn:
        info = infos_by_name(conn)[f"{prefix}legacy:*"]
        assert info.row_count == 2
        assert len(read_all(conn, info.name)) == 2


def test_match_in_the_url_query_scopes_the_source(client: redis.Redis, prefix: str) -> None:
    client.set(f"{prefix}a:1", "x")
    url = f"{REDIS_URL}?match={prefix}*"
    with RedisConnector.open(url, "r", {}) as conn:
        assert [i.name for i in conn.collections()] == [f"{prefix}a:*"]


def test_scope_prefix_stays_literal_in_collection_names(client: redis.Redis, prefix: str) -> None:
    for i in range(3):
        client.hset(f"{prefix}t4242:user:{i}", mapping={"email": f"t{i}@example.com"})
        client.hset(f"{prefix}t5555:user:{i}", mapping={"email": f"t{i}@example.com"})
    with connect(prefix) as conn:
        assert infos_by_name(conn)[f"{prefix}*:user:*"].row_count == 6
    with connect(f"{prefix}t4242:") as conn:
        info = infos_by_name(conn)[f"{prefix}t4242:user:*"]
        assert info.row_count == 3
        assert len(read_all(conn, info.name)) == 3


# -- the contract --------------------------------------------------------------

def _small_dataset(client: redis.Redis, prefix: str, n: int = 12) -> None:
    pipe = client.pipeline(transaction=False)
    for i in range(n):
        pipe.hset(f"{prefix}customer:{i}", mapping={"email": f"c{i}@example.com", "zip": str(i)})
        pipe.set(f"{prefix}session:{i:024x}", json.dumps({"user": {"email": f"s{i}@ex.com"}}))
        pipe.set(f"{prefix}otp:{i}", str(100000 + i))
    pipe.rpush(f"{prefix}log:1", *[f"line {i}" for i in range(n)])
    pipe.rpush(f"{prefix}log:2", "one")
    pipe.sadd(f"{prefix}tags:1", *[f"t{i}" for i in range(n)])
    pipe.sadd(f"{prefix}tags:2", "x", "y")
    pipe.zadd(f"{prefix}rank:1", {f"m{i}": i for i in range(n)})
    pipe.hset(f"{prefix}user:1", mapping={"email": "h@example.com"})
    pipe.set(f"{prefix}user:2", "plain")
    pipe.execute()


def test_contract(client: redis.Redis, prefix: str) -> None:
    _small_dataset(client, prefix)
    with connect(prefix) as conn:
        assert len(conn.collections()) == 8
        check_connector(conn)


def test_contract_with_paged_containers(
        client: redis.Redis, prefix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # lists/sets/zsets above BIG elements are paged (LRANGE slices, SSCAN, ZSCAN)
    # and sampled by random index; shrink BIG to take those paths on small data
    monkeypatch.setattr(redis_connector, "BIG", 4)
    _small_dataset(client, prefix)
    with connect(prefix) as conn:
        check_connector(conn, batch_size=3, sample_n=7)


def test_sample_is_spread(client: redis.Redis, prefix: str) -> None:
    pipe = client.pipeline(transaction=False)
    for i in range(3000):
        pipe.hset(f"{prefix}user:{i}", mapping={"email": f"u{i}@example.com"})
    pipe.execute()
    with connect(prefix) as conn:
        info = infos_by_name(conn)[f"{prefix}user:*"]
        check_sample_is_spread(conn, info.name, 100)
        s1, s2 = conn.sample(info.name, 50, seed=7), conn.sample(info.name, 50, seed=7)
        assert s1.locators.to_pylist() == s2.locators.to_pylist()


def test_read_streams_in_bounded_batches(
        client: redis.Redis, prefix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    n = 50_000
    pipe = client.pipeline(transaction=False)
    for i in range(n):
        pipe.set(f"{prefix}visit:{i}", f"10.0.{i // 256 % 256}.{i % 256}")
        if i % 5000 == 4999:
            pipe.execute()
    pipe.execute()
    with connect(prefix) as conn:
        info = infos_by_name(conn)[f"{prefix}visit:*"]
        assert (info.row_count, info.row_count_exact) == (n, True)
        scans = 0
        real_scan = conn._r.scan

        def counting_scan(*args: Any, **kwargs: Any) -> Any:
            nonlocal scans
            scans += 1
            return real_scan(*args, **kwargs)

        monkeypatch.setattr(conn._r, "scan", counting_scan)
        sizes: list[int] = []
        seen: set[str] = set()
        scans_at_first_batch = 0
        for lb in conn.read(info.name, columns=["value"], batch_size=1000):
            scans_at_first_batch = scans_at_first_batch or scans
            sizes.append(lb.num_rows)
            assert lb.batch.schema.names == ["value"]
            seen.update(lb.locators.field("key").to_pylist())
        assert max(sizes) <= 1000 and sum(sizes) == n == len(seen)
        # the first batch comes before the scan has walked the keyspace
        assert scans_at_first_batch * 5 < scans


def test_max_keys_caps_the_inventory(client: redis.Redis, prefix: str) -> None:
    for i in range(30):
        client.set(f"{prefix}k:{i}", "v")
    with connect(prefix, max_keys=10) as conn:
        info = infos_by_name(conn)[f"{prefix}k:*"]
        assert (info.row_count, info.row_count_exact) == (10, False)


# -- errors and the CLI --------------------------------------------------------

def test_unreachable_server_is_a_masked_one_line_source_error() -> None:
    url = f"redis://app:{SECRET}@127.0.0.1:1/0"
    for opener in (lambda: open_connector(url),
                   lambda: RedisConnector.open(url, url, {}),
                   lambda: RedisConnector.open("redis://127.0.0.1:1/0", "lbl",
                                               {"password": SECRET})):
        with pytest.raises(SourceError) as exc:
            opener()
        msg = str(exc.value)
        assert SECRET not in msg and "\n" not in msg
        assert "cannot connect" in msg
    assert exc.value.source == "lbl"
    with pytest.raises(SourceError) as exc:
        open_connector(url)
    assert str(exc.value).startswith("redis://app:***@127.0.0.1:1/0: cannot connect: ")


def test_wrong_password_is_an_authentication_error() -> None:
    url = REDIS_URL.replace("redis://", f"redis://pdscan-nobody:{SECRET}@", 1)
    with pytest.raises(SourceError) as exc:
        open_connector(url)
    assert "authentication failed" in str(exc.value) and SECRET not in str(exc.value)


def test_bad_url_or_option_is_a_source_error() -> None:
    with pytest.raises(SourceError, match="invalid Redis URL"):
        RedisConnector.open("redis://127.0.0.1:notaport/0", "bad", {})
    with pytest.raises(SourceError, match="invalid Redis URL or option"):
        RedisConnector.open(REDIS_URL, "bad", {"max_keys": "lots"})


def _pdscan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pdscan", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def test_cli_inventory(client: redis.Redis, prefix: str) -> None:
    _small_dataset(client, prefix, n=3)
    proc = _pdscan("inventory", f"{REDIS_URL}?match={prefix}*", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    names = {c["collection"] for c in doc["collections"]}
    assert {f"{prefix}customer:*", f"{prefix}session:*", f"{prefix}user:* (hash)"} <= names
    assert {c["kind"] for c in doc["collections"]} == {"key_pattern"}
    assert doc["errors"] == []


def test_cli_unreachable_exits_3_without_traceback() -> None:
    proc = _pdscan("inventory", f"redis://app:{SECRET}@127.0.0.1:1/0", "--format", "json")
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr and SECRET not in proc.stderr + proc.stdout
    assert "redis://app:***@127.0.0.1:1/0" in proc.stderr
    assert "cannot connect" in proc.stderr


def test_include_exclude_key_patterns_and_unknown_options(client: redis.Redis,
                                                           prefix: str) -> None:
    for i in range(5):
        client.hset(f"{prefix}user:{i}", mapping={"email": f"u{i}@example.com"})
        client.set(f"{prefix}session:{i}", f"s{i}")
        client.hset(f"{prefix}cache:{i}", mapping={"v": str(i)})
    names = set(infos_by_name(connect(prefix, exclude=["*cache*"])))
    assert any("user" in n for n in names) and any("session" in n for n in names)
    assert not any("cache" in n for n in names)
    only = set(infos_by_name(connect(prefix, include=f"{prefix}user:*")))
    assert only and all("user" in n for n in only)
    with pytest.raises(UsageError, match=r"unknown option.*exclud"):
        connect(prefix, exclud=["x"])
