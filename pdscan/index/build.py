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
from pdscan.connector import CollectionInfo, Connector
from pdscan.detect import DetectOptions, Finding, _kind, collection_words, detect_collection
from pdscan.errors import ConfigError, SourceError
from pdscan.index.db import exists, is_url, open_db, swap_in
from pdscan.index.keys import Tokeniser, load_key
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
BATCH = 50_000
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


class _Hasher:
    """Normalise and hash the distinct values of each batch.

    Normalisation is vectorised where the rule allows (``vector_normaliser``);
    the rest goes through the Python normaliser. Tokens are cached per column
    across batches (bounded), since a person's values recur all over a table
    rather than within one batch.
    """

    def __init__(self, tok: Tokeniser, ctx: Context, limit: int = 250_000) -> None:
        self.tok, self.ctx, self.limit = tok, ctx, limit
        self.cache: dict[tuple[str, str], dict[str, bytes | None]] = {}

    def tokens(self, col: IndexColumn, arr: pa.Array) -> list[bytes | None]:
        if not pa.types.is_string(arr.type):
            arr = pc.cast(arr, pa.string())
        enc = arr.dictionary_encode()
        raws = enc.dictionary.to_pylist()
        cache = self.cache.setdefault((col.kind, col.namespace), {})
        dict_tokens = [cache.get(raw, b"") for raw in raws]
        missing = [i for i, t in enumerate(dict_tokens) if t == b""]
        if missing:
            todo = pa.array([raws[i] for i in missing], pa.string())
            vector = _vector(col.kind)
            fast = vector(todo, self.ctx).to_pylist() if vector else [None] * len(todo)
            norm = _normaliser(col.kind)
            normalised = [quick if quick is not None or not raw else norm(raw, self.ctx)
                          for raw, quick in zip(todo.to_pylist(), fast, strict=True)]
            new = self.tok.tokens(hash_kind(col.kind), col.namespace, normalised)
            for i, t in zip(missing, new, strict=True):
                dict_tokens[i] = t
            if len(cache) + len(new) > self.limit:
                cache.clear()
            cache.update(zip((raws[i] for i in missing), new, strict=True))
        return [None if i is None else dict_tokens[i] for i in enc.indices.to_pylist()]


def _json_array(arr: pa.Array) -> pa.Array | None:
    """Each value of ``arr`` as JSON text, vectorised; None where that is not simple."""
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
        return pc.binary_join_element_wise("{", *parts, "}", "") if parts else \
            pa.array(["{}"] * len(arr))
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


def _locator_texts(locs: pa.StructArray) -> list[str]:
    fast = _json_array(locs)
    if fast is not None:
        return fast.to_pylist()
    return [json.dumps(d, sort_keys=True, separators=(",", ":"), default=str)
            for d in locs.to_pylist()]


def _column_values(batch: pa.RecordBatch, col: IndexColumn) -> tuple[pa.Array, list[int] | None]:
    """The column's values, and for a list of records the row of each value."""
    if len(col.sources) == 2:
        a, b = (pc.cast(batch.column(c), pa.string()) for c in col.sources)
        return pc.binary_join_element_wise(a, b, " "), None
    arr = batch.column(col.sources[0])
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if not col.path:
        return arr, None
    rows: list[int] | None = None
    if pa.types.is_list(arr.type) or pa.types.is_large_list(arr.type):
        rows = pc.list_parent_indices(arr).to_pylist()
        arr = pc.list_flatten(arr)
    for part in col.path:
        arr = pc.struct_field(arr, part)
    return arr, rows


_ROWS = pa.schema([("collection_id", pa.int32()), ("row", pa.int64()),
                   ("locator", pa.binary())])
_POSTINGS = pa.schema([("token", pa.binary()), ("column_id", pa.int32()),
                       ("collection_id", pa.int32()), ("row", pa.int64())])


def _postings(tokens: list[bytes | None], col_id: int, cid: int, first_row: int,
              parents: list[int] | None) -> pa.Table:
    tok = pa.array(tokens, pa.binary())
    rows = pa.array(parents, pa.int64()) if parents is not None else \
        pa.array(np.arange(len(tokens), dtype=np.int64))
    keep = pc.is_valid(tok)
    tok, rows = tok.filter(keep), pc.add(rows.filter(keep), first_row)
    if parents is not None:  # a list may hold one value twice: one posting per row
        pairs = pa.table({"t": tok, "r": rows}).group_by(["t", "r"]).aggregate([])
        tok, rows = pairs.column("t").combine_chunks(), pairs.column("r").combine_chunks()
    n = len(tok)
    return pa.Table.from_arrays(
        [tok, pa.array(np.full(n, col_id, np.int32)), pa.array(np.full(n, cid, np.int32)),
         rows], schema=_POSTINGS)


