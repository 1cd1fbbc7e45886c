"""Redis replies to pdscan rows, schemas and located batches. Pure, no I/O.

Split from :mod:`pdscan_connectors.redis` so the shaping rules (which column a
hash field or JSON path lands in, what a locator looks like per type) can be
read and tested without a server.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pyarrow as pa

from pdscan.connector import ColumnInfo, LocatedBatch

#: Redis types read as collections; streams and module types are not.
SUPPORTED = ("hash", "string", "list", "set", "zset")
CONTAINERS = ("list", "set", "zset")
MAX_COLUMNS = 256  # JSON documents keyed by ids would otherwise explode the schema
RESERVED = ("_key", "value", "_extra")  # our columns; same-named fields go to _extra

_MEMBER_LOC = pa.struct([("key", pa.string()), ("member", pa.string())])
_LOC_TYPES = {
    "list": pa.struct([("key", pa.string()), ("index", pa.int64())]),
    "set": _MEMBER_LOC,
    "zset": _MEMBER_LOC,
}
_KEY_LOC = pa.struct([("key", pa.string())])

Row = tuple[dict[str, Any], dict[str, Any]]  # (values, locator)


def strict(b: bytes) -> str | None:
    """UTF-8 text, or None: a key or member must round-trip through a JSON locator."""
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return None


def text(b: bytes) -> str:
    return b.decode("utf-8", "replace")


def flatten(obj: Mapping[str, Any], prefix: str = "") -> dict[str, str | None]:
    """Nested objects as dotted paths; lists, numbers and booleans as JSON text."""
    out: dict[str, str | None] = {}
    for k, v in obj.items():
        name = f"{prefix}{k}"
        if isinstance(v, Mapping) and v:
            out.update(flatten(v, f"{name}."))
        elif v is None or isinstance(v, str):
            out[name] = v
        else:
            out[name] = json.dumps(v, ensure_ascii=False)
    return out


def as_object(raw: bytes | None) -> dict[str, Any] | None:
    if not raw or raw.lstrip()[:1] != b"{":  # skip json.loads on the common plain value
        return None
    try:
        obj = json.loads(raw)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


@dataclass(frozen=True)
class Shape:
    """How one collection's keys become rows."""

    name: str
    pattern: str
    rtype: str
    columns: tuple[ColumnInfo, ...]
    json_mode: bool = False

    @cached_property
    def known(self) -> frozenset[str]:
        """Columns a hash field or JSON path may fill."""
        return frozenset(c.name for c in self.columns) - set(RESERVED)

    @cached_property
    def has_value(self) -> bool:
        return any(c.name == "value" for c in self.columns)


def infer_shape(name: str, pattern: str, rtype: str, replies: Iterable[Any]) -> Shape:
    """The schema of a collection from HGETALL/GET replies of sampled keys."""
    key = ColumnInfo("_key", "string", False, "key")
    if rtype in CONTAINERS:
        cols = [key, ColumnInfo("value", "string", False, f"{rtype} element")]
        if rtype == "zset":
            cols.append(ColumnInfo("score", "float", False, "zset score"))
        return Shape(name, pattern, rtype, tuple(cols))
    replies = [r for r in replies if r and not isinstance(r, Exception)]
    found: dict[str, str] = {}
    json_mode = plain = False
    if rtype == "hash":
        for reply in replies:
            for f in reply:
                found.setdefault(text(f), "hash field")
    else:
        objects = [o for o in map(as_object, replies) if o is not None]
        json_mode = bool(replies) and 2 * len(objects) >= len(replies)
        plain = not json_mode or len(objects) < len(replies)
        for obj in objects if json_mode else ():
            for path in flatten(obj):
                found.setdefault(path, "json path")
    fields = [f for f in found if f not in RESERVED][:MAX_COLUMNS]
    cols = [key, *(ColumnInfo(f, "string", True, found[f]) for f in fields)]
    if plain:
        cols.append(ColumnInfo("value", "string", not json_mode, "string value"))
    if rtype == "hash" or json_mode:
        cols.append(ColumnInfo("_extra", "json", True, "fields not in the sampled schema"))
    return Shape(name, pattern, rtype, tuple(cols), json_mode)


def key_row(shape: Shape, key: str, reply: Any) -> Row | None:
    """The row of a hash or string key, or None if it is gone or changed type."""
    if isinstance(reply, Exception) or not reply:
        return None
    row: dict[str, Any] = {"_key": key}
    extra: dict[str, Any] = {}
    if shape.rtype == "hash":
        for f, v in reply.items():
            name = text(f)
            (row if name in shape.known else extra)[name] = text(v)
    elif not shape.json_mode:
        row["value"] = text(reply)
    elif (obj := as_object(reply)) is None:
        (row if shape.has_value else extra)["value"] = text(reply)
    else:
        for path, v in flatten(obj).items():
            (row if path in shape.known else extra)[path] = v
    if extra:
        row["_extra"] = json.dumps(extra, ensure_ascii=False)
    return row, {"key": key}


def element_rows(shape: Shape, key: str, items: Iterable[Any], start: int = 0) -> list[Row]:
    """Rows of list elements (from index ``start``), set members or (member, score) pairs."""
    rows: list[Row] = []
    for i, item in enumerate(items, start):
        if shape.rtype == "list":
            rows.append(({"_key": key, "value": text(item)}, {"key": key, "index": i}))
            continue
        member, score = item if shape.rtype == "zset" else (item, None)
        if (m := strict(member)) is None:
            continue
        row: dict[str, Any] = {"_key": key, "value": m}
        if score is not None:
            row["score"] = float(score)
        rows.append((row, {"key": key, "member": m}))
    return rows


def to_batch(shape: Shape, rows: Sequence[Row], columns: Sequence[str] | None) -> LocatedBatch:
    """Rows as a record batch projected on ``columns`` (in their order), plus locators."""
    cols = list(shape.columns)
    if columns is not None:
        order = {name: i for i, name in enumerate(columns)}
        cols = sorted((c for c in cols if c.name in order), key=lambda c: order[c.name])
    schema = pa.schema([(c.name, pa.float64() if c.type == "float" else pa.string())
                        for c in cols])
    data = {c.name: [r.get(c.name) for r, _ in rows] for c in cols}
    locs = pa.array([loc for _, loc in rows], type=_LOC_TYPES.get(shape.rtype, _KEY_LOC))
    return LocatedBatch(pa.RecordBatch.from_pydict(data, schema=schema), locs)
