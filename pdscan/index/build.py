"""``build_index``: read every identifying column in full and store keyed postings.

For each collection, detection on a sample says which columns identify people
(e-mail, phone, IP, ids, names ...) and what the rows are (``layout.py``). Those
columns are then streamed in full, each value normalised per category and
hashed with HMAC (``hashing.py``), and stored as a posting ``token -> (collection,
row)``. Keys that link rows — declared foreign keys and the primary keys they
point at — are hashed in the namespace of the collection they reference, so
that ``orders.customer_id = 42`` and ``customers.id = 42`` share a token; links
nobody declared are inferred at the end, weighed against chance (``links.py``).

The index also records each source's identity (its URL without password), every
personal column's category and whether a collection's locators are sealed.

A full build writes a new file and renames it over the old one; an incremental
build replaces a changed collection's postings in one transaction. Either way
an interrupted run leaves the previous index usable.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyarrow as pa

from pdscan.config import SourceSpec
from pdscan.connector import CollectionInfo, Connector, prefetched, rebatched
from pdscan.detect import DetectOptions, detect_collection
from pdscan.errors import ConfigError, SourceError, guard
from pdscan.index import keys
from pdscan.index.db import exists, is_url, open_db, swap_in
from pdscan.index.hashing import ColumnHasher, column_postings
from pdscan.index.keys import Tokeniser, key_path, load_key
from pdscan.index.layout import (
    CONTACT_CATEGORIES,
    CollectionLayout,
    IndexColumn,
    layout_collection,
    unique_columns,
)
from pdscan.index.links import (
    InferredLink,
    LinkCandidate,
    LinkTarget,
    infer_links,
    link_key,
    reference_candidates,
)
from pdscan.index.locators import locator_blobs
from pdscan.index.postings import HubRule, PostingSorter, RowBlocks, pack_row_tokens
from pdscan.index.spaces import KEY, REF
from pdscan.index.store import (
    BulkWriter,
    IndexStore,
    RowWriter,
    bulk_available,
    migrate,
    transaction,
)
from pdscan.index.workdir import BuildRun, build_run
from pdscan.names import collection_words
from pdscan.redact import mask_url
from pdscan.registry import source_identity
from pdscan.sources import OpenSources, SourceFailure, connector_warnings, open_all
from pdscan.validators import Context

BATCH = 128_000  # rows per batch: per-batch work amortises, memory stays bounded
NO_COMPILED_HMAC = (
    "pdscan was installed without its compiled HMAC (pdscan/index/_hmac.c needs a C compiler "
    "and OpenSSL's headers, e.g. gcc and libssl-dev, at install time): hashing in Python, "
    "several times slower on large stores")
#: Identifier kinds whose shared values only volume tells (see ``HubRule``).
HUB_KINDS = ("ip",)

#: called as rows are indexed: (source label, collection, its rows indexed so far, rows
#: the whole build is expected to read: the collections' counts, some of them estimates)
Progress = Callable[[str, CollectionInfo, int, int], None]


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


@dataclass
class _Laid:
    """A collection as laid out from its sample, before it is read in full."""

    conn: Connector
    source: str
    layout: CollectionLayout
    indexed: bool = False  # this run (re)indexed it


@dataclass
class _Build:
    """What one build shares across its collections."""

    store: IndexStore
    writer: RowWriter
    sorter: PostingSorter
    hasher: ColumnHasher
    opts: DetectOptions
    report: IndexReport
    progress: Progress | None
    hubs: HubRule = field(default_factory=HubRule)
    laid: list[_Laid] = field(default_factory=list)
    candidates: list[LinkCandidate] = field(default_factory=list)

    @property
    def expected_rows(self) -> int:
        return sum(p.layout.info.row_count or 0 for p in self.laid)

    def lay_out(self, conn: Connector, source: str, info: CollectionInfo,
             referenced: set[str], siblings: Sequence[CollectionInfo]) -> None:
        """Sample and detect: what to index, and which columns may be references."""
        sample = conn.sample(info.name, self.opts.sample_size, seed=0)
        findings = detect_collection(info, sample, self.opts)
        unique = unique_columns(sample, {f.column for f in findings
                                         if f.category in CONTACT_CATEGORIES})
        layout = layout_collection(source, info, findings, referenced, unique)
        self.candidates += reference_candidates(source, info, sample.batch, layout.columns,
                                                siblings)
        del sample
        pa.default_memory_pool().release_unused()  # a file's sample read all of it
        self.laid.append(_Laid(conn, source, layout))

    def link_targets(self) -> list[LinkTarget]:
        """The collections laid out with a one-column key: what references may reach."""
        return [LinkTarget(p.conn, p.source, p.layout.info, p.layout.kind) for p in self.laid
                if len(p.layout.info.primary_key) == 1]

    def index(self, p: _Laid, inferred: Sequence[InferredLink]) -> None:
        """Index a collection with the references its inferred links add (and its
        key, where a link reaches it), unless nothing changed since the last run."""
        info = p.layout.info
        extra = [link.column for link in inferred if link.starts(p.source, info)]
        if not any(c.kind == KEY for c in p.layout.columns) and any(
                link.target.info is info for link in inferred):
            extra.append(link_key(p.source, info))
        layout = replace(p.layout, columns=p.layout.columns + tuple(extra))
        fingerprint = {**dict(info.fingerprint), "row_count": info.row_count,
                       "columns": layout.signature(), "kind": layout.kind,
                       "sealed": layout.sealed}
        old = self.store.collection(p.source, info.name)
        if old is not None and old[1] == json.dumps(fingerprint, sort_keys=True, default=str):
            self.report.collections_unchanged += 1
            return
        self._index(p.conn, p.source, layout, fingerprint)
        self.report.collections_indexed += 1
        p.indexed = True
        cid = self.store.collection(p.source, info.name)
        assert cid is not None
        self.store.add_findings(cid[0], layout.findings)

    def add_links(self, p: _Laid, inferred: Sequence[InferredLink]) -> None:
        """Record a (re)indexed collection's links, once every target has its id."""
        info = p.layout.info
        cid = self.store.collection(p.source, info.name)
        if cid is None:
            return
        for fk in info.foreign_keys:
            target = self.store.collection(p.source, fk.ref_collection)
            self.report.links.append({
                "from": f"{p.source}:{info.name}({','.join(fk.columns)})",
                "to": f"{p.source}:{fk.ref_collection}({','.join(fk.ref_columns)})",
                "kind": "declared", "trusted": True, "evidence": "foreign key"})
            if target is not None:
                self.store.add_link(cid[0], fk.columns, target[0], fk.ref_columns,
                                    "declared", "foreign key")
        for link in (link for link in inferred if link.starts(p.source, info)):
            target = self.store.collection(link.target.source, link.target.info.name)
            if target is not None:
                self.store.add_link(cid[0], [link.column.name], target[0],
                                    link.target.info.primary_key, "inferred", link.evidence,
                                    link.trusted)

    def _index(self, conn: Connector, source: str, layout: CollectionLayout,
               fingerprint: dict[str, Any]) -> None:
        """Replace one collection's rows and postings, atomically.

        A bulk build hands the postings to the build's ``sorter``; otherwise this
        collection's are sorted and written here, in its transaction."""
        info, cols, store, writer = layout.info, layout.columns, self.store, self.writer
        # A bulk writer fills a new file (atomic by its final rename); otherwise the
        # replacement is one transaction.
        with nullcontext() if writer.bulk else transaction(store.db):
            cid = store.replace_collection(source, info.name, layout.kind, layout.sealed,
                                           fingerprint)
            ids = {col: store.add_column(cid, col, bool(col.path)) for col in cols}
            if cols:  # else nothing identifying: known, but no row to find
                self._fill(conn, source, info, cid, ids, layout.sealed)

    def _fill(self, conn: Connector, source: str, info: CollectionInfo, cid: int,
              ids: Mapping[IndexColumn, int], sealed: bool) -> None:
        """Read a collection in full and write its rows and postings."""
        store, writer, cols = self.store, self.writer, list(ids)
        read_cols = sorted({c for col in cols for c in col.sources})
        seal = self.hasher.tok.seal_many if sealed else None
        self.hubs.columns.update(ids[c] for c in cols if c.kind in HUB_KINDS)
        mine = self.sorter if writer.bulk else self.sorter.sibling()
        blocks = RowBlocks(writer.write, cid)
        try:
            row_no = 0
            for lb in prefetched(rebatched(
                    conn.read(info.name, columns=read_cols, batch_size=BATCH), BATCH)):
                n = lb.num_rows
                parts = []
                for col in cols:
                    rows, tokens = column_postings(self.hasher, col, lb.batch, row_no)
                    mine.add(tokens, ids[col], rows)
                    parts.append((ids[col], rows, tokens))
                    self.report.postings += len(rows)
                    if col.kind not in (REF, KEY):
                        self.report.cells += n
                blocks.add(locator_blobs(lb.locators, seal), pack_row_tokens(row_no, n, parts))
                row_no += n
                pa.default_memory_pool().release_unused()  # flat memory over a long read
                if self.progress:
                    self.progress(source, info, row_no, self.expected_rows)
            blocks.close()
            if mine is not self.sorter:
                store.set_bucket_bits(mine.write(writer.write, self.hubs))
        except BaseException:
            if writer.bulk:  # no transaction around a bulk load: undo this collection
                writer.rollback()
                self.sorter.drop(ids.values())
                store.forget_collection(cid)
            raise
        finally:
            if mine is not self.sorter:
                mine.close()
        writer.commit()
        store.set_rows(cid, row_no)
        self.report.rows += row_no


