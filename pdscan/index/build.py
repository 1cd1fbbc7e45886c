"""``build_index``: read every identifying column in full and store keyed postings.

For each collection, detection on a sample says which columns identify people
(e-mail, phone, IP, ids, names ...). Those columns are then streamed in full,
each value normalised per category (on *distinct* values only), hashed with
HMAC and stored as a posting ``token -> (collection, row)``. Keys that link
rows — declared foreign keys, the primary keys they point at, and id columns
whose values are found in a collection of people — are hashed in the namespace
of the collection they reference, so that ``orders.customer_id = 42`` and
``customers.id = 42`` share a token.

A full build writes a new file and renames it over the old one; an incremental
build replaces a changed collection's postings in one transaction. Either way
an interrupted run leaves the previous index usable.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pdscan.config import SourceSpec
from pdscan.connector import CollectionInfo, Connector, rebatched
from pdscan.detect import DetectOptions, Finding, _kind, collection_words, detect_collection
from pdscan.errors import ConfigError, SourceError
from pdscan.index.db import exists, is_url, open_db, swap_in
from pdscan.index.keys import TOKEN_BYTES, Tokeniser, load_key
from pdscan.index.postings import HubRule, PostingSorter, RowBlocks, pack_row_tokens
from pdscan.index.store import (
    BulkWriter,
    IndexStore,
    RowWriter,
    bulk_available,
    migrate,
    transaction,
)
from pdscan.redact import mask_url
from pdscan.rules import RULES_BY_ID
from pdscan.sources import SourceFailure, guard, open_all
from pdscan.validators import Context, name_normal, trimmed_vector

#: Identifier kinds that expand a lookup to other rows ("strong"), that suggest
#: only ("weak", names), and the key kinds that link rows.
NAME_RULES = ("full_name",)
REF = "ref"  # a reference to a row of another collection (a foreign key)
KEY = "key"  # a row's own primary key, in its collection's namespace
UID = "uid"
BATCH = 128_000  # rows per batch: per-batch work amortises, memory stays bounded
CONTACT_CATEGORIES = ("user.contact.email", "user.contact.phone_number")
#: Share of sampled id values that must exist in a collection of people to link to it.
INFER_RATIO = 0.8


def hash_kind(kind: str) -> str:
    """A primary key and the foreign keys pointing at it hash alike."""
    return REF if kind == KEY else kind


@dataclass(frozen=True)
class IndexColumn:
    name: str  # a column, or "first+last" for a name made of two columns
    category: str
    kind: str  # a rule id, "name", "ref" or "uid"
    namespace: str = ""
    sources: tuple[str, ...] = ()  # the column(s) read
    #: Inside a list of records (``contacts`` -> ``email``): one value per element.
    path: tuple[str, ...] = ()

    def plan(self) -> str:
        return f"{self.name}:{self.kind}:{self.namespace}"


@dataclass
class IndexReport:
    path: str
    collections_indexed: int = 0
    collections_unchanged: int = 0
    rows: int = 0
    cells: int = 0
    postings: int = 0
    seconds: float = 0.0
    links: list[dict[str, Any]] = field(default_factory=list)
    errors: list[SourceFailure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.path, "collections_indexed": self.collections_indexed,
            "collections_unchanged": self.collections_unchanged, "rows": self.rows,
            "identifier_cells": self.cells, "postings": self.postings,
            "seconds": round(self.seconds, 3),
            "cells_per_second": round(self.cells / self.seconds) if self.seconds else None,
            "links": self.links, "errors": [e.to_dict() for e in self.errors],
        }


def key_path(index: str | Path) -> Path:
    """The key file beside an index file; for a PostgreSQL index, in ``.pdscan/``."""
    if is_url(index):
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", mask_url(str(index)).split("://", 1)[1])
        return Path(".pdscan") / f"{safe}.key"
    path = Path(index)
    return path.with_name(path.stem + ".key")


def _where(info: CollectionInfo, column: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(column to read, path inside it): ``contacts.email`` is ``email`` in ``contacts``."""
    names = {c.name for c in info.columns}
    if column in names or "." not in column:
        return (column,), ()
    parts = column.split(".")
    for i in range(len(parts) - 1, 0, -1):
        top = ".".join(parts[:i])
        if top in names:
            return (top,), tuple(parts[i:])
    return (column,), ()


