"""Arrow schemas as the rest of pdscan sees them: flat, dotted, with portable types."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyarrow as pa
import pyarrow.types as pat

from pdscan.connector import ColumnInfo, portable_type


def _flat_fields(fields: Iterable[pa.Field], prefix: str = "") -> list[pa.Field]:
    out: list[pa.Field] = []
    for f in fields:
        name = f"{prefix}{f.name}"
        if pat.is_struct(f.type):
            out.extend(_flat_fields(f.type, f"{name}."))
        else:
            out.append(pa.field(name, f.type, nullable=True))
    return out


def flatten_schema(schema: pa.Schema) -> pa.Schema:
    """Struct fields replaced by their leaves, named by dotted path (``user.address.city``)."""
    return pa.schema(_flat_fields(schema))


def _flat_arrays(names: Sequence[str], arrays: Sequence[pa.Array],
                 prefix: str = "") -> Iterable[tuple[str, pa.Array]]:
    for name, arr in zip(names, arrays, strict=True):
        if pat.is_struct(arr.type):
            if isinstance(arr, pa.ChunkedArray):
                arr = arr.combine_chunks()
            # StructArray.flatten() folds the parent's nulls into each child
            children = arr.flatten()
            yield from _flat_arrays([f.name for f in arr.type], children, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", arr


def flatten_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Struct columns replaced by their leaves (see :func:`flatten_schema`)."""
    if not any(pat.is_struct(t) for t in batch.schema.types):
        return batch
    pairs = list(_flat_arrays(batch.schema.names, batch.columns))
    if not pairs:
        return pa.RecordBatch.from_struct_array(pa.array([{}] * batch.num_rows, pa.struct([])))
    names, arrays = zip(*pairs, strict=True)
    return pa.RecordBatch.from_arrays(list(arrays), names=list(names))


def column_infos(schema: pa.Schema, types: dict[str, str] | None = None) -> tuple[ColumnInfo, ...]:
    """ColumnInfo per field; ``types`` overrides the portable type by column name."""
    types = types or {}
    return tuple(
        ColumnInfo(name=f.name, type=types.get(f.name) or portable_type(f.type),
                   nullable=f.nullable, native_type=str(f.type))
        for f in schema)


def project(schema: pa.Schema, columns: Sequence[str] | None) -> pa.Schema:
    if columns is None:
        return schema
    return pa.schema([schema.field(c) for c in columns])


def top_level(schema: pa.Schema, columns: Sequence[str] | None) -> list[str] | None:
    """Names of the (unflattened) top-level fields holding the dotted ``columns``."""
    if columns is None:
        return None
    names = set(schema.names)
    out: list[str] = []
    for col in columns:
        top = col if col in names else next(
            (n for n in schema.names if col.startswith(n + ".")), col)
        if top not in out:
            out.append(top)
    return out
