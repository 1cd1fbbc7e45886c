"""Excel workbooks (``.xlsx``/``.xlsm``) through openpyxl's read-only mode.

Each sheet is its own collection, named ``<file>#<sheet>`` (``people.xlsx#Customers``),
with locator ``{"path": "people.xlsx", "sheet": "Customers", "row": 7}`` where
``row`` is the 1-based spreadsheet row as Excel shows it. The first non-empty row
is the header when it is all text (else columns are named by letter: ``A``, ``B``
...). Empty rows are skipped. Column types come from the first rows; a later cell
that does not fit its column's type is read as null and reported in a warning.

openpyxl is optional (``pip install 'pdscan[excel]'``) and imported only when a
workbook is met.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

import numpy as np
import pyarrow as pa

from ..batches import Piece
from ..schema import column_infos
from .base import ParseOptions, Probe, Source, StreamingFormat

log = logging.getLogger(__name__)

_PROBE_ROWS = 1000
_BATCH_ROWS = 4096


class MissingDependency(ImportError):
    """openpyxl is not installed (the message says how to install it)."""


def _load(stream: IO[bytes]) -> Any:
    try:
        import openpyxl
    except ImportError as exc:
        raise MissingDependency(
            "reading Excel files needs openpyxl: pip install 'pdscan[excel]'") from exc
    return openpyxl.load_workbook(stream, read_only=True, data_only=True)


def _letter(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _kind(values: list[Any]) -> pa.DataType:
    seen = {type(v) for v in values if v is not None}
    if not seen:
        return pa.string()
    if seen == {bool}:
        return pa.bool_()
    if seen == {int}:
        return pa.int64()
    if seen <= {int, float}:
        return pa.float64()
    if seen <= {dt.datetime, dt.date}:
        return pa.timestamp("us")
    return pa.string()


def _as_text(v: Any) -> str | None:
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    return str(v)


def _fits(v: Any, kind: pa.DataType) -> bool:
    if pa.types.is_boolean(kind):
        return isinstance(v, bool)
    if pa.types.is_integer(kind):
        return isinstance(v, int) and not isinstance(v, bool)
    if pa.types.is_floating(kind):
        return isinstance(v, int | float) and not isinstance(v, bool)
    return isinstance(v, dt.date)


def _column(values: list[Any], kind: pa.DataType) -> tuple[pa.Array, int]:
    """An Arrow column of ``kind``, and how many cells did not fit it."""
    if pa.types.is_string(kind):
        return pa.array([_as_text(v) for v in values], kind), 0
    if pa.types.is_timestamp(kind):
        values = [dt.datetime.combine(v, dt.time()) if type(v) is dt.date else v
                  for v in values]
    try:
        return pa.array(values, kind), 0
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
        kept = [v if v is None or _fits(v, kind) else None for v in values]
        return pa.array(kept, kind), sum(1 for a, b in zip(values, kept, strict=True) if a != b)


@dataclass(frozen=True)
class SheetLayout:
    names: tuple[str, ...]
    types: tuple[pa.DataType, ...]
    #: 1-based spreadsheet row of the first data row.
    first_row: int


def _rows(wb: Any, sheet: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    ws = wb[sheet]
    # The stored dimensions can be wrong (some writers never update them); without
    # them openpyxl reads every row there is. It fills missing rows, so the count
    # below is the spreadsheet row number.
    ws.reset_dimensions()
    yield from enumerate(ws.iter_rows(values_only=True), 1)


class ExcelFormat(StreamingFormat):
    suffixes = (".xlsx", ".xlsm")

    def parts(self, source: Source) -> list[str | None]:
        with source.open() as stream:
            wb = _load(stream)
            try:
                return list(wb.sheetnames)
            finally:
                wb.close()

    def probe(self, source: Source, part: str | None, options: ParseOptions) -> Probe:
        assert part is not None
        header: tuple[Any, ...] | None = None
        first_row = 0
        data: list[tuple[Any, ...]] = []
        complete = True
        with source.open() as stream:
            wb = _load(stream)
            try:
                for number, row in _rows(wb, part):
                    if not any(v is not None for v in row):
                        continue
                    if not first_row:
                        first_row = number
                        is_header = options.header if options.header is not None else all(
                            isinstance(v, str) for v in row if v is not None)
                        if is_header:
                            header, first_row = row, number + 1
                            continue
                    if len(data) >= _PROBE_ROWS:
                        complete = False
                        break
                    data.append(row)
            finally:
                wb.close()
        width = max([len(header or ())] + [len(r) for r in data])
        while width and all((r[width - 1] if width <= len(r) else None) is None
                            for r in [*data, header or ()]):
            width -= 1
        names: list[str] = []
        for i in range(width):
            label = header[i] if header and i < len(header) else None
            base = " ".join(str(label).split()) if label is not None else _letter(i)
            name, k = base or _letter(i), 2
            while name in names:
                name, k = f"{base}_{k}", k + 1
            names.append(name)
        types = tuple(_kind([r[i] if i < len(r) else None for r in data]) for i in range(width))
        schema = pa.schema([pa.field(n, t) for n, t in zip(names, types, strict=True)])
        return Probe(schema=schema, columns=column_infos(schema), position_key="row",
                     state=SheetLayout(tuple(names), types, first_row or 1),
                     complete=complete)

    def read(self, source: Source, part: str | None, probe: Probe,
             columns: Sequence[str] | None, wanted: np.ndarray | None) -> Iterator[Piece]:
        assert part is not None
        layout: SheetLayout = probe.state
        width = len(layout.names)
        if not width:
            return
        misfits = wider = 0
        with source.open() as stream:
            wb = _load(stream)
            try:
                rows: list[tuple[Any, ...]] = []
                numbers: list[int] = []
                for number, row in _rows(wb, part):
                    if number < layout.first_row or not any(v is not None for v in row):
                        continue
                    if len(row) > width and any(v is not None for v in row[width:]):
                        wider += 1
                    rows.append(tuple(row[:width]) + (None,) * (width - len(row)))
                    numbers.append(number)
                    if len(rows) >= _BATCH_ROWS:
                        batch, bad = self._batch(rows, layout, probe.schema)
                        misfits += bad
                        yield batch, np.asarray(numbers, np.int64)
                        rows, numbers = [], []
                if rows:
                    batch, bad = self._batch(rows, layout, probe.schema)
                    misfits += bad
                    yield batch, np.asarray(numbers, np.int64)
            finally:
                wb.close()
        if misfits:
            log.warning("%s#%s: %d cell(s) did not fit their column's type and were read "
                        "as null", source.name, part, misfits)
        if wider:
            log.warning("%s#%s: %d row(s) had cells right of the %d columns seen in the "
                        "first rows; those cells were not read", source.name, part, wider, width)

    @staticmethod
    def _batch(rows: list[tuple[Any, ...]], layout: SheetLayout,
               schema: pa.Schema) -> tuple[pa.RecordBatch, int]:
        arrays: list[pa.Array] = []
        bad = 0
        for i, kind in enumerate(layout.types):
            arr, misfit = _column([r[i] for r in rows], kind)
            arrays.append(arr)
            bad += misfit
        return pa.RecordBatch.from_arrays(arrays, schema=schema), bad