def plan_columns(source: str, info: CollectionInfo, findings: Sequence[Finding],
                 referenced: set[str]) -> list[IndexColumn]:
    """Which columns of ``info`` to index, and how."""
    cols: list[IndexColumn] = []
    fk_cols = {fk.columns[0]: fk for fk in info.foreign_keys if len(fk.columns) == 1}
    planned: set[str] = set()
    for col, fk in fk_cols.items():
        cols.append(IndexColumn(col, "user.unique_id", REF, f"{source}|{fk.ref_collection}",
                                (col,)))
        planned.add(col)
    pk = info.primary_key
    is_person = _kind(collection_words(info.name)) == "person"
    if len(pk) == 1 and pk[0] not in planned and (is_person or info.name in referenced):
        cols.append(IndexColumn(pk[0], "user.unique_id", KEY, f"{source}|{info.name}", pk))
        planned.add(pk[0])
    first = last = None
    for f in findings:
        rule = RULES_BY_ID.get(f.rule)
        if rule is None or f.column in planned:
            continue
        read, path = _where(info, f.column)
        if f.category == "user.unique_id":
            cols.append(IndexColumn(f.column, f.category, UID,
                                    f"{source}|{info.name}|{f.column}", read, path))
        elif f.rule == "first_name":
            first = f.column
        elif f.rule == "last_name":
            last = f.column
        elif rule.identifier and rule.normaliser:
            kind = "name" if f.rule in NAME_RULES else rule.id
            cols.append(IndexColumn(f.column, f.category, kind, "", read, path))
        else:
            continue
        planned.add(f.column)
    if first and last:
        cols.append(IndexColumn(f"{first}+{last}", "user.name", "name", "", (first, last)))
    return cols


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


#: Identifier kinds whose shared values only volume tells (see ``HubRule``).
HUB_KINDS = ("ip",)


class _TokenCache:
    """Tokens of one kind and namespace already computed, by raw value, as Arrow
    and numpy arrays (a tenth of the memory of a dict; probed with ``index_in``).

    A person's values recur all over a table (their orders, their visits), but
    when they recur further apart than the cache holds, probing costs more than
    it saves. Once the cache has filled, it measures its hit rate and stands
    aside while that is low, trying again after many values."""

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


class _Repetition:
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


class _Hasher:
    """Normalise and hash a column's values, batch by batch.

    Normalisation is vectorised where the rule allows (``vector_normaliser``) and
    hashing is one compiled call per batch, so the common values cost a few
    hundred nanoseconds each; a batch is deduplicated first only where its values
    repeat (``_Repetition``). What the vectorised normaliser leaves undecided goes
    through the Python normaliser, once per distinct value, with its tokens cached
    per kind and namespace across batches (bounded, see ``_TokenCache``).
    """

    def __init__(self, tok: Tokeniser, ctx: Context, limit: int = 500_000) -> None:
        self.tok, self.ctx, self.limit = tok, ctx, limit
        self.caches: dict[tuple[str, str], _TokenCache] = {}
        self.repetition: dict[IndexColumn, _Repetition] = {}

    def tokens(self, col: IndexColumn, arr: pa.Array) -> tuple[np.ndarray, np.ndarray]:
        """(positions in ``arr`` of the values that have a token, their (k, 16) tokens)."""
        if not pa.types.is_string(arr.type):
            arr = pc.cast(arr, pa.string())
        repetition = self.repetition.setdefault(col, _Repetition())
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

    def _hash(self, col: IndexColumn, values: pa.Array) -> np.ndarray:
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

    def _slow(self, col: IndexColumn, values: pa.Array) -> np.ndarray:
        """Tokens of distinct values that need the Python normaliser, through the cache."""
        cache = self.caches.setdefault((col.kind, col.namespace), _TokenCache(self.limit))
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

    def _normalise_and_hash(self, col: IndexColumn, values: pa.Array) -> np.ndarray:
        norm = _normaliser(col.kind)
        normalised = [norm(v, self.ctx) if v else None for v in values.to_pylist()]
        return self.tok.digests(hash_kind(col.kind), col.namespace,
                                pa.array(normalised, pa.string()))


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


