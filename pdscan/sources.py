"""Open sources safely: every failure becomes a one-line :class:`SourceError`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from pdscan.config import SourceSpec
from pdscan.connector import CollectionInfo, Connector
from pdscan.errors import SourceError, guard
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


class OpenSources:
    """Sources opened on first use and kept open until the ``with`` block ends, each
    with its collections by name; a source that fails is recorded in ``errors`` once
    and then answers None.

    >>> with OpenSources(specs) as sources:  # doctest: +SKIP
    ...     conn, infos = sources.get("shop")
    """

    def __init__(self, specs: Iterable[SourceSpec]) -> None:
        self.specs = {s.label: s for s in specs}
        self.errors: list[SourceFailure] = []
        self._stack = ExitStack()
        self._open: dict[str, tuple[Connector, dict[str, CollectionInfo]] | None] = {}

    def __enter__(self) -> OpenSources:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def get(self, label: str) -> tuple[Connector, dict[str, CollectionInfo]] | None:
        if label not in self._open:
            self._open[label] = None
            spec = self.specs[label]
            for _spec, conn, infos in open_all(self._stack, [spec], self.errors):
                self._open[label] = (conn, {i.name: i for i in infos})
        return self._open[label]

    @property
    def opened(self) -> list[str]:
        return [label for label, got in self._open.items() if got is not None]
