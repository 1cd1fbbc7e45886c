"""Normalising and hashing a column's values into tokens, batch by batch.

Each identifier kind (a rule id such as ``email``, ``name``, or a key kind) has
its normaliser; the token of a value is the HMAC of its kind, namespace and
normalised form (``keys.Tokeniser``). The common values are normalised
vectorised and hashed in one compiled call per batch; the rest go through the
rule's Python normaliser once per distinct value, with a cache across batches.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pdscan.index.keys import TOKEN_BYTES, Tokeniser
from pdscan.index.spaces import KEY, REF, UID, hash_kind
from pdscan.rules import RULES_BY_ID
from pdscan.validators import Context, name_normal, trimmed_vector


class TokenSpace(Hashable, Protocol):
    """What tokens of a column depend on: its identifier kind and namespace, and the
    source columns it reads (an ``IndexColumn``)."""

    @property
    def kind(self) -> str: ...

    @property
    def namespace(self) -> str: ...

    @property
    def sources(self) -> tuple[str, ...]: ...

    @property
    def path(self) -> tuple[str, ...]: ...


def _normaliser(kind: str) -> Callable[[str, Context], str | None]:
    if kind in ("name",):
        return name_normal
    if kind in (REF, KEY, UID):
        return lambda s, ctx: s.strip() or None
    rule = RULES_BY_ID[kind]
    assert rule.normaliser is not None
    return rule.normaliser


def _vector(kind: str) -> Callable[[pa.Array, Context], pa.Array] | None:
    if kind in (REF, KEY, UID):
        return trimmed_vector
    rule = RULES_BY_ID.get(kind)
    return rule.vector_normaliser if rule else None


class TokenCache:
    """Tokens of one kind and namespace that the Python normaliser decided, by raw
    value, as Arrow and numpy arrays (a tenth of the memory of a dict; probed with
    ``index_in``).

    A person's values recur all over a table (their orders, their visits), and the
    Python normaliser costs microseconds a value, but when values recur further
    apart than the cache holds, probing costs more than it saves. Once the cache
    has filled, it measures its hit rate and stands aside while that is low,
    trying again after many values."""

    MIN_HIT_RATE = 0.3
    JUDGE = 100_000  # lookups of a full cache that decide whether it pays
    RETRY = 10_000_000  # values hashed without it before it tries again

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._empty()

    def _empty(self) -> None:
        self.values = pa.array([], pa.string())
        self.tokens = np.zeros((0, TOKEN_BYTES), np.uint8)
        self.chunks: list[tuple[pa.Array, np.ndarray]] = []  # oldest first
        self.filled = self.seen = self.hits = self.skipped = 0

    @property
    def active(self) -> bool:
        if self.skipped >= self.RETRY:
            self.filled = self.seen = self.hits = self.skipped = 0
        return self.skipped == 0

    def find(self, values: pa.Array) -> np.ndarray:
        """Each value's row in the cache, or -1."""
        return pc.fill_null(pc.index_in(values, value_set=self.values), -1).to_numpy()

    def update(self, values: pa.Array, hits: int, new: pa.Array, tokens: np.ndarray) -> None:
        """Count a lookup of ``values`` that found ``hits``, and add ``new`` values."""
        if self.filled >= self.limit:  # warmed up: misses now say something
            self.seen, self.hits = self.seen + len(values), self.hits + hits
            if self.seen >= self.JUDGE:
                if self.hits < self.MIN_HIT_RATE * self.seen:
                    self._empty()
                    self.skipped = 1
                    return
                self.seen = self.hits = 0
        if len(new):
            self.chunks.append((new, tokens))
            self.filled += len(new)
            while sum(len(v) for v, _ in self.chunks) > self.limit and len(self.chunks) > 1:
                self.chunks.pop(0)  # whole chunks: a slice would keep its buffer alive
            self.values = pa.concat_arrays([v for v, _ in self.chunks])
            self.tokens = np.concatenate([t for _, t in self.chunks])


class Repetition:
    """Whether a column's values repeat enough within a batch for deduplicating them
    first to pay: a dictionary encoding costs about what normalising and hashing a
    third of the values does. Measured on the batches that are deduplicated, and
    again every ``PROBE`` batches while it does not pay."""

    MAX_RATIO = 0.7  # distinct values per value above which hashing every cell is cheaper
    PROBE = 8

    def __init__(self) -> None:
        self.ratio, self.skipped = 0.0, 0

    def dedup(self) -> bool:
        if self.ratio <= self.MAX_RATIO or self.skipped >= self.PROBE:
            self.skipped = 0
            return True
        self.skipped += 1
        return False


