"""A scan of many collections, on every core: worker processes describe, sample and
detect their share of the collections (the detection is Python, and the GIL holds
threads to one core). Used by :func:`pdscan.scan.scan` from :data:`MIN_COLLECTIONS`.

Each worker opens the sources it is given once and keeps them open; the parent only
lists the collections (by name, without probing files), hands out chunks and gathers
findings. Names in free text are not looked for in the workers: a column that
salutations leave undecided comes back with its texts, and the parent asks its one
NER worker (``ner.py``) and completes that column's findings, so that there is one
pipeline in memory, not one per worker.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass, field

from pdscan.config import SourceSpec
from pdscan.connector import CollectionInfo, Connector, describe
from pdscan.detect import (
    DetectOptions,
    Finding,
    FoundInText,
    FreetextFinder,
    TextColumn,
    detect_collection,
    freetext_findings,
)
from pdscan.errors import SourceError, guard, one_line
from pdscan.freetext import MAX_NER_TEXTS, find_in_texts, names_by_ner, needs_ner
from pdscan.sources import SourceFailure, connector_warnings, opened
from pdscan.validators import Context

#: From this many collections a scan runs in worker processes: below it, starting
#: them (about 0.6 s each, for the imports) costs more than it saves.
MIN_COLLECTIONS = 64
#: Collections per task: small enough to share the work evenly, large enough that a
#: task's overhead (pickling, a round trip) is noise.
CHUNK = 16


@dataclass
class PendingNames:
    """A free-text column whose names the parent's NER decides."""

    where: TextColumn
    texts: list[str]
    found: FoundInText
    count: int  # distinct texts in the column


@dataclass
class ChunkResult:
    infos: list[CollectionInfo] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[SourceFailure] = field(default_factory=list)
    pending: list[PendingNames] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def workers(jobs: int) -> int:
    """How many worker processes: the cores there are, at most ``jobs``."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(jobs, cores))


# -- in the worker ---------------------------------------------------------------------

_OPEN: dict[tuple[str, str], Connector] = {}
_STACK = ExitStack()


def _close_sources() -> None:
    _OPEN.clear()
    _STACK.close()


atexit.register(_close_sources)


def _connector(spec: SourceSpec) -> Connector:
    key = (spec.label, spec.url)
    if key not in _OPEN:
        _OPEN[key] = _STACK.enter_context(opened(spec))
    return _OPEN[key]


def scan_chunk(spec: SourceSpec, names: Sequence[str], opts: DetectOptions,
               use_ner: bool) -> ChunkResult:
    """Describe, sample and detect ``names`` of ``spec`` (in a worker process)."""
    out = ChunkResult()

    def finder(texts: Sequence[str], ctx: Context, names_wanted: bool,
               where: TextColumn) -> FoundInText:
        found = find_in_texts(texts, ctx, use_ner=False)
        if not names_wanted:
            return {k: x for k, x in found.items() if k != "user.name"}
        cells, names, _how = found.get("user.name", (0, [], ""))
        if use_ner and needs_ner(cells, names, texts):
            rest = {k: x for k, x in found.items() if k != "user.name"}
            out.pending.append(PendingNames(where, list(texts[:MAX_NER_TEXTS]), rest,
                                            len(texts)))
            return rest
        return found

    try:
        with guard(spec.label):
            conn = _connector(spec)
    except SourceError as err:
        out.errors.append(SourceFailure.of(err))
        return out
    with connector_warnings(out.warnings):
        _scan_names(out, conn, spec, names, opts, finder)
    return out


def _scan_names(out: ChunkResult, conn: Connector, spec: SourceSpec, names: Sequence[str],
                opts: DetectOptions, finder: FreetextFinder) -> None:
    for name in names:
        try:
            with guard(spec.label, name):
                info = describe(conn, name)
                out.infos.append(info)
                sample = conn.sample(name, opts.sample_size, seed=0)
                out.findings += detect_collection(info, sample, opts, finder)
        except SourceError as err:
            out.errors.append(SourceFailure.of(err, member=name))


# -- in the parent ---------------------------------------------------------------------

NameFinder = Callable[[Sequence[str]], list[list[str]]] | None


def scan_in_processes(work: Sequence[tuple[SourceSpec, list[str]]], opts: DetectOptions,
                      jobs: int, names: NameFinder,
                      progress: Callable[[str, CollectionInfo | None, int], None] | None,
                      warnings: list[str] | None = None,
                      ) -> tuple[list[CollectionInfo], list[Finding], list[SourceFailure]]:
    """What :func:`pdscan.scan.scan` gathers, from worker processes: ``work`` is each
    source with its collections' names; the connectors' warnings go to ``warnings``."""
    tasks = [(spec, listed[i:i + CHUNK]) for spec, listed in work
             for i in range(0, len(listed), CHUNK)]
    order = {(spec.label, name): n for n, (spec, name) in enumerate(
        (spec, name) for spec, listed in work for name in listed)}
    infos: list[CollectionInfo] = []
    findings: list[Finding] = []
    errors: list[SourceFailure] = []
    pending: list[PendingNames] = []
    def gather(got: ChunkResult) -> None:
        nonlocal infos, findings, errors, pending
        infos += got.infos
        findings += got.findings
        errors += got.errors
        pending += got.pending
        if warnings is not None:
            warnings.extend(got.warnings)
        if progress:
            for info in got.infos:
                progress(info.source, info, len(order))

    context = multiprocessing.get_context("spawn")  # no fork of a threaded parent
    left: list[tuple[SourceSpec, list[str]]] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        running: dict[Future[ChunkResult], tuple[SourceSpec, list[str]]] = {
            pool.submit(scan_chunk, spec, chunk, opts, names is not None): (spec, chunk)
            for spec, chunk in tasks}
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                task = running.pop(fut)
                try:
                    gather(fut.result())
                except BrokenProcessPool:
                    left.append(task)  # a worker died (out of memory?): done here below
                except Exception as exc:  # one chunk's failure, not the scan's
                    spec, chunk = task
                    errors += [SourceFailure(spec.label, f"{name}: {one_line(exc)}", name)
                               for name in chunk]
    try:
        for spec, chunk in left:  # in this process, as a scan of few collections would
            gather(scan_chunk(spec, chunk, opts, names is not None))
    finally:
        _close_sources()
    findings = _with_names(findings, pending, names, opts)
    infos.sort(key=lambda i: order.get((i.source, i.name), len(order)))
    return infos, findings, errors


def _with_names(findings: list[Finding], pending: list[PendingNames], names: NameFinder,
                opts: DetectOptions) -> list[Finding]:
    """The free-text columns left for NER, decided here and their findings redone (as
    in one process: a category the column's own values gave stays theirs)."""
    if not pending or names is None:
        return findings
    redone: dict[tuple[str, str, str], list[Finding]] = {}
    for p in pending:
        found = dict(p.found)
        cells, examples = names_by_ner(p.texts, names)
        if cells:
            found["user.name"] = (cells, examples, "NER")
        where = p.where
        redone[(where.info.source, where.info.name, where.column)] = freetext_findings(
            where, p.count, found, True, opts)

    def from_text(f: Finding) -> bool:
        return any(e.kind == "freetext" for e in f.evidence)
    kept = [f for f in findings
            if (f.source, f.collection, f.column) not in redone or not from_text(f)]
    have = {(f.source, f.collection, f.column, f.category) for f in kept}
    return kept + [f for key, fs in redone.items() for f in fs
                   if (*key, f.category) not in have]
