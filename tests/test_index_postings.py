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
from pdscan.index import build_index, keys
from pdscan.index.keys import Tokeniser
from pdscan.index.pages import (
    BLOCK_ROWS,
    KEY_BITS,
    block_item,
    bucket_of,
    page_key,
    page_rows,
    row_tokens,
)
from pdscan.index.postings import (
    HubRule,
    PostingSorter,
    RowBlocks,
    bucket_bits,
    pack_row_tokens,
    row_numbers,
)
from pdscan.lookup import lookup
from tests.conftest import SAMPLE_DB


def _tokens(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (n, 16), dtype=np.uint8)


def _unpaged(tables: list[pa.Table]) -> dict[tuple[bytes, int], list[int]]:
    """Every (token, column) of written pages with its rows; checks each page's order,
    its bucket and that no (column, bucket) is written twice."""
    out: dict[tuple[bytes, int], list[int]] = {}
    pages = set()
    for table in tables:
        for page in table.to_pylist():
            assert page["key"] not in pages
            pages.add(page["key"])
            page["column_id"], page["bucket"] = page["key"] >> KEY_BITS, page["key"] % 2**KEY_BITS
            tokens = [page["tokens"][i:i + 16] for i in range(0, len(page["tokens"]), 16)]
            assert tokens == sorted(tokens) and len(set(tokens)) == len(tokens)
            counts = np.frombuffer(page["counts"], "<i8")
            rows = row_numbers(page["rows"])
            assert len(counts) == len(tokens) and counts.sum() == len(rows)
            at = 0
            for token, n in zip(tokens, counts.tolist(), strict=True):
                out[(token, page["column_id"])] = rows[at:at + n].tolist()
                at += n
    return out


@pytest.mark.parametrize("memory_entries", [10**6, 300])  # in memory, and spilled
def test_sorter_pages_hold_every_posting_and_lookups_find_them(
        tmp_path: Path, memory_entries: int) -> None:
    """Columns of every size (a page per column, pages spanning spill buckets, many
    buckets), a token in several columns: the pages hold exactly the postings, each
    in the page its bucket names, and ``page_rows`` finds every one."""
    rng = np.random.default_rng(5)
    toks = _tokens(6000, 6)
    toks[1, :8] = toks[0, :8]
    sizes = {1: 3, 2: 200, 3: 2000, 4: 9000, 5: 40}  # postings per column
    sorter = PostingSorter(tmp_path, memory_entries=memory_entries)
    want: dict[tuple[bytes, int], list[int]] = collections.defaultdict(list)
    for column, size in sizes.items():
        pick = rng.integers(0, 2 if column == 5 else 6000, size)
        rows = np.arange(size) * 3 + column
        sorter.add(toks[pick], column, rows)
        for t, r in zip(pick, rows, strict=True):
            want[(toks[t].tobytes(), column)].append(int(r))
    written: dict[str, list[pa.Table]] = collections.defaultdict(list)
    bits = sorter.write(lambda table, data: written[table].append(data), HubRule())
    assert bits == {c: bucket_bits(n) for c, n in sizes.items()}
    assert bits[1] == 0 and 0 < bits[3] < 8 and bits[4] > bits[3]
    got = _unpaged(written["postings"])
    assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in want.items()}
    for page in pa.concat_tables(written["postings"]).to_pylist():
        column = page["key"] >> KEY_BITS
        for i in range(0, len(page["tokens"]), 16):
            token = page["tokens"][i:i + 16]
            assert page_key(column, bucket_of(token, bits[column])) == page["key"]
            found = page_rows(page["tokens"], page["counts"], page["rows"], token)
            assert found is not None
            assert found.tolist() == got[(token, column)]
        missing = bytes(16)
        assert page_rows(page["tokens"], page["counts"], page["rows"], missing) is None