def _infer(build: _Build, report: IndexReport) -> list[InferredLink]:
    siblings: dict[str, list[tuple[str, ...]]] = {}
    for p in build.laid:
        siblings.setdefault(p.source, []).append(collection_words(p.layout.info.name))
    failed: list[SourceError] = []
    inferred = infer_links(build.candidates, build.link_targets(), siblings, failed)
    report.errors += [SourceFailure.of(e) for e in failed]
    return inferred


def build_index(
    specs: Sequence[SourceSpec], index: str | Path = ".pdscan/index.db", full: bool = False,
    options: DetectOptions | None = None, progress: Progress | None = None,
) -> IndexReport:
    """Index every identifying column of ``specs`` into the SQLite file ``index``, one
    run at a time (``workdir.py``: the lock, the temporary folder and its budget).

    >>> build_index([SourceSpec("shop", "sqlite:///sample_db/shop.db")])  # doctest: +SKIP
    """
    with build_run(index) as run:
        return _build_index(specs, index, full, options, progress, run)


def _build_index(specs: Sequence[SourceSpec], index: str | Path, full: bool,
                 options: DetectOptions | None, progress: Progress | None,
                 run: BuildRun) -> IndexReport:
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
    region = store.meta("region")
    if region is not None and region != opts.region:
        db.close()
        raise ConfigError(f"{report.path}: built with --region {region}; phone numbers "
                          "would not match: rebuild with --full or use that region")
    store.set_meta("region", opts.region)
    writer = BulkWriter(store) if aside and bulk_available(db) else RowWriter(store)
    build = _Build(store, writer, PostingSorter(run.tmp, budget=run.budget),
                   ColumnHasher(tok, Context(region=opts.region)), opts, report, progress)
    with ExitStack() as stack:
        stack.callback(build.sorter.close)
        stack.enter_context(connector_warnings(report.warnings))
        for spec, conn, infos in open_all(stack, specs, report.errors):
            store.set_source(spec.label, source_identity(spec.url, spec.options))
            referenced = {fk.ref_collection for i in infos for fk in i.foreign_keys}
            for info in infos:
                try:
                    with guard(spec.label, info.name):
                        build.lay_out(conn, spec.label, info, referenced, infos)
                except SourceError as err:
                    report.errors.append(SourceFailure.of(err, member=info.name))
        inferred = _infer(build, report)
        for p in build.laid:
            try:
                with guard(p.source, p.layout.info.name):
                    build.index(p, inferred)
            except SourceError as err:
                report.errors.append(SourceFailure.of(err, member=p.layout.info.name))
        if writer.bulk:  # the whole build's postings, sorted: appended in token order
            bits = build.sorter.write(writer.write, build.hubs)
            writer.commit()
            store.set_bucket_bits(bits)
        writer.close()
        for p in build.laid:
            if p.indexed:
                build.add_links(p, inferred)
        report.links += [link.report() for link in inferred]
    if aside:
        swap_in(db, index)
    else:
        db.close()
    report.seconds = time.perf_counter() - started
    return report


