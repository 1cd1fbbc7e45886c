"""Open sources safely: every failure becomes a one-line :class:`SourceError`."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from pdscan.config import SourceSpec
from pdscan.connector import CollectionInfo, Connector, collection_names, describe
from pdscan.errors import CollectionNotFound, SourceError, guard
from pdscan.registry import open_connector


@dataclass(frozen=True)
class SourceFailure:
    """A source, or one member of it (a file, a table, a key pattern), that could not be
    read; ``member`` is None when the whole source failed."""

    source: str
    message: str
    member: str | None = None

    @classmethod
    def of(cls, err: SourceError, member: str | None = None) -> SourceFailure:
        return cls(err.source, err.message, member)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "member": self.member, "message": self.message}


@contextmanager
def opened(spec: SourceSpec) -> Iterator[Connector]:
    """Open ``spec``'s connector for the duration of a ``with`` block."""
    with guard(spec.label):
        conn = open_connector(spec.url, spec.label, spec.options)
    try:
        yield conn
    finally:
        # closing a broken connection must not hide the real error
        with suppress(Exception):
            conn.close()


class _Gather(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message not in self.into:
            self.into.append(message)


_gathering = threading.Lock()


@contextmanager
def connector_warnings(into: list[str]) -> Iterator[None]:
    """Gather what connectors warn about (a malformed row skipped, a file read in
    another encoding) into ``into`` while the block runs: shown once, in the table and
    in the JSON ``warnings``, instead of printed by ``logging``. Connectors word them
    without personal values."""
    logger = logging.getLogger("pdscan_connectors")
    handler = _Gather(into)
    with _gathering:
        propagate = logger.propagate
        logger.addHandler(handler)
        logger.propagate = False
    try:
        yield
    finally:
        with _gathering:
            logger.removeHandler(handler)
            logger.propagate = propagate if not logger.handlers else logger.propagate


def open_all(stack: ExitStack, specs: Iterable[SourceSpec], errors: list[SourceFailure]
             ) -> Iterator[tuple[SourceSpec, Connector, list[CollectionInfo]]]:
    """Open each source (closed with ``stack``) and list its collections; a source that
    fails is recorded in ``errors`` and skipped, and so is each member that cannot be
    described (the others go on)."""
    for spec in specs:
        try:
            conn = stack.enter_context(opened(spec))
            infos = describe_all(conn, errors)
        except SourceError as err:
            errors.append(SourceFailure.of(err))
            continue
        yield spec, conn, infos


def describe_all(conn: Connector, errors: list[SourceFailure],
                 names: Iterable[str] | None = None) -> list[CollectionInfo]:
    """Every collection's info (or those of ``names``); one that cannot be described is
    recorded in ``errors`` with its name and left out, the others are described.

    A source describes all its collections in one go when it can (a schema reflected in
    a few bulk queries); only when that fails are they described one by one, to find
    which member is at fault. Raises :class:`SourceError` when the source cannot even
    list its collections."""
    if names is None:
        try:
            with guard(conn.label, "listing collections"):
                infos = conn.collections()
        except SourceError:
            if not hasattr(conn, "collection_names"):
                raise
        else:
            errors += unreadable(conn)
            return infos
        with guard(conn.label, "listing collections"):
            names = collection_names(conn)
    infos: list[CollectionInfo] = []
    for name in names:
        try:
            with guard(conn.label, name):
                infos.append(describe(conn, name))
        except SourceError as err:
            errors.append(SourceFailure.of(err, member=name))
    return infos


def unreadable(conn: Connector) -> list[SourceFailure]:
    """The members a connector listed but could not describe (its optional
    ``unreadable`` mapping: name -> why)."""
    found: Mapping[str, str] = getattr(conn, "unreadable", None) or {}
    return [SourceFailure(conn.label, f"{name}: {why}", name) for name, why in found.items()]


class Collections(Mapping[str, CollectionInfo]):
    """A source's collections by name, each described when first asked for (a file is
    probed, a table reflected and counted): a request that touches three of a hundred
    collections describes three. Iterating lists them all."""

    def __init__(self, conn: Connector) -> None:
        self._conn = conn
        self._infos: dict[str, CollectionInfo] = {}
        self._names: list[str] | None = None
        self._missing: set[str] = set()

    def __getitem__(self, name: str) -> CollectionInfo:
        if name not in self._infos:
            if name in self._missing:
                raise KeyError(name)
            try:
                with guard(self._conn.label, name):
                    self._infos[name] = describe(self._conn, name)
            except CollectionNotFound as exc:
                self._missing.add(name)
                raise KeyError(name) from exc
        return self._infos[name]

    def _all(self) -> list[str]:
        if self._names is None:
            with guard(self._conn.label, "listing collections"):
                self._names = collection_names(self._conn)
        return self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def values(self) -> list[CollectionInfo]:  # type: ignore[override]
        """Every collection's info: described in one go (a SQL schema is reflected in a
        few bulk queries, not table by table)."""
        if len(self._infos) < len(self._all()):
            with guard(self._conn.label, "listing collections"):
                self._infos.update({i.name: i for i in self._conn.collections()})
        return [self._infos[n] for n in self._all() if n in self._infos]


class OpenSources:
    """Sources opened on first use and kept open until the ``with`` block ends, each
    with its collections by name (described when asked for); a source that fails to
    open is recorded in ``errors`` once and then answers None.

    >>> with OpenSources(specs) as sources:  # doctest: +SKIP
    ...     conn, infos = sources.get("shop")
    """

    def __init__(self, specs: Iterable[SourceSpec]) -> None:
        self.specs = {s.label: s for s in specs}
        self.errors: list[SourceFailure] = []
        self._stack = ExitStack()
        self._open: dict[str, tuple[Connector, Collections] | None] = {}

    def __enter__(self) -> OpenSources:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def get(self, label: str) -> tuple[Connector, Collections] | None:
        if label not in self._open:
            self._open[label] = None
            try:
                conn = self._stack.enter_context(opened(self.specs[label]))
            except SourceError as err:
                self.errors.append(SourceFailure.of(err))
            else:
                self._open[label] = (conn, Collections(conn))
        return self._open[label]

    @property
    def opened(self) -> list[str]:
        return [label for label, got in self._open.items() if got is not None]