@pytest.mark.parametrize("memory_entries", [10**6, 300])  # in memory, and spilled
def test_sorter_groups_postings_by_token_and_column(tmp_path: Path,
                                                    memory_entries: int) -> None:
    toks = _tokens(500, 1)
    toks[1, :8] = toks[0, :8]  # two tokens alike in their first 64 bits
    toks[3, :7], toks[5, :6] = toks[2, :7], toks[4, :6]  # alike in the bits a sort key keeps
    toks[5, 6] = toks[4, 6] ^ 0x80
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
    postings = _unpaged(written["postings"])
    assert {c for _, c in postings} == {7}
    assert len(postings) == 100
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


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])
@pytest.mark.parametrize("key", [bytes(range(32)), os.urandom(64), os.urandom(100)])
def test_tokens_are_hmac_sha256(key: bytes, compiled: bool) -> None:
    if compiled and keys.compiled is None:
        pytest.fail("the compiled batch HMAC (pdscan/index/_hmac.c) was not built") \
            if os.environ.get("CI") else pytest.skip("no compiled batch HMAC in this install")
    tok = Tokeniser(key)
    # Empty, non-ASCII, one value over a SHA-256 block, one over the inner block's
    # remainder after the prefix, and a null.
    values = ["a@b.fr", "", "ümlaut", "x" * 300, "y" * 55, None, "z" * 56]
    arr = pa.array(["pad", *values], pa.string()).slice(1)  # an offset into the buffers
    got = tok.digests("email", "ns", arr, use_compiled=compiled)
    assert got.shape == (len(values), 16)
    for v, t in zip(values, got, strict=True):
        if v is None:
            assert not t.any()
            continue
        want = hmac.new(key, f"email\x1fns\x1f{v}".encode(), hashlib.sha256).digest()[:16]
        assert t.tobytes() == want == tok.token("email", "ns", v)