def _locators(locs: pa.StructArray, seal: Callable[[str], bytes] | None) -> pa.Array:
    """Each row's locator as compact JSON bytes, sealed when it is itself personal."""
    fast = _json_array(locs)
    if isinstance(fast, pa.Scalar):
        fast = pa.repeat(fast, len(locs))
    if fast is not None and seal is None:
        return pc.cast(fast, pa.binary())
    texts = fast.to_pylist() if fast is not None else [
        json.dumps(d, sort_keys=True, separators=(",", ":"), default=str)
        for d in locs.to_pylist()]
    return pa.array([seal(t) for t in texts] if seal else [t.encode() for t in texts],
                    pa.binary())


def _column_values(batch: pa.RecordBatch, col: IndexColumn
                   ) -> tuple[pa.Array, np.ndarray | None]:
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


def _column_postings(hasher: _Hasher, col: IndexColumn, batch: pa.RecordBatch,
                     first_row: int) -> tuple[np.ndarray, np.ndarray]:
    """(row numbers, (k, 16) tokens) of one column of a batch."""
    values, parents = _column_values(batch, col)
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


def _spill_dir(index: str | Path) -> Path | None:
    """Where a sort may spill: beside an index file (its disk has room for it)."""
    return None if is_url(index) else Path(index).absolute().parent


def _index_collection(store: IndexStore, writer: RowWriter, sorter: PostingSorter,
                      hubs: HubRule, conn: Connector, source: str, info: CollectionInfo,
                      cols: list[IndexColumn], hasher: _Hasher, sealed: bool, is_person: bool,
                      fingerprint: dict[str, Any], report: IndexReport,
                      progress: Callable[[str, CollectionInfo, int], None] | None = None,
                      ) -> dict[str, int]:
    """Replace one collection's rows and postings, atomically. Returns column ids.

    A bulk build hands the postings to the build's ``sorter``; otherwise this
    collection's are sorted and written here, in its transaction."""
    read_cols = sorted({c for col in cols for c in col.sources})
    seal = hasher.tok.seal if sealed else None
    # A bulk writer fills a new file (atomic by its final rename); otherwise the
    # replacement is one transaction.
    with nullcontext() if writer.bulk else transaction(store.db):
        cid = store.replace_collection(source, info.name, is_person, sealed, fingerprint)
        ids = {col.name: store.add_column(cid, col.name, col.category, col.kind, col.namespace,
                                          bool(col.path))
               for col in cols}
        if not cols:  # nothing identifying: known, but no row to find
            return ids
        hubs.columns.update(ids[c.name] for c in cols if c.kind in HUB_KINDS)
        mine = sorter if writer.bulk else PostingSorter(sorter.spill_parent)
        blocks = RowBlocks(writer.write, cid)
        try:
            row_no = 0
            for lb in rebatched(conn.read(info.name, columns=read_cols, batch_size=BATCH),
                                BATCH):
                n = lb.num_rows
                parts = []
                for col in cols:
                    rows, tokens = _column_postings(hasher, col, lb.batch, row_no)
                    mine.add(tokens, ids[col.name], rows)
                    parts.append((ids[col.name], rows, tokens))
                    report.postings += len(rows)
                    if col.kind not in (REF, KEY):
                        report.cells += n
                blocks.add(_locators(lb.locators, seal), pack_row_tokens(row_no, n, parts))
                row_no += n
                pa.default_memory_pool().release_unused()  # flat memory over a long read
                if progress:
                    progress(source, info, row_no)
            blocks.close()
            if mine is not sorter:
                mine.write(writer.write, hubs)
        except BaseException:
            if writer.bulk:  # no transaction around a bulk load: undo this collection
                writer.rollback()
                sorter.drop(ids.values())
                store.forget_collection(cid)
            raise
        finally:
            if mine is not sorter:
                mine.close()
        writer.commit()
        store.set_rows(cid, row_no)
        report.rows += row_no
    return ids


