"""The packed posting layout and the sort that builds it (pdscan/index/postings.py),
the tokeniser's HMAC, and how a build recovers from a collection failing half-way."""

from __future__ import annotations

import collections
import hashlib
import hmac
import os
import sqlite3
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from pdscan.config import load_config
from pdscan.connector import LocatedBatch, rebatched
from pdscan.errors import ConfigError, SourceError
from pdscan.index import build_index
from pdscan.index.keys import Tokeniser
from pdscan.index.postings import (
    BLOCK_ROWS,
    HubRule,
    PostingSorter,
    RowBlocks,
    block_item,
    pack_row_tokens,
    row_numbers,
    row_tokens,
)
from pdscan.lookup import lookup
from tests.conftest import SAMPLE_DB


def _tokens(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (n, 16), dtype=np.uint8)


@pytest.mark.parametrize("memory_entries", [10**6, 300])  # in memory, and spilled
def test_sorter_groups_postings_by_token_and_column(tmp_path: Path,
                                                    memory_entries: int) -> None:
    toks = _tokens(500, 1)
    toks[1, :8] = toks[0, :8]  # two tokens alike in their first 64 bits
    rng = np.random.default_rng(2)
    sorter = PostingSorter(tmp_path, memory_entries=memory_entries)
    want: dict[tuple[bytes, int], set[int]] = collections.defaultdict(set)
    for b in range(20):
        pick, column = rng.integers(0, 500, 200), int(rng.integers(1, 4))
        rows = np.arange(b * 200, b * 200 + 200)
        sorter.add(toks[pick], column, rows)
        for t, r in zip(pick, rows, strict=True):
            want[(toks[t].tobytes(), column)].add(int(r))
    got: dict[tuple[bytes, int], set[int]] = {}
    keys = []
    for table in sorter.groups():
        for g in table.to_pylist():
            key = (g["token"], g["column_id"])
            assert key not in got
            got[key] = set(row_numbers(g["rows"]).tolist())
            assert g["n"] == len(got[key])
            keys.append(key)
    assert got == want
    assert keys == sorted(keys)  # token order: the SQLite insert is an append
    sorter.close()
    assert list(tmp_path.iterdir()) == []  # spill files removed


def test_sorter_finds_hubs_and_drops_failed_columns(tmp_path: Path) -> None:
    toks = _tokens(100, 3)
    sorter = PostingSorter(tmp_path, memory_entries=50)
    # column 7: 100 values on 2 rows each, one value (the office IP) on 60 rows
    sorter.add(np.repeat(toks, 2, axis=0), 7, np.arange(200))
    sorter.add(np.repeat(toks[:1], 60, axis=0), 7, np.arange(200, 260))
    sorter.add(toks[:10], 9, np.arange(10))  # a column whose collection failed
    sorter.drop([9])
    written: dict[str, list[pa.Table]] = collections.defaultdict(list)
    sorter.write(lambda table, data: written[table].append(data), HubRule({7}, 30, 10.0))
    postings = pa.concat_tables(written["postings"])
    assert set(postings.column("column_id").to_pylist()) == {7}
    assert postings.num_rows == 100
    hubs = pa.concat_tables(written["hubs"]).to_pylist()
    assert hubs == [{"token": toks[0].tobytes(), "column_id": 7, "rows": 62}]


def test_row_tokens_round_trip() -> None:
    a, b = _tokens(3, 4), _tokens(2, 5)
    packed = pack_row_tokens(10, 4, [(1, np.array([10, 12, 13]), a),
                                     (2, np.array([12, 12]), b)])  # a list column: 2 on row 12
    assert len(packed) == 4
    rows = [row_tokens(v) for v in packed.to_pylist()]
    assert rows[0] == [(a[0].tobytes(), 1)]
    assert rows[1] == []
    assert rows[2] == [(a[1].tobytes(), 1), (b[0].tobytes(), 2), (b[1].tobytes(), 2)]
    assert rows[3] == [(a[2].tobytes(), 1)]


@pytest.mark.parametrize("key", [bytes(range(32)), os.urandom(64), os.urandom(100)])
def test_tokens_are_hmac_sha256(key: bytes) -> None:
    tok = Tokeniser(key)
    values = ["a@b.fr", "", "ümlaut", "x" * 300]
    got = tok.digests("email", "ns", [v.encode() for v in values])
    for v, t in zip(values, got, strict=True):
        want = hmac.new(key, f"email\x1fns\x1f{v}".encode(), hashlib.sha256).digest()[:16]
        assert t.tobytes() == want == tok.token("email", "ns", v)


