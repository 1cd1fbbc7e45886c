"""``build_index``: read every identifying column in full and store keyed postings.

For each collection, detection on a sample says which columns identify people
(e-mail, phone, IP, ids, names ...). Those columns are then streamed in full,
each value normalised per category and hashed with HMAC (``hashing.py``), and
stored as a posting ``token -> (collection, row)``. Keys that link
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
from pdscan.index import keys
from pdscan.index.db import exists, is_url, open_db, swap_in
from pdscan.index.hashing import KEY, REF, UID, ColumnHasher
from pdscan.index.keys import TOKEN_BYTES, Tokeniser, load_key
from pdscan.index.postings import (
    HubRule,
    PostingSorter,
    RowBlocks,
    find_postings,
    pack_row_tokens,
)
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
from pdscan.validators import Context

#: Identifier kinds that expand a lookup to other rows ("strong"), that suggest
#: only ("weak", names), and the key kinds that link rows.
NAME_RULES = ("full_name",)
BATCH = 128_000  # rows per batch: per-batch work amortises, memory stays bounded
CONTACT_CATEGORIES = ("user.contact.email", "user.contact.phone_number")
#: Share of sampled id values that must exist in a collection of people to link to it.
INFER_RATIO = 0.8
NO_COMPILED_HMAC = (
    "pdscan was installed without its compiled HMAC (pdscan/index/_hmac.c needs a C compiler "
    "and OpenSSL's headers, e.g. gcc and libssl-dev, at install time): hashing in Python, "
    "several times slower on large stores")


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
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.path, "collections_indexed": self.collections_indexed,
            "collections_unchanged": self.collections_unchanged, "rows": self.rows,
            "identifier_cells": self.cells, "postings": self.postings,
            "seconds": round(self.seconds, 3),
            "cells_per_second": round(self.cells / self.seconds) if self.seconds else None,
            "links": self.links, "errors": [e.to_dict() for e in self.errors],
            "warnings": self.warnings,
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


#: Identifier kinds whose shared values only volume tells (see ``HubRule``).
HUB_KINDS = ("ip",)


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


def _column_postings(hasher: ColumnHasher, col: IndexColumn, batch: pa.RecordBatch,
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
                      cols: list[IndexColumn], hasher: ColumnHasher, sealed: bool, is_person: bool,
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
                store.set_bucket_bits(mine.write(writer.write, hubs))
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
    if keys.compiled is None:
        report.warnings.append(NO_COMPILED_HMAC)
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
    hasher = ColumnHasher(tok, Context(region=opts.region))
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
            bits = sorter.write(writer.write, hubs)
            writer.commit()
            store.set_bucket_bits(bits)
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
         referenced: set[str], opts: DetectOptions, hasher: ColumnHasher, report: IndexReport,
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
                 hasher: ColumnHasher, spill_dir: Path | None, report: IndexReport) -> None:
    """Id columns without a declared key: link them to the collection of people whose
    primary key holds (nearly) all their sampled values, and index them in its namespace."""
    targets = store.db.execute(
        "SELECT c.namespace, c.id, c.bucket_bits, col.id FROM columns c JOIN collections col "
        "ON col.id = c.collection_id WHERE c.kind = 'key' AND col.is_person = 1").fetchall()
    if not targets:
        return
    for conn, source, info, col, _col_id in inferable:
        values = _sample_values(conn, info, col)
        if not values:
            continue
        best: tuple[float, str, int] | None = None
        for namespace, key_column, bits, target_cid in targets:
            if namespace == f"{source}|{info.name}":
                continue
            toks = hasher.tok.digests(REF, namespace, pa.array([v.strip() for v in values]))
            found = sum(bool(find_postings(store.db, t.tobytes(), [(key_column, bits)]))
                        for t in toks)
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
                store.set_bucket_bits(sorter.write(rows_writer.write, HubRule()))
                store.add_link(cid[0], col.sources, target_cid, ["(primary key)"], "inferred",
                               evidence)
        finally:
            sorter.close()
        report.links.append({"from": f"{source}:{info.name}({col.name})",
                             "to": namespace.replace("|", ":"), "kind": "inferred",
                             "evidence": evidence})