def build_index(
    specs: Sequence[SourceSpec], index: str | Path = ".pdscan/index.db", full: bool = False,
    options: DetectOptions | None = None,
    progress: Callable[[str, CollectionInfo, int], None] | None = None,
) -> IndexReport:
    """Index every identifying column of ``specs`` into the SQLite file ``index``.

    >>> build_index([SourceSpec("shop", "sqlite:///sample_db/shop.db")])  # doctest: +SKIP
    """
    opts = options or DetectOptions()
    tok = Tokeniser(load_key(key_path(index), create=True))
    report = IndexReport(str(index) if not is_url(index) else mask_url(str(index)))
    started = time.perf_counter()
    aside = full or not exists(index)
    db = open_db(index, build=aside)
    store = IndexStore(db)
    migrate(db)
    check = store.meta("key_check")
    if check is not None and check != tok.check.hex():
        db.close()
        raise ConfigError(f"{report.path}: built with another key (PDSCAN_INDEX_KEY / "
                          f"{key_path(index)}); rebuild with --full or use that key")
    store.set_meta("key_check", tok.check.hex())
    hasher = _Hasher(tok, Context(region=opts.region))
    writer = BulkWriter(store) if aside and bulk_available(db) else RowWriter(store)
    sorter, hubs = PostingSorter(_spill_dir(index)), HubRule()
    inferable: list[tuple[Connector, str, CollectionInfo, IndexColumn, int]] = []
    with ExitStack() as stack:
        stack.callback(sorter.close)
        for spec, conn, infos in open_all(stack, specs, report.errors):
            referenced = {fk.ref_collection for i in infos for fk in i.foreign_keys}
            for info in infos:
                try:
                    with guard(spec.label, info.name):
                        _one(store, writer, sorter, hubs, conn, spec.label, info, referenced,
                             opts, hasher, report, inferable, progress)
                except SourceError as err:
                    report.errors.append(SourceFailure.of(err))
        if writer.bulk:  # the whole build's postings, sorted: appended in token order
            sorter.write(writer.write, hubs)
            writer.commit()
        writer.close()
        _infer_links(store, inferable, hasher, sorter.spill_parent, report)
    if aside:
        swap_in(db, index)
    else:
        db.close()
    report.seconds = time.perf_counter() - started
    return report


def _one(store: IndexStore, writer: RowWriter, sorter: PostingSorter, hubs: HubRule,
         conn: Connector, source: str, info: CollectionInfo,
         referenced: set[str], opts: DetectOptions, hasher: _Hasher, report: IndexReport,
         inferable: list[tuple[Connector, str, CollectionInfo, IndexColumn, int]],
         progress: Callable[[str, CollectionInfo, int], None] | None) -> None:
    sample = conn.sample(info.name, opts.sample_size, seed=0)
    findings = detect_collection(info, sample, opts)
    del sample
    pa.default_memory_pool().release_unused()  # a file's sample read all of it
    cols = plan_columns(source, info, findings, referenced)
    personal_pk = any(f.column in info.primary_key and f.category != "user.unique_id"
                      for f in findings)
    kind = _kind(collection_words(info.name))
    # Rows of an unnamed collection holding e-mails or phones are people (a
    # newsletter export); devices, payments or KYC checks hold other identifiers.
    is_person = kind == "person" or (kind is None and any(
        f.category in CONTACT_CATEGORIES for f in findings))
    fingerprint = {**dict(info.fingerprint), "row_count": info.row_count,
                   "plan": sorted(c.plan() for c in cols)}
    old = store.collection(source, info.name)
    if old is not None and old[1] == json.dumps(fingerprint, sort_keys=True, default=str):
        report.collections_unchanged += 1
        return
    ids = _index_collection(store, writer, sorter, hubs, conn, source, info, cols, hasher,
                            personal_pk, is_person, fingerprint, report, progress)
    report.collections_indexed += 1
    cid = store.collection(source, info.name)
    assert cid is not None
    for fk in info.foreign_keys:
        target = store.collection(source, fk.ref_collection)
        report.links.append({"from": f"{source}:{info.name}({','.join(fk.columns)})",
                             "to": f"{source}:{fk.ref_collection}({','.join(fk.ref_columns)})",
                             "kind": "declared", "evidence": "foreign key"})
        if target is not None:
            store.add_link(cid[0], fk.columns, target[0], fk.ref_columns, "declared",
                           "foreign key")
    inferable.extend((conn, source, info, c, ids[c.name]) for c in cols if c.kind == UID)


