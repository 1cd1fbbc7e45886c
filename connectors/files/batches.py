"""Turning parsed record batches into located batches, and sampling them.

Formats yield *pieces*: a record batch plus the position of each row (its line,
record index or spreadsheet row). Everything here is format-independent and
vectorised: conforming to the declared schema, cutting to ``batch_size``,
building the locator struct column, filtering by position and reservoir sampling.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pdscan.connector import LocatedBatch

Piece = tuple[pa.RecordBatch, np.ndarray]


class ConformError(ValueError):
    """A column whose values do not fit the type declared from the first block."""


def _to_json_text(arr: pa.Array) -> pa.Array:
    # Only for the rare column whose later values are nested while the first block
    # had scalars: keep the data as JSON text rather than fail the whole file.
    return pa.array([None if v is None else json.dumps(v, default=str)
                     for v in arr.to_pylist()], pa.string())


def conform(batch: pa.RecordBatch, schema: pa.Schema) -> tuple[pa.RecordBatch, list[str]]:
    """``batch`` with exactly ``schema``'s columns and types; also the dropped names.

    Missing columns become nulls; a column of another type is cast (numbers to text,
    nulls to anything); one that cannot be cast raises :class:`ConformError`.
    """
    n = batch.num_rows
    arrays: list[pa.Array] = []
    for f in schema:
        i = batch.schema.get_field_index(f.name)
        if i < 0:
            arrays.append(pa.nulls(n, f.type))
            continue
        arr = batch.column(i)
        if arr.type != f.type:
            try:
                arr = arr.cast(f.type)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                if not pa.types.is_string(f.type):
                    raise ConformError(
                        f"column {f.name!r} holds {arr.type} values, not the {f.type} "
                        f"of the first block ({str(exc).splitlines()[0]})") from exc
                arr = _to_json_text(arr)
        arrays.append(arr)
    dropped = [name for name in batch.schema.names if schema.get_field_index(name) < 0]
    if not arrays:
        empty = pa.RecordBatch.from_struct_array(pa.array([{}] * n, pa.struct([])))
        return empty, dropped
    return pa.RecordBatch.from_arrays(arrays, schema=schema), dropped


@dataclass(frozen=True)
class LocatorShape:
    """The constant part of a collection's locators and the key of the varying part."""

    base: Mapping[str, str]  # {"path": "a.csv"} or {"path": "b.xlsx", "sheet": "S1"}
    key: str  # "line" | "record" | "row"

    def build(self, positions: np.ndarray) -> pa.StructArray:
        n = len(positions)
        arrays = [pa.repeat(pa.scalar(v, pa.string()), n) for v in self.base.values()]
        arrays.append(pa.array(positions, pa.int64()))
        return pa.StructArray.from_arrays(arrays, names=[*self.base, self.key])

    def located(self, batch: pa.RecordBatch, positions: np.ndarray) -> LocatedBatch:
        return LocatedBatch(batch, self.build(positions))

    def empty(self, schema: pa.Schema) -> LocatedBatch:
        return self.located(pa.RecordBatch.from_pylist([], schema=schema),
                            np.empty(0, np.int64))

    def positions(self, locators: Iterable[Mapping[str, object]]) -> np.ndarray:
        """Positions of the locators that address this collection, sorted, unique."""
        found = []
        for loc in locators:
            value = loc.get(self.key)
            if (isinstance(value, int) and not isinstance(value, bool)
                    and all(loc.get(k) == v for k, v in self.base.items())):
                found.append(value)
        return np.unique(np.asarray(found, dtype=np.int64))


def rechunk(pieces: Iterable[Piece], batch_size: int) -> Iterator[Piece]:
    """Slices of at most ``batch_size`` rows; empty pieces are dropped."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    for batch, pos in pieces:
        for start in range(0, batch.num_rows, batch_size):
            yield batch.slice(start, batch_size), pos[start:start + batch_size]


def only_positions(pieces: Iterable[Piece], wanted: np.ndarray) -> Iterator[Piece]:
    """The rows at ``wanted`` positions (sorted); stops once past the last one."""
    if not len(wanted):
        return
    last = wanted[-1]
    for batch, pos in pieces:
        if not len(pos):
            continue
        mask = np.isin(pos, wanted, assume_unique=False)
        if mask.any():
            yield batch.filter(pa.array(mask)), pos[mask]
        # positions only grow within a collection, so nothing further can match
        if pos[-1] >= last:
            return


def reservoir_sample(batches: Iterable[LocatedBatch], n: int,
                     rng: np.random.Generator) -> LocatedBatch | None:
    """A uniform sample of ``n`` rows from a stream, in stream order; None if empty.

    Bottom-k sampling: every row draws a random key and the ``n`` smallest keys win.
    Once the reservoir is full only rows beating its largest key are looked at, so the
    per-batch cost is a vectorised comparison, not a Python step per row.
    """
    kept: LocatedBatch | None = None
    keys = np.empty(0)
    for lb in batches:
        draw = rng.random(lb.num_rows)
        idx = np.flatnonzero(draw < keys.max()) if len(keys) >= n else np.arange(lb.num_rows)
        if not len(idx):
            continue
        taken = pa.array(idx)
        cand = LocatedBatch(lb.batch.take(taken), lb.locators.take(taken))
        merged = cand if kept is None else LocatedBatch.concat([kept, cand])
        merged_keys = np.concatenate((keys, draw[idx]))
        if len(merged_keys) > n:
            sel = np.sort(np.argpartition(merged_keys, n - 1)[:n])
            sel_arr = pa.array(sel)
            merged = LocatedBatch(merged.batch.take(sel_arr), merged.locators.take(sel_arr))
            merged_keys = merged_keys[sel]
        kept, keys = merged, merged_keys
    return kept


def all_null(batch: pa.RecordBatch) -> np.ndarray:
    """Rows where every column is null (blank lines, ``,,,`` rows)."""
    mask = np.ones(batch.num_rows, dtype=bool)
    for col in batch.columns:
        mask &= pc.is_null(col).to_numpy(zero_copy_only=False)
    return mask
