"""``scan``: sample every collection of every source and detect personal data.

Collections are scanned in parallel threads (sampling is I/O-bound and Arrow
releases the GIL); each source gets at most ``max_connections`` of them at once
so that a production database is not flooded. When the NER pipeline is installed,
its worker process starts loading first thing, on the other core, and is asked only
about free-text columns that salutations leave undecided.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from pdscan import __version__
from pdscan.config import SourceSpec
from pdscan.connector import CollectionInfo, Connector, collection_names
from pdscan.detect import (
    DetectOptions,
    Finding,
    FoundInText,
    FreetextFinder,
    detect_collection,
)
from pdscan.errors import SourceError
from pdscan.freetext import NO_MODEL_WARNING, find_in_texts
from pdscan.ner import NameRecognizer, ner_available
from pdscan.scan_parallel import MIN_COLLECTIONS, scan_in_processes, workers
from pdscan.sources import SourceFailure, connector_warnings, describe_all, guard, opened
from pdscan.validators import Context

#: called with (source label, the collection just scanned, how many collections the
#: scan has in all); once first with no collection, when the total is known
Progress = Callable[[str, CollectionInfo | None, int], None]


@dataclass
class ScanResult:
    sources: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[SourceFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    collections: list[CollectionInfo] = field(default_factory=list)

    def to_dict(self, show_data: bool = False) -> dict[str, Any]:
        return {
            "pdscan_version": __version__,
            "sources": self.sources,
            "findings": [f.to_dict(show_data) for f in self.findings],
            "errors": [e.to_dict() for e in self.errors],
            "warnings": self.warnings,
        }


def _finder(ner: NameRecognizer | None, warnings: list[str]) -> FreetextFinder:
    def find(texts: Sequence[str], ctx: Context, names: bool, where: Any) -> FoundInText:
        if not names:
            return {k: x for k, x in find_in_texts(texts, ctx, use_ner=False).items()
                    if k != "user.name"}
        if ner is not None and ner.error is None:
            try:
                return find_in_texts(texts, ctx, use_ner=True, names=ner.names)
            except RuntimeError as exc:
                warnings.append(f"names in free text: the NER worker failed ({exc}); only "
                                "names after a salutation are found")
        return find_in_texts(texts, ctx, use_ner=False)
    return find


def scan(
    specs: Sequence[SourceSpec],
    options: DetectOptions | None = None,
    jobs: int = 4,
    max_connections: int = 2,
    use_ner: bool | None = None,
    progress: Progress | None = None,
    recognizer: NameRecognizer | None = None,
    processes: bool = False,
) -> ScanResult:
    """Scan ``specs`` and return every finding; a failing source is recorded, not raised.

    ``processes``: from :data:`~pdscan.scan_parallel.MIN_COLLECTIONS` collections of
    sources that list them cheaply (folders of files), scan in worker processes, one
    per core. Spawned workers import the caller's ``__main__`` again: set it only from a
    program whose entry point is guarded (``if __name__ == "__main__":``), as the
    ``pdscan`` command is.

    >>> result = scan([SourceSpec("shop", "sqlite:///sample_db/shop.db")])  # doctest: +SKIP
    >>> {f.category for f in result.findings}  # doctest: +SKIP
    """
    opts = options or DetectOptions()
    ner = ner_available() if use_ner is None else use_ner
    result = ScanResult(sources=[s.label for s in specs])
    if not ner:
        result.warnings.append(NO_MODEL_WARNING if use_ner is None else
                               "names in free text: recognition turned off; only names after "
                               "a salutation (M., Mme, Mr, Dear, Herr ...) are found")
    with ExitStack() as stack:
        names = None
        if ner:  # the load overlaps the scan; the worker is stopped when it ends
            names = recognizer or stack.enter_context(NameRecognizer())
            names.start()
        stack.enter_context(connector_warnings(result.warnings))
        _scan(result, specs, opts, jobs if processes else 1, max_connections, progress,
              names, threads=jobs)
    result.warnings = list(dict.fromkeys(result.warnings))
    order = {(c.source, c.name): i for i, c in enumerate(result.collections)}
    col_order = {(c.source, c.name, col.name): j for c in result.collections
                 for j, col in enumerate(c.columns)}
    result.findings.sort(key=lambda f: (order.get((f.source, f.collection), 0),
                                        col_order.get((f.source, f.collection, f.column), 0),
                                        f.column, f.category))
    return result


def _scan(result: ScanResult, specs: Sequence[SourceSpec], opts: DetectOptions, jobs: int,
          max_connections: int, progress: Progress | None,
          names: NameRecognizer | None, threads: int) -> None:
    with ExitStack() as stack:
        listed: list[tuple[SourceSpec, Connector, list[str], list[CollectionInfo] | None]] = []
        for spec in specs:
            try:
                conn = stack.enter_context(opened(spec))
                listed.append((spec, conn, *_listing(conn, result.errors)))
            except SourceError as err:
                result.errors.append(SourceFailure.of(err))
        total = sum(len(n) for _s, _c, n, _i in listed)
        # workers describe their own collections: worth it where listing them costs
        # nothing (a SQL schema is reflected and counted once, here) and each worker
        # reads one at a time, so that a source sees at most ``max_connections``
        processes = min(workers(jobs), max(1, max_connections))
        if total >= MIN_COLLECTIONS and processes > 1 and all(
                infos is None for _s, _c, _n, infos in listed):
            stack.close()  # the workers open their own
            infos, findings, errors = scan_in_processes(
                [(spec, n) for spec, _c, n, _i in listed], opts, processes,
                None if names is None else _safe_names(names, result.warnings), progress,
                result.warnings)
            result.collections += infos
            result.findings += findings
            result.errors += errors
            return
        _scan_threads(result, listed, opts, threads, max_connections, progress,
                      _finder(names, result.warnings))


def _listing(conn: Connector, errors: list[SourceFailure]
             ) -> tuple[list[str], list[CollectionInfo] | None]:
    """A source's collection names, and their infos when listing them described them."""
    if hasattr(conn, "collection_names"):
        with guard(conn.label, "listing collections"):
            return collection_names(conn), None
    infos = describe_all(conn, errors)
    return [i.name for i in infos], infos


