"""Row locators as the index stores them: compact JSON, built from Arrow without a
Python object per row where the locator's fields allow."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc


def _json_array(arr: pa.Array) -> pa.Array | pa.Scalar | None:
    """Each value of ``arr`` as JSON text, vectorised (one scalar when every value is
    the same, like a file locator's path); None where that is not simple."""
    t = arr.type
    if pa.types.is_struct(t):
        parts: list[Any] = []
        for i in sorted(range(t.num_fields), key=lambda i: t.field(i).name):
            child = _json_array(pc.struct_field(arr, [i]))
            if child is None:
                return None
            if parts:
                parts.append(",")
            parts += [json.dumps(t.field(i).name) + ":", child]
        if not any(isinstance(p, pa.Array) for p in parts):
            return pa.scalar("{" + "".join(p if isinstance(p, str) else p.as_py()
                                           for p in parts) + "}")
        return pc.binary_join_element_wise("{", *parts, "}", "")
    if (pa.types.is_string(t) and len(arr) and not arr.null_count
            and pc.all(pc.equal(arr, arr[0])).as_py()):
        return pa.scalar(json.dumps(arr[0].as_py(), ensure_ascii=False))
    if pa.types.is_boolean(t):
        out = pc.if_else(arr, "true", "false")
    elif pa.types.is_integer(t):
        out = pc.cast(arr, pa.string())
    elif pa.types.is_string(t) or pa.types.is_large_string(t):
        if pc.any(pc.match_substring_regex(arr, r'["\\\x00-\x1f]')).as_py():
            return None
        out = pc.binary_join_element_wise('"', pc.cast(arr, pa.string()), '"', "")
    else:
        return None
    return pc.fill_null(out, "null")


def locator_blobs(locs: pa.StructArray,
                  seal: Callable[[Sequence[str]], list[bytes]] | None) -> pa.Array:
    """Each row's locator as compact JSON bytes, sealed when it may be personal."""
    fast = _json_array(locs)
    if isinstance(fast, pa.Scalar):
        fast = pa.repeat(fast, len(locs))
    if fast is not None and seal is None:
        return pc.cast(fast, pa.binary())
    texts = fast.to_pylist() if fast is not None else [
        json.dumps(d, sort_keys=True, separators=(",", ":"), default=str)
        for d in locs.to_pylist()]
    return pa.array(seal(texts) if seal else [t.encode() for t in texts], pa.binary())