def test_rebatched_joins_small_batches_of_one_shape() -> None:
    def lb(n: int, start: int, name: str = "a") -> LocatedBatch:
        batch = pa.record_batch({name: pa.array(range(start, start + n))})
        return LocatedBatch(batch, pa.StructArray.from_arrays(
            [pa.array(range(start, start + n))], ["line"]))

    out = list(rebatched([lb(3, 0), lb(3, 3), lb(3, 6), lb(2, 9, "b"), lb(1, 11, "b")], 5))
    assert [b.num_rows for b in out] == [6, 3, 3]
    assert out[0].batch.column("a").to_pylist() == list(range(6))
    assert [r["line"] for r in out[0].locators.to_pylist()] == list(range(6))


def test_a_collection_failing_half_way_leaves_no_trace(tmp_path: Path) -> None:
    sources = load_config(SAMPLE_DB / "pdscan.toml").sources

    def fail_customers(label: str, info: object, rows: int) -> None:
        if getattr(info, "name", "") == "main.customers":
            raise SourceError(label, "main.customers: connection lost")

    path = tmp_path / "index.db"
    report = build_index(sources, path, progress=fail_customers)
    assert [e.to_dict() for e in report.errors] == [
        {"source": "shop", "message": "main.customers: connection lost"}]
    con = sqlite3.connect(path)
    assert not con.execute("SELECT 1 FROM collections WHERE name = 'main.customers'").fetchall()
    orphans = con.execute("SELECT count(*) FROM postings WHERE column_id NOT IN "
                          "(SELECT id FROM columns)").fetchone()[0]
    rows = con.execute("SELECT count(*) FROM rows WHERE collection_id NOT IN "
                       "(SELECT id FROM collections)").fetchone()[0]
    con.close()
    assert orphans == 0 and rows == 0
    again = build_index(sources, path)  # the next run indexes it
    assert again.collections_indexed == 1 and not again.errors


def test_an_index_from_an_earlier_layout_is_rebuilt(tmp_path: Path) -> None:
    sources = load_config(SAMPLE_DB / "pdscan.toml").sources
    path = tmp_path / "index.db"
    first = build_index(sources, path)
    con = sqlite3.connect(path)
    con.execute("DELETE FROM migrations WHERE name = '0004_packed_postings'")
    con.commit()
    con.close()
    email = "elodie.martin@skynet.be"
    with pytest.raises(ConfigError, match="earlier pdscan"):
        lookup(path, emails=[email])
    upgraded = build_index(sources, path)
    assert upgraded.collections_indexed == first.collections_indexed
    assert lookup(path, emails=[email]).hits


def test_rows_are_written_in_blocks_across_batches() -> None:
    written: list[pa.Table] = []
    blocks = RowBlocks(lambda table, data: written.append(data), collection_id=3)
    items = [f"row {i}".encode() * (i % 3) for i in range(BLOCK_ROWS * 2 + 5)]
    for start, stop in ((0, 10), (10, BLOCK_ROWS + 20), (BLOCK_ROWS + 20, len(items))):
        chunk = pa.array(items[start:stop], pa.binary())
        blocks.add(chunk, chunk)
    blocks.close()
    table = pa.concat_tables(written)
    assert table.column("block").to_pylist() == [0, 1, 2]
    assert set(table.column("collection_id").to_pylist()) == {3}
    for i, item in enumerate(items):
        blob = table.column("locators")[i // BLOCK_ROWS].as_py()
        assert block_item(blob, i % BLOCK_ROWS) == item
    assert block_item(table.column("tokens")[2].as_py(), 5) == b""  # past the last row


def test_a_bucket_too_big_for_memory_is_split_again(tmp_path: Path) -> None:
    toks = _tokens(3000, 6)
    toks[:, 0] = 7  # every token in one first-byte bucket
    sorter = PostingSorter(tmp_path, memory_entries=100)
    for i in range(0, 3000, 500):
        sorter.add(toks[i:i + 500], 1, np.arange(i, i + 500))
    sizes = []
    got = []
    for table in sorter.groups():
        sizes.append(table.num_rows)
        got += table.column("token").to_pylist()
    assert got == sorted(t.tobytes() for t in toks)
    assert max(sizes) <= 200  # never more than twice the memory budget at once
    sorter.close()


def test_token_cache_stands_aside_when_values_do_not_recur(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pdscan.index.build import IndexColumn, _Hasher, _TokenCache
    from pdscan.validators import Context

    monkeypatch.setattr(_TokenCache, "JUDGE", 500)
    tok = Tokeniser(bytes(32))
    col = IndexColumn("email", "user.contact.email", "email")
    spread, recurring = _Hasher(tok, Context(), limit=1000), _Hasher(tok, Context(), limit=1000)
    for b in range(10):
        new = [f"u{b * 1000 + i}@x.fr" for i in range(1000)]
        again = [f"u{i}@x.fr" for i in range(1000)]
        for hasher, values in ((spread, new), (recurring, again)):
            pos, got = hasher.tokens(col, pa.array(values))
            assert [bytes(t) for t in got[:3]] == [tok.token("email", "", v) for v in values[:3]]
            assert len(pos) == 1000
    assert not spread.caches[("email", "")].active
    assert recurring.caches[("email", "")].active
