"""Redis connector: key patterns as collections, read with SCAN and pipelines.

Collections. Keys are grouped by pattern (:mod:`~pdscan_connectors.redis_patterns`:
``user:42`` → ``user:*``, or the first of ``options["patterns"]`` that matches)
and by Redis type. A pattern holding one type is named by the pattern alone; a
pattern holding several is split into ``"user:* (hash)"``, ``"user:* (string)"``.
The suffixed form is accepted for every collection, so callers that need a name
which survives a second type appearing can always use it.

Rows and locators, per Redis type:

* hash: one row per key, ``_key`` + one column per field seen in a sample of
  keys; locator ``{"key": k}``. ``fetch`` also accepts the contract's
  cell-level ``{"key": k, "field": f}`` and returns the key's row.
* string: one row per key; JSON objects are flattened to dotted columns
  (``user.email``), anything else is ``value``; locator ``{"key": k}``.
* list: one row per element (``_key``, ``value``); locator ``{"key", "index"}``,
  weak because pushes and pops shift indexes.
* set / zset: one row per member (``_key``, ``value``, zset ``score``); locator
  ``{"key", "member"}`` (the member is the address, so it may be personal).

Row shaping lives in :mod:`~pdscan_connectors.redis_rows`. Hash fields and
JSON paths missing from the sampled schema (``schema_sample`` keys per
collection) land in ``_extra`` (JSON text) instead of being dropped: a scanner
must not lose values silently. Values are decoded as UTF-8 with replacement;
keys and members that are not valid UTF-8 cannot be addressed by a JSON locator
and are skipped. Streams and module types are not read. SCAN may return a key
twice when the keyspace is rehashed mid-scan (Redis's guarantee, not ours), so
a read concurrent with heavy writes can repeat a row. Needs Redis ≥ 6.0
(``SCAN … TYPE``).

URL: ``redis[s]://[user:password@]host:port/db``. Options ``match``,
``max_keys``, ``patterns``, ``db``, ``password``, ``schema_sample``; ``match``
and ``max_keys`` may also be given in the query string
(``redis://host/0?match=session:*``) so a bare CLI argument can be scoped.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from itertools import islice
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import redis
from redis.connection import parse_url

from pdscan.connector import (
    DEFAULT_BATCH_SIZE,
    ChangeCheck,
    CollectionInfo,
    LocatedBatch,
    Locator,
    RowChange,
)
from pdscan.errors import CollectionNotFound, SourceError, UsageError, guard, one_line
from pdscan.redact import mask_text

from . import redis_write
from .redis_patterns import (
    KeyGrouper,
    collection_name,
    glob_to_regex,
    literal_prefix,
    split_name,
)
from .redis_rows import (
    CONTAINERS,
    SUPPORTED,
    Row,
    Shape,
    element_rows,
    infer_shape,
    key_row,
    strict,
    to_batch,
)

SCAN_COUNT = 1000  # keys per SCAN round trip
CHUNK = 500  # commands per pipeline round trip: bounds reply size
BIG = 10_000  # elements above which a list/set/zset is paged instead of read at once
_QUERY_OPTIONS = ("match", "max_keys")  # ours, not redis-py's: stripped from the URL
#: the options a Redis source takes (pdscan.toml keys besides ``url``)
OPTIONS = ("match", "max_keys", "schema_sample", "patterns", "include", "exclude", "password",
           "db", "connect_timeout", "timeout")


def _globs(label: str, options: Mapping[str, Any], key: str) -> list[str]:
    value = options.get(key) or []
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{label}: option {key!r} must be a glob or a list of globs "
                         "(of key patterns, e.g. 'session:*')")
    return value
_CARD = {"list": "llen", "set": "scard", "zset": "zcard"}


@dataclass
class _Group:
    """Inventory tally of one (pattern, type)."""

    keys: int = 0
    elements: int = 0
    sample: list[str] = field(default_factory=list)


class RedisConnector:
    secret_options: ClassVar[tuple[str, ...]] = ("password",)

    def __init__(self, client: redis.Redis, label: str, options: Mapping[str, Any]) -> None:
        self._r = client
        self.label = label
        self._match = str(options.get("match") or "*")
        self._max_keys = int(options.get("max_keys", 1_000_000))
        self._schema_sample = int(options.get("schema_sample", 100))
        patterns = options.get("patterns") or ()
        patterns = [patterns] if isinstance(patterns, str) else [str(p) for p in patterns]
        self._grouper = KeyGrouper(patterns, prefix=literal_prefix(self._match))
        # an explicit collection pattern may be wider than the source's scope
        self._scope = glob_to_regex(self._match) if self._match != "*" else None
        self._shapes: dict[str, Shape] | None = None
        self._include = _globs(label, options, "include")
        self._exclude = _globs(label, options, "exclude")

    def _wanted(self, name: str) -> bool:
        """Whether the ``include``/``exclude`` globs let a key pattern be read."""
        def hit(globs: list[str]) -> bool:
            return any(fnmatchcase(name, g) for g in globs)
        return (not self._include or hit(self._include)) and not hit(self._exclude)

    @classmethod
    def open(cls, url: str, label: str, options: Mapping[str, Any]) -> RedisConnector:
        parts = urlsplit(url)
        query = parse_qsl(parts.query, keep_blank_values=True)
        opts = {k: v for k, v in query if k in _QUERY_OPTIONS} | dict(options)
        secret = str(opts.get("password") or parts.password or "")
        label = mask_text(label, (secret,))
        unknown = sorted(set(options) - set(OPTIONS))
        if unknown:
            raise UsageError(f"{label}: unknown option(s) {', '.join(unknown)} for a Redis "
                             f"source (known: {', '.join(OPTIONS)})")
        rest = parts._replace(query=urlencode([q for q in query if q[0] not in _QUERY_OPTIONS]))
        try:
            kwargs = parse_url(urlunsplit(rest))
            if "db" in opts:
                kwargs["db"] = int(opts["db"])
            if opts.get("password"):
                kwargs["password"] = str(opts["password"])
            kwargs.setdefault("socket_connect_timeout", float(opts.get("connect_timeout", 5)))
            kwargs.setdefault("socket_timeout", float(opts.get("timeout", 60)))
            conn = cls(redis.Redis(connection_pool=redis.ConnectionPool(**kwargs)), label, opts)
        except (ValueError, TypeError) as exc:
            raise SourceError(label, f"invalid Redis URL or option: {one_line(exc)}") from exc
        try:
            conn._r.ping()
        except redis.AuthenticationError as exc:
            conn.close()
            raise SourceError(label, "authentication failed") from exc
        except (redis.RedisError, OSError, ValueError, TypeError) as exc:
            conn.close()
            reason = mask_text(one_line(exc), (secret,))
            raise SourceError(label, f"cannot connect: {reason}") from exc
        return conn

    def __enter__(self) -> RedisConnector:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._r.close()

    # -- talking to Redis -----------------------------------------------------

    def _pattern_of(self, key: str) -> str | None:
        if self._scope is not None and not self._scope.fullmatch(key):
            return None
        return self._grouper.pattern_of(key)

    def _scan(self, match: str, rtype: str | None = None,
              pattern: str | None = None) -> Iterator[list[str]]:
        """Chunks of keys, optionally of one type and exactly one collection pattern.

        MATCH only prefilters: ``user:*`` also matches ``user:42:cart``.
        """
        chunk: list[str] = []
        for raw in self._r.scan_iter(match=match, count=SCAN_COUNT, _type=rtype):
            key = strict(raw)
            if key is None or (pattern is not None and self._pattern_of(key) != pattern):
                continue
            chunk.append(key)
            if len(chunk) >= CHUNK:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def _pipe(self, method: str, calls: Iterable[Any], **kw: Any) -> list[Any]:
        """``method`` once per item of ``calls`` (a key or an args tuple), pipelined.

        A key deleted or retyped meanwhile yields an error object, not a raise.
        """
        out: list[Any] = []
        it = iter(calls)
        while chunk := list(islice(it, CHUNK)):
            pipe = self._r.pipeline(transaction=False)
            for args in chunk:
                getattr(pipe, method)(*(args if isinstance(args, tuple) else (args,)), **kw)
            out.extend(pipe.execute(raise_on_error=False))
        return out

    def _all(self, rtype: str, keys: Iterable[str]) -> list[Any]:
        if rtype == "list":
            return self._pipe("lrange", ((k, 0, -1) for k in keys))
        if rtype == "set":
            return self._pipe("smembers", keys)
        return self._pipe("zrange", ((k, 0, -1) for k in keys), withscores=True)

    # -- inventory ------------------------------------------------------------

    def collections(self) -> list[CollectionInfo]:
        with guard(self.label, "listing collections"):
            groups, complete = self._tally()
            types: dict[str, int] = {}
            for pattern, _ in groups:
                types[pattern] = types.get(pattern, 0) + 1
            shapes: dict[str, Shape] = {}
            infos = []
            self.unreadable: dict[str, str] = {}
            for (pattern, rtype), g in sorted(groups.items()):
                name = collection_name(pattern, rtype, mixed=types[pattern] > 1)
                if not self._wanted(name):
                    continue
                try:  # one pattern's values failing leaves the other patterns listed
                    replies = [] if rtype in CONTAINERS else self._pipe(
                        "hgetall" if rtype == "hash" else "get", g.sample)
                    shape = shapes[name] = infer_shape(name, pattern, rtype, replies)
                except redis.RedisError as exc:
                    self.unreadable[name] = one_line(exc)
                    continue
                fingerprint = {"keys": g.keys}
                if rtype in CONTAINERS:
                    fingerprint["elements"] = g.elements
                infos.append(CollectionInfo(
                    source=self.label, name=name, kind="key_pattern", columns=shape.columns,
                    row_count=g.elements if rtype in CONTAINERS else g.keys,
                    row_count_exact=complete,
                    primary_key=() if rtype == "list" else
                    ("_key",) if rtype in ("hash", "string") else ("_key", "value"),
                    weak_locator=rtype == "list", locator_holds_values=True,
                    fingerprint=fingerprint))
            self._shapes = shapes
            return infos

    def _tally(self) -> tuple[dict[tuple[str, str], _Group], bool]:
        """Count keys (and elements) per (pattern, type), keeping a reservoir of keys."""
        rng = random.Random(0)
        groups: dict[tuple[str, str], _Group] = {}
        seen = 0
        for chunk in self._scan(self._match):
            chunk = chunk[: self._max_keys - seen]
            seen += len(chunk)
            types = [t.decode() if isinstance(t, bytes) else str(t)
                     for t in self._pipe("type", chunk)]
            cards: dict[str, Any] = {}
            for rtype, method in _CARD.items():
                ks = [k for k, t in zip(chunk, types, strict=True) if t == rtype]
                cards.update(zip(ks, self._pipe(method, ks), strict=True))
            for key, rtype in zip(chunk, types, strict=True):
                pattern = self._pattern_of(key)
                if rtype not in SUPPORTED or pattern is None:
                    continue
                g = groups.setdefault((pattern, rtype), _Group())
                g.keys += 1
                card = cards.get(key, 0)
                g.elements += card if isinstance(card, int) else 0
                if len(g.sample) < self._schema_sample:
                    g.sample.append(key)
                elif (j := rng.randrange(g.keys)) < self._schema_sample:
                    g.sample[j] = key
            if seen >= self._max_keys:
                return groups, False
        return groups, True

    def _shape(self, name: str) -> Shape:
        if self._shapes is None:
            self.collections()
        assert self._shapes is not None
        if name in self._shapes:
            return self._shapes[name]
        pattern, rtype = split_name(name)
        shape = self._shapes.get(pattern)
        if shape is None or shape.rtype != rtype:
            raise CollectionNotFound(self.label, name)
        return shape

    # -- rows -----------------------------------------------------------------

    def _key_rows(self, shape: Shape, keys: Sequence[str]) -> list[Row]:
        replies = self._pipe("hgetall" if shape.rtype == "hash" else "get", keys)
        rows = (key_row(shape, k, r) for k, r in zip(keys, replies, strict=True))
        return [r for r in rows if r is not None]

    def _container_rows(self, shape: Shape, keys: Sequence[str]) -> Iterator[list[Row]]:
        """Elements of each key; big containers are paged so one key never fills memory."""
        small: list[str] = []
        budget = 0
        for key, card in zip(keys, self._pipe(_CARD[shape.rtype], keys), strict=True):
            if not isinstance(card, int) or card == 0:
                continue
            if card > BIG:
                yield from self._page(shape, key, card)
                continue
            small.append(key)
            budget += card
            if budget >= BIG:
                yield self._small_rows(shape, small)
                small, budget = [], 0
        if small:
            yield self._small_rows(shape, small)

    def _small_rows(self, shape: Shape, keys: list[str]) -> list[Row]:
        replies = self._all(shape.rtype, keys)
        return [row for k, r in zip(keys, replies, strict=True)
                if not isinstance(r, Exception) for row in element_rows(shape, k, r)]

    def _page(self, shape: Shape, key: str, card: int) -> Iterator[list[Row]]:
        if shape.rtype == "list":
            for start in range(0, card, BIG):
                yield element_rows(shape, key, self._r.lrange(key, start, start + BIG - 1), start)
            return
        # SSCAN/ZSCAN may repeat a member if the key is resized during the read
        it = (self._r.sscan_iter(key, count=SCAN_COUNT) if shape.rtype == "set"
              else self._r.zscan_iter(key, count=SCAN_COUNT))
        while page := list(islice(it, BIG)):
            yield element_rows(shape, key, page)

    # -- the protocol ---------------------------------------------------------

    def read(self, collection: str, columns: Sequence[str] | None = None,
             batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[LocatedBatch]:
        with guard(self.label, f"reading {collection}"):
            shape = self._shape(collection)
            pending: list[Row] = []
            for keys in self._scan(shape.pattern, shape.rtype, shape.pattern):
                pages = (self._container_rows(shape, keys) if shape.rtype in CONTAINERS
                         else [self._key_rows(shape, keys)])
                for page in pages:
                    pending.extend(page)
                    while len(pending) >= batch_size:
                        yield to_batch(shape, pending[:batch_size], columns)
                        del pending[:batch_size]
            if pending:
                yield to_batch(shape, pending, columns)

    def sample(self, collection: str, n: int, columns: Sequence[str] | None = None,
               seed: int = 0) -> LocatedBatch:
        with guard(self.label, f"sampling {collection}"):
            shape = self._shape(collection)
            rng = random.Random(seed)
            chosen: list[str] = []
            seen = 0
            # reservoir over the keys alone (cheap), then fetch only the chosen ones
            for keys in self._scan(shape.pattern, shape.rtype, shape.pattern):
                for key in keys:
                    seen += 1
                    if len(chosen) < n:
                        chosen.append(key)
                    elif (j := rng.randrange(seen)) < n:
                        chosen[j] = key
            rows = (self._sample_elements(shape, chosen, n, rng) if shape.rtype in CONTAINERS
                    else self._key_rows(shape, chosen))
            return to_batch(shape, rows[:n], columns)

    def _sample_elements(self, shape: Shape, keys: list[str], n: int,
                         rng: random.Random) -> list[Row]:
        """``n`` elements spread over ``keys``, fetching no more than ``n``."""
        cards = [c if isinstance(c, int) else 0 for c in self._pipe(_CARD[shape.rtype], keys)]
        quota = [0] * len(keys)
        left = n
        while left and (open_ := [i for i, c in enumerate(cards) if quota[i] < c]):
            share = max(1, left // len(open_))
            for i in open_:
                give = min(share, cards[i] - quota[i], left)
                quota[i] += give
                left -= give
        rows: list[Row] = []
        for key, card, q in zip(keys, cards, quota, strict=True):
            if q == card and q:
                rows.extend(self._small_rows(shape, [key]))
            elif q and shape.rtype == "set":
                rows.extend(element_rows(shape, key, self._r.srandmember(key, q)))
            elif q:
                picks = sorted(rng.sample(range(card), q))
                if shape.rtype == "list":
                    got = self._pipe("lindex", ((key, i) for i in picks))
                else:
                    got = [r[0] if isinstance(r, list) and r else None for r in self._pipe(
                        "zrange", ((key, i, i) for i in picks), withscores=True)]
                rows.extend(row for i, item in zip(picks, got, strict=True)
                            if item is not None and not isinstance(item, Exception)
                            for row in element_rows(shape, key, [item], i))
        return rows

    # -- writing (erasure): see redis_write.py ---------------------------------------
    def render_changes(self, changes: Sequence[RowChange]) -> list[str]:
        return redis_write.render(self, changes)

    def apply_changes(self, changes: Sequence[RowChange], check: ChangeCheck,
                      dry_run: bool = False) -> list[str]:
        return redis_write.apply(self, changes, check, dry_run)

    #: No collection here declares a foreign key (erasure need not look for them).
    declares_keys: ClassVar[bool] = False

    def references(self, collection: str, columns: Sequence[str],
                   keys: Sequence[Sequence[Any]]) -> LocatedBatch:
        """Redis declares no foreign keys: nothing references its rows."""
        return to_batch(self._shape(collection), [], None)

    def fetch(self, collection: str, locators: Sequence[Locator],
              columns: Sequence[str] | None = None) -> LocatedBatch:
        with guard(self.label, f"fetching from {collection}"):
            shape = self._shape(collection)
            wanted = [d for d in (loc.to_dict() for loc in locators)
                      if isinstance(d.get("key"), str)
                      and self._pattern_of(d["key"]) == shape.pattern]
            if shape.rtype not in CONTAINERS:
                return to_batch(shape, self._key_rows(shape, [d["key"] for d in wanted]),
                                columns)
            if shape.rtype == "list":
                wanted = [d for d in wanted if type(d.get("index")) is int and d["index"] >= 0]
                addr, method = "index", "lindex"
            else:
                wanted = [d for d in wanted if isinstance(d.get("member"), str)]
                addr, method = "member", "sismember" if shape.rtype == "set" else "zscore"
            rows: list[Row] = []
            replies = self._pipe(method, ((d["key"], d[addr]) for d in wanted))
            for d, r in zip(wanted, replies, strict=True):
                # SISMEMBER answers 0 for absent; a zset score of 0.0 is present
                if isinstance(r, Exception) or r is None or (shape.rtype == "set" and not r):
                    continue
                item = r if addr == "index" else d["member"].encode()
                item = (item, r) if shape.rtype == "zset" else item
                rows.extend(element_rows(shape, d["key"], [item], d.get("index", 0)))
            return to_batch(shape, rows, columns)
