"""The connector protocol and its value types. No I/O happens here.

A connector reads one *source* (a database, a folder of files, a Redis server)
and exposes it as *collections* (tables, files, key patterns). Every row it
yields comes with a :class:`Locator` that fetches the same row again, so that
later stages (index, lookup, export, erasure) never need to know how a store
addresses its rows.

Built-in connectors live in ``connectors/`` (installed as ``pdscan_connectors``)
and are discovered through the ``pdscan.connectors`` entry-point group, like any
third-party connector.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

if TYPE_CHECKING:
    import pyarrow as pa

if importlib.util.find_spec("dateutil") is None:
    # pyarrow tries ``import dateutil.relativedelta`` each time it infers the type of
    # Python values; without dateutil every try searches sys.path again (0.2 ms, a
    # tenth of a small scan). Remember once that it is not there.
    sys.modules.setdefault("dateutil", None)  # type: ignore[arg-type]
    sys.modules.setdefault("dateutil.relativedelta", None)  # type: ignore[arg-type]

#: Default number of rows per streamed batch: large enough for vectorised work,
#: small enough that a wide table stays in tens of MB.
DEFAULT_BATCH_SIZE = 10_000

# Portable column types reported by every connector (``ColumnInfo.type``).
COLUMN_TYPES = (
    "string", "integer", "float", "decimal", "boolean", "date", "datetime",
    "time", "binary", "json", "list", "unknown",
)


def portable_type(dt: pa.DataType) -> str:
    """The portable column type (``pdscan.connector.COLUMN_TYPES``) of an Arrow type."""
    import pyarrow.types as pat  # (the value types here are used without pyarrow)

    if pat.is_dictionary(dt):
        return portable_type(dt.value_type)
    checks = (
        (pat.is_boolean, "boolean"), (pat.is_integer, "integer"),
        (pat.is_floating, "float"), (pat.is_decimal, "decimal"),
        (pat.is_timestamp, "datetime"), (pat.is_date, "date"), (pat.is_time, "time"),
        (lambda t: pat.is_string(t) or pat.is_large_string(t) or pat.is_string_view(t),
         "string"),
        (lambda t: pat.is_binary(t) or pat.is_large_binary(t) or pat.is_fixed_size_binary(t),
         "binary"),
        (lambda t: pat.is_list(t) or pat.is_large_list(t) or pat.is_fixed_size_list(t)
         or pat.is_list_view(t), "list"),
        (lambda t: pat.is_struct(t) or pat.is_map(t), "json"),
    )
    return next((name for check, name in checks if check(dt)), "unknown")


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    type: str = "unknown"
    nullable: bool = True
    native_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "type": self.type, "nullable": self.nullable}
        if self.native_type:
            d["native_type"] = self.native_type
        return d


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    ref_collection: str
    ref_columns: tuple[str, ...]
    on_delete: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "columns": list(self.columns),
            "references": {"collection": self.ref_collection, "columns": list(self.ref_columns)},
            "on_delete": self.on_delete,
        }


@dataclass(frozen=True)
class CollectionInfo:
    """What a connector knows about one collection without reading it."""

    source: str
    name: str
    kind: str  # "table" | "view" | "file" | "key_pattern"
    columns: tuple[ColumnInfo, ...] = ()
    row_count: int | None = None
    row_count_exact: bool = False
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    #: True when the locator is not a declared key (rowid, ctid, line of a
    #: file that may be rewritten): good for reading now, not for years.
    weak_locator: bool = False
    #: Column sets declared UNIQUE (a primary key included): a mask must keep them so.
    unique: tuple[tuple[str, ...], ...] = ()
    #: True when locators carry the data's own values (a row's values where there is
    #: no key, a Redis key or member chosen by the application): the index seals them.
    locator_holds_values: bool = False
    #: Cheap change markers (size, mtime, etag, row count, ...) used to skip
    #: unchanged collections on incremental runs.
    fingerprint: Mapping[str, Any] = field(default_factory=dict)

    def column(self, name: str) -> ColumnInfo | None:
        return next((c for c in self.columns if c.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "collection": self.name,
            "kind": self.kind,
            "row_count": self.row_count,
            "row_count_exact": self.row_count_exact,
            "primary_key": list(self.primary_key),
            "foreign_keys": [fk.to_dict() for fk in self.foreign_keys],
            "weak_locator": self.weak_locator,
            "columns": [c.to_dict() for c in self.columns],
        }


@dataclass(frozen=True)
class Locator:
    """Address of one row, as the JSON object of the CLI contract.

    SQL ``{"pk": {"id": 42}}`` (or ``{"rowid": 17, "weak": true}``), files
    ``{"path": "a.csv", "line": 3}`` / ``{"path": "a.json", "record": 7}``,
    Redis ``{"key": "user:42"}`` (``"field"`` for one hash field).
    Hashable and round-trips through ``str`` (canonical JSON).
    """

    text: str

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Locator:
        return cls(json.dumps(data, sort_keys=True, separators=(",", ":"), default=str))

    @classmethod
    def parse(cls, text: str) -> Locator:
        return cls.of(json.loads(text))

    def to_dict(self) -> dict[str, Any]:
        return json.loads(self.text)

    @property
    def weak(self) -> bool:
        return bool(self.to_dict().get("weak", False))

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class LocatedBatch:
    """A record batch plus one locator per row.

    ``locators`` is a struct array whose rows are the contract's locator
    objects (``locators.to_pylist()[i]`` is row ``i``'s locator dict); keeping
    it columnar lets the index hash millions of locators without a Python
    object per row.
    """

    batch: pa.RecordBatch
    locators: pa.StructArray

    def __post_init__(self) -> None:
        if len(self.locators) != self.batch.num_rows:
            raise ValueError(
                f"{len(self.locators)} locators for {self.batch.num_rows} rows"
            )

    @property
    def num_rows(self) -> int:
        return self.batch.num_rows

    def locator(self, i: int) -> Locator:
        return Locator.of(self.locators[i].as_py())

    def iter_locators(self) -> Iterator[Locator]:
        for d in self.locators.to_pylist():
            yield Locator.of(d)

    def rows_by_locator(self) -> dict[Locator, dict[str, Any]]:
        """Each row as a dict, keyed by its locator (to match fetched rows to hits)."""
        return dict(zip(self.iter_locators(), self.batch.to_pylist(), strict=True))

    @staticmethod
    def concat(batches: Sequence[LocatedBatch], schema: pa.Schema | None = None) -> LocatedBatch:
        """Join batches of one collection into one (for samples and fetches)."""
        import pyarrow as pa

        if not batches:
            if schema is None:
                raise ValueError("cannot concatenate zero batches without a schema")
            return empty_batch(schema)
        table = promoted([b.batch for b in batches]).combine_chunks()
        batch = table.to_batches()[0] if table.num_rows else pa.RecordBatch.from_pylist(
            [], schema=table.schema)
        locs = pa.concat_arrays([b.locators for b in batches])
        return LocatedBatch(batch, locs)


def rebatched(batches: Iterable[LocatedBatch], min_rows: int) -> Iterator[LocatedBatch]:
    """Join small consecutive batches (a CSV block is ~10k rows) into ones of at least
    ``min_rows``: per-batch work (dictionary encoding, hashing calls) then amortises."""
    pending: list[LocatedBatch] = []
    held = 0
    for lb in batches:
        if pending and (lb.batch.schema != pending[0].batch.schema
                        or lb.locators.type != pending[0].locators.type):
            yield _joined(pending)
            pending, held = [], 0
        pending.append(lb)
        held += lb.num_rows
        if held >= min_rows:
            yield _joined(pending)
            pending, held = [], 0
    if pending:
        yield _joined(pending)


def collection_names(conn: Connector) -> list[str]:
    """A source's collections by name: ``conn.collection_names()`` where the connector
    can list them without describing each (files: no probe), else from ``collections()``.
    """
    names = getattr(conn, "collection_names", None)
    return list(names()) if names is not None else [i.name for i in conn.collections()]


def describe(conn: Connector, collection: str) -> CollectionInfo:
    """One collection's info: ``conn.describe(name)`` where the connector can describe
    one alone, else from ``collections()``."""
    one = getattr(conn, "describe", None)
    if one is not None:
        info: CollectionInfo = one(collection)
        return info
    for info in conn.collections():
        if info.name == collection:
            return info
    from pdscan.errors import CollectionNotFound

    raise CollectionNotFound(conn.label, collection)


def prefetched(batches: Iterable[LocatedBatch], depth: int = 2) -> Iterator[LocatedBatch]:
    """``batches``, read ahead by a thread while the caller works on the previous ones:
    reading (a database's wire protocol, a file's decompression and parsing) releases
    the GIL, so the read and the caller's hashing overlap on two cores. At most
    ``depth`` batches wait; an error in the read is raised here, and a caller that stops
    early stops the read."""
    import queue
    import threading

    pending: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: tuple[str, Any]) -> bool:
        """Queue ``item`` unless the caller stopped reading (False then)."""
        while not stop.is_set():
            try:
                pending.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        try:
            for lb in batches:
                if not put(("batch", lb)):
                    return
            put(("end", None))
        except BaseException as exc:  # handed to the caller, which raises it
            put(("error", exc))
        finally:
            close = getattr(batches, "close", None)
            if stop.is_set() and close is not None:
                close()

    reader = threading.Thread(target=run, name="pdscan-read", daemon=True)
    reader.start()
    try:
        while True:
            kind, item = pending.get()
            if kind == "end":
                return
            if kind == "error":
                raise item
            yield item
    finally:
        stop.set()  # the reader sees it within 0.1 s of its next put
        reader.join()


def _joined(batches: list[LocatedBatch]) -> LocatedBatch:
    import pyarrow as pa

    if len(batches) == 1:
        return batches[0]
    table = promoted([b.batch for b in batches]).combine_chunks()
    return LocatedBatch(table.to_batches()[0] if table.num_rows else batches[0].batch,
                        pa.concat_arrays([b.locators for b in batches]))


def promoted(batches: Sequence[pa.RecordBatch]) -> pa.Table:
    """Batches of one collection as one table; a column NULL throughout one batch (typed
    null by the reader) takes the type the others give it."""
    import pyarrow as pa

    if len({b.schema for b in batches}) <= 1:
        return pa.Table.from_batches(batches)
    return pa.concat_tables([pa.Table.from_batches([b]) for b in batches],
                            promote_options="default")


def empty_batch(schema: pa.Schema) -> LocatedBatch:
    import pyarrow as pa

    return LocatedBatch(pa.RecordBatch.from_pylist([], schema=schema), pa.array([], pa.struct([])))


@runtime_checkable
class Connector(Protocol):
    """What every connector provides: read-only access, nothing else.

    Implementations are constructed by their ``open`` classmethod (see
    :class:`ConnectorFactory`) and closed with :meth:`close`.
    """

    label: str

    def collections(self) -> list[CollectionInfo]:
        """Every collection of the source, with its schema."""
        ...

    def read(
        self, collection: str, columns: Sequence[str] | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> Iterator[LocatedBatch]:
        """Stream the whole collection in batches of at most ``batch_size`` rows."""
        ...

    def sample(
        self, collection: str, n: int, columns: Sequence[str] | None = None, seed: int = 0,
    ) -> LocatedBatch:
        """Up to ``n`` rows spread over the collection (not its first rows)."""
        ...

    def fetch(
        self, collection: str, locators: Sequence[Locator], columns: Sequence[str] | None = None,
    ) -> LocatedBatch:
        """The rows at ``locators`` (missing ones are left out)."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class RowChange:
    """One change erasure makes to one row: delete it, or set some of its columns."""

    collection: str
    locator: Locator
    action: str  # "delete" | "update"
    values: Mapping[str, Any] = field(default_factory=dict)  # column -> new value


#: What happened to a change (``WritableConnector.apply_changes``).
APPLIED = "applied"  # written now
DONE = "done"  # already as asked (a rerun after a crash): nothing to write
CHANGED = "changed"  # the row changed since it was planned: left alone
GONE = "gone"  # the row to update is no longer there
DRY_RUN = "would apply"  # it would be written

#: Decides a change from the row as it is now (None: not there): "apply", "done" or
#: "changed" (see ``pdscan.erasure``).
ChangeCheck = Callable[[RowChange, Mapping[str, Any] | None], str]


@runtime_checkable
class WritableConnector(Connector, Protocol):
    """Optional capability for erasure: a connector that can change rows.

    Plans are rendered before they are applied, so a connector also renders each
    change as the store's own statements (dialect SQL, Redis commands) without running
    them. Applying reads each row again first, under a lock where the store has one,
    and asks ``check`` whether it is still the row that was planned: rows that changed
    are left alone, rows already changed as asked (a rerun) are not written twice.

    A connector whose collections never declare foreign keys (files, Redis) may say so
    with a class attribute ``declares_keys = False``: erasure then does not list its
    collections to look for rows that reference the ones it deletes.
    """

    def render_changes(self, changes: Sequence[RowChange]) -> list[str]:
        """The changes as statements of the store, in order, not run."""
        ...

    def apply_changes(self, changes: Sequence[RowChange], check: ChangeCheck,
                      dry_run: bool = False) -> list[str]:
        """Apply the changes in order, atomically where the store allows (one
        transaction per source for a database, one rename per file); return each
        change's outcome (``APPLIED``, ``DONE``, ``CHANGED``, ``GONE``, ``DRY_RUN``)."""
        ...

    def references(self, collection: str, columns: Sequence[str],
                   keys: Sequence[Sequence[Any]]) -> LocatedBatch:
        """The rows of ``collection`` whose ``columns`` hold one of ``keys`` (the rows
        a foreign key makes point at those keys)."""
        ...


class ConnectorFactory(Protocol):
    """The object an entry point names: usually the connector class itself."""

    #: Names of options (config keys) that are secrets and must be redacted.
    secret_options: ClassVar[tuple[str, ...]]

    @classmethod
    def open(cls, url: str, label: str, options: Mapping[str, Any]) -> Connector: ...