def _index_collection(store: IndexStore, writer: RowWriter, conn: Connector, source: str,
                      info: CollectionInfo, cols: list[IndexColumn], hasher: _Hasher,
                      sealed: bool, is_person: bool, fingerprint: dict[str, Any],
                      report: IndexReport,
                      progress: Callable[[str, CollectionInfo, int], None] | None = None,
                      ) -> dict[str, int]:
    """Replace one collection's rows and postings, atomically. Returns column ids."""
    read_cols = sorted({c for col in cols for c in col.sources})
    # A bulk writer fills a new file (atomic by its final rename); otherwise the
    # replacement is one transaction.
    with nullcontext() if writer.bulk else transaction(store.db):
        cid = store.replace_collection(source, info.name, is_person, sealed, fingerprint)
        ids = {col.name: store.add_column(cid, col.name, col.category, col.kind, col.namespace,
                                          bool(col.path))
               for col in cols}
        if not cols:  # nothing identifying: known, but no row to find
            return ids
        row_no = 0
        for lb in conn.read(info.name, columns=read_cols, batch_size=BATCH):
            n = lb.num_rows
            texts = _locator_texts(lb.locators)
            locators = pa.array([hasher.tok.seal(t) for t in texts] if sealed else
                                [t.encode() for t in texts], pa.binary())
            writer.write("rows", pa.Table.from_arrays(
                [pa.array(np.full(n, cid, np.int32)),
                 pa.array(np.arange(row_no, row_no + n, dtype=np.int64)), locators],
                schema=_ROWS))
            for col in cols:
                values, parents = _column_values(lb.batch, col)
                postings = _postings(hasher.tokens(col, values), ids[col.name], cid, row_no,
                                     parents)
                writer.write("postings", postings)
                report.postings += postings.num_rows
                if col.kind not in (REF, KEY):
                    report.cells += n
            row_no += n
            if progress:
                progress(source, info, row_no)
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
    migrate(db, upto="0002_list_columns")
    check = store.meta("key_check")
    if check is not None and check != tok.check.hex():
        db.close()
        raise ConfigError(f"{report.path}: built with another key (PDSCAN_INDEX_KEY / "
                          f"{key_path(index)}); rebuild with --full or use that key")
    store.set_meta("key_check", tok.check.hex())
    hasher = _Hasher(tok, Context(region=opts.region))
    writer = BulkWriter(store) if aside and bulk_available(db) else RowWriter(store)
    inferable: list[tuple[Connector, str, CollectionInfo, IndexColumn, int]] = []
    with ExitStack() as stack:
        for spec, conn, infos in open_all(stack, specs, report.errors):
            referenced = {fk.ref_collection for i in infos for fk in i.foreign_keys}
            for info in infos:
                try:
                    with guard(spec.label, info.name):
                        _one(store, writer, conn, spec.label, info, referenced, opts, hasher,
                             report, inferable, progress)
                except SourceError as err:
                    report.errors.append(SourceFailure.of(err))
        writer.close()
        _infer_links(store, inferable, hasher, report)
    migrate(db)  # posting indexes, created after the bulk load
    # Strong identifiers shared by people are caught at lookup (two person records
    # hold them); an IP lives in logs, where only volume tells a shared one (office
    # NAT, mobile carrier) from a person's.
    store.recompute_hubs(["ip"], min_rows=30, factor=10.0)
    if aside:
        swap_in(db, index)
    else:
        db.close()
    report.seconds = time.perf_counter() - started
    return report


def _one(store: IndexStore, writer: RowWriter, conn: Connector, source: str,
         info: CollectionInfo,
         referenced: set[str], opts: DetectOptions, hasher: _Hasher, report: IndexReport,
         inferable: list[tuple[Connector, str, CollectionInfo, IndexColumn, int]],
         progress: Callable[[str, CollectionInfo, int], None] | None) -> None:
    sample = conn.sample(info.name, opts.sample_size, seed=0)
    findings = detect_collection(info, sample, opts)
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
    ids = _index_collection(store, writer, conn, source, info, cols, hasher, personal_pk,
                            is_person, fingerprint, report, progress)
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
                 hasher: _Hasher, report: IndexReport) -> None:
    """Id columns without a declared key: link them to the collection of people whose
    primary key holds (nearly) all their sampled values, and index them in its namespace."""
    targets = store.db.execute(
        "SELECT c.namespace, col.id FROM columns c JOIN collections col "
        "ON col.id = c.collection_id WHERE c.kind = 'key' AND col.is_person = 1").fetchall()
    if not targets:
        return
    for conn, source, info, col, _col_id in inferable:
        values = _sample_values(conn, info, col)
        if not values:
            continue
        best: tuple[float, str, int] | None = None
        for namespace, target_cid in targets:
            if namespace == f"{source}|{info.name}":
                continue
            toks = [hasher.tok.token(REF, namespace, v.strip()) for v in values]
            found = 0
            for i in range(0, len(toks), 500):
                chunk = toks[i:i + 500]
                found += store.db.execute(
                    f"SELECT count(DISTINCT token) FROM postings WHERE collection_id = ? AND "
                    f"token IN ({','.join('?' * len(chunk))})", (target_cid, *chunk)
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
        with transaction(store.db):
            col_id = store.add_column(cid[0], linked.name, linked.category, REF, namespace,
                                      bool(col.path))
            row_no = 0
            rows = RowWriter(store)
            for lb in conn.read(info.name, columns=list(col.sources), batch_size=BATCH):
                values, parents = _column_values(lb.batch, linked)
                rows.write("postings", _postings(hasher.tokens(linked, values), col_id, cid[0],
                                                 row_no, parents))
                row_no += lb.num_rows
            store.add_link(cid[0], col.sources, target_cid, ["(primary key)"], "inferred",
                           evidence)
        report.links.append({"from": f"{source}:{info.name}({col.name})",
                             "to": namespace.replace("|", ":"), "kind": "inferred",
                             "evidence": evidence})
