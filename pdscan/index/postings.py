"""The packed layout of postings, and sorting a build's postings into it.

A posting says "row R of column C holds token T". The index keeps it twice,
packed so that SQLite stores one B-tree entry per identifier or per row rather
than one per cell (cell-sized entries made writes and the token index cost
three quarters of a build):

* ``postings``: one entry per (token, column), clustered by token, holding the
  numbers of the rows that hold it (``rows``: little-endian int64) and their
  count ``n``. A lookup is one B-tree seek.
* ``rows.tokens``: per row, its (column id, token) pairs, for "what else
  identifies this row" when a lookup expands.

Tokens arrive in row order; ``PostingSorter`` regroups them by token with numpy,
in memory while they are few and otherwise through token-range bucket files
(tokens and row numbers only, never values) beside the index, so memory stays
bounded whatever the size. The groups come out in token order, which makes
the SQLite insert an append.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pdscan.index.keys import TOKEN_BYTES

#: One posting on its way to ``postings``.
ENTRY = np.dtype([("token", f"V{TOKEN_BYTES}"), ("column", "<u4"), ("row", "<i8")])
#: One (column, token) pair of ``rows.tokens``.
ROW_ENTRY = np.dtype([("column", "<u4"), ("token", f"V{TOKEN_BYTES}")])
ROW_NUMBER = np.dtype("<i8")
BUCKETS = 256  # by the token's first byte: tokens are uniform, so buckets are even

POSTINGS_SCHEMA = pa.schema([("token", pa.binary()), ("column_id", pa.int64()),
                             ("n", pa.int64()), ("rows", pa.binary())])
HUBS_SCHEMA = pa.schema([("token", pa.binary()), ("column_id", pa.int64()),
                         ("rows", pa.int64())])


def row_numbers(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, ROW_NUMBER)


def row_tokens(blob: bytes) -> list[tuple[bytes, int]]:
    """The (token, column id) pairs of one row's ``tokens``."""
    entries = np.frombuffer(blob, ROW_ENTRY)
    return [(bytes(t), int(c)) for c, t in zip(entries["column"], entries["token"],
                                                strict=True)]


def _binary(data: np.ndarray, offsets: np.ndarray) -> pa.Array:
    """A binary array over ``data``'s bytes cut at ``offsets`` (no copy per value)."""
    return pa.Array.from_buffers(pa.binary(), len(offsets) - 1,
                                 [None, pa.py_buffer(offsets.astype(np.int32)),
                                  pa.py_buffer(np.ascontiguousarray(data))])


def pack_row_tokens(first_row: int, n: int,
                    parts: Sequence[tuple[int, np.ndarray, np.ndarray]]) -> pa.Array:
    """``rows.tokens`` for rows ``first_row .. first_row+n-1``, from per-column parts
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
    return _binary(entries[order].view(np.uint8), offsets)


@dataclass
class HubRule:
    """Which columns can have hubs, and when a token is one: held by at least
    ``min_rows`` rows and ``factor`` times its column's usual count."""

    columns: set[int] = field(default_factory=set)
    min_rows: int = 30
    factor: float = 10.0


class PostingSorter:
    """Collects postings in any order; ``groups`` yields them grouped by (token, column)."""

    def __init__(self, spill_dir: Path | None, memory_entries: int = 600_000) -> None:
        self.spill_parent, self.memory_entries = spill_dir, memory_entries
        self.chunks: list[np.ndarray] = []
        self.held = 0
        self.count = 0
        self.spill_dir: Path | None = None
        self.dropped: set[int] = set()

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
        bucket = np.ascontiguousarray(_token_bytes(data)[:, 0])
        order = np.argsort(bucket, kind="stable")  # a radix sort on one byte
        data, bounds = data[order], np.searchsorted(bucket[order], np.arange(BUCKETS + 1))
        for b in range(BUCKETS):
            if bounds[b] < bounds[b + 1]:
                with open(self.spill_dir / f"{b:03d}", "ab") as f:
                    data[bounds[b]:bounds[b + 1]].tofile(f)
        del data, order
        pa.default_memory_pool().release_unused()  # keep the build's memory flat

    def groups(self) -> Iterator[pa.Table]:
        """Tables of ``POSTINGS_SCHEMA`` in token order."""
        if self.spill_dir is None:
            if self.chunks:
                yield _grouped(np.concatenate(self.chunks))
            self.chunks, self.held = [], 0
            return
        self._spill()
        for b in range(BUCKETS):
            path = self.spill_dir / f"{b:03d}"
            if path.exists():
                yield _grouped(np.fromfile(path, ENTRY))
                path.unlink()

    def write(self, write: Callable[[str, pa.Table], None], hubs: HubRule) -> None:
        """Write every group with ``write("postings", table)``, then the hubs that
        ``hubs`` finds among them with ``write("hubs", table)``."""
        stats: dict[int, list[int]] = {}  # column -> [tokens, postings]
        found: list[tuple[bytes, int, int]] = []
        watch = np.array(sorted(hubs.columns), np.int64)
        try:
            for table in self.groups():
                if self.dropped:
                    table = table.filter(pc.invert(pc.is_in(
                        table.column("column_id"), pa.array(sorted(self.dropped), pa.int64()))))
                write("postings", table)
                if not len(watch):
                    continue
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
        finally:
            self.close()
        found = [(t, c, n) for t, c, n in found if n >= hubs.factor * stats[c][1] / stats[c][0]]
        if found:
            write("hubs", pa.Table.from_pylist(
                [{"token": t, "column_id": c, "rows": n} for t, c, n in found],
                schema=HUBS_SCHEMA))

    def close(self) -> None:
        if self.spill_dir is not None:
            shutil.rmtree(self.spill_dir, ignore_errors=True)
            self.spill_dir = None
        self.chunks, self.held = [], 0


def _token_bytes(data: np.ndarray) -> np.ndarray:
    return data.view(np.uint8).reshape(-1, ENTRY.itemsize)[:, :TOKEN_BYTES]


def _grouped(data: np.ndarray) -> pa.Table:
    raw = _token_bytes(data)
    # Native integers of the big-endian halves: their order is the byte order in
    # which SQLite compares blobs.
    hi = np.ascontiguousarray(raw[:, :8]).view(">u8").ravel().astype(np.uint64)
    lo = np.ascontiguousarray(raw[:, 8:]).view(">u8").ravel().astype(np.uint64)
    order = np.argsort(hi)  # one 64-bit key sorts ~10x faster than three
    data, hi, lo = data[order], hi[order], lo[order]
    col = data["column"]
    same = hi[1:] == hi[:-1]
    mixed = same & ((lo[1:] != lo[:-1]) | (col[1:] != col[:-1]))
    if mixed.any():  # a token in several columns (or two tokens alike in 64 bits)
        run = np.cumsum(np.concatenate([[True], ~same])) - 1
        idx = np.flatnonzero(np.isin(run, run[1:][mixed]))
        sub = idx[np.lexsort((col[idx], lo[idx], hi[idx]))]
        data[idx], lo[idx] = data[sub], lo[sub]
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
