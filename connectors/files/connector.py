"""The files connector: collections are files, rows come from the format readers.

This module ties :mod:`.storage` (where bytes live) to :mod:`.formats` (how they are
parsed) and implements the connector protocol on top: listing with schemas,
bounded batches with locators, spread samples and fetches by locator. Every
failure while reading a file becomes a one-line
``SourceError(label, "<file>: <reason>")``.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from pdscan.connector import (
    APPLIED,
    DEFAULT_BATCH_SIZE,
    DRY_RUN,
    ChangeCheck,
    CollectionInfo,
    LocatedBatch,
    Locator,
    RowChange,
)
from pdscan.errors import CollectionNotFound, PdscanError, SourceError, UsageError

from .batches import (
    ConformError,
    LocatorShape,
    Piece,
    conform,
    only_positions,
    rechunk,
    reservoir_sample,
)
from .formats import FileFormat, ParseOptions, Probe, format_for, supported_suffixes
from .rewrite import Edit, NotWritable, rewrite
from .schema import project
from .storage import ZIP_SUFFIX, FileLimits, Storage, StoredFile, _fingerprint, strip_compression
from .windows import sample_windows

log = logging.getLogger(__name__)

OPTIONS = ("include", "exclude", "encoding", "delimiter", "header", "max_files",
           "storage_options", *FileLimits.OPTIONS)
#: Rows per batch read internally for samples and fetches.
_INTERNAL_BATCH = 64 * 1024
_NOISE = re.compile(r"^Could not open Parquet input source '[^']*': ")


def _reason(exc: BaseException) -> str:
    """One line a user can act on, from whatever a parser or filesystem raised."""
    if isinstance(exc, UnicodeDecodeError):
        return (f"cannot decode the text as {exc.encoding} ({exc.reason}); "
                "set the 'encoding' option")
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = (str(exc).strip().splitlines() or [""])[0].strip() or type(exc).__name__
    text = _NOISE.sub("", text)
    if "invalid UTF8" in text or "invalid utf8" in text.lower():
        text += "; set the 'encoding' option"
    return text


def _globs(value: Any, key: str, label: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    raise UsageError(f"{label}: option {key!r} must be a glob or a list of globs")


def _parse_options(opts: Mapping[str, Any], label: str) -> ParseOptions:
    encoding = opts.get("encoding")
    if encoding is not None:
        try:
            codecs.lookup(str(encoding))
        except LookupError as exc:
            raise UsageError(f"{label}: unknown encoding {encoding!r}") from exc
    delimiter = opts.get("delimiter")
    if delimiter is not None:
        delimiter = {"\\t": "\t", "tab": "\t"}.get(str(delimiter), str(delimiter))
        if len(delimiter) != 1:
            raise UsageError(f"{label}: option 'delimiter' must be one character")
    header = opts.get("header")
    if header is not None and not isinstance(header, bool):
        raise UsageError(f"{label}: option 'header' must be true or false")
    return ParseOptions(encoding=encoding, delimiter=delimiter, header=header)


@dataclass(frozen=True)
class _Target:
    """One collection: a file (or one sheet of a workbook) and its format."""

    name: str
    file: StoredFile
    fmt: FileFormat
    part: str | None

    @property
    def locator_base(self) -> dict[str, str]:
        base = {"path": self.file.name}
        if self.part is not None:
            base["sheet"] = self.part
        return base


class FilesConnector:
    """Files in a folder, a single file, or an fsspec URL (``memory://``, ``s3://`` ...).

    >>> conn = FilesConnector.open("sample_db/files/", "exports", {})  # doctest: +SKIP
    >>> [c.name for c in conn.collections()]  # doctest: +SKIP
    ['customers.csv', 'events.ndjson', 'people.xlsx#Sheet1']
    """

    secret_options: ClassVar[tuple[str, ...]] = ("storage_options",)

    def __init__(self, label: str, storage: Storage, parse: ParseOptions) -> None:
        self.label = label
        self._storage = storage
        self._parse = parse
        self._targets: dict[str, _Target] | None = None
        self._probes: dict[str, Probe] = {}

    @classmethod
    def open(cls, url: str, label: str, options: Mapping[str, Any]) -> FilesConnector:
        opts = dict(options)
        unknown = sorted(set(opts) - set(OPTIONS))
        if unknown:
            raise UsageError(f"{label}: unknown option(s) {', '.join(unknown)} for a files "
                             f"source (known: {', '.join(OPTIONS)})")
        max_files = opts.get("max_files")
        if max_files is not None and (not isinstance(max_files, int) or max_files < 1):
            raise UsageError(f"{label}: option 'max_files' must be a positive integer")
        parse = _parse_options(opts, label)
        storage = Storage.from_url(
            url, label, opts.get("storage_options"),
            include=_globs(opts.get("include"), "include", label),
            exclude=_globs(opts.get("exclude"), "exclude", label), max_files=max_files,
            limits=FileLimits.from_options(label, opts))
        if not storage.is_dir:
            name = storage.root.rsplit("/", 1)[-1]
            readable = format_for(strip_compression(name)) is not None
            if not readable and not name.lower().endswith(ZIP_SUFFIX):
                raise SourceError(label, f"{name}: unsupported file type (supported: "
                                         f"{', '.join(supported_suffixes())}, .zip, .gz, .bz2)")
        return cls(label, storage, parse)

    @classmethod
    def identity(cls, url: str, options: Mapping[str, Any]) -> str:
        """The folder or file a URL names, as fsspec addresses it (``file:///abs/dir``)."""
        from fsspec.core import url_to_fs

        fs, root = url_to_fs(url, **dict(options.get("storage_options") or {}))
        return str(fs.unstrip_protocol(root.rstrip("/") or "/"))

    def __enter__(self) -> FilesConnector:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._targets = None
        self._probes.clear()

    @contextmanager
    def _guard(self, name: str) -> Iterator[None]:
        try:
            yield
        except PdscanError:
            raise
        except Exception as exc:
            raise SourceError(self.label, f"{name}: {_reason(exc)}") from exc

    # -- catalogue ---------------------------------------------------------------

    def _catalogue(self) -> dict[str, _Target]:
        if self._targets is None:
            with self._guard("listing files"):
                entries = self._storage.entries(lambda n: format_for(n) is not None)
            targets: dict[str, _Target] = {}
            for entry in entries:
                fmt = format_for(entry.format_name)
                assert fmt is not None
                file = StoredFile(self._storage, entry)
                with self._guard(entry.name):
                    parts = fmt.parts(file)
                for part in parts:
                    name = entry.name if part is None else f"{entry.name}#{part}"
                    targets[name] = _Target(name, file, fmt, part)
            self._targets = targets
        return self._targets

    def _target(self, collection: str) -> _Target:
        target = self._catalogue().get(collection)
        if target is None:
            raise CollectionNotFound(self.label, collection)
        return target

    def _probe(self, target: _Target) -> Probe:
        if target.name not in self._probes:
            with self._guard(target.name):
                self._probes[target.name] = target.fmt.probe(target.file, target.part,
                                                             self._parse)
        return self._probes[target.name]

    def collections(self) -> list[CollectionInfo]:
        """One collection per file (per sheet for workbooks), probing each file's head.

        A file that cannot be read raises :class:`SourceError` naming it, rather than
        being skipped: a scan that silently misses a file is worse than one that stops.
        """
        return [self._info(target) for target in self._catalogue().values()]

    def collection_names(self) -> list[str]:
        """The collections, without probing them (see ``pdscan.connector.describe``)."""
        return list(self._catalogue())

    def describe(self, collection: str) -> CollectionInfo:
        """One collection's info, probing only its file."""
        return self._info(self._target(collection))

    def _info(self, target: _Target) -> CollectionInfo:
        probe = self._probe(target)
        count, exact = probe.row_count, probe.row_count_exact
        if probe.complete and not exact:
            # the whole file fitted in the probe: counting it is as cheap as that was
            count = sum(lb.num_rows for lb in self._located(target, probe, None,
                                                            _INTERNAL_BATCH))
            exact = True
        return CollectionInfo(
            source=self.label, name=target.name, kind="file", columns=probe.columns,
            row_count=count, row_count_exact=exact, weak_locator=True,
            fingerprint=dict(target.file.entry.fingerprint))

    # -- reading -----------------------------------------------------------------

    def _columns(self, target: _Target, probe: Probe,
                 columns: Sequence[str] | None) -> list[str] | None:
        if columns is None:
            return None
        cols = list(dict.fromkeys(columns))
        for c in cols:
            if probe.schema.get_field_index(c) < 0:
                raise SourceError(self.label, f"{target.name}: no column named {c!r}")
        return cols

    def _conformed(self, target: _Target, probe: Probe, pieces: Iterable[Piece],
                   schema: pa.Schema) -> Iterator[Piece]:
        warned = False
        for batch, positions in pieces:
            try:
                batch, dropped = conform(batch, schema)
            except ConformError as exc:
                where = f"{probe.position_key} {positions[0]}" if len(positions) else "?"
                raise ValueError(f"from {where}: {exc}") from exc
            if dropped and not warned and len(schema) == len(probe.schema):
                log.warning("%s: %s: fields first seen after the first block are not read: "
                            "%s", self.label, target.name, ", ".join(dropped[:10]))
                warned = True
            yield batch, positions

    def _located(self, target: _Target, probe: Probe, columns: list[str] | None,
                 batch_size: int, wanted: np.ndarray | None = None,
                 pieces: Iterable[Piece] | None = None) -> Iterator[LocatedBatch]:
        """Located batches of the collection (or of ``pieces`` of it), projected."""
        schema = project(probe.schema, columns)
        shape = LocatorShape(target.locator_base, probe.position_key)
        before = self._stat(target) if pieces is None and wanted is None else None
        with self._guard(target.name):
            if pieces is None:
                pieces = target.fmt.read(target.file, target.part, probe, columns, wanted)
            pieces = self._conformed(target, probe, pieces, schema)
            if wanted is not None:
                pieces = only_positions(pieces, wanted)
            for batch, positions in rechunk(pieces, batch_size):
                yield shape.located(batch, positions)
            if before is not None and self._stat(target) != before:
                # truncated, appended to or replaced while read: rows of two versions,
                # or stopped short
                raise SourceError(self.label, f"{target.name}: changed while it was read "
                                              "(size or modification time); read it again")

    def _stat(self, target: _Target) -> dict[str, Any] | None:
        """A file's size and modification time now (None for a zip member: the archive
        is opened once)."""
        entry = target.file.entry
        if entry.member is not None:
            return None
        return _fingerprint(self._storage.fs.info(entry.path))

    def _prepare(self, collection: str, columns: Sequence[str] | None
                 ) -> tuple[_Target, Probe, list[str] | None, LocatorShape]:
        target = self._target(collection)
        probe = self._probe(target)
        cols = self._columns(target, probe, columns)
        return target, probe, cols, LocatorShape(target.locator_base, probe.position_key)

    def read(self, collection: str, columns: Sequence[str] | None = None,
             batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[LocatedBatch]:
        target, probe, cols, _ = self._prepare(collection, columns)
        yield from self._located(target, probe, cols, batch_size)

    def _gather(self, target: _Target, probe: Probe, cols: list[str] | None,
                shape: LocatorShape, wanted: np.ndarray) -> LocatedBatch:
        schema = project(probe.schema, cols)
        if not len(wanted):
            return shape.empty(schema)
        found = list(self._located(target, probe, cols, _INTERNAL_BATCH, wanted))
        return LocatedBatch.concat(found) if found else shape.empty(schema)

    def sample(self, collection: str, n: int, columns: Sequence[str] | None = None,
               seed: int = 0) -> LocatedBatch:
        """Up to ``n`` rows drawn uniformly over the whole file, in file order."""
        target, probe, cols, shape = self._prepare(collection, columns)
        rng = np.random.default_rng(seed)
        if n <= 0:
            return shape.empty(project(probe.schema, cols))
        positions = target.fmt.sample_positions(probe, n, rng)
        if positions is not None:
            return self._gather(target, probe, cols, shape, positions)
        pieces = self._windows(target, probe, n, rng)
        kept = reservoir_sample(self._located(target, probe, cols, _INTERNAL_BATCH,
                                              pieces=pieces), n, rng)
        return kept if kept is not None else shape.empty(project(probe.schema, cols))

    def _windows(self, target: _Target, probe: Probe, n: int,
                 rng: np.random.Generator) -> list[Piece] | None:
        """Rows from windows spread over a large line-oriented file (see windows.py);
        None to parse the whole file instead."""
        parse = target.fmt.window_parser(probe)
        size = target.file.size
        if parse is None or not size:
            return None
        row_bytes = size / probe.row_count if probe.row_count else 200.0
        with self._guard(target.name):
            return sample_windows(target.file, parse, n, row_bytes, rng)

    def fetch(self, collection: str, locators: Sequence[Locator],
              columns: Sequence[str] | None = None) -> LocatedBatch:
        """The rows at ``locators``, in file order; locators of other files are ignored."""
        target, probe, cols, shape = self._prepare(collection, columns)
        wanted = shape.positions(loc.to_dict() for loc in locators)
        return self._gather(target, probe, cols, shape, wanted)

    # -- writing (erasure): see rewrite.py -----------------------------------------

    def render_changes(self, changes: Sequence[RowChange]) -> list[str]:
        out = []
        for c in changes:
            where = ", ".join(f"{k} {v}" for k, v in c.locator.to_dict().items()
                              if k != "path")
            if c.action == "delete":
                out.append(f"{c.collection}: remove the record at {where}")
            else:
                sets = ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}"
                                 for k, v in c.values.items())
                out.append(f"{c.collection}: at {where}, set {sets}")
        return out

    def apply_changes(self, changes: Sequence[RowChange], check: ChangeCheck,
                      dry_run: bool = False) -> list[str]:
        """Each file's changes in one rewrite of it (renamed over it)."""
        outcomes: dict[int, str] = {}
        for collection in dict.fromkeys(c.collection for c in changes):
            mine = [(i, c) for i, c in enumerate(changes) if c.collection == collection]
            target, probe, _cols, shape = self._prepare(collection, None)
            now = self.fetch(collection, [c.locator for _, c in mine]).rows_by_locator()
            edits: dict[int, Edit] = {}
            for i, c in mine:
                current = now.get(c.locator)
                outcomes[i] = check(c, current)
                if outcomes[i] == "apply":
                    outcomes[i] = DRY_RUN if dry_run else APPLIED
                    [position] = shape.positions([c.locator.to_dict()]).tolist()
                    edits[position] = Edit(c.action == "delete", c.values, current or {})
            if edits and not dry_run:
                with self._guard(collection):
                    try:
                        rewrite(self._storage, target.file.entry, target.fmt, probe, edits)
                    except NotWritable as exc:
                        raise SourceError(self.label, str(exc)) from exc
                self._targets = None  # positions and sizes changed
                self._probes.clear()
        return [outcomes[i] for i in range(len(changes))]

    #: No collection here declares a foreign key (erasure need not look for them).
    declares_keys: ClassVar[bool] = False

    def references(self, collection: str, columns: Sequence[str],
                   keys: Sequence[Sequence[Any]]) -> LocatedBatch:
        """Files declare no foreign keys: nothing references their rows."""
        _target, probe, _cols, shape = self._prepare(collection, None)
        return shape.empty(probe.schema)
