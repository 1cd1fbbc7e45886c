"""Erasure's writes to Redis: the ``WritableConnector`` half of ``redis.py``.

A source's changes run as one ``MULTI``/``EXEC`` transaction under ``WATCH`` of
every key they touch: the rows are read again first, each change is checked
against what it was planned on, and if another client changes a watched key
before ``EXEC`` nothing is written and the whole check starts again. Per type:
a hash key or string key is deleted (``DEL``) or has fields set or removed
(``HSET``/``HDEL``; a JSON string written again); a set or sorted-set member is
removed or replaced (``SREM``/``SADD``, ``ZREM``/``ZADD``); a list element is
replaced (``LSET``) or removed (``LSET`` to a marker, then ``LREM`` of it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import redis

from pdscan.connector import APPLIED, DRY_RUN, ChangeCheck, RowChange
from pdscan.errors import SourceError, one_line

from .redis_rows import RESERVED, as_object

if TYPE_CHECKING:
    from .redis import RedisConnector

_MARKER = "\x00pdscan-erased\x00"
RETRIES = 5


def _commands(conn: RedisConnector, change: RowChange, raw: Any = None) -> list[tuple[Any, ...]]:
    """The commands of one change (``raw``: a JSON string key's current value)."""
    shape = conn._shape(change.collection)
    loc = change.locator.to_dict()
    key = loc["key"]
    if shape.rtype in ("hash", "string") and change.action == "delete":
        return [("DEL", key)]
    if shape.rtype == "hash":
        values = {k: v for k, v in change.values.items() if k not in RESERVED}
        out: list[tuple[Any, ...]] = [("HDEL", key, f) for f, v in values.items() if v is None]
        sets = [x for f, v in values.items() if v is not None for x in (f, str(v))]
        return out + ([("HSET", key, *sets)] if sets else [])
    if shape.rtype == "string":
        if "value" in change.values:
            return [("SET", key, "" if change.values["value"] is None
                     else str(change.values["value"]), "KEEPTTL")]
        obj = as_object(raw) or {}
        for path, value in change.values.items():
            _set_path(obj, path, value)
        return [("SET", key, json.dumps(obj, ensure_ascii=False), "KEEPTTL")]
    if shape.rtype == "list":
        index = loc["index"]
        if change.action == "delete":  # removed by one LREM after every LSET
            return [("LSET", key, index, _MARKER)]
        return [("LSET", key, index, str(change.values.get("value", "")))]
    member = loc["member"]
    remove = ("SREM", key, member) if shape.rtype == "set" else ("ZREM", key, member)
    new = change.values.get("value")
    if change.action == "delete" or new is None:
        return [remove]
    if shape.rtype == "set":
        return [remove, ("SADD", key, str(new))]
    return [remove, ("ZADD", key, change.values.get("score", 0), str(new))]


def _set_path(obj: dict[str, Any], path: str, value: Any) -> None:
    head, dot, rest = path.partition(".")
    if dot and isinstance(obj.get(head), dict):
        _set_path(obj[head], rest, value)
    else:
        obj[path] = value


def _with_removals(commands: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """List elements marked for deletion, removed once all are marked (indexes hold)."""
    marked = dict.fromkeys(cmd[1] for cmd in commands if cmd[0] == "LSET" and cmd[3] == _MARKER)
    return commands + [("LREM", key, 0, _MARKER) for key in marked]


def render(conn: RedisConnector, changes: Sequence[RowChange]) -> list[str]:
    commands = _with_removals([cmd for c in changes for cmd in _commands(conn, c)])
    return [" ".join(_quote(a) for a in cmd) for cmd in commands]


def _quote(arg: Any) -> str:
    s = str(arg)
    return s if s and all(ch.isalnum() or ch in ":_-.@" for ch in s) else json.dumps(s)


def apply(conn: RedisConnector, changes: Sequence[RowChange], check: ChangeCheck,
          dry_run: bool = False) -> list[str]:
    keys = sorted({c.locator.to_dict()["key"] for c in changes})
    for _attempt in range(RETRIES):
        try:
            with conn._r.pipeline(transaction=True) as pipe:
                pipe.watch(*keys)
                outcomes, commands = _decide(conn, pipe, changes, check)
                if dry_run or not commands:
                    return [DRY_RUN if o == APPLIED and dry_run else o for o in outcomes]
                pipe.multi()
                for cmd in _with_removals(commands):
                    pipe.execute_command(*cmd)
                pipe.execute()
                return outcomes
        except redis.WatchError:
            continue  # a watched key changed meanwhile: check again
        except redis.RedisError as exc:
            raise SourceError(conn.label, f"erasure not applied: {one_line(exc)}") from exc
    raise SourceError(conn.label, f"erasure not applied: the keys kept changing "
                                  f"({RETRIES} attempts)")


def _decide(conn: RedisConnector, pipe: Any, changes: Sequence[RowChange],
            check: ChangeCheck) -> tuple[list[str], list[tuple[Any, ...]]]:
    outcomes: list[str] = []
    commands: list[tuple[Any, ...]] = []
    by_collection: dict[str, dict[Any, Any]] = {}
    for c in changes:
        if c.collection not in by_collection:
            mine = [x.locator for x in changes if x.collection == c.collection]
            by_collection[c.collection] = conn.fetch(c.collection, mine).rows_by_locator()
        current = by_collection[c.collection].get(c.locator)
        verdict = check(c, current)
        if verdict != "apply":
            outcomes.append(verdict)
            continue
        raw = pipe.get(c.locator.to_dict()["key"]) if (
            conn._shape(c.collection).rtype == "string" and c.action != "delete") else None
        commands += _commands(conn, c, raw)
        outcomes.append(APPLIED)
    return outcomes, commands
