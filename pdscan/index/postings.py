"""The packed layout of postings, and sorting a build's postings into it.

A posting says "row R of column C holds token T". The index keeps it twice,
packed so that SQLite stores one B-tree entry per page of identifiers or per
block of rows rather than one per cell or per identifier (small entries made
SQLite's inserts the largest cost of a build):

* ``postings``: per column, its tokens are split into ``2**bits`` buckets by
  their leading bits (``bits`` chosen from the column's size so that a bucket
  holds ~``PAGE_POSTINGS`` postings), and each bucket is one entry, a *page*
  keyed by ``page_key(column, bucket)``: its tokens in order, how many rows hold
  each, and those rows' numbers (little-endian int64). A lookup reads, in one
  query, the page of each column that can hold the token (same kind and
  namespace) and binary-searches it. (An integer key, so that SQLite keeps a
  page of a few kB in its row instead of overflow pages, as a blob key would.)
* ``rows``: per block of ``BLOCK_ROWS`` rows, their locators and their
  (column id, token) pairs, for "where is this row" and "what else identifies
  it" when a lookup expands. Every indexed column of a collection, inferred
  references included, is read in the same pass, so a row's number means the
  same row in every column (a second read of a table or of Redis need not come
  in the same order). The ``layer`` column of ``rows`` is always 0.

Tokens arrive in row order; ``PostingSorter`` regroups them by token with numpy,
in memory while they are few and otherwise through token-range bucket files
(tokens and row numbers only, never values) beside the index, a bucket that
outgrows memory being split again by the next byte, so memory stays bounded
whatever the size. The groups come out in token order and are cut into pages.
Those files live in the run's temporary folder (``workdir.py``), held to its disk
budget after each write.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pdscan.index.keys import TOKEN_BYTES
from pdscan.index.pages import BLOCK_ROWS, KEY_BITS  # the layouts it writes
from pdscan.index.workdir import TempBudget

#: One posting on its way to ``postings``.
ENTRY = np.dtype([("token", f"V{TOKEN_BYTES}"), ("column", "<u4"), ("row", "<i8")])
#: One (column, token) pair of ``rows.tokens``.
ROW_ENTRY = np.dtype([("column", "<u4"), ("token", f"V{TOKEN_BYTES}")])
ROW_NUMBER = np.dtype("<i8")
BUCKETS = 256  # by the token's first byte: tokens are uniform, so buckets are even
#: Postings a page holds on average (~1 kB): a lookup reads one page per column.
PAGE_POSTINGS = 128

POSTINGS_SCHEMA = pa.schema([("token", pa.binary()), ("column_id", pa.int64()),
                             ("n", pa.int64()), ("rows", pa.binary())])
PAGES_SCHEMA = pa.schema([("key", pa.int64()), ("tokens", pa.binary()),
                          ("counts", pa.binary()), ("rows", pa.binary())])
HUBS_SCHEMA = pa.schema([("token", pa.binary()), ("column_id", pa.int64()),
                         ("rows", pa.int64())])


def row_numbers(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, ROW_NUMBER)




def bucket_bits(postings: int) -> int:
    """Leading bits of a token that choose its page, in a column of ``postings``."""
    return min(KEY_BITS, math.ceil(math.log2(postings / PAGE_POSTINGS))) \
        if postings > PAGE_POSTINGS else 0


















def pack_block(items: list[bytes]) -> bytes:
    """Byte strings as one blob: their count, their end offsets, then the bytes."""
    ends = np.zeros(len(items) + 2, "<u4")
    ends[0] = len(items)
    np.cumsum([len(b) for b in items], out=ends[2:])
    return ends.tobytes() + b"".join(items)


ROWS_SCHEMA = pa.schema([("collection_id", pa.int64()), ("block", pa.int64()),
                         ("layer", pa.int64()), ("locators", pa.binary()),
                         ("tokens", pa.binary())])


class RowBlocks:
    """Writes one collection's rows (locators and tokens, in row order) as blocks of
    ``BLOCK_ROWS``, carrying a partial block over to the next batch."""

    def __init__(self, write: Callable[[str, pa.Table], None], collection_id: int) -> None:
        self.write, self.cid = write, collection_id
        self.block = 0
        self.locators: list[bytes] = []  # a partial block
        self.tokens: list[bytes] = []

    def add(self, locators: pa.Array, tokens: pa.Array) -> None:
        """The next rows: their locators and packed tokens."""
        n, at = len(tokens), 0
        if self.tokens:  # complete the partial block first
            at = min(BLOCK_ROWS - len(self.tokens), n)
            self._hold(locators, tokens, 0, at)
            if len(self.tokens) < BLOCK_ROWS:
                return
            self.close()
        full = (n - at) // BLOCK_ROWS * BLOCK_ROWS
        if full:
            toks = _blocks(tokens, at, full)
            self._emit(_blocks(locators, at, full), toks)
        self._hold(locators, tokens, at + full, n)

    def close(self) -> None:
        if self.tokens:
            self._emit(pa.array([pack_block(self.locators)], pa.binary()),
                       pa.array([pack_block(self.tokens)], pa.binary()))
            self.locators, self.tokens = [], []

    def _hold(self, locators: pa.Array, tokens: pa.Array, start: int, stop: int) -> None:
        self.tokens += tokens.slice(start, stop - start).to_pylist()
        self.locators += locators.slice(start, stop - start).to_pylist()

    def _emit(self, locators: pa.Array, tokens: pa.Array) -> None:
        n = len(tokens)
        self.write("rows", pa.Table.from_arrays(
            [pa.array(np.full(n, self.cid, np.int64)),
             pa.array(np.arange(self.block, self.block + n, dtype=np.int64)),
             pa.array(np.zeros(n, np.int64)), locators, tokens],
            schema=ROWS_SCHEMA))
        self.block += n


def _blocks(items: pa.Array, start: int, count: int) -> pa.Array:
    """``pack_block`` of each run of ``BLOCK_ROWS`` items from ``start`` (``count`` of
    them, a multiple), copied from the array's buffers into one new buffer."""
    first = items.offset + start
    ends = np.frombuffer(items.buffers()[1], np.int32)[first:first + count + 1].astype(np.int64)
    data = items.buffers()[2]
    src = np.frombuffer(data, np.uint8) if data is not None else np.zeros(0, np.uint8)
    cut = ends[np.arange(count // BLOCK_ROWS)[:, None] * BLOCK_ROWS
               + np.arange(BLOCK_ROWS + 1)]
    heads = np.empty((len(cut), BLOCK_ROWS + 2), "<u4")
    heads[:, 0] = BLOCK_ROWS
    heads[:, 1:] = cut - cut[:, :1]
    head_bytes = heads.view(np.uint8)
    size = head_bytes.shape[1]
    offsets = np.zeros(len(cut) + 1, np.int64)
    offsets[1:] = np.cumsum(size + cut[:, -1] - cut[:, 0])
    out = np.empty(int(offsets[-1]), np.uint8)
    for b in range(len(cut)):
        at = int(offsets[b])
        out[at:at + size] = head_bytes[b]
        out[at + size:int(offsets[b + 1])] = src[cut[b, 0]:cut[b, -1]]
    return _binary(out, offsets)


def _binary(data: np.ndarray, offsets: np.ndarray) -> pa.Array:
    """A binary array over ``data``'s bytes cut at ``offsets`` (no copy per value)."""
    return pa.Array.from_buffers(pa.binary(), len(offsets) - 1,
                                 [None, pa.py_buffer(offsets.astype(np.int32)),
                                  pa.py_buffer(np.ascontiguousarray(data))])


def pack_row_tokens(first_row: int, n: int,
                    parts: Sequence[tuple[int, np.ndarray, np.ndarray]]) -> pa.Array:
    """Packed tokens of rows ``first_row .. first_row+n-1``, from per-column parts
    (column id, row numbers, (k, 16) tokens)."""
    total = sum(len(rows) for _, rows, _ in parts)
    entries = np.empty(total, ROW_ENTRY)
    owner = np.empty(total, np.int64)
    at = 0
    for column, rows, tokens in parts:
        k = len(rows)
        entries["column"][at:at + k] = column
        entries["token"][at:at + k] = tokens.view(ROW_ENTRY["token"]).ravel()
        owner[at:at + k] = rows - first_row
        at += k
    order = np.argsort(owner, kind="stable")  # runs already sorted: cheap
    offsets = np.searchsorted(owner[order], np.arange(n + 1)) * ROW_ENTRY.itemsize
    return _binary(_take(entries, order).view(np.uint8), offsets)


@dataclass
class HubRule:
    """Which columns can have hubs, and when a token is one: held by at least
    ``min_rows`` rows and ``factor`` times its column's usual count."""

    columns: set[int] = field(default_factory=set)
    min_rows: int = 30
    factor: float = 10.0


class PostingSorter:
    """Collects postings in any order; ``groups`` yields them grouped by (token, column)."""

    def __init__(self, spill_dir: Path | None, memory_entries: int = 600_000,
                 budget: TempBudget | None = None) -> None:
        self.spill_parent, self.memory_entries = spill_dir, memory_entries
        self.budget = budget
        self.chunks: list[np.ndarray] = []
        self.held = 0
        self.count = 0
        self.spill_dir: Path | None = None
        self.dropped: set[int] = set()
        self.per_column: Counter[int] = Counter()

    def sibling(self) -> PostingSorter:
        """Another sorter spilling to the same folder, within the same budget."""
        return PostingSorter(self.spill_parent, self.memory_entries, self.budget)

    def drop(self, columns: Iterable[int]) -> None:
        """Leave out the postings of ``columns`` (a collection that failed half-way)."""
        self.dropped.update(columns)

    def add(self, tokens: np.ndarray, column: int, rows: np.ndarray) -> None:
        entries = np.empty(len(rows), ENTRY)
        entries["token"] = tokens.view(ENTRY["token"]).ravel()
        entries["column"] = column
        entries["row"] = rows
        self.chunks.append(entries)
        self.held += len(rows)
        self.count += len(rows)
        self.per_column[column] += len(rows)
        if self.held >= self.memory_entries:
            self._spill()

    def _spill(self) -> None:
        if not self.chunks:
            return
        if self.spill_dir is None:
            self.spill_dir = Path(tempfile.mkdtemp(prefix=".pdscan-postings-",
                                                   dir=self.spill_parent))
        data = np.concatenate(self.chunks)
        self.chunks, self.held = [], 0
        _partition(data, 0, self.spill_dir / "b")
        del data
        if self.budget is not None:
            self.budget.check()
        pa.default_memory_pool().release_unused()  # keep the build's memory flat

    def groups(self) -> Iterator[pa.Table]:
        """Tables of ``POSTINGS_SCHEMA`` in token order."""
        if self.spill_dir is None:
            if self.chunks:
                yield _grouped(np.concatenate(self.chunks))
            self.chunks, self.held = [], 0
            return
        self._spill()
        yield from self._bucket_groups(self.spill_dir / "b", 0)

    def _bucket_groups(self, prefix: Path, depth: int) -> Iterator[pa.Table]:
        for b in range(BUCKETS):
            path = prefix.with_name(f"{prefix.name}{b:02x}")
            if not path.exists():
                continue
            entries = path.stat().st_size // ENTRY.itemsize
            if entries <= 2 * self.memory_entries or depth + 1 >= TOKEN_BYTES:
                yield _grouped(np.fromfile(path, ENTRY))
            else:  # a bucket too big for memory: split it by the next byte of the token
                with open(path, "rb") as f:
                    while len(part := np.fromfile(f, ENTRY, count=self.memory_entries)):
                        _partition(part, depth + 1, path)
                        if self.budget is not None:
                            self.budget.check()
                path.unlink()
                yield from self._bucket_groups(path, depth + 1)
                continue
            path.unlink()

    def write(self, write: Callable[[str, pa.Table], None], hubs: HubRule) -> dict[int, int]:
        """Write every page with ``write("postings", table)``, then the hubs that
        ``hubs`` finds among them with ``write("hubs", table)``. Returns each
        written column's bucket bits (``bucket_bits``)."""
        bits = {c: bucket_bits(n) for c, n in self.per_column.items() if c not in self.dropped}
        stats: dict[int, list[int]] = {}  # column -> [tokens, postings]
        found: list[tuple[bytes, int, int]] = []
        watch = np.array(sorted(hubs.columns), np.int64)
        held: pa.Table | None = None  # each column's last page: the next groups may add to it
        try:
            for table in self.groups():
                if self.dropped:
                    table = table.filter(pc.invert(pc.is_in(
                        table.column("column_id"), pa.array(sorted(self.dropped), pa.int64()))))
                if len(watch):
                    cols = table.column("column_id").to_numpy()
                    n = table.column("n").to_numpy()
                    mine = np.isin(cols, watch)
                    for c in np.unique(cols[mine]):
                        s = stats.setdefault(int(c), [0, 0])
                        s[0] += int((cols == c).sum())
                        s[1] += int(n[cols == c].sum())
                    tokens = table.column("token")
                    found += [(tokens[int(i)].as_py(), int(cols[i]), int(n[i]))
                              for i in np.flatnonzero(mine & (n >= hubs.min_rows))]
                pages, held = _pages(table if held is None else pa.concat_tables([held, table]),
                                     bits, final=False)
                if pages.num_rows:
                    write("postings", pages)
            if held is not None and held.num_rows:
                write("postings", _pages(held, bits, final=True)[0])
        finally:
            self.close()
        found = [(t, c, n) for t, c, n in found if n >= hubs.factor * stats[c][1] / stats[c][0]]
        if found:
            write("hubs", pa.Table.from_pylist(
                [{"token": t, "column_id": c, "rows": n} for t, c, n in found],
                schema=HUBS_SCHEMA))
        return bits

    def close(self) -> None:
        if self.spill_dir is not None:
            shutil.rmtree(self.spill_dir, ignore_errors=True)
            self.spill_dir = None
        self.chunks, self.held = [], 0
        self.per_column.clear()


def _pages(groups: pa.Table, bits: Mapping[int, int], final: bool
           ) -> tuple[pa.Table, pa.Table | None]:
    """Pages (``PAGES_SCHEMA``) of groups in token order. Unless ``final``, each
    column's last page is returned as groups instead, to be completed by the next."""
    if not groups.num_rows:
        return PAGES_SCHEMA.empty_table(), None
    cols = groups.column("column_id").to_numpy()
    order = np.argsort(cols, kind="stable")  # by column, then token
    groups = groups.take(pa.array(order)).combine_chunks()
    cols, count = cols[order], groups.num_rows
    tokens = _flat_binary(groups.column("token"), count * TOKEN_BYTES)
    hi = tokens.reshape(count, TOKEN_BYTES)[:, :8].copy().view(">u8").ravel().astype(np.uint64)
    columns, where = np.unique(cols, return_inverse=True)
    width = np.array([bits[c] for c in columns.tolist()], np.uint64)[where]
    shift = np.where(width > 0, np.uint64(64) - width, np.uint64(0))
    bucket = np.where(width > 0, hi >> shift, np.uint64(0)).astype(np.int64)
    start = np.ones(count, bool)
    start[1:] = (cols[1:] != cols[:-1]) | (bucket[1:] != bucket[:-1])
    starts = np.flatnonzero(start)
    bounds = np.append(starts, count)
    last = np.append(cols[starts[1:]] != cols[starts[:-1]], True)  # a column's last page
    n = np.ascontiguousarray(groups.column("n").to_numpy(), "<i8")
    rows = groups.column("rows").chunk(0)
    row_offsets = np.frombuffer(rows.buffers()[1], np.int32)[rows.offset:rows.offset + count + 1]
    pages = pa.Table.from_arrays(
        [pa.array((cols[starts].astype(np.int64) << KEY_BITS) | bucket[starts]),
         _binary(tokens, bounds * TOKEN_BYTES), _binary(n.view(np.uint8), bounds * 8),
         pa.Array.from_buffers(pa.binary(), len(starts),
                               [None, pa.py_buffer(row_offsets[bounds].astype(np.int32)),
                                rows.buffers()[2]])],
        schema=PAGES_SCHEMA)
    if final:
        return pages, None
    page_of = np.cumsum(start) - 1  # each group's page
    return pages.filter(pa.array(~last)), groups.filter(pa.array(last[page_of]))


def _flat_binary(arr: pa.ChunkedArray, size: int) -> np.ndarray:
    """The bytes of a one-chunk binary column's values, end to end (``size`` of them)."""
    chunk = arr.chunk(0)
    first = int(np.frombuffer(chunk.buffers()[1], np.int32)[chunk.offset])
    return np.frombuffer(chunk.buffers()[2], np.uint8, size, first)


def _partition(data: np.ndarray, depth: int, prefix: Path) -> None:
    """Append ``data`` to bucket files ``prefix`` + the hex of token byte ``depth``."""
    bucket = np.ascontiguousarray(_token_bytes(data)[:, depth])
    order = np.argsort(bucket, kind="stable")  # a radix sort on one byte
    data, bounds = _take(data, order), np.searchsorted(bucket[order], np.arange(BUCKETS + 1))
    for b in range(BUCKETS):
        if bounds[b] < bounds[b + 1]:
            with open(prefix.with_name(f"{prefix.name}{b:02x}"), "ab") as f:
                data[bounds[b]:bounds[b + 1]].tofile(f)


def _take(data: np.ndarray, order: np.ndarray) -> np.ndarray:
    """``data[order]`` for a structured array, through its bytes: numpy gathers
    structured items field by field, ~9x slower than rows of bytes."""
    rows = data.view(np.uint8).reshape(len(data), data.dtype.itemsize)
    return np.take(rows, order, axis=0).view(data.dtype).ravel()


def _token_bytes(data: np.ndarray) -> np.ndarray:
    return data.view(np.uint8).reshape(-1, ENTRY.itemsize)[:, :TOKEN_BYTES]


def _grouped(data: np.ndarray) -> pa.Table:
    raw = _token_bytes(data)
    # Native integers of the big-endian halves: their order is the byte order in
    # which SQLite compares blobs.
    hi = np.ascontiguousarray(raw[:, :8]).view(">u8").ravel().astype(np.uint64)
    lo = np.ascontiguousarray(raw[:, 8:]).view(">u8").ravel().astype(np.uint64)
    # Sort one 64-bit key holding the top bits of the token and, in its low bits,
    # the entry's index: a plain sort, ~1.6x faster than argsort (10x than lexsort).
    bits = max(1, (len(data) - 1).bit_length())
    low = np.uint64((1 << bits) - 1)
    keys = np.sort((hi & ~low) | np.arange(len(data), dtype=np.uint64))
    order = (keys & low).astype(np.int64)
    data, hi, lo, top = _take(data, order), hi[order], lo[order], keys & ~low
    col = data["column"]
    same = top[1:] == top[:-1]
    mixed = same & ((hi[1:] != hi[:-1]) | (lo[1:] != lo[:-1]) | (col[1:] != col[:-1]))
    if mixed.any():  # a token in several columns, or tokens alike in their top bits
        run = np.cumsum(np.concatenate([[True], ~same])) - 1
        idx = np.flatnonzero(np.isin(run, run[1:][mixed]))
        sub = idx[np.lexsort((col[idx], lo[idx], hi[idx]))]
        data[idx], hi[idx], lo[idx] = _take(data, sub), hi[sub], lo[sub]
        col = data["column"]
    change = np.ones(len(data), bool)
    change[1:] = (hi[1:] != hi[:-1]) | (lo[1:] != lo[:-1]) | (col[1:] != col[:-1])
    starts = np.flatnonzero(change)
    ends = np.append(starts[1:], len(data))
    tokens = np.ascontiguousarray(_token_bytes(data)[starts])
    token_offsets = np.arange(len(starts) + 1) * TOKEN_BYTES
    return pa.Table.from_arrays(
        [_binary(tokens, token_offsets), pa.array(col[starts].astype(np.int64)),
         pa.array((ends - starts).astype(np.int64)),
         _binary(np.ascontiguousarray(data["row"]).view(np.uint8),
                 np.append(starts, len(data)) * ROW_NUMBER.itemsize)],
        schema=POSTINGS_SCHEMA)
