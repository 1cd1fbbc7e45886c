"""Fetch a person's rows from their sources, re-verified: the one way rows are handed out.

The index says where a person's rows were when it was built. A row is handed
out (shown, exported, erased) only if, fetched now, it still holds what
reached it: the token of the identifier that found it, recomputed from the
fetched value, or the key that links it to a row that itself holds up. A row
at a weak address (SQLite ``rowid``, PostgreSQL ``ctid``, a file's line) that
now holds someone else is therefore never handed out: it is *stale*, and the
index needs a refresh.

Sources are matched by identity (their URL without password), so a config that
labels them differently from the index still reaches them; a source the index
needs but the config does not name is an error, never "no data held".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pdscan.config import SourceSpec
from pdscan.connector import LocatedBatch, Locator
from pdscan.errors import ConfigError, SourceError, StaleIndexError, guard
from pdscan.index.hashing import ColumnHasher, column_postings
from pdscan.index.layout import IndexColumn
from pdscan.index.reader import IndexReader
from pdscan.registry import source_identity
from pdscan.sources import OpenSources, SourceFailure
from pdscan.subject import RowKey, SubjectRow
from pdscan.validators import Context


@dataclass(frozen=True)
class FetchedRow:
    """A row as its source holds it now, verified to be the person's."""

    row: SubjectRow
    label: str  # the source's label in the config used
    values: Mapping[str, Any]
    #: Each personal column's category, as decided when the collection was indexed.
    categories: Mapping[str, str]


@dataclass
class SubjectRows:
    rows: list[FetchedRow] = field(default_factory=list)
    #: Rows that no longer hold what reached them (or are gone).
    stale: list[SubjectRow] = field(default_factory=list)
    #: Rows whose source (or whose parent's source) could not be read.
    unchecked: list[SubjectRow] = field(default_factory=list)
    errors: list[SourceFailure] = field(default_factory=list)
    searched: list[str] = field(default_factory=list)

    def stale_message(self) -> str | None:
        if not self.stale:
            return None
        where: dict[str, int] = {}
        for r in self.stale:
            name = f"{r.source}:{r.collection}"
            where[name] = where.get(name, 0) + 1
        listed = ", ".join(f"{n} row(s) of {w}" for w, n in sorted(where.items()))
        return (f"the index is out of date: {listed} no longer hold what the index "
                "says; run `pdscan index` to refresh it")

    def raise_if_stale(self) -> None:
        message = self.stale_message()
        if message:
            raise StaleIndexError(message)


def resolve_sources(indexed: Mapping[str, str], needed: Iterable[str],
                    specs: Sequence[SourceSpec]) -> dict[str, SourceSpec]:
    """The config's source for each indexed label in ``needed``: the one with the same
    identity, else the one with the same label."""
    by_identity: dict[str, SourceSpec] = {}
    for spec in specs:
        by_identity.setdefault(source_identity(spec.url, spec.options), spec)
    by_label = {s.label: s for s in specs}
    out: dict[str, SourceSpec] = {}
    for label in sorted(set(needed)):
        identity = indexed.get(label)
        spec = by_identity.get(identity) if identity else None
        spec = spec or by_label.get(label)
        if spec is None:
            raise ConfigError(
                f"source {label!r} ({identity or 'identity unknown'}) holds rows of this "
                "person in the index but is not in the config: name it there (any label) "
                "or rebuild the index")
        out[label] = spec
    return out


def fetch_subject_rows(index: str | Path, rows: Sequence[SubjectRow],
                       specs: Sequence[SourceSpec], opened: OpenSources | None = None
                       ) -> SubjectRows:
    """Fetch ``rows`` from their sources and keep those that still hold up (``opened``:
    sources already open, by the config's labels).

    >>> got = fetch_subject_rows(index, lookup(index, q).confirmed, specs)  # doctest: +SKIP
    >>> got.raise_if_stale()  # doctest: +SKIP
    """
    out = SubjectRows()
    with IndexReader(index) as ix:
        resolved = resolve_sources(ix.sources, {r.source for r in rows}, specs)
        hasher = ColumnHasher(ix.tok, Context(region=ix.region))
        categories: dict[tuple[str, str], dict[str, str]] = {}
        for c in ix.collections.values():
            found = sorted(ix.findings(c.id), key=lambda f: -f.confidence)
            categories[(c.source, c.name)] = {}
            for f in found:
                categories[(c.source, c.name)].setdefault(f.column, f.category)
    groups: dict[tuple[str, str], list[SubjectRow]] = {}
    for r in rows:
        groups.setdefault((r.source, r.collection), []).append(r)
    fetched: dict[RowKey, tuple[dict[str, Any], str]] = {}
    holds: dict[RowKey, set[tuple[IndexColumn, bytes]]] = {}
    failed: set[str] = set()
    with ExitStack() as stack:
        sources = opened if opened is not None else stack.enter_context(
            OpenSources(resolved.values()))
        for (source, collection), group in groups.items():
            spec = resolved[source]
            got = sources.get(spec.label)
            if got is None:
                failed.add(source)
                continue
            try:
                with guard(spec.label, collection):
                    batch = got[0].fetch(collection, [r.locator for r in group])
            except SourceError as err:
                out.errors.append(SourceFailure.of(err, member=collection))
                failed.add(source)
                continue
            columns = {p.column for r in group for p in r.proofs}
            _record(batch, source, collection, spec.label, columns, hasher, fetched, holds)
        out.searched = sorted(sources.opened)
        out.errors = sources.errors + out.errors
    verified = _verify(rows, holds)
    for r in rows:
        if r.key in verified:
            values, label = fetched[r.key]
            out.rows.append(FetchedRow(r, label, values,
                                       categories.get((r.source, r.collection), {})))
        elif r.source in failed or any(p.parent and p.parent[0] in failed for p in r.proofs):
            out.unchecked.append(r)
        else:
            out.stale.append(r)
    return out


def _record(batch: LocatedBatch, source: str, collection: str, label: str,
            columns: set[IndexColumn], hasher: ColumnHasher,
            fetched: dict[RowKey, tuple[dict[str, Any], str]],
            holds: dict[RowKey, set[tuple[IndexColumn, bytes]]]) -> None:
    """Each fetched row's values, and the tokens its proof columns hold now."""
    locators: list[Locator] = list(batch.iter_locators())
    for loc, values in zip(locators, batch.batch.to_pylist(), strict=True):
        fetched[(source, collection, loc)] = (values, label)
        holds.setdefault((source, collection, loc), set())
    for col in columns:
        if not all(c in batch.batch.schema.names for c in col.sources):
            continue
        positions, tokens = column_postings(hasher, col, batch.batch, 0)
        for pos, token in zip(positions.tolist(), tokens, strict=True):
            holds[(source, collection, locators[pos])].add((col, bytes(token)))


def _verify(rows: Sequence[SubjectRow], holds: Mapping[RowKey, set[tuple[IndexColumn, bytes]]]
            ) -> set[RowKey]:
    """The rows that hold up: one of their proofs' tokens is in the row as fetched, and
    the row it came through (if any) holds up too."""
    verified: set[RowKey] = set()
    pending = list(rows)
    while pending:
        left = []
        for r in pending:
            held = holds.get(r.key)
            if held is not None and any((p.column, p.token) in held
                                        and (p.parent is None or p.parent in verified)
                                        for p in r.proofs):
                verified.add(r.key)
            else:
                left.append(r)
        if len(left) == len(pending):
            break
        pending = left
    return verified