def _sample_values(conn: Connector, info: CollectionInfo, col: IndexColumn) -> list[str]:
    lb = conn.sample(info.name, 2000, columns=list(col.sources), seed=7)
    values, _ = _column_values(lb.batch, col)
    arr = pc.cast(values, pa.string()).drop_null()
    return [v for v in pc.unique(arr).to_pylist() if v]


def _infer_links(store: IndexStore,
                 inferable: list[tuple[Connector, str, CollectionInfo, IndexColumn, int]],
                 hasher: _Hasher, spill_dir: Path | None, report: IndexReport) -> None:
    """Id columns without a declared key: link them to the collection of people whose
    primary key holds (nearly) all their sampled values, and index them in its namespace."""
    targets = store.db.execute(
        "SELECT c.namespace, c.id, col.id FROM columns c JOIN collections col "
        "ON col.id = c.collection_id WHERE c.kind = 'key' AND col.is_person = 1").fetchall()
    if not targets:
        return
    for conn, source, info, col, _col_id in inferable:
        values = _sample_values(conn, info, col)
        if not values:
            continue
        best: tuple[float, str, int] | None = None
        for namespace, key_column, target_cid in targets:
            if namespace == f"{source}|{info.name}":
                continue
            toks = [hasher.tok.token(REF, namespace, v.strip()) for v in values]
            found = 0
            for i in range(0, len(toks), 500):
                chunk = toks[i:i + 500]
                found += store.db.execute(
                    f"SELECT count(*) FROM postings WHERE column_id = ? AND "
                    f"token IN ({','.join('?' * len(chunk))})", (key_column, *chunk)
                ).fetchone()[0]
            ratio = found / len(values)
            if ratio >= INFER_RATIO and (best is None or ratio > best[0]):
                best = (ratio, namespace, target_cid)
        if best is None:
            continue
        ratio, namespace, target_cid = best
        linked = IndexColumn(col.name, col.category, REF, namespace, col.sources, col.path)
        cid = store.collection(source, info.name)
        assert cid is not None
        evidence = f"{ratio:.2f} of {len(values)} sampled values found in {namespace}"
        sorter = PostingSorter(spill_dir)
        try:
            with transaction(store.db):
                col_id = store.add_column(cid[0], linked.name, linked.category, REF, namespace,
                                          bool(col.path))
                row_no = 0
                rows_writer = RowWriter(store)
                layer = RowBlocks(rows_writer.write, cid[0], layer=col_id)
                for lb in rebatched(conn.read(info.name, columns=list(col.sources),
                                              batch_size=BATCH), BATCH):
                    rows, tokens = _column_postings(hasher, linked, lb.batch, row_no)
                    sorter.add(tokens, col_id, rows)
                    layer.add(None, pack_row_tokens(row_no, lb.num_rows,
                                                    [(col_id, rows, tokens)]))
                    row_no += lb.num_rows
                layer.close()
                sorter.write(rows_writer.write, HubRule())
                store.add_link(cid[0], col.sources, target_cid, ["(primary key)"], "inferred",
                               evidence)
        finally:
            sorter.close()
        report.links.append({"from": f"{source}:{info.name}({col.name})",
                             "to": namespace.replace("|", ":"), "kind": "inferred",
                             "evidence": evidence})
