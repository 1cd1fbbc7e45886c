"""JSON: line-delimited (NDJSON, ``.jsonl``) and documents (an array of records).

Both are parsed chunk by chunk with ``pyarrow.json.read_json`` (never the whole
file at once); nested objects become dotted columns (``user.address.city``) and
lists stay list columns.

* Line-delimited: locator ``{"path", "line"}``. Chunks hold whole lines; blank
  lines are skipped by the parser, so each record's line number comes from the
  positions of the non-blank lines of its chunk.
* Documents: locator ``{"path", "record"}``, the 0-based index in the array of
  records: the top-level array, or the first member of the top-level object that
  is an array of objects (``{"users": [...]}``; other members are not read). A
  lone object is one record. A ``.json`` file whose first line is a whole object
  followed by another object is read as line-delimited.

The schema is inferred from the first chunk (up to 1 MiB); later chunks are cast
to it. Fields that first appear later are not read (a warning names them), and a
field whose values later change kind (numbers, then text that is not a number)
makes the file fail with the line or record where it happens.
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO

import numpy as np
import pyarrow as pa
import pyarrow.json as pj

from ..batches import Piece
from ..schema import column_infos, flatten_batch, flatten_schema
from ..textio import (
    CHUNK_BYTES,
    detect_encoding,
    iter_line_chunks,
    iter_utf8_blocks,
    newline_is_byte,
    non_blank_lines,
    read_head,
    to_utf8,
)
from .base import ParseOptions, Probe, Source, StreamingFormat, WindowParser, estimate_rows
from .json_scan import iter_record_chunks

log = logging.getLogger(__name__)

#: Bytes of records the schema is inferred from.
PROBE_BYTES = 1024 * 1024

_ROW = re.compile(r"\s*in row (\d+)\s*$")


@dataclass(frozen=True)
class JsonLayout:
    lines: bool  # line-delimited, else a document
    encoding: str


def _parse(data: bytes, multiline: bool, where: Callable[[int], str]) -> pa.Table:
    """Parse whole records; a parse error names the line or record it happened at."""
    try:
        return pj.read_json(
            io.BytesIO(data),
            read_options=pj.ReadOptions(use_threads=False, block_size=len(data) + 1),
            parse_options=pj.ParseOptions(newlines_in_values=multiline))
    except pa.ArrowInvalid as exc:
        message = str(exc).splitlines()[0]
        m = _ROW.search(message)
        if m:
            message = f"{where(int(m.group(1)))}: {message[:m.start()]}"
        raise ValueError(message) from exc


def _line_tables(stream: IO[bytes], encoding: str, chunk_bytes: int,
                 skipped: list[int] | None = None) -> Iterator[tuple[pa.Table, np.ndarray]]:
    for first_line, data in iter_line_chunks(stream, encoding, chunk_bytes):
        found = _line_table(first_line, data, skipped)
        if found is not None:
            yield found


def _line_table(first_line: int, data: bytes, skipped: list[int] | None = None
                ) -> tuple[pa.Table, np.ndarray] | None:
    """The objects of whole lines of UTF-8 ``data`` and the line of each (None if all
    are blank). With ``skipped``, a line that is not a JSON object is left out and its
    number added there (one bad line in a log does not reject the file)."""
    lines = first_line + non_blank_lines(data)
    if not len(lines):
        return None

    def where(row: int) -> str:
        return f"line {lines[min(row, len(lines) - 1)]}"

    try:
        table = _parse(data, False, where)
    except ValueError:
        if skipped is None:
            raise
        data, lines = _good_lines(data, first_line, skipped)
        if not len(lines):
            return None
        table = _parse(data, False, where)
    if table.num_rows != len(lines):
        raise ValueError(f"lines {lines[0]}-{lines[-1]}: expected one JSON object per line")
    return table, lines


def _good_lines(data: bytes, first_line: int, skipped: list[int]) -> tuple[bytes, np.ndarray]:
    """The lines of ``data`` that hold a JSON object, and their numbers; the others'
    numbers go to ``skipped`` (Python per line: only for a chunk that failed to parse)."""
    good: list[bytes] = []
    numbers: list[int] = []
    for i, line in enumerate(data.split(b"\n")):
        if not line.strip():
            continue
        try:
            ok = isinstance(json.loads(line), dict)
        except ValueError:
            ok = False
        if ok:
            good.append(line)
            numbers.append(first_line + i)
        else:
            skipped.append(first_line + i)
    return b"\n".join(good) + b"\n", np.asarray(numbers, dtype=np.int64)


def _pieces(table: pa.Table, positions: np.ndarray) -> Iterator[Piece]:
    offset = 0
    for batch in table.to_batches():
        n = batch.num_rows
        yield flatten_batch(batch), positions[offset:offset + n]
        offset += n


def _document_tables(stream: IO[bytes], encoding: str,
                     chunk_bytes: int) -> Iterator[tuple[pa.Table, np.ndarray]]:
    record = 0
    for data in iter_record_chunks(iter_utf8_blocks(stream, encoding, chunk_bytes)):
        table = _parse(data, True, lambda row, at=record: f"record {at + row}")
        yield table, np.arange(record, record + table.num_rows, dtype=np.int64)
        record += table.num_rows


def _tables(stream: IO[bytes], layout: JsonLayout, chunk_bytes: int | None = None,
            skipped: list[int] | None = None) -> Iterator[tuple[pa.Table, np.ndarray]]:
    if layout.lines:
        return _line_tables(stream, layout.encoding, chunk_bytes or CHUNK_BYTES, skipped)
    return _document_tables(stream, layout.encoding, chunk_bytes or CHUNK_BYTES)


def _looks_line_delimited(head: bytes, encoding: str) -> bool:
    text = head.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")
    if not text.startswith("{"):
        return False
    first, _, rest = text.partition("\n")
    try:
        json.loads(first)
    except ValueError:
        return False  # an object spread over several lines: a document
    return rest.lstrip().startswith("{")


class _JsonBase(StreamingFormat):
    def _layout(self, head: bytes, encoding: str) -> JsonLayout:
        raise NotImplementedError

    def probe(self, source: Source, part: str | None, options: ParseOptions) -> Probe:
        with source.open() as stream:
            head, whole = read_head(stream)
            encoding = options.encoding or detect_encoding(head, whole)
            layout = self._layout(head, encoding)
            stream.seek(0)
            tables = _tables(stream, layout, PROBE_BYTES, skipped=[])  # read() warns
            first = next(tables, None)
            complete = first is None or next(tables, None) is None
        fields = flatten_schema(first[0].schema) if first else pa.schema([])
        # A field null throughout the first chunk may hold anything later: text is
        # what every scalar can be cast to. Its type is still unknown.
        unknown = {f.name: "unknown" for f in fields if pa.types.is_null(f.type)}
        schema = pa.schema([pa.field(f.name, pa.string()) if f.name in unknown else f
                            for f in fields])
        rows = first[0].num_rows if first else 0
        return Probe(
            schema=schema, columns=column_infos(schema, unknown),
            position_key="line" if layout.lines else "record", state=layout,
            row_count=None if complete else estimate_rows(rows, PROBE_BYTES, source),
            complete=complete)

    def read(self, source: Source, part: str | None, probe: Probe,
             columns: Sequence[str] | None, wanted: np.ndarray | None) -> Iterator[Piece]:
        skipped: list[int] = []
        with source.open() as stream:
            for table, positions in _tables(stream, probe.state, skipped=skipped):
                yield from _pieces(table, positions)
        if skipped:
            log.warning("%s: skipped %d line(s) that are not a JSON object, the first at "
                        "line %d", source.name, len(skipped), skipped[0])

    def window_parser(self, probe: Probe) -> WindowParser | None:
        layout: JsonLayout = probe.state
        if not layout.lines or not newline_is_byte(layout.encoding):
            return None  # a document's records span lines; UTF-16 has no newline byte

        def parse(first_line: int, data: bytes) -> list[Piece] | None:
            try:
                found = _line_table(first_line, to_utf8(data, layout.encoding), [])
            except (ValueError, UnicodeDecodeError):
                return None  # the full read reports it, with its line
            return list(_pieces(*found)) if found is not None else []

        return parse


class NdjsonFormat(_JsonBase):
    suffixes = (".ndjson", ".jsonl", ".ldjson", ".jsonlines")

    def _layout(self, head: bytes, encoding: str) -> JsonLayout:
        return JsonLayout(lines=True, encoding=encoding)


class JsonFormat(_JsonBase):
    suffixes = (".json",)

    def _layout(self, head: bytes, encoding: str) -> JsonLayout:
        return JsonLayout(lines=_looks_line_delimited(head, encoding), encoding=encoding)
