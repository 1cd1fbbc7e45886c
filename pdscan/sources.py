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