def refresh_index(specs: Sequence[SourceSpec], index: str | Path,
                  collections: Collection[tuple[str, str]]) -> IndexReport:
    """Read again, in full, collections the index already holds ((label, name)), with
    the columns, findings and links they were indexed with: no sampling, no
    detection. What an erasure runs on the collections it touched."""
    with build_run(index) as run:
        return _refresh_index(specs, index, collections, run)


def _refresh_index(specs: Sequence[SourceSpec], index: str | Path,
                   collections: Collection[tuple[str, str]], run: BuildRun) -> IndexReport:
    report = IndexReport(str(index) if not is_url(index) else mask_url(str(index)))
    started = time.perf_counter()
    tok = Tokeniser(load_key(key_path(index), create=False))
    db = open_db(index)
    store = IndexStore(db)
    build = _Build(store, RowWriter(store), PostingSorter(run.tmp, budget=run.budget),
                   ColumnHasher(tok, Context(region=store.meta("region") or "FR")),
                   DetectOptions(), report, None)
    wanted = {label for label, _name in collections}
    try:
        with OpenSources([s for s in specs if s.label in wanted]) as sources:
            for label, name in sorted(collections):
                got = sources.get(label)
                if got is None:
                    continue  # its failure is in sources.errors
                try:
                    with guard(label, name):
                        info = got[1].get(name)  # described now: after the writes
                        if info is None:
                            raise SourceError(label, f"{name}: no longer exists")
                        _refill(build, got[0], label, info)
                except SourceError as err:
                    report.errors.append(SourceFailure.of(err, member=name))
            report.errors += sources.errors
    finally:
        build.sorter.close()
        db.close()
    report.seconds = time.perf_counter() - started
    return report


def _refill(build: _Build, conn: Connector, label: str, info: CollectionInfo) -> None:
    store = build.store
    found = store.collection(label, info.name)
    if found is None:
        raise SourceError(label, f"{info.name}: not in the index; run `pdscan index`")
    cid, old = found
    ids = store.columns_of(cid)
    fingerprint = json.loads(old or "{}")
    fingerprint.update({**dict(info.fingerprint), "row_count": info.row_count})
    with transaction(store.db):
        sealed = store.clear_rows(cid, fingerprint)
        if ids:
            build._fill(conn, label, info, cid, ids, sealed)
    build.report.collections_indexed += 1
