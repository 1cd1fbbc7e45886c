"""Open sources safely: every failure becomes a one-line :class:`SourceError`."""

from __future__ import annotations

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
    source: str
    message: str

    @classmethod
    def of(cls, err: SourceError) -> SourceFailure:
        return cls(err.source, err.message)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "message": self.message}


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


def open_all(stack: ExitStack, specs: Iterable[SourceSpec], errors: list[SourceFailure]
             ) -> Iterator[tuple[SourceSpec, Connector, list[CollectionInfo]]]:
    """Open each source (closed with ``stack``) and list its collections; a source that
    fails is recorded in ``errors`` and skipped."""
    for spec in specs:
        try:
            conn = stack.enter_context(opened(spec))
            with guard(spec.label, "listing collections"):
                infos = conn.collections()
        except SourceError as err:
            errors.append(SourceFailure.of(err))
            continue
        yield spec, conn, infos


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