class ColumnHasher:
    """Normalise and hash a column's values, batch by batch.

    Normalisation is vectorised where the rule allows (``vector_normaliser``) and
    hashing is one compiled call per batch, so the common values cost a few
    hundred nanoseconds each; a batch is deduplicated first only where its values
    repeat (``Repetition``). What the vectorised normaliser leaves undecided goes
    through the Python normaliser, once per distinct value, with its tokens cached
    per kind and namespace across batches (bounded, see ``TokenCache``).
    """

    def __init__(self, tok: Tokeniser, ctx: Context, limit: int = 500_000) -> None:
        self.tok, self.ctx, self.limit = tok, ctx, limit
        self.caches: dict[tuple[str, str], TokenCache] = {}
        self.repetition: dict[TokenSpace, Repetition] = {}

    def tokens(self, col: TokenSpace, arr: pa.Array) -> tuple[np.ndarray, np.ndarray]:
        """(positions in ``arr`` of the values that have a token, their (k, 16) tokens)."""
        if not pa.types.is_string(arr.type):
            arr = pc.cast(arr, pa.string())
        repetition = self.repetition.setdefault(col, Repetition())
        if _vector(col.kind) is None or not repetition.dedup():
            table = self._hash(col, arr)  # a zero row: null, or normalises to nothing
            pos = np.flatnonzero(table.any(axis=1))
            return pos, table[pos]
        enc = arr.dictionary_encode()
        repetition.ratio = len(enc.dictionary) / max(1, len(arr))
        table = self._hash(col, enc.dictionary)
        has = table.any(axis=1)
        idx = pc.fill_null(enc.indices, -1).to_numpy()
        valid = idx >= 0
        valid[valid] = has[idx[valid]]
        pos = np.flatnonzero(valid)
        return pos, table[idx[pos]]

    def _hash(self, col: TokenSpace, values: pa.Array) -> np.ndarray:
        """Tokens of raw values; a zero row where a value is null or normalises to nothing."""
        vector = _vector(col.kind)
        normalised = vector(values, self.ctx) if vector else pa.nulls(len(values), pa.string())
        table = self.tok.digests(hash_kind(col.kind), col.namespace, normalised)
        if not normalised.null_count:
            return table
        undecided = pc.fill_null(pc.and_(pc.is_null(normalised), pc.not_equal(values, "")),
                                 False).to_numpy(zero_copy_only=False)
        if undecided.any():
            enc = values.filter(pa.array(undecided)).dictionary_encode()
            table[undecided] = self._slow(col, enc.dictionary)[enc.indices.to_numpy()]
        return table

    def _slow(self, col: TokenSpace, values: pa.Array) -> np.ndarray:
        """Tokens of distinct values that need the Python normaliser, through the cache."""
        cache = self.caches.setdefault((col.kind, col.namespace), TokenCache(self.limit))
        if not cache.active:
            cache.skipped += len(values)
            return self._normalise_and_hash(col, values)
        found = cache.find(values)
        table = np.zeros((len(values), TOKEN_BYTES), np.uint8)
        hit = found >= 0
        table[hit] = cache.tokens[found[hit]]
        missing = np.flatnonzero(~hit)
        todo = values.take(pa.array(missing))
        table[missing] = new = self._normalise_and_hash(col, todo)
        cache.update(values, len(values) - len(missing), todo, new)
        return table

    def _normalise_and_hash(self, col: TokenSpace, values: pa.Array) -> np.ndarray:
        norm = _normaliser(col.kind)
        normalised = [norm(v, self.ctx) if v else None for v in values.to_pylist()]
        return self.tok.digests(hash_kind(col.kind), col.namespace,
                                pa.array(normalised, pa.string()))


def column_values(batch: pa.RecordBatch, col: TokenSpace) -> tuple[pa.Array, np.ndarray | None]:
    """The column's values, and for a list of records the row of each value."""
    if len(col.sources) == 2:
        a, b = (pc.cast(batch.column(c), pa.string()) for c in col.sources)
        return pc.binary_join_element_wise(a, b, " "), None
    arr = batch.column(col.sources[0])
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if not col.path:
        return arr, None
    rows: np.ndarray | None = None
    if pa.types.is_list(arr.type) or pa.types.is_large_list(arr.type):
        rows = pc.list_parent_indices(arr).to_numpy()
        arr = pc.list_flatten(arr)
    for part in col.path:
        arr = pc.struct_field(arr, part)
    return arr, rows


def column_postings(hasher: ColumnHasher, col: TokenSpace, batch: pa.RecordBatch,
                    first_row: int) -> tuple[np.ndarray, np.ndarray]:
    """(row numbers, (k, 16) tokens) of one column of a batch."""
    values, parents = column_values(batch, col)
    pos, tokens = hasher.tokens(col, values)
    if parents is None:
        return pos + first_row, tokens
    # A list may hold one value twice: one posting per row.
    pairs = np.empty(len(pos), [("row", "<i8"), ("token", f"V{TOKEN_BYTES}")])
    pairs["row"] = parents[pos] + first_row
    pairs["token"] = tokens.view(f"V{TOKEN_BYTES}").ravel()
    pairs = np.unique(pairs)
    tokens = np.ascontiguousarray(pairs["token"]).view(np.uint8).reshape(-1, TOKEN_BYTES)
    return pairs["row"].copy(), tokens