def test_compiled_hmac_refuses_offsets_outside_the_data() -> None:
    if keys.compiled is None:
        pytest.skip("no compiled batch HMAC in this install")
    offsets = np.array([0, 4, 900], np.int32)
    with pytest.raises(ValueError, match="out of bounds"):
        keys.compiled.hmac_batch(bytes(64), b"", offsets.tobytes(), b"abcdefgh", 0, 2, 16)
    with pytest.raises(ValueError, match="too short"):
        keys.compiled.hmac_batch(bytes(64), b"", offsets.tobytes(), b"abcdefgh", 0, 5, 16)


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

    def fail_customers(label: str, info: object, rows: int, expected: int) -> None:
        if getattr(info, "name", "") == "main.customers":
            raise SourceError(label, "main.customers: connection lost")

    path = tmp_path / "index.db"
    report = build_index(sources, path, progress=fail_customers)
    assert [e.to_dict() for e in report.errors] == [
        {"source": "shop", "member": "main.customers",
         "message": "main.customers: connection lost"}]
    con = sqlite3.connect(path)
    assert not con.execute("SELECT 1 FROM collections WHERE name = 'main.customers'").fetchall()
    orphans = con.execute(f"SELECT count(*) FROM postings WHERE key >> {KEY_BITS} NOT IN "
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
    con = sqlite3.connect(path)  # as the release before paged postings left it
    con.executescript("""
        DROP TABLE postings;
        CREATE TABLE postings (
            token BLOB NOT NULL, column_id INTEGER NOT NULL, n INTEGER NOT NULL,
            rows BLOB NOT NULL, PRIMARY KEY (token, column_id)) WITHOUT ROWID;
        ALTER TABLE columns DROP COLUMN bucket_bits;
        DELETE FROM migrations WHERE name = '0005_posting_pages';
    """)
    con.commit()
    con.close()
    email = "elodie.martin@skynet.be"
    with pytest.raises(ConfigError, match="earlier pdscan"):
        lookup(path, emails=[email])
    upgraded = build_index(sources, path)
    assert upgraded.collections_indexed == first.collections_indexed
    assert lookup(path, emails=[email]).rows


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


def _letters(i: int) -> str:
    return "".join(chr(97 + int(d)) for d in str(i))  # name_normal drops digits


def test_token_cache_stands_aside_when_values_do_not_recur(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache serves values normalised in Python (names here): it stays on while
    they recur across batches and stands aside when they do not."""
    from pdscan.index.hashing import ColumnHasher, TokenCache
    from pdscan.index.layout import IndexColumn
    from pdscan.validators import Context

    monkeypatch.setattr(TokenCache, "JUDGE", 500)
    tok = Tokeniser(bytes(32))
    col = IndexColumn("full_name", "user.name", "name")
    spread, recurring = (ColumnHasher(tok, Context(), limit=1000) for _ in range(2))
    for b in range(10):
        new = [f"Ana {_letters(b * 1000 + i)}" for i in range(1000)]
        again = [f"Ana {_letters(i)}" for i in range(1000)]
        for hasher, values in ((spread, new), (recurring, again)):
            pos, got = hasher.tokens(col, pa.array(values))
            assert [bytes(t) for t in got[:3]] == [
                tok.token("name", "", " ".join(sorted(v.lower().split()))) for v in values[:3]]
            assert len(pos) == 1000
    assert not spread.caches[("name", "")].active
    assert recurring.caches[("name", "")].active


@pytest.mark.parametrize("repeat", [1, 5], ids=["distinct", "repeated"])
def test_hasher_tokens_with_and_without_dedup(repeat: int) -> None:
    """Every cell gets the token of its normalised value whether the batch is
    deduplicated first or not, including values only the Python normaliser decides
    (a phone outside the default region's rules) and values that give no token."""
    from pdscan.index.hashing import ColumnHasher
    from pdscan.index.layout import IndexColumn
    from pdscan.validators import Context

    tok = Tokeniser(bytes(32))
    col = IndexColumn("phone", "user.contact.phone_number", "phone")
    hasher = ColumnHasher(tok, Context(region="FR"))
    cells = [f"+33 6 12 34 {i % 100:02d} {i // 100:02d}" for i in range(0, 2000, repeat)] * repeat
    cells[7], cells[11], cells[13] = None, "not a phone", "tel: 06 12 34 56 78"
    cells[17], cells[19] = "06 12 34 56 78", "6 12 34 56 78"
    want = {i: tok.token("phone", "", "+33" + c.replace(" ", "")[1:] if c.startswith("0")
                         else c.replace(" ", ""))
            for i, c in enumerate(cells) if c and c.startswith(("+33", "06"))}
    # Left undecided by the vectorised normaliser, decided by phonenumbers:
    want[13] = want[19] = tok.token("phone", "", "+33612345678")
    for _ in range(3):  # the first batch measures repetition; later ones may skip dedup
        pos, got = hasher.tokens(col, pa.array(cells, pa.string()))
        assert {int(p): bytes(t) for p, t in zip(pos, got, strict=True)
                if int(p) in want} == want
        assert not {7, 11} & set(pos.tolist())
    assert (hasher.repetition[col].ratio > 0.7) == (repeat == 1)


@pytest.mark.parametrize("rows", [
    [{"path": "a.csv", "line": 2}, {"path": "a.csv", "line": 9}],  # a constant path
    [{"path": "Élodie/ü.csv", "line": 2}, {"path": "Élodie/ü.csv", "line": 3}],
    [{"path": "a.csv", "line": 2}, {"path": "b.csv", "line": 2}],  # varying
    [{"path": 'q"uote.csv', "line": 1}, {"path": 'q"uote.csv', "line": 4}],
    [{"path": 'q"uote.csv', "line": 1}, {"path": "tab\t.csv", "line": 4}],
    [{"pk": {"id": 7, "list": "x"}}, {"pk": {"id": 8, "list": "x"}}],
    [{"key": "k", "field": None}, {"key": "k", "field": "f"}],
    [{"key": "k"}, {"key": "k"}],  # every field constant
])
def test_locators_are_the_json_of_each_row(rows: list[dict]) -> None:
    import json

    from pdscan.index.locators import locator_blobs

    got = locator_blobs(pa.array(rows), None).to_pylist()
    assert [json.loads(b) for b in got] == rows
    sealed = locator_blobs(pa.array(rows), lambda ts: [t.encode()[::-1] for t in ts]
                           ).to_pylist()
    assert [json.loads(b[::-1]) for b in sealed] == rows


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])
def test_digests_of_nulls_are_zero_rows(compiled: bool) -> None:
    tok = Tokeniser(bytes(32))
    assert tok.digests("name", "", pa.nulls(3, pa.string()), use_compiled=compiled).shape \
        == (3, 16)
    assert not tok.digests("name", "", pa.nulls(3, pa.string()), use_compiled=compiled).any()
    assert tok.digests("name", "", pa.array([], pa.string())).shape == (0, 16)