def _safe_names(ner: NameRecognizer, warnings: list[str]
                ) -> Callable[[Sequence[str]], list[list[str]]]:
    def names(texts: Sequence[str]) -> list[list[str]]:
        if ner.error is None:
            try:
                return ner.names(texts)
            except RuntimeError as exc:
                warnings.append(f"names in free text: the NER worker failed ({exc}); only "
                                "names after a salutation are found")
        return [[] for _ in texts]
    return names


def _scan_threads(result: ScanResult,
                  listed: Sequence[tuple[SourceSpec, Connector, list[str],
                                         list[CollectionInfo] | None]],
                  opts: DetectOptions, jobs: int, max_connections: int,
                  progress: Progress | None, finder: FreetextFinder) -> None:
    lock = threading.Lock()

    def scan_one(conn: Connector, gate: threading.Semaphore, info: CollectionInfo) -> None:
        with gate:
            try:
                with guard(conn.label, info.name):
                    sample = conn.sample(info.name, opts.sample_size, seed=0)
                    found = detect_collection(info, sample, opts, finder)
            except SourceError as err:
                with lock:
                    result.errors.append(SourceFailure.of(err, member=info.name))
                return
        with lock:
            result.findings.extend(found)
        if progress:
            progress(conn.label, info, len(work))

    work: list[tuple[Connector, threading.Semaphore, CollectionInfo]] = []
    for _spec, conn, names, infos in listed:
        if infos is None:
            infos = describe_all(conn, result.errors, names)
        result.collections.extend(infos)
        gate = threading.Semaphore(max(1, max_connections))
        work.extend((conn, gate, info) for info in infos)
    if progress:
        progress("", None, len(work))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for fut in [pool.submit(scan_one, *w) for w in work]:
            fut.result()
