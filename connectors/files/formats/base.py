"""What every file format provides to the connector, and the values they exchange."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import IO, Any, ClassVar, Protocol

import numpy as np
import pyarrow as pa

from pdscan.connector import ColumnInfo

from ..batches import Piece

#: Parses a window of whole lines (the file's own bytes and encoding) whose first
#: physical line number is given, as one record per line; None when the window does
#: not split that way (see ``windows.py``).
WindowParser = Callable[[int, bytes], list[Piece] | None]


class Source(Protocol):
    """A file as a format sees it (see ``storage.StoredFile``)."""

    @property
    def name(self) -> str: ...

    @property
    def size(self) -> int | None: ...

    @property
    def compressed(self) -> bool: ...

    def open(self) -> AbstractContextManager[IO[bytes]]: ...


@dataclass(frozen=True)
class ParseOptions:
    """The user's parsing options (the connector's ``encoding``/``delimiter``/``header``)."""

    encoding: str | None = None
    delimiter: str | None = None
    header: bool | None = None


@dataclass(frozen=True)
class Probe:
    """What a format learnt from the first block of a collection."""

    #: Schema of the batches :meth:`FileFormat.read` yields (flat, dotted names).
    schema: pa.Schema
    columns: tuple[ColumnInfo, ...]
    #: Locator key of the row position: "line", "record" or "row".
    position_key: str
    #: Format-specific settings found while probing (dialect, encoding, header row ...).
    state: Any = None
    row_count: int | None = None
    row_count_exact: bool = False
    #: True when the probe saw the whole collection, so counting its rows is cheap.
    complete: bool = False


class FileFormat(Protocol):
    #: Lower-case name suffixes this format reads (after any compression suffix).
    suffixes: ClassVar[tuple[str, ...]]

    def parts(self, source: Source) -> list[str | None]:
        """Collections inside one file: sheet names for a workbook, else ``[None]``."""
        ...

    def probe(self, source: Source, part: str | None, options: ParseOptions) -> Probe: ...

    def read(self, source: Source, part: str | None, probe: Probe,
             columns: Sequence[str] | None, wanted: np.ndarray | None) -> Iterator[Piece]:
        """Stream the rows with their positions, in position order.

        ``columns`` and ``wanted`` (sorted positions) are hints a format may use to read
        less; the connector projects and filters the result itself.
        """
        ...

    def sample_positions(self, probe: Probe, n: int,
                         rng: np.random.Generator) -> np.ndarray | None:
        """Positions to sample when the format can seek to them; None to stream."""
        ...

    def window_parser(self, probe: Probe) -> WindowParser | None:
        """How to parse a window of lines of this collection; None when it cannot be
        sampled by windows (records span lines, or line breaks are not ``\\n`` bytes)."""
        ...


class StreamingFormat:
    """Defaults for formats read front to back, one collection per file."""

    suffixes: ClassVar[tuple[str, ...]] = ()

    def parts(self, source: Source) -> list[str | None]:
        return [None]

    def sample_positions(self, probe: Probe, n: int,
                         rng: np.random.Generator) -> np.ndarray | None:
        return None

    def window_parser(self, probe: Probe) -> WindowParser | None:
        return None


def estimate_rows(rows_in_head: int, head_bytes: int, source: Source) -> int | None:
    """Rows in the whole file, extrapolated from its head (None when compressed)."""
    if source.compressed or not source.size or not head_bytes or not rows_in_head:
        return None
    return max(rows_in_head, round(rows_in_head * source.size / head_bytes))
